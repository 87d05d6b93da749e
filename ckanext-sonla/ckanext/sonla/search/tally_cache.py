"""Per-process cache of search counts and facet counts, exact by construction.

Entries are keyed by the index generation (``sonla_search_generation``), which a
trigger bumps on every write to the index in the writer's transaction. A value is
stored under the generation read in the same snapshot that computed it, and looked
up under the generation a reader sees now: a write makes every older entry
unreachable, so a hit is always what the query would count at that moment.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import config, model

from .table import search_generation

_MISSING = object()


def generation_columns() -> list[sa.ColumnElement[Any]]:
    """The generation, and whether this transaction has itself written to the index.

    A transaction's own uncommitted index writes are visible to it alone (and may be rolled
    back, or followed by more writes under the same generation): it must neither read nor
    fill the cache. The trigger records the writing transaction in a transaction-local setting.
    """
    dirty = sa.func.coalesce(
        sa.func.current_setting("sonla_search.bumped_in", True)
        == sa.cast(sa.func.txid_current_if_assigned(), sa.UnicodeText), False)
    return [search_generation.c.generation, dirty.label("dirty")]


def generation_scalars() -> list[sa.ColumnElement[Any]]:
    """:func:`generation_columns` as scalar subqueries, to add to any other SELECT."""
    generation, dirty = generation_columns()
    return [sa.select(generation).scalar_subquery().label("generation"), dirty]


def current_generation() -> int | None:
    """The generation this transaction sees, or None if it has written to the index itself."""
    generation, dirty = model.Session.execute(sa.select(*generation_columns())).one()
    return None if dirty else generation


class TallyCache:
    """A small LRU map of (query key) -> counts, valid for one index generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, generation: int | None, key: Hashable) -> Any:
        with self._lock:
            if generation is None or generation != self._generation:
                return _MISSING
            value = self._entries.get(key, _MISSING)
            if value is not _MISSING:
                self._entries.move_to_end(key)
            return value

    def put(self, generation: int | None, key: Hashable, value: Any, size: int) -> None:
        if generation is None:
            return
        with self._lock:
            if self._generation is None or generation > self._generation:
                self._generation = generation
                self._entries.clear()
            elif generation < self._generation:
                return  # computed from an older snapshot than entries we already hold
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._generation = None
            self._entries.clear()


CACHE = TallyCache()
MISSING = _MISSING


class Lookup:
    """Look up / store the parts of one search under the generation this transaction sees."""

    def __init__(self, key: Hashable | None) -> None:
        self.size = int(config.get("ckanext.sonla.search.count_cache_size") or 0)
        self.generation = current_generation() if key is not None and self.size > 0 else None
        self.key = key if self.generation is not None else None

    def get(self, part: Hashable) -> Any:
        if self.key is None:
            return MISSING
        return CACHE.get(self.generation, (self.key, part))

    def put(self, part: Hashable, generation: int | None, value: Any) -> None:
        """Store a value computed in a snapshot that saw ``generation`` (None: not cacheable)."""
        if self.key is not None:
            CACHE.put(generation, (self.key, part), value, self.size)
