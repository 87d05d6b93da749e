"""Preview cells in the page's language: numbers as 29.356 and 38,89 in Vietnamese (29,356 and
38.89 in English), dates as dd/mm/yyyy.

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

from babel.numbers import format_decimal
from markupsafe import escape

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
        return _date
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
    return str(escape(format_decimal(number, locale=locale, decimal_quantization=False,
                                     group_separator=grouped)))


def _date(value: Any) -> str:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return _plain(value)
    return day.strftime("%d/%m/%Y")
