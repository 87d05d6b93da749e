"""The catalogue's generation: what a cached anonymous answer is valid for.

Two counters, both part of every key. The search index's generation (``sonla_search_generation``)
is bumped by a trigger in the transaction of every index write: dataset create, update and delete,
and so every resource change and every publish (which re-indexes its dataset). Because it is read in
the reader's own snapshot, an entry can never be filed under a generation newer than the data it was
built from. The cache's own counter in Redis covers what the index does not hold: organizations and
groups (titles, logos), DataStore rows and site settings. It is bumped by the plugin's organization
and group hooks, and after every successful write request (any method but GET/HEAD/OPTIONS) of a
signed-in user, once that request's transaction has committed.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from ckanext.sonla.compat import config, connect_to_redis, model

from ..search.table import search_generation

log = logging.getLogger(__name__)


def counter_key() -> str:
    return f"sonla:cache:{config.get('ckan.site_id')}:generation"


def search_index_generation() -> int | None:
    """The index generation this request's snapshot sees; None when there is no index (Solr)."""
    try:
        return int(model.Session.execute(sa.select(search_generation.c.generation)).scalar_one())
    except sa.exc.SQLAlchemyError:
        model.Session.rollback()
        return None


def counter() -> int:
    value = connect_to_redis().get(counter_key())
    return int(value or 0)


def bump() -> None:
    """Make every entry stored so far unreachable (a Redis failure is logged, never raised)."""
    try:
        connect_to_redis().incr(counter_key())
    except Exception:  # a cache must not fail a write that already happened
        log.warning("sonla cache: could not bump the generation", exc_info=True)
