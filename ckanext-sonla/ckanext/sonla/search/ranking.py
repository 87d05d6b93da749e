"""Order of the results: relevance to the free text (accents count), or the ``sort`` parameter."""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import ckan.plugins as plugins
import sqlalchemy as sa
from ckanext.sonla.compat import TSQUERY, SearchQueryError
from sqlalchemy.dialects.postgresql import ARRAY

from . import conditions, document, query_parser, text
from .table import search_index as t

SORT_COLUMNS = {
    "name": t.c.name,
    "title_string": t.c.title_sort,
    "metadata_modified": t.c.metadata_modified,
    "metadata_created": t.c.metadata_created,
}
RELEVANCE = {"score", "rank"}
# ts_rank's weights of the vector's D, C, B and A words (document.py: resources; agency and other
# metadata; description and themes; title and tags). PostgreSQL's defaults, but for D, halved: a word
# in a file's name or description alone says little about the dataset.
WEIGHTS = [0.05, 0.2, 0.4, 1.0]
# A query's words side by side in the text ("trường học", a school, not "môi trường … học sinh") weigh
# this much more: Vietnamese words are often two or more syllables, and the syllables alone mean other
# things.
PHRASE_BONUS = 1.0
# Page views, indexed by CKAN's tracking plugin (its before_dataset_index adds them).
VIEW_COUNTS = ("views_recent", "views_total")
# Solr's and CKAN's order when ``sort`` is not given.
DEFAULT_SORT = "score desc, metadata_modified desc"


@dataclass(frozen=True)
class Relevance:
    score: sa.ColumnElement[Any]
    # Query words each row's score looks up (folded, accented, pairs side by side): the cost of
    # scoring one row, for the ranking budget (ranking_budget.py).
    lookups: int


def rank(q_node: query_parser.Node) -> Relevance | None:
    """Relevance of a row to the query's free text; None when there is no text."""
    terms = conditions.text_terms(q_node)
    folded_texts = [conditions.tsquery_text(x.value, phrase=x.phrase) for x in terms]
    exact_texts = [conditions.tsquery_text(x.value, phrase=x.phrase, folded=False) for x in terms]
    folded = [f"({f})" for f in folded_texts if f]
    exact = [f"({e})" for e in exact_texts if e]
    if exact == folded:
        exact = []  # a query without accents: the second score would only double the first
    if not folded:
        return None
    # Exact accented words add a second score, so "trường" outranks "truong".
    score: sa.ColumnElement[Any] = _ts_rank(" | ".join(folded))
    if exact:
        score = score + _ts_rank(" | ".join(exact))
    pairs = [f"({conditions.lexeme(a)} <-> {conditions.lexeme(b)})" for a, b in dict.fromkeys(_neighbours(q_node))]
    if pairs:
        # ts_rank scores a phrase as if its words were anywhere: whether they are side by side is
        # asked with @@, which does check it.
        phrases = " | ".join(pairs)
        side_by_side = t.c.rank_vector.op("@@")(sa.cast(phrases, TSQUERY))
        score = score + sa.case((side_by_side, PHRASE_BONUS * _ts_rank(phrases)), else_=0)
    words = sum(len(text.folded_words(x.value)) for x in terms)
    lookups = words * (2 if exact else 1) + 2 * len(pairs)
    return Relevance(score, lookups)


def _ts_rank(query: str) -> sa.ColumnElement[Any]:
    weights = sa.cast(sa.literal(WEIGHTS, ARRAY(sa.REAL)), ARRAY(sa.REAL))
    return sa.func.ts_rank(weights, t.c.rank_vector, sa.cast(query, TSQUERY))


def _free_words(node: query_parser.Node) -> list[str] | None:
    """The folded words of a free-text term that is neither a phrase nor fuzzy; None for any other node."""
    if isinstance(node, query_parser.Term) and node.field in (None, "text") and not node.phrase and not node.fuzzy:
        return text.folded_words(node.value.rstrip("*"))
    return None


def _neighbours(node: query_parser.Node) -> list[tuple[str, str]]:
    """The free words typed side by side, in pairs: "danh sach truong" -> (danh, sach), (sach, truong).

    Words of one term and of neighbouring terms of an AND (the parser makes a term of each word);
    anything else between two words (a field, a NOT, a group) breaks the run.
    """
    pairs: list[tuple[str, str]] = []
    if isinstance(node, query_parser.And):
        run: list[str] = []
        for child in node.nodes:
            words = _free_words(child)
            if words is None:
                pairs.extend(pairwise(run))
                run = []
                pairs.extend(_neighbours(child))
            else:
                run.extend(words)
        pairs.extend(pairwise(run))
    elif isinstance(node, query_parser.Or):
        pairs.extend(p for child in node.nodes for p in _neighbours(child))
    else:
        words = _free_words(node) or []
        pairs.extend(pairwise(words))
    return pairs


def by_relevance(sort: str) -> bool:
    """Whether ``sort`` orders by relevance (the default does)."""
    parts = [p.split() for p in (sort or DEFAULT_SORT).split(",")]
    return any(bits and bits[0] in RELEVANCE for bits in parts)


def order_by(sort: str, rank: sa.ColumnElement[Any] | None) -> list[Any]:
    """ORDER BY for ``sort``; ``rank`` is the relevance score (None: the query has no free text)."""
    order: list[Any] = []
    for part in [p.strip() for p in (sort or DEFAULT_SORT).split(",")]:
        if not part:
            continue
        bits = part.split()
        field = bits[0]
        if len(bits) != 2 or bits[1].lower() not in ("asc", "desc"):
            # Solr's rule (and error): every sort field needs its direction.
            raise SearchQueryError(
                f'Tham số "sort" không hợp lệ: "{part}" cần hướng sắp xếp asc hoặc desc / '
                f"Can't determine a Sort Order (asc or desc) in sort spec '{part}'")
        direction = bits[1].lower()
        if field in RELEVANCE:
            if rank is None:
                continue  # no free text: every row is equally relevant
            expression = rank
        elif field in SORT_COLUMNS:
            expression = SORT_COLUMNS[field]
        elif field in VIEW_COUNTS:
            expression = _views(field)
        elif re.fullmatch(r"[A-Za-z0-9_]+", field):
            if document.is_multi_valued(field):
                # Solr's rule: a field with several values per dataset has no order of its own.
                raise SearchQueryError(
                    f'Không sắp xếp được theo trường nhiều giá trị "{field}" / '
                    f"can not sort on multivalued field: {field}")
            # Any other name is accepted, as CKAN's Solr schema (dynamicField "*") does.
            expression = t.c.fields[field][0].astext
        else:
            raise SearchQueryError('Invalid "sort" parameter')
        order.append(expression.desc().nulls_last() if direction == "desc"
                     else expression.asc().nulls_last())
    order.append(t.c.name.asc())  # stable paging
    return order


def _views(field: str) -> sa.ColumnElement[Any]:
    if not plugins.plugin_loaded("tracking"):
        raise SearchQueryError(
            f'Không sắp xếp được theo "{field}": cổng không bật đếm lượt xem (plugin tracking). / '
            f'Cannot sort by "{field}": page views are not tracked (the tracking plugin is off).')
    return t.c[field]
