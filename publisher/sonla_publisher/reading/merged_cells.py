"""Merged cells over the data rows of a sheet: Excel shows one value, the file holds it once.

A range merged over several data rows (``B7:B9``) keeps its value only in the top-left cell;
the others read as empty although Excel shows the value on every row. Such a range is a problem
(the published table would have empty cells), unless the spec allows filling down the field
(``source.fill_merged``): then the value is copied into each cell and every fill is reported. A
range across several columns is always a problem: which column the value belongs to is unclear.

Rows stream by in order; only the ranges covering the current row are looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sonla_publisher.reading.cells import column_letter
from sonla_publisher.reading.cleaning import CleaningLog

# A merged range: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]
_CELLS_LISTED = 6


@dataclass
class _Range:
    top: int  # 1-based rows, 0-based columns
    left: int
    bottom: int
    right: int
    anchor_value: str | None = None
    reported: bool = False
    filled: list[int] = field(default_factory=list)  # rows filled down

    @property
    def name(self) -> str:
        return f"{column_letter(self.left)}{self.top}:{column_letter(self.right)}{self.bottom}"

    @property
    def anchor(self) -> str:
        return f"{column_letter(self.left)}{self.top}"


@dataclass(frozen=True)
class MergedProblem:
    """A merged range that leaves data cells empty; reported once, on the first row it touches."""

    message_id: str
    params: dict[str, Any]
    row: int
    cell: str
    field_index: int
    value: str
    explains: tuple[int, int, tuple[int, ...]]  # rows (first, last) and fields left empty


class MergedCells:
    """Follows the merged ranges over the data rows as rows are read, top to bottom."""

    def __init__(
        self,
        merged: list[MergedRange],
        first_data_row: int,
        columns: tuple[int | None, ...],
        fill_fields: set[int],
    ) -> None:
        self.field_of_column = {column: i for i, column in enumerate(columns) if column is not None}
        self.fill_fields = fill_fields
        ranges = [
            _Range(top + 1, left, bottom + 1, right)
            for (top, left), (bottom, right) in merged
            if bottom + 1 >= first_data_row
            and (bottom > top or right > left)
            and any(column in self.field_of_column for column in range(left, right + 1))
        ]
        self.waiting = sorted(ranges, key=lambda item: item.top, reverse=True)
        self.active: list[_Range] = []

    def __bool__(self) -> bool:
        return bool(self.waiting or self.active)

    def apply(
        self, number: int, values: tuple[str, ...], log: CleaningLog
    ) -> tuple[tuple[str, ...], list[MergedProblem]]:
        """The row's values with merged cells filled down where allowed, and the problems."""
        self._advance(number, log)
        problems: list[MergedProblem] = []
        fixed: list[str] | None = None
        for merged in self.active:
            if merged.top == number:
                index = self.field_of_column.get(merged.left)
                merged.anchor_value = values[index] if index is not None else None
                if merged.bottom == merged.top:
                    problem = self._problem(merged, number)
                    if problem is not None:
                        problems.append(problem)
                continue
            index = self.field_of_column.get(merged.left)
            if merged.anchor_value == "":
                continue  # Excel shows an empty range too: nothing is hidden
            fillable = (
                merged.left == merged.right
                and index in self.fill_fields
                and merged.anchor_value
                and index is not None
                and not values[index]
            )
            if fillable:
                assert index is not None and merged.anchor_value is not None
                fixed = fixed or list(values)
                fixed[index] = merged.anchor_value
                merged.filled.append(number)
                log.record(
                    number, index, "", merged.anchor_value, "change.merged_filled",
                    anchor=merged.anchor,
                )
                continue
            problem = self._problem(merged, number)
            if problem is not None:
                problems.append(problem)
        return (tuple(fixed) if fixed is not None else values), problems

    def finish(self, log: CleaningLog) -> None:
        for merged in self.active:
            self._log_fill(merged, log)
        self.active = []

    def _advance(self, number: int, log: CleaningLog) -> None:
        still = []
        for merged in self.active:
            if merged.bottom < number:
                self._log_fill(merged, log)
            else:
                still.append(merged)
        self.active = still
        while self.waiting and self.waiting[-1].top <= number:
            merged = self.waiting.pop()
            if merged.bottom >= number:
                self.active.append(merged)

    def _problem(self, merged: _Range, number: int) -> MergedProblem | None:
        if merged.reported:
            return None
        empty = [
            f"{column_letter(column)}{row}"
            for row in range(merged.top, merged.bottom + 1)
            for column in range(merged.left, merged.right + 1)
            if column in self.field_of_column and (row, column) != (merged.top, merged.left)
        ]
        if not empty:
            return None
        merged.reported = True
        shown = ", ".join(empty[:_CELLS_LISTED]) + (", …" if len(empty) > _CELLS_LISTED else "")
        columns = range(merged.left, merged.right + 1)
        spec_columns = [column for column in columns if column in self.field_of_column]
        across = merged.left != merged.right
        message_id = "problem.merged_cells_across" if across else "problem.merged_cells"
        value = merged.anchor_value or ""
        return MergedProblem(
            message_id,
            {"range": merged.name, "value": value, "anchor": merged.anchor, "empty": shown},
            row=number,
            cell=merged.name,
            field_index=self.field_of_column[spec_columns[0]],
            value=value,
            explains=(
                merged.top,
                merged.bottom,
                tuple(self.field_of_column[column] for column in spec_columns),
            ),
        )

    def _log_fill(self, merged: _Range, log: CleaningLog) -> None:
        if not merged.filled:
            return
        letter = column_letter(merged.left)
        rows = merged.filled
        contiguous = rows == list(range(rows[0], rows[-1] + 1))
        if contiguous and len(rows) > 1:
            filled = f"{letter}{rows[0]}:{letter}{rows[-1]}"
        else:
            filled = ", ".join(f"{letter}{row}" for row in rows)
        log.add(
            "clean.merged_filled",
            range=merged.name,
            value=merged.anchor_value,
            anchor=merged.anchor,
            filled=filled,
        )
        merged.filled = []
