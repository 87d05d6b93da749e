"""A small JSONPath-like notation for values inside API answers: ``$.data.items``,
``dia_chi.ma_xa``, ``toa_do[0]``. Dotted names and list indices only: enough for nested
records, and nothing that runs code."""

from __future__ import annotations

import re
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]|\.")
_MISSING = object()

Step = str | int


def parse_path(text: str) -> tuple[Step, ...] | None:
    """The steps of ``text`` (a name or a list index each); None when it is not a path.

    A leading ``$`` and a final ``[*]`` (all the items of a list) are accepted and ignored.
    """
    text = text.strip()
    if text.startswith("$"):
        text = text[1:].lstrip(".")
    if text.endswith("[*]"):
        text = text[:-3]
    steps: list[Step] = []
    position = 0
    while position < len(text):
        match = _STEP.match(text, position)
        if match is None:
            return None
        name, index = match.group(1), match.group(2)
        if name is not None:
            steps.append(name.strip())
        elif index is not None:
            if index == "*":
                return None  # only at the end
            steps.append(int(index))
        position = match.end()
    return tuple(steps)


def get_path(value: Any, steps: tuple[Step, ...]) -> Any:
    """The value at ``steps`` (None when a step is missing)."""
    for step in steps:
        if isinstance(step, int):
            if not isinstance(value, list) or step >= len(value):
                return None
            value = value[step]
        else:
            if not isinstance(value, dict):
                return None
            value = value.get(step, _MISSING)
            if value is _MISSING:
                return None
    return value
