"""Order of the results: relevance to the free text (accents count), or the ``sort`` parameter."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins as plugins
import sqlalchemy as sa
from ckanext.sonla.compat import TSQUERY, SearchQueryError

from . import conditions, document, query_parser
from .table import search_index as t

SORT_COLUMNS = {
    "name": t.c.name,
    "title_string": t.c.title_sort,
    "metadata_modified": t.c.metadata_modified,
    "metadata_created": t.c.metadata_created,
}
RELEVANCE = {"score", "rank"}
# Page views, indexed by CKAN's tracking plugin (its before_dataset_index adds them).
VIEW_COUNTS = ("views_recent", "views_total")


def rank(q_node: query_parser.Node) -> sa.ColumnElement[Any] | None:
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
    score: sa.ColumnElement[Any] = sa.func.ts_rank(t.c.search_vector, sa.cast(" | ".join(folded), TSQUERY))
    if exact:
        score = score + sa.func.ts_rank(t.c.search_vector, sa.cast(" | ".join(exact), TSQUERY))
    return score


def order_by(sort: str, rank: sa.ColumnElement[Any] | None) -> list[Any]:
    order: list[Any] = []
    for part in [p.strip() for p in (sort or "score desc, metadata_modified desc").split(",")]:
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
