"""Percent values in a "(%)" column, and cells whose formula reads another workbook.

A column whose title says "(%)" publishes percentage points: 12.5 for twelve and a half percent.
In such a column an agency's sheet may hold the same value three ways:

- a number with a percent format: Excel shows ``12,5%`` but the cell holds 0.125;
- the text ``12,5%`` typed by hand;
- a bare 0.125 with no percent format.

The first two are certain and become 12.5; each converted cell is reported. The third cannot be
told apart from 0.125 percent: it is kept as written and warned about (the user decides).

In a number column whose title does not say "(%)", a percent-formatted cell keeps its value
(0.125, what the cell holds) and is warned about: the sheet shows 12,5% to its author.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sonla_publisher.reading.cells import (
    column_letter,
    format_decimal,
    parse_percent_text,
    parse_vn_number,
)
from sonla_publisher.reading.cleaning import CleaningLog
from sonla_publisher.reading.formula_errors import SheetFacts

PERCENT_TYPES = ("number", "integer")
MAX_LISTED_CELLS = 50  # cells named in one report line; the count is always complete
_HUNDRED = Decimal(100)
_READINGS_KEPT = 50_000


def is_percent_field(spec_field: dict[str, Any]) -> bool:
    """A number field whose title says it is in percent: "Tỷ lệ hộ nghèo (%)"."""
    return str(spec_field.get("type")) in PERCENT_TYPES and "%" in str(spec_field.get("title"))


def shown(value: str) -> str:
    """A canonical number as a Vietnamese office writes it (decimal comma)."""
    return value.replace(".", ",")


@dataclass
class _Column:
    index: int  # the field's position in the spec
    column: int  # 0-based column in the file
    title: str
    percent: bool  # the title says "(%)": values are percentage points
    formatted: list[tuple[str, str, str]] = field(default_factory=list)  # cell, before, after
    typed: list[tuple[str, str, str]] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # percent-formatted, not in a "(%)" column
    counts: dict[str, int] = field(default_factory=dict)
    # (cell is a number, text) -> what an unformatted cell reads as (see _read_unformatted)
    readings: dict[tuple[bool, str], tuple[str | None, bool]] = field(default_factory=dict)
    # text cells (not numbers) known to read as a plain number: nothing to do, one lookup
    plain: set[str] = field(default_factory=set)


class PercentColumns:
    """Converts the percent cells of a table's "(%)" columns row by row, and reports them."""

    def __init__(self, columns: list[_Column], percent_cells: set[tuple[int, int]]) -> None:
        self.columns = columns
        self.percent_cells = percent_cells

    @classmethod
    def for_table(
        cls,
        fields: Sequence[dict[str, Any]],
        file_columns: Sequence[int | None],
        titles: Sequence[str],
        facts: SheetFacts,
    ) -> PercentColumns | None:
        columns = [
            _Column(index, column, titles[index], is_percent_field(spec_field))
            for index, (spec_field, column) in enumerate(zip(fields, file_columns, strict=True))
            if column is not None
            and str(spec_field.get("type")) in PERCENT_TYPES
            and (facts.percent_cells or is_percent_field(spec_field))
        ]
        return cls(columns, facts.percent_cells) if columns else None

    def fix(
        self, number: int, raw: list[Any], values: tuple[str, ...], log: CleaningLog
    ) -> tuple[str, ...]:
        """The row's values with its percent cells in percentage points, each change in ``log``."""
        fixed: list[str] | None = None
        for column in self.columns:
            value = values[column.index]
            if not value:
                continue
            cell = raw[column.column] if column.column < len(raw) else None
            if type(cell) is str and value in column.plain:
                continue
            converted = self._converted(column, number, cell, value)
            if converted is not None and converted[0] != value:
                new, shown_old, reason = converted
                log.record(number, column.index, shown_old, new, reason)
                fixed = fixed if fixed is not None else list(values)
                fixed[column.index] = new
        return tuple(fixed) if fixed is not None else values

    def _converted(
        self, column: _Column, number: int, cell: Any, value: str
    ) -> tuple[str, str, str] | None:
        """(new value, old value as the report shows it, reason id) for a converted cell."""
        is_number = isinstance(cell, (int, float)) and not isinstance(cell, bool)
        formatted = is_number and (number, column.column) in self.percent_cells
        if not column.percent:
            if formatted:
                column.counts["kept"] = column.counts.get("kept", 0) + 1
                if len(column.kept) < MAX_LISTED_CELLS:
                    column.kept.append(f"{_ref(column, number)} ({shown(value)})")
            return None
        points: str | None
        if formatted:
            try:
                points = format_decimal(Decimal(str(cell)) * _HUNDRED)
            except InvalidOperation:
                return None
            change = (_ref(column, number), f"{shown(value)} (%)", shown(points))
            _note(column, "formatted", change)
            return points, change[1], "change.percent_formatted"
        # Values repeat (the same rates on many rows): what a value reads as is cached.
        key = (is_number, value)
        reading = column.readings.get(key)
        if reading is None:
            reading = _read_unformatted(cell, value, is_number)
            if len(column.readings) < _READINGS_KEPT:
                column.readings[key] = reading
        points, ambiguous = reading
        plain = points is None and not ambiguous and not is_number
        if plain and len(column.plain) < _READINGS_KEPT:
            column.plain.add(value)
        if points is not None:
            _note(column, "typed", (_ref(column, number), value, shown(points)))
            return points, value, "change.percent_typed"
        if ambiguous:
            column.counts["ambiguous"] = column.counts.get("ambiguous", 0) + 1
            if len(column.ambiguous) < MAX_LISTED_CELLS:
                column.ambiguous.append(f"{_ref(column, number)} ({shown(value)})")
        return None

    def log_steps(self, log: CleaningLog) -> None:
        for column in self.columns:
            for kind, changes in (("formatted", column.formatted), ("typed", column.typed)):
                if changes:
                    listed = "; ".join(f"{ref}: {old} → {new}" for ref, old, new in changes)
                    log.add(
                        f"clean.percent.{kind}",
                        column=column.title,
                        count=column.counts[kind],
                        cells=_more(listed, column.counts[kind], len(changes)),
                    )
            warnings = (
                ("warn.percent_ambiguous", column.ambiguous, "ambiguous"),
                ("warn.percent_format_kept", column.kept, "kept"),
            )
            for message_id, cells, kind in warnings:
                if cells:
                    count = column.counts[kind]
                    log.add(
                        message_id,
                        column=column.title,
                        count=count,
                        cells=_more(", ".join(cells), count, len(cells)),
                    )


def _ref(column: _Column, number: int) -> str:
    return f"{column_letter(column.column)}{number}"


def _read_unformatted(cell: Any, value: str, is_number: bool) -> tuple[str | None, bool]:
    """A cell without a percent format in a "(%)" column: (percentage points typed with "%",
    or None; whether the value is a bare fraction that may mean 0.125% or 12.5%)."""
    typed = parse_percent_text(value)
    if typed is not None:
        return format_decimal(typed), False
    parsed = parse_vn_number(value) if not is_number else Decimal(str(cell))
    return None, parsed is not None and 0 < abs(parsed) <= 1


def _note(column: _Column, kind: str, change: tuple[str, str, str]) -> None:
    column.counts[kind] = column.counts.get(kind, 0) + 1
    changes = column.formatted if kind == "formatted" else column.typed
    if len(changes) < MAX_LISTED_CELLS:
        changes.append(change)


def _more(listed: str, count: int, shown_count: int) -> str:
    return listed + (f"; … (+{count - shown_count})" if count > shown_count else "")


def log_external_links(
    facts: SheetFacts, file_columns: Sequence[int | None], first_row: int, log: CleaningLog
) -> None:
    """Warn about the table's cells whose formula reads another workbook (values may be stale)."""
    used = {column for column in file_columns if column is not None}
    cells = sorted(
        (row, column) for row, column in facts.external_cells if column in used and row >= first_row
    )
    if not cells:
        return
    refs = ", ".join(f"{column_letter(column)}{row}" for row, column in cells[:MAX_LISTED_CELLS])
    first = facts.external_cells[cells[0]]
    log.add(
        "warn.external_link",
        count=len(cells),
        cells=_more(refs, len(cells), min(len(cells), MAX_LISTED_CELLS)),
        formula="=" + first,
        files=", ".join(facts.external_workbooks) or "-",
    )
