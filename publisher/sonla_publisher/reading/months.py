"""Month columns (``MM/YYYY``): what agencies type and what Excel makes of it.

Specs declare a month as a string field whose pattern takes ``MM/YYYY`` (the catalogue uses
``^(0[1-9]|1[0-2])/20[0-9]{2}$``). An official types ``9/2026``; Excel turns ``8/2026`` into the
date 1 August 2026. Both mean a month: they become ``09/2026`` and ``08/2026`` (each change is
reported). A date on another day than the 1st is not a month and is left for validation.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MONTH = "month"  # the cleaning type of a month column
# A pattern that takes these and not the others is a month pattern.
_TAKES = ("01/2024", "09/2026", "12/2030")
_REFUSES = ("1/2024", "2024-01-01", "01/01/2024")
_TYPED = re.compile(r"^(?:tháng\s*|t\.?\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-01)?(?:[ T]00:00(?::00)?)?$")


def is_month_field(field: dict[str, Any]) -> bool:
    """A string field whose ``pattern`` constraint takes ``MM/YYYY`` and nothing looser."""
    if str(field.get("type") or "string") != "string":
        return False
    constraints = field.get("constraints")
    pattern = constraints.get("pattern") if isinstance(constraints, dict) else None
    if not isinstance(pattern, str):
        return False
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    return all(compiled.fullmatch(s) for s in _TAKES) and not any(
        compiled.fullmatch(s) for s in _REFUSES
    )


def month_text(cell: Any) -> str | None:
    """``MM/YYYY`` for a cell that means a month, else None."""
    if isinstance(cell, (dt.date, dt.datetime)):
        if cell.day != 1 or (isinstance(cell, dt.datetime) and cell.time() != dt.time()):
            return None
        return f"{cell.month:02d}/{cell.year}"
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    match = _TYPED.match(text)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
    else:
        match = _ISO.match(text)
        if not match:
            return None
        year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return f"{month:02d}/{year}"
