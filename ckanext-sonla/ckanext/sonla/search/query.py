"""Answer CKAN's dataset searches from the PostgreSQL index (replaces Solr queries)."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

import ckan.model as model
import sqlalchemy as sa
from ckan.common import config
from ckan.lib.search.common import SearchError, SearchQueryError
from ckan.lib.search.query import VALID_SOLR_PARAMETERS, SearchQuery
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY

from . import conditions, document, freshness_status, query_parser
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
    def _filters(query: dict[str, Any], permission_labels: list[str] | None) -> list[Any]:
        """Everything but the free-text query: site, fq/fq_list, state, permissions."""
        clauses: list[sa.ColumnElement[bool]] = [t.c.site_id == config.get("ckan.site_id")]
        filters = _as_list(query.get("fq")) + _as_list(query.get("fq_list"))
        for fq in filters:
            clauses.append(conditions.compile_node(_parse(fq)))
        if not any("+state:" in fq or fq.startswith("state:") for fq in filters):
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
            elif field in ("views_recent", "views_total"):
                continue  # page views are not tracked in the index (documented)
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
        invalid = set(query.keys()) - VALID_SOLR_PARAMETERS - {"q.op"}
        if invalid:
            raise SearchQueryError(f"Invalid search parameters: {sorted(invalid)}")
        try:
            rows = int(query.get("rows", 10))
            start = int(query.get("start", 0))
        except (TypeError, ValueError) as error:
            raise SearchQueryError("rows and start must be integers") from error
        filters = self._filters(query, permission_labels)
        q_node = conditions.with_prefix_on_last_word(_parse(query.get("q") or ""))
        where = sa.and_(*filters, conditions.compile_node(q_node))
        rank = self._rank(q_node)
        self.count = self._count(where)
        self.fuzzy = False
        if self.count == 0:
            # Nothing found: try again with misspelt words corrected ("truonh hocc" -> "truong hoc").
            corrections = self._corrections(conditions.fuzzy_words(q_node))
            if corrections:
                q_node = conditions.replace_words(q_node, corrections)
                where = sa.and_(*filters, conditions.compile_node(q_node))
                rank = self._rank(q_node)
                self.count = self._count(where)
                self.fuzzy = self.count > 0

        fl = [f for f in _SPLIT.split(query.get("fl") or "name") if f]
        self.results = self._results(where, rank, query.get("sort") or "", rows, start, fl)
        self.facets = self._facets(where, query)
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

    @staticmethod
    def _count(where: sa.ColumnElement[bool]) -> int:
        return model.Session.execute(sa.select(sa.func.count()).select_from(t).where(where)).scalar_one()

    def _results(self, where, rank, sort: str, rows: int, start: int, fl: list[str]) -> list[Any]:
        if rows <= 0:
            return []
        statement = (
            sa.select(t.c.package_id, t.c.name, t.c.fields, t.c.data_dict,
                      t.c.validated_data_dict,
                      (rank if rank is not None else sa.literal(0.0)).label("score"))
            .where(where)
            .order_by(*self._order_by(sort, rank))
            .limit(rows)
            .offset(max(start, 0))
        )
        results: list[Any] = []
        for row in model.Session.execute(statement).mappings():
            results.append(self._result_fields(row, fl))
        if fl in (["id"], ["name"]):
            return [r.get(fl[0]) for r in results]
        return results

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

    def _facets(self, where, query: dict[str, Any]) -> dict[str, dict[str, int]]:
        """Exact counts of every requested facet field over the whole result, in one scan."""
        if str(query.get("facet", "true")).lower() == "false":
            return {}
        fields = list(_facet_fields(query.get("facet.field")))
        if not fields:
            return {}
        limit = int(query.get("facet.limit") or config.get("search.facets.limit") or 50)
        mincount = max(int(query.get("facet.mincount", 1) or 0), 1)
        counted: dict[str, list[tuple[str, int]]] = {field: [] for field in fields}
        ready = set(config.get("ckanext.sonla.search.facet_fields") or ())
        by_terms = [f for f in fields if f in ready]
        if by_terms:
            term = sa.func.unnest(t.c.facet_terms).table_valued("term").render_derived(name="terms")
            prefixes = tuple(f + "=" for f in by_terms)
            count = sa.func.count().label("count")
            statement = (
                sa.select(term.c.term, count).select_from(t).join(term, sa.true()).where(where)
                .group_by(term.c.term).having(sa.func.count() >= mincount)
            )
            for value, n in model.Session.execute(statement):
                if value.startswith(prefixes):
                    key, _, value = value.partition("=")
                    counted[key].append((value, n))
        if freshness_status.FIELD in fields:  # computed for today, not stored
            counted[freshness_status.FIELD] = freshness_status.facet_counts(where, mincount)
        for field in (f for f in fields if f not in by_terms and f != freshness_status.FIELD):
            values = sa.func.jsonb_array_elements_text(t.c.fields[field]).table_valued("value")
            count = sa.func.count().label("count")
            statement = (
                sa.select(values.c.value, count).select_from(t).join(values, sa.true()).where(where)
                .group_by(values.c.value).having(sa.func.count() >= mincount)
            )
            counted[field] = [(value, n) for value, n in model.Session.execute(statement)]
        facets: dict[str, dict[str, int]] = {}
        for field, pairs in counted.items():
            pairs.sort(key=lambda pair: (-pair[1], pair[0]))
            facets[field] = dict(pairs if limit < 0 else pairs[:limit])
        return facets


def _facet_fields(value: Any) -> Iterable[str]:
    for field in _as_list(value):
        if not re.fullmatch(r"[A-Za-z0-9_\-]+", field):
            raise SearchQueryError(f"Invalid facet field: {field}")
        yield field
