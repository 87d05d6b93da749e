"""Solr date math in range filters: ``NOW``, ISO dates, ``+N``/``-N`` units and ``/UNIT`` rounding.

As in Solr, steps apply left to right (``NOW/DAY-7DAYS``, ``NOW-1MONTH/MONTH``), months and
years move by the calendar (31 January + 1 month = 28/29 February), and ``NOW`` and rounding
are in UTC.
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone

from .query_parser import QuerySyntaxError

_ANCHOR = re.compile(r"NOW|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?")
_STEP = re.compile(r"([+-])(\d+)([A-Z]+)|/([A-Z]+)")
_UNITS = {
    "YEAR": "year", "YEARS": "year", "MONTH": "month", "MONTHS": "month", "DAY": "day", "DAYS": "day",
    "DATE": "day", "HOUR": "hour", "HOURS": "hour", "MINUTE": "minute", "MINUTES": "minute",
    "SECOND": "second", "SECONDS": "second", "MILLI": "milli", "MILLIS": "milli",
    "MILLISECOND": "milli", "MILLISECONDS": "milli",
}
_FIXED = {"day": timedelta(days=1), "hour": timedelta(hours=1), "minute": timedelta(minutes=1),
          "second": timedelta(seconds=1), "milli": timedelta(milliseconds=1)}


def _error(value: str) -> QuerySyntaxError:
    return QuerySyntaxError(
        f'không hiểu ngày "{value}" (dùng ngày ISO như 2026-01-31 hoặc 2026-01-31T08:00:00Z, hay NOW, '
        f'NOW-30DAYS, NOW/DAY) / not a date: "{value}" (use an ISO date such as 2026-01-31 or '
        "2026-01-31T08:00:00Z, or NOW, NOW-30DAYS, NOW/DAY)")


def is_date(value: str) -> bool:
    """Whether a range bound is meant as a date (ISO date or date math), right or wrong."""
    upper = value.upper()
    return upper.startswith("NOW") or bool(re.match(r"\d{4}-\d{2}-\d{2}", value))


def _add_months(moment: datetime, months: int) -> datetime:
    total = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise OverflowError
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _round(moment: datetime, unit: str) -> datetime:
    if unit == "year":
        return moment.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "month":
        return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return moment.replace(second=0, microsecond=0)
    if unit == "second":
        return moment.replace(microsecond=0)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def resolve(value: str, now: datetime | None = None) -> datetime:
    """The moment a range bound names, as an aware UTC datetime."""
    text = value.strip().upper()
    anchor = _ANCHOR.match(text)
    if anchor is None:
        raise _error(value)
    if anchor.group() == "NOW":
        moment = now or datetime.now(timezone.utc)
    else:
        try:
            moment = datetime.fromisoformat(anchor.group().replace("Z", "+00:00"))
        except ValueError as error:
            raise _error(value) from error
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    position = anchor.end()
    try:
        while position < len(text):
            step = _STEP.match(text, position)
            if step is None or _UNITS.get(step.group(3) or step.group(4)) is None:
                raise _error(value)
            position = step.end()
            if step.group(4):
                moment = _round(moment, _UNITS[step.group(4)])
                continue
            amount = int(step.group(2)) * (-1 if step.group(1) == "-" else 1)
            unit = _UNITS[step.group(3)]
            if unit in ("year", "month"):
                moment = _add_months(moment, amount * (12 if unit == "year" else 1))
            else:
                moment = moment + amount * _FIXED[unit]
    except OverflowError as error:
        raise _error(value) from error
    return moment
