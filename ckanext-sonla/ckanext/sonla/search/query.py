"""Answer CKAN's dataset searches from the PostgreSQL index (replaces Solr queries)."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

import ckan.plugins as plugins
import sqlalchemy as sa
from ckanext.sonla.compat import (
    TSQUERY,
    VALID_SOLR_PARAMETERS,
    SearchError,
    SearchQuery,
    SearchQueryError,
    config,
    model,
)
from sqlalchemy.dialects.postgresql import ARRAY

from .. import clock
from . import bounds, conditions, document, facets, query_parser, summary, tally_cache
from .table import search_index as t
from .table import search_words

log = logging.getLogger(__name__)

_SPLIT = re.compile(r"[\s,]+")
_COLUMN_FIELDS = {"id", "name", "data_dict", "validated_data_dict", "score"}
SORT_COLUMNS = {
    "name": t.c.name,
    "title_string": t.c.title_sort,
    "metadata_modified": t.c.metadata_modified,
    "metadata_created": t.c.metadata_created,
}
RELEVANCE = {"score", "rank"}
# Page views, indexed by CKAN's tracking plugin (its before_dataset_index adds them).
VIEW_COUNTS = ("views_recent", "views_total")


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        if value.startswith("["):
            try:
                return [str(v) for v in json.loads(value)]
            except ValueError:
                pass
        return [value]
    return [str(v) for v in value]


def _parse(text: str) -> query_parser.Node:
    try:
        return query_parser.parse(text)
    except query_parser.QuerySyntaxError as error:
        raise SearchQueryError(f"Invalid search query: {error}") from error


def _compile(node: query_parser.Node) -> sa.ColumnElement[bool]:
    """SQL for a parsed query; values it cannot use (a bad date) are the caller's error (HTTP 400)."""
    try:
        return conditions.compile_node(node)
    except query_parser.QuerySyntaxError as error:
        raise SearchQueryError(f"Invalid search query: {error}") from error


class PgPackageSearchQuery(SearchQuery):
    """A drop-in for CKAN's ``PackageSearchQuery`` backed by ``sonla_search_index``."""

    facets: dict[str, dict[str, int]]

    def get_all_entity_ids(self, max_results: int = 1000) -> list[str]:
        # Every indexed dataset, drafts and private ones included (CKAN's rebuild
        # --only-missing compares this with the datasets table).
        statement = (
            sa.select(t.c.package_id)
            .where(t.c.site_id == config.get("ckan.site_id"))
            .limit(max_results)
        )
        return [row[0] for row in model.Session.execute(statement)]

    def get_index(self, reference: str) -> dict[str, Any]:
        if not isinstance(reference, str):
            # As Solr would: an id that is not a string finds nothing (callers fall back to the DB).
            raise SearchError(f"Dataset not found in the search index: {reference!r}")
        row = model.Session.execute(
            sa.select(t).where(sa.or_(t.c.package_id == reference, t.c.name == reference))
        ).mappings().first()
        if row is None:
            raise SearchError(f"Dataset not found in the search index: {reference}")
        result = document.to_solr_like(row["fields"])
        result.update(id=row["package_id"], data_dict=row["data_dict"],
                      validated_data_dict=row["validated_data_dict"])
        return result

    @staticmethod
    def _filters(nodes: list[query_parser.Node], active_only: bool,
                 permission_labels: list[str] | None) -> list[Any]:
        """Everything but the free-text query: site, fq/fq_list, state, permissions."""
        clauses: list[sa.ColumnElement[bool]] = [t.c.site_id == config.get("ckan.site_id")]
        clauses.extend(_compile(node) for node in nodes)
        if active_only:
            clauses.append(t.c.state == "active")
        if permission_labels is not None:
            clauses.append(t.c.permission_labels.op("&&")(
                sa.cast(sa.literal(list(permission_labels)), ARRAY(sa.UnicodeText))))
        return clauses

    @staticmethod
    def _rank(q_node: query_parser.Node) -> sa.ColumnElement[Any] | None:
        """Relevance of a row to the query's free text; None when there is no text."""
        terms = conditions.text_terms(q_node)
        folded = [conditions.tsquery_text(x.value, phrase=x.phrase) for x in terms]
        exact = [conditions.tsquery_text(x.value, phrase=x.phrase, folded=False) for x in terms]
        folded = [f"({f})" for f in folded if f]
        exact = [f"({e})" for e in exact if e]
        if exact == folded:
            exact = []  # a query without accents: the second score would only double the first
        if not folded:
            return None
        # Exact accented words add a second score, so "trường" outranks "truong".
        rank = sa.func.ts_rank(t.c.search_vector, sa.cast(" | ".join(folded), TSQUERY))
        if exact:
            rank = rank + sa.func.ts_rank(t.c.search_vector, sa.cast(" | ".join(exact), TSQUERY))
        return rank

    @staticmethod
    def _order_by(sort: str, rank: sa.ColumnElement[Any] | None) -> list[Any]:
        order: list[Any] = []
        for part in [p.strip() for p in (sort or "score desc, metadata_modified desc").split(",")]:
            if not part:
                continue
            bits = part.split()
            field = bits[0]
            direction = bits[1].lower() if len(bits) > 1 else "asc"
            if direction not in ("asc", "desc") or len(bits) > 2:
                raise SearchQueryError('Invalid "sort" parameter')
            if field in RELEVANCE:
                if rank is None:
                    continue  # no free text: every row is equally relevant
                expression = rank
            elif field in SORT_COLUMNS:
                expression = SORT_COLUMNS[field]
            elif field in VIEW_COUNTS:
                expression = _views(field)
            elif re.fullmatch(r"[A-Za-z0-9_]+", field):
                expression = t.c.fields[field][0].astext
            else:
                raise SearchQueryError('Invalid "sort" parameter')
            order.append(expression.desc().nulls_last() if direction == "desc"
                         else expression.asc().nulls_last())
        order.append(t.c.name.asc())  # stable paging
        return order

    def run(self, query: dict[str, Any], permission_labels: list[str] | None = None,
            **kwargs: Any) -> dict[str, Any]:
        with bounds.statement_timeout():
            return self._run(query, permission_labels)

    def _run(self, query: dict[str, Any], permission_labels: list[str] | None) -> dict[str, Any]:
        invalid = set(query.keys()) - VALID_SOLR_PARAMETERS - {"q.op"}
        if invalid:
            raise SearchQueryError(f"Invalid search parameters: {sorted(invalid)}")
        try:
            rows = int(query.get("rows", 10))
            start = int(query.get("start", 0))
        except (TypeError, ValueError) as error:
            raise SearchQueryError("rows and start must be integers") from error
        fields, limit, mincount = _facet_request(query)
        fq_texts = _as_list(query.get("fq")) + _as_list(query.get("fq_list"))
        q_text = query.get("q") or ""
        for name, text in (("q", q_text), *(("fq", fq) for fq in fq_texts)):
            bounds.check_text(name, text)
        fq_nodes = [_parse(fq) for fq in fq_texts]
        bounds.check_terms("fq", fq_nodes)
        active_only = _default_state(fq_texts)
        filters = self._filters(fq_nodes, active_only, permission_labels)
        q_node = _parse(q_text)
        bounds.check_terms("q", [q_node])
        q_node = conditions.with_prefix_on_last_word(q_node)
        where = sa.and_(*filters, _compile(q_node))
        key = _cache_key(query, permission_labels, q_node)
        scope = summary.scope(q_node, fq_nodes, permission_labels, active_only)
        counted = facets.tally(where, fields, key, scope)
        self.fuzzy = False
        if counted.count == 0:
            # Nothing found: try again with misspelt words corrected ("truonh hocc" -> "truong hoc").
            corrections = self._corrections(conditions.fuzzy_words(q_node))
            if corrections:
                q_node = conditions.replace_words(q_node, corrections)
                where = sa.and_(*filters, _compile(q_node))
                key = _cache_key(query, permission_labels, q_node)
                counted = facets.tally(where, fields, key)
                self.fuzzy = counted.count > 0
        self.count = counted.count
        rank = self._rank(q_node)
        fl = [f for f in _SPLIT.split(query.get("fl") or "name") if f]
        self.results = self._results(where, rank, query.get("sort") or "", rows, start, fl, key)
        self.facets = facets.shape(counted, limit, mincount)
        return {"results": self.results, "count": self.count}

    @staticmethod
    def _corrections(words: list[str]) -> dict[str, str]:
        """Closest indexed word (pg_trgm similarity) for each query word the index lacks."""
        corrections: dict[str, str] = {}
        for word in dict.fromkeys(words):
            known = model.Session.execute(
                sa.select(search_words.c.word).where(search_words.c.word == word)).first()
            if known:
                continue
            closest = model.Session.execute(
                sa.select(search_words.c.word)
                .where(search_words.c.word.op("%")(word))
                .order_by(search_words.c.word.op("<->")(word))
                .limit(1)
            ).scalar()
            if closest:
                corrections[word] = closest
        return corrections

    def _results(self, where, rank, sort: str, rows: int, start: int, fl: list[str],
                 key: tuple[Any, ...] | None) -> list[Any]:
        order = self._order_by(sort, rank)  # a bad sort is an error even when nothing matches
        if rows <= 0 or start >= self.count:
            return []
        page = self._page(where, order, rows, start, None if key is None else (*key, sort))
        if not page:
            return []
        statement = (
            sa.select(t.c.package_id, t.c.name, t.c.fields, t.c.data_dict, t.c.validated_data_dict,
                      (rank if rank is not None else sa.literal(0.0)).label("score"))
            .where(t.c.package_id.in_(page))
        )
        by_id = {row["package_id"]: row for row in model.Session.execute(statement).mappings()}
        results = [self._result_fields(by_id[package_id], fl) for package_id in page if package_id in by_id]
        if fl in (["id"], ["name"]):
            return [r.get(fl[0]) for r in results]
        return results

    @staticmethod
    def _page(where, order: list[Any], rows: int, start: int, key: tuple[Any, ...] | None) -> list[str]:
        """The ids of the page's rows, in order (cached like the counts: exact per generation).

        Ordering reads only narrow columns (and the word vector when ranking); the wide
        columns are read afterwards for these rows alone.
        """
        lookup = tally_cache.Lookup(key)
        part = ("page", rows, start)
        cached = lookup.get(part)
        if cached is not tally_cache.MISSING:
            return cached
        statement = (sa.select(t.c.package_id, *tally_cache.generation_scalars())
                     .where(where).order_by(*order).limit(rows).offset(max(start, 0)))
        found = model.Session.execute(statement).all()
        page = [row[0] for row in found]
        if found:  # the generation comes with the rows, from the same snapshot
            lookup.put(part, None if found[0][2] else found[0][1], page)
        return page

    @staticmethod
    def _result_fields(row: Any, fl: list[str]) -> dict[str, Any]:
        stored = document.to_solr_like(row["fields"])
        stored.update(id=row["package_id"], name=row["name"], score=float(row["score"] or 0),
                      data_dict=row["data_dict"], validated_data_dict=row["validated_data_dict"])
        if any(f not in stored for f in fl):
            # Long text is not in the stored field map: take it from the dataset dict.
            for key, value in json.loads(row["data_dict"]).items():
                stored.setdefault(key, value)
        wanted = stored if "*" in fl else {f: stored[f] for f in fl if f in stored}
        extras = {k[len("extras_"):]: wanted.pop(k) for k in list(wanted) if k.startswith("extras_")}
        if extras:
            wanted["extras"] = extras
        return wanted


def _default_state(filters: list[str]) -> bool:
    """Whether only active datasets are searched (the filters name no state), as with Solr."""
    return not any("+state:" in fq or fq.startswith("state:") for fq in filters)


def _views(field: str) -> sa.ColumnElement[Any]:
    if not plugins.plugin_loaded("tracking"):
        raise SearchQueryError(
            f'Không sắp xếp được theo "{field}": cổng không bật đếm lượt xem (plugin tracking). / '
            f'Cannot sort by "{field}": page views are not tracked (the tracking plugin is off).')
    return t.c[field]


def _facet_request(query: dict[str, Any]) -> tuple[list[str], int, int]:
    """The facet fields asked for, facet.limit and facet.mincount."""
    if str(query.get("facet", "true")).lower() == "false":
        return [], 0, 1
    try:
        limit = int(query.get("facet.limit") or config.get("search.facets.limit") or 50)
        mincount = max(int(query.get("facet.mincount", 1) or 0), 1)
    except (TypeError, ValueError) as error:
        raise SearchQueryError("facet.limit and facet.mincount must be integers") from error
    return list(dict.fromkeys(_facet_fields(query.get("facet.field")))), limit, mincount


def _cache_key(query: dict[str, Any], permission_labels: list[str] | None,
               q_node: query_parser.Node) -> tuple[Any, ...] | None:
    """What decides a search's rows (None when it must not be cached).

    Dates relative to now (``NOW-7DAYS``) change the rows without any write to the index.
    """
    filters = tuple(_as_list(query.get("fq")) + _as_list(query.get("fq_list")))
    if any("now" in text.lower() for text in (*filters, query.get("q") or "")):
        return None
    labels = None if permission_labels is None else tuple(sorted(permission_labels))
    # Today's date: freshness filters and facets change at midnight without any index write.
    return (config.get("ckan.site_id"), clock.today().isoformat(), filters, repr(q_node), labels)


def _facet_fields(value: Any) -> Iterable[str]:
    for field in _as_list(value):
        if not re.fullmatch(r"[A-Za-z0-9_\-]+", field):
            raise SearchQueryError(f"Invalid facet field: {field}")
        yield field
