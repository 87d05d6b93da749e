"""Functions the plugin hands to CKAN, collected by a decorator where they are defined."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Registry:
    """``@registry`` records a function under its own name; names must start with ``sonla_``
    so they never shadow CKAN's or another extension's."""

    def __init__(self) -> None:
        self._functions: dict[str, Callable[..., Any]] = {}

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        assert func.__name__.startswith("sonla_"), func.__name__
        self._functions[func.__name__] = func
        return func

    def functions(self) -> dict[str, Callable[..., Any]]:
        return dict(self._functions)
