"""How a search's statements are planned: word matches go through the word index (GIN).

PostgreSQL prices a word match (``@@``) as one cheap operator, but on a row read in a sequential scan
it first fetches the row's word vector, stored out of line: at 100,000 datasets, a search whose words
are in most of them counted in 1.2 s that way, and in 0.07 s through the index, whose matches need
no vector at all. So while a search with words runs, sequential scans are priced out (still taken
where nothing else can answer, as for ``-word`` alone).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from ckanext.sonla.compat import model

from . import conditions, query_parser


def _set(value: str) -> str:
    return model.Session.execute(sa.select(
        sa.func.current_setting("enable_seqscan"), sa.func.set_config("enable_seqscan", value, True))).scalar()


@contextmanager
def words_through_index(q_node: query_parser.Node) -> Iterator[None]:
    if not conditions.text_terms(q_node):
        yield
        return
    previous = _set("off")
    try:
        yield
    except sa.exc.DBAPIError:
        # The transaction, or the search's savepoint (bounds.statement_timeout), is rolled back,
        # and the setting with it.
        raise
    except BaseException:
        _set(previous)
        raise
    _set(previous)
