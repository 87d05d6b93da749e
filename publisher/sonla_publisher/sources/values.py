"""A live source's values as the text of a csv cell (what the file pipeline reads)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any


def cell_text(value: Any) -> str:
    """Text the csv reader reads back as the same value: ISO dates, plain decimals."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        # never "1E+3": the cleaner reads plain digits
        return format(value, "f")
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else str(int(value))
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)
