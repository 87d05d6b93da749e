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

import ckan.model as model
import sqlalchemy as sa

from .table import search_generation

_MISSING = object()


def generation_column() -> sa.ScalarSelect[Any]:
    """The generation as a scalar subquery, to read in the same snapshot as a count."""
    return sa.select(search_generation.c.generation).scalar_subquery()


def current_generation() -> int:
    return model.Session.execute(sa.select(search_generation.c.generation)).scalar_one()


class TallyCache:
    """A small LRU map of (query key) -> counts, valid for one index generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, generation: int, key: Hashable) -> Any:
        with self._lock:
            if generation != self._generation:
                return _MISSING
            value = self._entries.get(key, _MISSING)
            if value is not _MISSING:
                self._entries.move_to_end(key)
            return value

    def put(self, generation: int, key: Hashable, value: Any, size: int) -> None:
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
