"""The report and its exports, built once per version of what the caller sees and day.

At 10,000 datasets, sorting and counting the rows took a few hundred milliseconds and writing the XLSX
export seconds, on every request, although both change only when a visible dataset does, or at midnight.
Each result is kept under a key made of everything it depends on: the (dataset id, index row version) of
every dataset the caller sees (:func:`.visible.versions`, read afresh on every request, so a publish, a
dataset made private or a caller with other rights gets another key), the agency filter, today's date and,
for the exports, the language. A kept value is therefore always the one a fresh computation would give.

Two levels: each web process keeps the latest few (bounded by count, and by bytes for exports), and Redis
keeps them for every process and node for ``SHARED_TTL`` seconds (entries over ``SHARED_MAX_BYTES`` are not
shared), so a report is built once per version for the whole site, not once per process. Only a publish
makes a new version, never an anonymous request, so the Redis entries alive at any time are bounded by the
publishes of the last ``SHARED_TTL`` seconds times the agencies and languages. Without Redis, each process
builds its own. Kept values are shared between requests and must not be changed by callers.
"""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ckanext.sonla.compat import config, connect_to_redis

log = logging.getLogger(__name__)

MAX_REPORTS = 8  # a report of 10,000 datasets is a few MB of rows
MAX_EXPORT_BYTES = 64 * 1024 * 1024
SHARED_TTL = 600
SHARED_MAX_BYTES = 16 * 1024 * 1024

_lock = threading.Lock()
_reports: OrderedDict[str, Any] = OrderedDict()
_exports: OrderedDict[str, bytes] = OrderedDict()


def version(organization: str | None, today: date, versions: Sequence[tuple[str, str]]) -> str:
    """The key of a report: what the caller sees (ids and row versions), the agency filter and the day."""
    digest = hashlib.sha256(f"{organization or ''}\n{today.isoformat()}\n".encode())
    for pkg_id, row_version in versions:
        digest.update(f"{pkg_id}:{row_version}\n".encode())
    return digest.hexdigest()


def _shared_key(kind: str, key: str) -> str:
    return f"sonla:freshness:{config.get('ckan.site_id')}:{kind}:{key}"


def _shared_get(kind: str, key: str) -> bytes | None:
    try:
        value = connect_to_redis().get(_shared_key(kind, key))
    except Exception:  # without Redis each process builds its own
        log.warning("sonla freshness memo: read failed", exc_info=True)
        return None
    return None if value is None else bytes(value)


def _shared_put(kind: str, key: str, body: bytes) -> None:
    if len(body) > SHARED_MAX_BYTES:
        return
    try:
        connect_to_redis().set(_shared_key(kind, key), body, ex=SHARED_TTL)
    except Exception:
        log.warning("sonla freshness memo: write failed", exc_info=True)


def report(key: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The report with this key: kept here, else shared in Redis, else built (JSON values only)."""
    with _lock:
        if key in _reports:
            _reports.move_to_end(key)
            return _reports[key]
    shared = _shared_get("report", key)
    if shared is not None:
        value: dict[str, Any] = json.loads(shared)
    else:
        # Outside the lock: two first requests may both build, never wait on each other.
        value = build()
        _shared_put("report", key, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    with _lock:
        _reports[key] = value
        while len(_reports) > MAX_REPORTS:
            _reports.popitem(last=False)
    return value


def export(key: str, build: Callable[[], bytes]) -> bytes:
    with _lock:
        if key in _exports:
            _exports.move_to_end(key)
            return _exports[key]
    body = _shared_get("export", key)
    if body is None:
        body = build()
        _shared_put("export", key, body)
    if len(body) > MAX_EXPORT_BYTES:
        return body
    with _lock:
        _exports[key] = body
        while sum(len(b) for b in _exports.values()) > MAX_EXPORT_BYTES:
            _exports.popitem(last=False)
    return body


def clear() -> None:
    with _lock:
        _reports.clear()
        _exports.clear()
