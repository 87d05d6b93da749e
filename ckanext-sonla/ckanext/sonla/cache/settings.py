"""The cache's configuration keys (declared in config_declaration.yaml, docs/operators.md "Bộ nhớ đệm")."""
from __future__ import annotations

from dataclasses import dataclass

from ckanext.sonla.compat import config


@dataclass(frozen=True)
class CacheSettings:
    enabled: bool  # the Redis copy of anonymous responses
    http_headers: bool  # ETag / 304 and Cache-Control on anonymous responses
    ttl: int  # seconds an entry lives, at most
    max_entry_bytes: int
    max_total_bytes: int


def current() -> CacheSettings:
    return CacheSettings(
        enabled=bool(config.get("ckanext.sonla.cache.enabled")),
        http_headers=bool(config.get("ckanext.sonla.cache.http_headers")),
        ttl=max(1, int(config.get("ckanext.sonla.cache.ttl"))),
        max_entry_bytes=max(0, int(config.get("ckanext.sonla.cache.max_entry_bytes"))),
        max_total_bytes=max(0, int(config.get("ckanext.sonla.cache.max_total_bytes"))),
    )
