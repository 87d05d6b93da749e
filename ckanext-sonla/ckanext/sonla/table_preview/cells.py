"""Preview cells in the page's language, written as on every page (``formatting.py``): numbers as
29.356 and 38,89 in Vietnamese (29,356 and 38.89 in English), dates as dd/mm/yyyy (ISO in English).

Sorting and searching happen in the database on the stored values; only what is shown changes.
A year column (its label starts with "Năm" or "Year", as the catalogue's "Năm thành lập" does)
keeps its digits together: 2024, not 2.024. Timestamps are left to the view's own date rendering
(``ckan.datatables.date_format``).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from markupsafe import escape

from .. import formatting

NUMBER_TYPES = frozenset({"int", "int2", "int4", "int8", "numeric", "float4", "float8"})
_YEAR_LABEL = re.compile(r"^\s*(năm|year)\b", re.IGNORECASE)


def is_year_column(field: dict[str, Any]) -> bool:
    label = (field.get("info") or {}).get("label") or field.get("id") or ""
    return bool(_YEAR_LABEL.match(str(label)))


def formatter(field: dict[str, Any], locale: str) -> Any:
    """The function that shows one cell of ``field`` (a DataStore field with its type and info)."""
    kind = field.get("type")
    if field.get("id") == "_id":
        return _plain
    if kind in NUMBER_TYPES:
        grouped = not is_year_column(field)
        return lambda value: _number(value, locale, grouped)
    if kind == "date":
        return lambda value: _date(value, locale)
    return _plain


def _plain(value: Any) -> str:
    return str(escape(str(value)))


def _number(value: Any, locale: str, grouped: bool) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return _plain(value)
    if not number.is_finite():
        return _plain(value)
    return str(escape(formatting.format_number(number, locale, grouped=grouped)))


def _date(value: Any, locale: str) -> str:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return _plain(value)
    return formatting.format_date(day, locale)
