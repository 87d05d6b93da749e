"""Answer CKAN's dataset searches from the PostgreSQL index (replaces Solr queries).

The steps, one module each: ``params`` (check the parameters), ``filters`` (the WHERE clause),
``facets`` (count and facets), ``typos`` (correct misspelt words when nothing is found),
``ranking`` (relevance and sort order), ``pages`` (the page of results: cached ids, shaped rows).
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import SearchError, SearchQuery, config, model
from flask import has_request_context, request

from . import (
    bounds,
    conditions,
    correction,
    document,
    facets,
    filters,
    local_params,
    pages,
    params,
    planning,
    ranking,
    ranking_budget,
    summary,
    typos,
)
from .table import search_index as t

log = logging.getLogger(__name__)


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

    def run(self, query: dict[str, Any], permission_labels: list[str] | None = None,
            **kwargs: Any) -> dict[str, Any]:
        with bounds.statement_timeout():
            return self._run(query, permission_labels)

    def _run(self, query: dict[str, Any], permission_labels: list[str] | None) -> dict[str, Any]:
        checked = params.parse(query)
        local_params.check(query)
        for name, text in (("q", checked.q_text), *(("fq", fq) for fq in checked.fq_texts)):
            bounds.check_text(name, text)
        fq_nodes = [local_params.parse(fq) for fq in checked.fq_texts]
        bounds.check_terms("fq", fq_nodes)
        active_only = filters.default_state(checked.fq_texts)
        clauses = filters.clauses(fq_nodes, active_only, permission_labels)
        q_node = local_params.parse(checked.q_text)
        bounds.check_terms("q", [q_node])
        if _typing_in_search_box():
            q_node = conditions.with_prefix_on_last_word(q_node)
        with planning.words_through_index(q_node):
            where = sa.and_(*clauses, filters.compile_node(q_node))
            key = pages.cache_key(query, permission_labels, q_node)
            scope = summary.scope(q_node, fq_nodes, permission_labels, active_only)
            counted = facets.tally(where, checked.facet_fields, key, scope)
            self.fuzzy = False
            correction.reset()
            ranking_budget.reset()
            if (counted.count == 0 and not checked.q_text.lstrip().startswith("{!")
                    and config.get("ckanext.sonla.search.typo_correction")):
                # Nothing found: try again with misspelt words corrected ("truonh hocc" -> "truong hoc").
                corrections = typos.corrections(conditions.fuzzy_words(q_node))
                if corrections:
                    q_node = conditions.replace_words(q_node, corrections)
                    where = sa.and_(*clauses, filters.compile_node(q_node))
                    key = pages.cache_key(query, permission_labels, q_node)
                    counted = facets.tally(where, checked.facet_fields, key)
                    self.fuzzy = counted.count > 0
                    if self.fuzzy:
                        correction.record(checked.q_text, corrections)
            self.count = counted.count
            relevance = ranking.rank(q_node)
            score = None if relevance is None else relevance.score
            order = ranking.order_by(checked.sort, score)  # a bad sort is an error even when nothing matches
            ranked = ranking_budget.limit(relevance, self.count) if ranking.by_relevance(checked.sort) else None
            if ranked is not None:
                ranking_budget.record(ranked, self.count)
            self.results = pages.results(where, score, order, self.count, checked.rows, checked.start, checked.fl,
                                         checked.sort, key, ranked)
            self.facets = facets.shape(counted, checked.facet_limit, checked.facet_mincount)
        return {"results": self.results, "count": self.count}


# The portal's own search pages: there the query box works as you type ("truo" finds "trường").
# package_search over the API keeps Solr's meaning, where a word is a whole word.
SEARCH_PAGE_ENDPOINTS = {"dataset.search"}


def _typing_in_search_box() -> bool:
    return bool(has_request_context() and request.endpoint in SEARCH_PAGE_ENDPOINTS)
