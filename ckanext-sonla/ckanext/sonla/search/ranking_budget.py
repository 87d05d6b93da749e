"""How many matches one search ranks by relevance: a bounded number (issue 19).

Scoring a match reads its word vector and looks up each query word in it: about 4 µs a row for
32 words, so a 32-word OR matching 95,000 of 100,000 datasets spent 0.8 s ranking alone, and at
300,000 datasets would spend 2.5 s. ``ckanext.sonla.search.rank_budget`` bounds the lookups of one
search (matches × query words). A search over budget ranks its most recently modified matches, as
many as the budget allows (never fewer than ``MIN_RANKED``); the other matches follow, most recent
first. Finding the newest matches walks the modification-date index, so such a search reads about
as many rows as it ranks, whatever the size of the catalogue. The answer says so
(``sonla_ranked_among``, and a note on the search page): never silent.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import config, model
from sqlalchemy.sql import util as sql_util

from .ranking import Relevance
from .table import search_index as t
from .tally_cache import generation_scalars

RESULT_KEY = "sonla_ranked_among"
MIN_RANKED = 1000
_last: ContextVar[dict[str, int] | None] = ContextVar("sonla_ranked_among", default=None)


def limit(relevance: Relevance | None, count: int) -> int | None:
    """How many of ``count`` matches are ranked, None when all are."""
    budget = config.get("ckanext.sonla.search.rank_budget")
    if relevance is None or budget <= 0:
        return None
    ranked = max(budget // max(relevance.lookups, 1), MIN_RANKED)
    return ranked if count > ranked else None


# The order of matches outside the ranked ones, and of choosing the ranked ones: the newest first
# (the index sonla_search_index_recent walks it).
NEWEST_FIRST = (t.c.metadata_modified.desc().nulls_last(), t.c.name.asc())
# Columns a page's order never reads: left out of the ranked rows.
_WIDE = {"data_dict", "validated_data_dict", "search_vector"}


def page(where: sa.ColumnElement[bool], order: list[Any], rows: int, start: int, ranked: int) -> list[Any]:
    """(package_id, generation, dirty) of the page's rows: first the ``ranked`` newest matches in
    ``order``, then the others, newest first.

    The ranked rows are found by walking the modification-date index until ``ranked`` matches are
    seen, so a search matching most of the catalogue reads that many rows, not all of its matches.
    """
    found: list[Any] = []
    if start < ranked:
        newest = (sa.select(*(c for c in t.c if c.name not in _WIDE)).where(where)
                  .order_by(*NEWEST_FIRST).limit(ranked).subquery())
        adapter = sql_util.ClauseAdapter(newest)
        statement = (sa.select(newest.c.package_id, *generation_scalars())
                     .order_by(*(adapter.traverse(o) for o in order))
                     .limit(min(rows, ranked - start)).offset(start))
        found.extend(model.Session.execute(statement).all())
    if start + rows > ranked:
        offset = max(start, ranked)
        statement = (sa.select(t.c.package_id, *generation_scalars()).where(where).order_by(*NEWEST_FIRST)
                     .limit(start + rows - offset).offset(offset))
        found.extend(model.Session.execute(statement).all())
    return found


def reset() -> None:
    _last.set(None)


def record(ranked: int, count: int) -> None:
    _last.set({"ranked": ranked, "count": count})


def take() -> dict[str, int] | None:
    """The ranking limit of the last search in this context, once."""
    value = _last.get()
    _last.set(None)
    return value
