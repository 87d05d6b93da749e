"""The Redis copy of anonymous answers, bounded in entry size, lifetime and total memory.

CKAN's Redis also holds the job queue, so Redis' own eviction (maxmemory) cannot be used: it could drop
jobs. The total is bounded here instead. Every entry lives ``ttl`` seconds at most, so the entries alive
at any moment were all written during the current or the previous ``ttl``-long window; the bytes written
in each window are counted, and an entry is stored only while the two windows together stay within
``max_total_bytes``. That bounds the live total even though old-generation entries are never deleted
(they simply expire).
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from ckanext.sonla.compat import config, connect_to_redis

from .settings import CacheSettings

log = logging.getLogger(__name__)
HEADER_END = b"\n"


@dataclass(frozen=True)
class Entry:
    status: int
    headers: list[tuple[str, str]]
    etag: str
    csrf_placeholder: str | None  # where the client's own CSRF token goes (HTML pages)
    body: bytes

    def encode(self) -> bytes:
        head = {"status": self.status, "headers": self.headers, "etag": self.etag,
                "csrf": self.csrf_placeholder}
        return json.dumps(head).encode("utf-8") + HEADER_END + self.body

    @classmethod
    def decode(cls, raw: bytes) -> Entry:
        head_bytes, _, body = raw.partition(HEADER_END)
        head: dict[str, Any] = json.loads(head_bytes)
        return cls(int(head["status"]), [(str(k), str(v)) for k, v in head["headers"]], str(head["etag"]),
                   head.get("csrf"), body)


def _prefix() -> str:
    return f"sonla:cache:{config.get('ckan.site_id')}"


def get(key: str) -> Entry | None:
    try:
        raw = connect_to_redis().get(f"{_prefix()}:entry:{key}")
        return None if raw is None else Entry.decode(raw)
    except Exception:  # without Redis the portal answers uncached
        log.warning("sonla cache: read failed", exc_info=True)
        return None


def put(key: str, entry: Entry, settings: CacheSettings) -> bool:
    """Store an entry if it fits the bounds; whether it was stored."""
    raw = entry.encode()
    if len(raw) > settings.max_entry_bytes:
        return False
    window = int(time.time()) // settings.ttl
    current, previous = f"{_prefix()}:bytes:{window}", f"{_prefix()}:bytes:{window - 1}"
    try:
        redis = connect_to_redis()
        used = redis.incrby(current, len(raw))
        redis.expire(current, 2 * settings.ttl + 1)
        if used + int(redis.get(previous) or 0) > settings.max_total_bytes:
            redis.decrby(current, len(raw))
            return False
        redis.set(f"{_prefix()}:entry:{key}", raw, ex=settings.ttl)
        return True
    except Exception:  # a full or absent Redis only means no cache
        log.warning("sonla cache: write failed", exc_info=True)
        return False
