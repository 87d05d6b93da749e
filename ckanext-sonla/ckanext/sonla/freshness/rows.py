"""Each visible dataset's report row and quality score, computed once per version of the dataset and day.

The report page, its exports and every agency page need the row (freshness status, dates) and the quality
score of every visible dataset. Both depend only on the dataset dict and today's date, so they are kept in a
per-process table keyed by (dataset id, version of its index row, today): a re-indexed dataset has a new
row version (PostgreSQL's xmin), so a kept value is always the one a fresh computation would give. Which
datasets the caller sees is decided afresh on every request (:mod:`.visible`); only the dicts of datasets not
seen in this version today are read and parsed.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any

import ckan.plugins as plugins

from ..quality import display as quality_display
from . import report, visible

MAX_ENTRIES = 100_000  # bounded: about 1 KB each
Key = tuple[str, str, date]
_lock = threading.Lock()
_kept: OrderedDict[Key, tuple[dict[str, Any], int]] = OrderedDict()


def _compute(pkg: dict[str, Any], today: date, codes: Any) -> tuple[dict[str, Any], int]:
    return report.dataset_row(pkg, today), quality_display.score(pkg, today, codes).total


def _keep(key: Key, value: tuple[dict[str, Any], int]) -> None:
    with _lock:
        _kept[key] = value
        while len(_kept) > MAX_ENTRIES:
            _kept.popitem(last=False)


def rows_and_scores(context: dict[str, Any], organization: str | None, today: date,
                    dataset: str | None = None,
                    wanted: list[tuple[str, str]] | None = None) -> list[tuple[dict[str, Any], int]]:
    """``wanted``: :func:`.visible.versions` for these arguments, when the caller has read it already."""
    codes = quality_display.known_codes()
    if not plugins.plugin_loaded("sonla_search"):
        return [_compute(pkg, today, codes) for pkg in report.visible_datasets(context, organization, dataset)]
    if wanted is None:
        wanted = visible.versions(context, organization, dataset)
    with _lock:
        found = {pkg_id: _kept.get((pkg_id, version, today)) for pkg_id, version in wanted}
    fresh: dict[str, tuple[dict[str, Any], int]] = {}
    for pkg_id, version, pkg in visible.dicts([pkg_id for pkg_id, value in found.items() if value is None]):
        fresh[pkg_id] = _compute(pkg, today, codes)
        _keep((pkg_id, version, today), fresh[pkg_id])
    result = []
    for pkg_id, _ in wanted:
        value = found[pkg_id] or fresh.get(pkg_id)
        if value is not None:  # None: deleted between the two statements
            result.append((dict(value[0]), value[1]))  # callers may add to a row: not to the kept one
    return result


def clear() -> None:
    with _lock:
        _kept.clear()
