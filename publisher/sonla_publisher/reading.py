"""Find the table described by a spec inside an agency's sheet and clean its values.

Agency sheets carry title rows above the header ("UBND TỈNH SƠN LA", "SỞ Y TẾ", the table
title), sometimes a second header row under merged titles and a row numbering the columns,
extra columns (STT), "Tổng cộng" rows, a signature block and empty rows. This module opens the
table (the header is found by :mod:`header_rows`) and yields the data rows as clean text, each
remembering its row number in the file. Rows are streamed: a large csv is never held in memory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sonla_publisher.cells import column_letter, header_key
from sonla_publisher.cleaning import (
    CellCleaner,
    ChangeList,
    CleaningLog,
    CleaningStep,
    CommuneFixer,
    accepts_suggestions,
    cleaning_types,
    is_column_number_row,
    is_signature_row,
    non_empty,
)
from sonla_publisher.commune_names import CommuneIndex
from sonla_publisher.errors import ReadError, SpecError
from sonla_publisher.header_rows import (
    HEADER_SCAN_ROWS,
    field_titles,
    find_header,
    log_dropped_columns,
    map_columns,
    title_in_file,
)
from sonla_publisher.percent_cells import PercentColumns, log_external_links
from sonla_publisher.source_files import RowSource, open_rows
from sonla_publisher.specs import Spec

# Reading stops after this many empty rows in a row: a sheet formatted down to row 1,048,576
# must not be walked to the end.
MAX_EMPTY_ROWS = 1000
TOTAL_LABELS = frozenset({"tổng cộng", "tổng", "cộng", "tổng số"})
_TOTAL_INITIALS = frozenset("TtCc")
_TOTAL_STARTS = ("tổng", "cộng")
_TOTAL_CELLS_CHECKED = 2  # how many leading non-empty cells may hold the "total" label
CODELIST_KEY = "x-sonla-codelist"


class SourceRow(NamedTuple):
    """One row: its 1-based row number in the file and one clean value per field.

    ``total`` marks a "Tổng cộng" row: not data, but kept to check the sums. (A named tuple:
    one is made per row of files with a million rows.)
    """

    number: int
    values: tuple[str, ...]
    total: bool = False


@dataclass(frozen=True)
class TableLayout:
    """Where the table sits in the file and how its columns map to the spec's fields."""

    path: Path
    sheet: str | None
    header_row: int  # 1-based; the last header row when the header has two rows
    field_names: tuple[str, ...]
    column_titles: tuple[str, ...]  # title as written in the file (the spec's title if missing)
    columns: tuple[int | None, ...]  # 0-based column in the file; None when not found

    @property
    def missing_fields(self) -> list[int]:
        """Positions of fields whose column was not found in the header row."""
        return [index for index, column in enumerate(self.columns) if column is None]

    def cell_ref(self, field_index: int, row_number: int) -> str | None:
        """Excel-style reference (``C17``) of a field's cell in a row, if the column exists."""
        column = self.columns[field_index]
        return None if column is None else f"{column_letter(column)}{row_number}"


@dataclass(frozen=True)
class SourceTable(TableLayout):
    """The cleaned table in memory, in the spec's field order (used to publish)."""

    rows: tuple[SourceRow, ...] = ()
    dropped_total_rows: tuple[int, ...] = ()
    total_rows: tuple[SourceRow, ...] = ()
    cleaning_steps: tuple[CleaningStep, ...] = ()
    changes: ChangeList = field(default_factory=ChangeList)

    def iter_rows(self) -> Iterator[SourceRow]:
        """Data and total rows in file order."""
        return iter(sorted((*self.rows, *self.total_rows), key=lambda row: row.number))

    def steps(self) -> list[CleaningStep]:
        return list(self.cleaning_steps)

    def change_list(self) -> ChangeList:
        return self.changes


@dataclass
class TableStream:
    """The table as a stream of rows; the cleaning log is complete once the rows are consumed."""

    layout: TableLayout
    rows: Iterator[SourceRow]
    log: CleaningLog = field(default_factory=CleaningLog)

    def iter_rows(self) -> Iterator[SourceRow]:
        return self.rows

    def steps(self) -> list[CleaningStep]:
        return self.log.steps()

    def change_list(self) -> ChangeList:
        return self.log.changes


def is_total_row(row: list[Any]) -> bool:
    """True when one of the first non-empty cells says "Tổng cộng", "Tổng", "Cộng"..."""
    checked = 0
    for cell in row:  # written as a loop: it runs on every row of large files
        if cell is None or cell == "":
            continue
        if type(cell) is str:
            start = cell.lstrip()[:8]
            if not start:
                continue
            # Only text starting with "tổng"/"cộng" (any case or normal form) is looked at closely.
            if start[0] in _TOTAL_INITIALS and _starts_like_total(start):
                key = header_key(cell).rstrip(" :")
                if key in TOTAL_LABELS or key.startswith("tổng cộng"):
                    return True
        checked += 1
        if checked == _TOTAL_CELLS_CHECKED:
            return False
    return False


def _starts_like_total(start: str) -> bool:
    return unicodedata.normalize("NFC", start).casefold().startswith(_TOTAL_STARTS)


def commune_fields(spec: Spec) -> list[int]:
    """Positions of the fields the spec marks ``x-sonla-codelist: communes``."""
    return [i for i, f in enumerate(spec.fields) if f.get(CODELIST_KEY) == "communes"]


def load_communes(spec: Spec, codelists: Path | None) -> CommuneIndex | None:
    """The commune index when the spec needs it; SpecError when the code list is missing."""
    if not commune_fields(spec):
        return None
    if codelists is None or not (codelists / "communes.csv").is_file():
        raise SpecError("codelist.missing_communes", name=spec.name, path=str(codelists))
    return CommuneIndex.from_codelists(codelists)


def read_table(
    path: Path, spec: Spec, codelists: Path | None = None, max_bytes: int | None = None
) -> SourceTable:
    """Read ``path`` as described by ``spec`` into memory (to publish it)."""
    stream = open_table(path, spec, codelists, max_bytes)
    data: list[SourceRow] = []
    totals: list[SourceRow] = []
    for row in stream.rows:
        (totals if row.total else data).append(row)
    layout = stream.layout
    return SourceTable(
        path=layout.path,
        sheet=layout.sheet,
        header_row=layout.header_row,
        field_names=layout.field_names,
        column_titles=layout.column_titles,
        columns=layout.columns,
        rows=tuple(data),
        dropped_total_rows=tuple(row.number for row in totals),
        total_rows=tuple(totals),
        cleaning_steps=tuple(stream.log.steps()),
        changes=stream.log.changes,
    )


def open_table(
    path: Path, spec: Spec, codelists: Path | None = None, max_bytes: int | None = None
) -> TableStream:
    """Open ``path`` as described by ``spec`` (sheet, header row, column titles) as a stream."""
    communes = load_communes(spec, codelists)
    source = open_rows(path, spec.source.sheet, max_bytes)
    return _stream_table(source, spec, path, communes)


def _stream_table(
    source: RowSource, spec: Spec, path: Path, communes: CommuneIndex | None
) -> TableStream:
    log = CleaningLog()
    head: list[list[Any]] = []
    for row in source.rows:
        head.append(row)
        if len(head) >= HEADER_SCAN_ROWS + 2:
            break
    if not any(non_empty(row) for row in head):
        raise ReadError("read.empty_sheet", path=str(path), sheet=source.sheet or "-")
    raw_head = head
    # Cleaned copies to find the header; only the header's own cells are counted in the log
    # (the data rows among them are cleaned, and counted, like every other data row).
    scratch = CleaningLog()
    head = [[_clean_header_cell(cell, scratch) for cell in row] for row in raw_head]
    titles = field_titles(spec)
    merged = source.merged if source.sheet is not None else None
    first, header = find_header(head, spec, titles, merged, path)
    header_index = first + (1 if header is not head[first] else 0)
    if header_index > first:
        log.add("clean.merged_header", rows=f"{first + 1}–{header_index + 1}")
    columns = map_columns(header, titles)
    log_dropped_columns(header, columns, log)
    for row in raw_head[first : header_index + 1]:
        for cell in row:
            _clean_header_cell(cell, log)
    next_index = header_index + 1
    if next_index < len(head) and is_column_number_row(head[next_index]):
        log.add("clean.column_numbers", row=next_index + 1)
        next_index += 1
    layout = TableLayout(
        path=path,
        sheet=source.sheet,
        header_row=header_index + 1,
        field_names=tuple(str(f.get("name")) for f in spec.fields),
        column_titles=tuple(
            title_in_file(header, column, f) for column, f in zip(columns, spec.fields, strict=True)
        ),
        columns=tuple(columns),
    )
    log.columns, log.titles = layout.columns, layout.column_titles
    log_external_links(source.facts, columns, first + 1, log)
    remaining = _chain(raw_head[next_index:], source.rows)
    rows = _data_rows(remaining, next_index + 1, layout, spec, source, log, communes)
    return TableStream(layout=layout, rows=rows, log=log)


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest


def _clean_header_cell(cell: Any, log: CleaningLog) -> Any:
    return log.clean_text(cell) if isinstance(cell, str) else cell


def _data_rows(
    rows: Iterator[list[Any]],
    first_number: int,
    layout: TableLayout,
    spec: Spec,
    source: RowSource,
    log: CleaningLog,
    communes: CommuneIndex | None,
) -> Iterator[SourceRow]:
    positions = set(commune_fields(spec))
    accept = accepts_suggestions(spec.data.get("source"))
    fixer = CommuneFixer(communes, positions, accept) if communes and positions else None
    percents = PercentColumns.for_table(
        spec.fields, layout.columns, layout.column_titles, source.facts
    )
    cleaner = CellCleaner(cleaning_types(spec.fields), log)
    plan = list(enumerate(layout.columns))
    text = cleaner.text
    plan_with_caches = [(index, column, cleaner.caches[index].get) for index, column in plan]
    errors = source.error_cells
    error_rows = {row for row, _ in errors}
    empty_run = 0
    signature_from: int | None = None
    number = first_number - 1
    for raw in rows:
        number += 1
        if is_empty_row(raw) and number not in error_rows:
            empty_run += 1
            if empty_run >= MAX_EMPTY_ROWS:
                log.add("clean.stopped_at_empty_rows", count=MAX_EMPTY_ROWS, row=number)
                break
            continue
        if signature_from is not None:
            empty_run = 0
            continue
        if empty_run:
            log.empty_rows += empty_run
            empty_run = 0
        if is_signature_row(raw):
            signature_from = number
            continue
        width = len(raw)
        cleaner.row = number
        if number in error_rows:
            values = tuple(
                errors.get((number, column)) or cleaner.text(raw[column], index)
                if column is not None and column < width
                else ""
                for index, column in plan
            )
        else:
            # the cache lookup inline, the method call only on a miss: this runs for every cell
            values = tuple(
                [
                    (get(raw[column]) or text(raw[column], index))
                    if column is not None and column < width
                    else ""
                    for index, column, get in plan_with_caches
                ]
            )
        if not any(values):
            log.note_rows.append(number)  # a note or a label outside the spec's columns
            continue
        if percents is not None:
            values = percents.fix(number, raw, values, log)
        total = is_total_row(raw)
        if total:
            label = next((str(cell).strip() for cell in raw if non_empty([cell])), "")
            log.record(number, -1, label, "", "change.total_row")
        elif fixer is not None:
            values = fixer.fix(values, number, log)
        yield SourceRow(number, values, total)
    if signature_from is not None:
        log.add("clean.signature", first=signature_from, last=number)
    if percents is not None:
        percents.log_steps(log)


def is_empty_row(row: list[Any]) -> bool:
    for cell in row:  # a loop, not a comprehension: it runs on every row of large files
        if cell is None or cell == "":
            continue
        if isinstance(cell, str) and cell.isspace():
            continue
        return False
    return True
