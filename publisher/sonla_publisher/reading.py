"""Find the table described by a spec inside an agency's sheet and clean its values.

Agency sheets carry title rows above the header ("UBND TỈNH SƠN LA", "SỞ Y TẾ", the table
title), extra columns (STT), a "Tổng cộng" row and empty rows. This module finds the header
row, maps columns to the spec's fields by title, and returns the data rows as clean text,
each remembering its row number in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sonla_publisher.cells import cell_to_text, column_letter, header_key
from sonla_publisher.errors import ReadError
from sonla_publisher.source_files import Grid, read_grid
from sonla_publisher.specs import Spec

HEADER_SCAN_ROWS = 30
TOTAL_LABELS = frozenset({"tổng cộng", "tổng", "cộng", "tổng số"})
_TOTAL_CELLS_CHECKED = 2  # how many leading non-empty cells may hold the "total" label


@dataclass(frozen=True)
class SourceRow:
    """One data row: its 1-based row number in the file and one clean value per field."""

    number: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class SourceTable:
    """The cleaned table, in the spec's field order."""

    path: Path
    sheet: str | None
    header_row: int  # 1-based
    field_names: tuple[str, ...]
    column_titles: tuple[str, ...]  # title as written in the file (the spec's title if missing)
    columns: tuple[int | None, ...]  # 0-based column in the file; None when not found
    rows: tuple[SourceRow, ...]
    dropped_total_rows: tuple[int, ...] = ()

    @property
    def missing_fields(self) -> list[int]:
        """Positions of fields whose column was not found in the header row."""
        return [index for index, column in enumerate(self.columns) if column is None]

    def cell_ref(self, field_index: int, row_number: int) -> str | None:
        """Excel-style reference (``C17``) of a field's cell in a row, if the column exists."""
        column = self.columns[field_index]
        return None if column is None else f"{column_letter(column)}{row_number}"


def field_titles(spec: Spec) -> list[set[str]]:
    """For each field, the header keys that identify its column."""
    titles: list[set[str]] = []
    for field in spec.fields:
        keys = {header_key(field.get("name")), header_key(field.get("title") or "")}
        titles.append({key for key in keys if key})
    for title, field_name in (spec.source.columns or {}).items():
        for index, field in enumerate(spec.fields):
            if field.get("name") == field_name:
                titles[index].add(header_key(title))
    return titles


def find_header_row(rows: list[list[Any]], titles: list[set[str]]) -> int | None:
    """0-based index of the row (among the first rows) whose cells match most field titles."""
    wanted = set().union(*titles) if titles else set()
    best_index, best_count = None, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = len({header_key(cell) for cell in row} & wanted)
        if count > best_count:
            best_index, best_count = index, count
    return best_index


def map_columns(header: list[Any], titles: list[set[str]]) -> list[int | None]:
    """For each field, the first column whose header matches one of its titles."""
    keys = [header_key(cell) for cell in header]
    columns: list[int | None] = []
    for field_keys in titles:
        columns.append(next((i for i, key in enumerate(keys) if key in field_keys), None))
    return columns


def is_total_row(row: list[Any]) -> bool:
    """True when one of the first non-empty cells says "Tổng cộng", "Tổng", "Cộng"..."""
    checked = 0
    for cell in row:  # written as a loop: it runs on every row of large files
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if isinstance(cell, str):
            key = header_key(cell).rstrip(" :")
            if key in TOTAL_LABELS or key.startswith("tổng cộng"):
                return True
        checked += 1
        if checked == _TOTAL_CELLS_CHECKED:
            return False
    return False


def read_table(path: Path, spec: Spec) -> SourceTable:
    """Read ``path`` as described by ``spec`` (sheet, header row, column titles)."""
    source = spec.source
    grid = read_grid(path, source.sheet)
    return table_from_grid(grid, spec, path)


def table_from_grid(grid: Grid, spec: Spec, path: Path) -> SourceTable:
    titles = field_titles(spec)
    header_index = _header_index(grid, spec, titles, path)
    header = grid.rows[header_index]
    columns = map_columns(header, titles)
    types = [str(field.get("type") or "string") for field in spec.fields]
    rows: list[SourceRow] = []
    totals: list[int] = []
    for offset, raw in enumerate(grid.rows[header_index + 1 :]):
        number = header_index + 2 + offset
        values = tuple(
            "" if column is None or column >= len(raw) else cell_to_text(raw[column], field_type)
            for column, field_type in zip(columns, types, strict=True)
        )
        if not any(values):
            continue  # empty row, or nothing in the spec's columns (a note, a signature)
        if is_total_row(raw):
            totals.append(number)
            continue
        rows.append(SourceRow(number=number, values=values))
    return SourceTable(
        path=path,
        sheet=grid.sheet,
        header_row=header_index + 1,
        field_names=tuple(str(field.get("name")) for field in spec.fields),
        column_titles=tuple(
            _title_in_file(header, column, field)
            for column, field in zip(columns, spec.fields, strict=True)
        ),
        columns=tuple(columns),
        rows=tuple(rows),
        dropped_total_rows=tuple(totals),
    )


def _header_index(grid: Grid, spec: Spec, titles: list[set[str]], path: Path) -> int:
    header_row = spec.source.header_row
    if header_row is not None:
        if header_row > len(grid.rows):
            raise ReadError("read.header_row_out_of_range", path=str(path), row=header_row)
        return header_row - 1
    index = find_header_row(grid.rows, titles)
    if index is None:
        expected = ", ".join(str(field.get("title") or field.get("name")) for field in spec.fields)
        raise ReadError("read.no_header", path=str(path), rows=HEADER_SCAN_ROWS, titles=expected)
    return index


def _title_in_file(header: list[Any], column: int | None, field: dict[str, Any]) -> str:
    if column is not None and column < len(header):
        return " ".join(str(header[column]).split())
    return str(field.get("title") or field.get("name"))
