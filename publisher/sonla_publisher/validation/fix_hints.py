"""The "Cách sửa" (how to fix) for a value of the wrong type, from the way the value is written.

"Sửa ô thành đúng kiểu dữ liệu" helps nobody. The usual mistakes in agency sheets each have
their own fix: an accounting negative ``(1.234)``, a percent sign, a unit in a number cell
(``12 kg``), misplaced thousands separators, a two-digit year (``15/3/24``), a day that does
not exist (month and day swapped), a month without a day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sonla_publisher.i18n.messages import Ref
from sonla_publisher.reading.cells import is_number_like, parse_vn_number

_PARENTHESES = re.compile(r"^\(\s*[0-9][0-9.,\s]*\)$")
_WITH_UNIT = re.compile(r"^([+-]?[0-9][0-9.,\s]*?)\s*([^\W\d_][\w./²³%]*(?:\s[^\W\d_][\w./²³]*)?)$")
_SHORT_YEAR = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONTH_YEAR = re.compile(r"^\d{1,2}[/.\-]\d{4}$")
_NUMBER_TYPES = ("integer", "number")


def type_fix(value: str, field_type: str) -> Ref | None:
    """The specific fix for ``value`` not being of ``field_type``; None for the general one."""
    text = value.strip()
    if field_type in _NUMBER_TYPES:
        return _number_fix(text, field_type)
    if field_type == "date":
        return _date_fix(text)
    if field_type == "year":
        return Ref("fix.type.year")
    return None


def _number_fix(text: str, field_type: str) -> Ref:
    if _PARENTHESES.match(text):
        number = text[1:-1].strip()
        return Ref("fix.type.parenthesis_negative", {"value": text, "number": number})
    if text.endswith("%"):
        return Ref("fix.type.percent")
    if parse_vn_number(text) is not None:
        # parsed, so refused for not being whole (an integer column)
        return Ref("fix.type.not_whole")
    if is_number_like(text):
        return Ref("fix.type.separators")
    unit = _WITH_UNIT.match(text)
    if unit and parse_vn_number(unit.group(1)) is not None:
        number_text = unit.group(1).strip()
        return Ref("fix.type.unit", {"unit": unit.group(2), "number": number_text, "value": text})
    return Ref("fix.type.words_in_number")


def _date_fix(text: str) -> Ref:
    if _SHORT_YEAR.match(text):
        return Ref("fix.type.short_year", {"value": text})
    parts = _DAY_MONTH_YEAR.match(text)
    if parts:
        day, month, year = (int(part) for part in parts.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return Ref("fix.type.no_such_day")
    if _MONTH_YEAR.match(text):
        return Ref("fix.type.month_only", {"value": text})
    return Ref("fix.type.date")


def problem_fix(message_id: str, value: Any, spec_field: dict[str, Any] | None) -> Ref | None:
    """The fix for one problem when a specific one exists (type problems), else None."""
    if message_id != "problem.type" or spec_field is None or value in (None, ""):
        return None
    return type_fix(str(value), str(spec_field.get("type") or "string"))
