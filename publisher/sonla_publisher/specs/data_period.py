"""The period a dataset's data covers, read from the column the spec names.

A spec may name a period column (``freshness.period_column``, docs/spec-format.md): a month
(``MM/YYYY``), a year or a date column. The latest period in the published table says how
recent the data is, and the portal's freshness follows it ("Dữ liệu đến", the field
``temporal_coverage_to``) instead of a date typed in the spec. The publish day is sent too
(``data_last_updated``, "Công bố lần cuối").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sonla_publisher.reading.months import is_month_field

DAY, MONTH, YEAR = "day", "month", "year"
# The periods a column of each kind can tell apart, by update frequency: a year column cannot
# say whether a monthly dataset is late.
KINDS_FOR_FREQUENCY: dict[str, tuple[str, ...]] = {
    "daily": (DAY,),
    "weekly": (DAY,),
    "monthly": (DAY, MONTH),
    "quarterly": (DAY, MONTH),
    "semiannual": (DAY, MONTH),
    "annual": (DAY, MONTH, YEAR),
    "irregular": (DAY, MONTH, YEAR),
    "on_change": (DAY, MONTH, YEAR),
}
# Metadata the publisher sets from the data and the publish: a spec may not set them.
FROM_THE_DATA = (
    "data_last_updated",
    "temporal_coverage_from",
    "temporal_coverage_to",
    "spatial_coverage",  # validation/coverage.py
)
_MONTH = re.compile(r"^(\d{2})/(\d{4})$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_SEEN_LIMIT = 50_000  # distinct values remembered (values repeat: months, years, days)


@dataclass(frozen=True)
class DataPeriod:
    """The first day of the earliest period and the last day of the latest one in the data."""

    kind: str
    first: dt.date
    last: dt.date
    latest: str  # the latest period as people write it: "08/2026", "2026", "31/08/2026"


def period_column(spec_data: dict[str, Any]) -> Any:
    """The raw ``freshness.period_column`` of a spec (None when not given)."""
    block = spec_data.get("freshness")
    return block.get("period_column") if isinstance(block, dict) else None


def field_kind(field: dict[str, Any]) -> str | None:
    """What a schema field's values are periods of, or None when they are not periods."""
    field_type = str(field.get("type") or "string")
    if field_type in ("date", "datetime"):
        return DAY
    if field_type == "yearmonth" or is_month_field(field):
        return MONTH
    if field_type in ("year", "integer"):
        return YEAR
    return None


def bounds(kind: str, value: str) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of the period a cleaned cell names; None for anything else."""
    text = value.strip()
    try:
        if kind == DAY:
            day = dt.date.fromisoformat(text[:10])
            return day, day
        if kind == MONTH:
            match = _MONTH.match(text) or re.match(r"^(\d{4})-(\d{2})$", text)
            if not match:
                return None
            a, b = int(match.group(1)), int(match.group(2))
            year, month = (b, a) if "/" in text else (a, b)
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        match = _YEAR.match(text)
        if not match:
            return None
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:  # month 13, 31/02...
        return None


def label(kind: str, first: dt.date) -> str:
    if kind == DAY:
        return first.strftime("%d/%m/%Y")
    if kind == MONTH:
        return first.strftime("%m/%Y")
    return str(first.year)


class PeriodTracker:
    """Fed the period column's value of every data row; :meth:`result` is the data's period.

    Values that are not a period (empty, wrong) are skipped: validation reports them.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.latest_first: dt.date | None = None
        self._seen: set[str] = set()

    def add(self, value: str) -> None:
        if value in self._seen:
            return
        if len(self._seen) < _SEEN_LIMIT:
            self._seen.add(value)
        found = bounds(self.kind, value)
        if found is None:
            return
        first, last = found
        if self.first is None or first < self.first:
            self.first = first
        if self.last is None or last > self.last:
            self.last, self.latest_first = last, first

    def result(self) -> DataPeriod | None:
        if self.first is None or self.last is None or self.latest_first is None:
            return None
        return DataPeriod(self.kind, self.first, self.last, label(self.kind, self.latest_first))


def spec_problems(spec_data: dict[str, Any], fields: list[dict[str, Any]],
                  frequency: Any) -> list[tuple[str, dict[str, Any]]]:
    """What is wrong with a spec's ``freshness`` block and its dates set by hand."""
    problems: list[tuple[str, dict[str, Any]]] = []
    metadata = spec_data.get("metadata")
    for key in FROM_THE_DATA:
        if isinstance(metadata, dict) and key in metadata:
            problems.append(("spec.metadata_from_data", {"key": f"metadata.{key}"}))
    block = spec_data.get("freshness")
    if block is None:
        return problems
    if not isinstance(block, dict) or set(block) - {"period_column"}:
        problems.append(("spec.bad_freshness_block", {}))
        return problems
    column = block.get("period_column")
    field = next((f for f in fields if f.get("name") == column), None)
    if field is None:
        problems.append(("spec.unknown_period_column", {"field": column}))
        return problems
    kind = field_kind(field)
    if kind is None:
        problems.append(("spec.period_column_not_period", {"field": column}))
    elif frequency in KINDS_FOR_FREQUENCY and kind not in KINDS_FOR_FREQUENCY[frequency]:
        problems.append(
            ("spec.period_column_too_coarse", {"field": column, "frequency": frequency})
        )
    return problems


def period_kind(spec_data: dict[str, Any], fields: list[dict[str, Any]]) -> str | None:
    """The kind of the spec's period column, None without a usable one."""
    column = period_column(spec_data)
    field = next((f for f in fields if f.get("name") == column), None)
    return field_kind(field) if field is not None else None
