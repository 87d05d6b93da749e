"""Wire the anonymous response cache into CKAN (called from the plugin's hooks)."""
from __future__ import annotations

from typing import Any

from . import generation, http

__all__ = ["bump_generation", "install"]


def install(app: Any) -> Any:
    http.install(app)
    return app


def bump_generation() -> None:
    """Organizations and groups are not in the search index: their changes bump the cache's own counter."""
    generation.bump()
