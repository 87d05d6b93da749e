"""Find the table described by a spec inside an agency's sheet and clean its values.

Agency sheets carry title rows above the header ("UBND TỈNH SƠN LA", "SỞ Y TẾ", the table
title), sometimes a second header row under merged titles and a row numbering the columns,
extra columns (STT), "Tổng cộng" rows, a signature block and empty rows. This module opens the
table (the header is found by :mod:`header_rows`) and yields the data rows as clean text, each
remembering its row number in the file. Rows are streamed: a large csv is never held in memory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, cast

from sonla_publisher.errors import ReadError, SpecError
from sonla_publisher.i18n.messages import Lang, Ref, render
from sonla_publisher.reading.cells import column_letter, header_key
from sonla_publisher.reading.cleaning import (
    CONTROL_CHARS,
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
from sonla_publisher.reading.commune_names import CommuneIndex
from sonla_publisher.reading.header_rows import (
    HEADER_SCAN_ROWS,
    best_match,
    duplicate_columns,
    field_titles,
    find_header,
    log_dropped_columns,
    map_columns,
    title_in_file,
)
from sonla_publisher.reading.merged_cells import MergedCells
from sonla_publisher.reading.percent_cells import PercentColumns, log_external_links
from sonla_publisher.reading.source_files import RowSource, open_sources
from sonla_publisher.specs.spec import Spec

# Reading stops after this many empty rows in a row: a sheet formatted down to row 1,048,576
# must not be walked to the end.
MAX_EMPTY_ROWS = 1000
TOTAL_LABELS = frozenset({"tổng cộng", "tổng", "cộng", "tổng số"})
_TOTAL_INITIALS = frozenset("TtCc")
# The second letter of "tổng"/"cộng" as typed in any case or normal form (o + marks, ô + hook,
# ọ + circumflex...): rules out "Trung tâm", "Công ty" without normalising them.
_TOTAL_SECONDS = frozenset("oOôÔọỌổỔộỘ")
_TOTAL_STARTS = ("tổng", "cộng")
_TOTAL_CELLS_CHECKED = 2  # how many leading non-empty cells may hold the "total" label
CODELIST_KEY = "x-sonla-codelist"
# C0 control characters other than tab and line breaks (legitimate inside a quoted cell).
# PostgreSQL cannot store NUL at all; the others are invisible and come from broken exports.
_CONTROL_NAMES = {0: "NUL"}
_CELLS_NAMED = 5  # how many missing or extra columns a structure problem names
_TEXT_SHOWN = 60
_TRAILING_EXAMPLES = 3


class ReadProblem(NamedTuple):
    """A problem found while reading (structure of the file, not the value of a cell).

    Turned into a validation problem by :mod:`~sonla_publisher.validation.validator`, in row
    order among the others.
    """

    message_id: str
    params: dict[str, Any]
    row: int | None = None
    cell: str | None = None
    column: str | None = None
    value: str | None = None
    field_index: int | None = None
    # rows (first, last) and fields whose empty cells this problem explains (a merged range):
    # "required but empty" is not said again about them
    explains: tuple[int, int, tuple[int, ...]] | None = None


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
    # how the file was read: "sheet" (and "searched", the sheets looked at), or "encoding"
    # and "delimiter" for csv
    source: dict[str, str] = field(default_factory=dict)

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
    read_problems: tuple[ReadProblem, ...] = ()

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
    # filled while the rows are read: each problem is there before its row is handed out
    read_problems: list[ReadProblem] = field(default_factory=list)

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
            if (
                start[0] in _TOTAL_INITIALS
                and start[1:2] in _TOTAL_SECONDS
                and _starts_like_total(start)
            ):
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
        source=layout.source,
        rows=tuple(data),
        dropped_total_rows=tuple(row.number for row in totals),
        total_rows=tuple(totals),
        cleaning_steps=tuple(stream.log.steps()),
        changes=stream.log.changes,
        read_problems=tuple(stream.read_problems),
    )


def problems_up_to(
    problems: tuple[ReadProblem, ...] | list[ReadProblem], start: int, row: int | None
) -> tuple[list[ReadProblem], int]:
    """The read problems from position ``start`` up to row ``row`` (all when None), and the
    position after them: lets a validator interleave them with its own, in row order."""
    end = start
    while end < len(problems) and (row is None or (problems[end].row or 0) <= row):
        end += 1
    return list(problems[start:end]), end


def open_table(
    path: Path, spec: Spec, codelists: Path | None = None, max_bytes: int | None = None
) -> TableStream:
    """Open ``path`` as described by ``spec`` (sheet, header row, column titles) as a stream.

    Without a sheet in the spec, the header is looked for on every sheet.
    """
    communes = load_communes(spec, codelists)
    titles = field_titles(spec)
    source, head, searched = _choose_source(path, spec, titles, max_bytes)
    return _stream_table(source, head, spec, titles, path, communes, searched)


def _read_head(source: RowSource) -> list[list[Any]]:
    head: list[list[Any]] = []
    for row in source.rows:
        head.append(row)
        if len(head) >= HEADER_SCAN_ROWS + 2:
            break
    return head


def _clean_head(head: list[list[Any]]) -> list[list[Any]]:
    # Cleaned copies to find the header; only the header's own cells are counted in the log
    # (the data rows among them are cleaned, and counted, like every other data row).
    scratch = CleaningLog()
    return [[_clean_header_cell(cell, scratch) for cell in row] for row in head]


def _choose_source(
    path: Path, spec: Spec, titles: list[set[str]], max_bytes: int | None
) -> tuple[RowSource, list[list[Any]], list[str]]:
    """The sheet (or csv text) to read, its first rows, and the sheets searched (if several)."""
    best: tuple[int, RowSource, list[list[Any]]] | None = None
    tied: list[str] = []
    names: list[str] = []
    any_content = False
    for source in open_sources(path, spec.source.sheet, max_bytes):
        head = _read_head(source)
        names.append(source.sheet or "")
        any_content = any_content or any(non_empty(row) for row in head)
        score = best_match(_clean_head(head), titles)[1]
        if best is None or score > best[0]:
            best, tied = (score, source, head), [source.sheet or ""]
        elif score == best[0]:
            tied.append(source.sheet or "")
    assert best is not None  # open_sources yields at least one source
    score, source, head = best
    if len(names) == 1:
        return source, head, []
    if score > 0 and len(tied) > 1:
        raise ReadError("read.ambiguous_sheet", path=str(path), sheets=_quoted(tied))
    if score == 0:
        where = Ref("source.sheets", {"sheets": _quoted(names)})
        if not any_content:
            raise ReadError("read.empty_sheet", path=str(path), sheet=", ".join(names))
        raise ReadError(
            "read.no_header",
            path=str(path),
            rows=HEADER_SCAN_ROWS,
            titles=_expected_titles(spec),
            where=where,
        )
    return source, head, names


def _quoted(names: list[str]) -> str:
    return ", ".join(f"«{name}»" for name in names)


def _expected_titles(spec: Spec) -> str:
    return ", ".join(str(f.get("title") or f.get("name")) for f in spec.fields)


def _where(source: RowSource) -> Ref:
    if source.sheet is not None:
        return Ref("source.sheet", {"sheet": source.sheet})
    return Ref("source.csv", {"encoding": source.encoding, "delimiter": source.delimiter})


def _stream_table(
    source: RowSource,
    raw_head: list[list[Any]],
    spec: Spec,
    titles: list[set[str]],
    path: Path,
    communes: CommuneIndex | None,
    searched: list[str],
) -> TableStream:
    log = CleaningLog()
    if not any(non_empty(row) for row in raw_head):
        raise ReadError("read.empty_sheet", path=str(path), sheet=source.sheet or "-")
    head = _clean_head(raw_head)
    merged = source.merged if source.sheet is not None else None
    first, header = find_header(head, spec, titles, merged, path, _where(source))
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
    described = source.describe()
    if searched:
        described["searched"] = _quoted(searched)
    layout = TableLayout(
        path=path,
        sheet=source.sheet,
        header_row=header_index + 1,
        field_names=tuple(str(f.get("name")) for f in spec.fields),
        column_titles=tuple(
            title_in_file(header, column, f) for column, f in zip(columns, spec.fields, strict=True)
        ),
        columns=tuple(columns),
        source=described,
    )
    log.columns, log.titles = layout.columns, layout.column_titles
    log_external_links(source.facts, columns, first + 1, log)
    stream = TableStream(layout=layout, rows=iter(()), log=log)
    for field_index, first_column, second_column in duplicate_columns(header, titles):
        stream.read_problems.append(
            ReadProblem(
                "problem.duplicate_column",
                {
                    "first": column_letter(first_column),
                    "first_title": str(header[first_column]),
                    "second": column_letter(second_column),
                    "second_title": str(header[second_column]),
                    "field": str(spec.fields[field_index].get("name")),
                },
                row=layout.header_row,
                cell=f"{column_letter(second_column)}{layout.header_row}",
                column=layout.column_titles[field_index],
                value=str(header[second_column]),
                field_index=field_index,
            )
        )
    shape = _RowShape.of(raw_head[first : header_index + 1]) if source.lines else None
    remaining = chain(raw_head[next_index:], source.rows)  # (in C: a step per row is saved)
    stream.rows = _data_rows(
        remaining, next_index + 1, layout, spec, source, stream, communes, shape
    )
    return stream


@dataclass
class _RowShape:
    """The width a csv row must have: that of the header (trailing empty titles excepted)."""

    labelled: int  # up to the last column with a title
    raw: int  # as written, trailing empty cells included
    trailing_rows: int = 0
    trailing_examples: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, header_rows: list[list[Any]]) -> _RowShape:
        labelled = max(
            (i + 1 for row in header_rows for i, cell in enumerate(row) if non_empty([cell])),
            default=0,
        )
        return cls(labelled=labelled, raw=max(len(row) for row in header_rows))


def source_lines(
    source: dict[str, str], sheet: str | None, header_row: int, lang: Lang
) -> list[str]:
    """How the file was read, for the reports: the sheet (and the sheets searched), or the
    csv encoding and delimiter; with the header row."""
    if "encoding" in source:
        params = {**source, "row": header_row}
        return [render("report.source_csv", lang, params)]
    lines = [render("report.header_row", lang, {"sheet": sheet or "-", "row": header_row})]
    if source.get("searched"):
        params = {"sheet": sheet, "sheets": source["searched"]}
        lines.append(render("report.sheet_searched", lang, params))
    return lines


def _clean_header_cell(cell: Any, log: CleaningLog) -> Any:
    return log.clean_text(cell) if isinstance(cell, str) else cell


def _data_rows(
    rows: Iterator[list[Any]],
    first_number: int,
    layout: TableLayout,
    spec: Spec,
    source: RowSource,
    stream: TableStream,
    communes: CommuneIndex | None,
    shape: _RowShape | None,
) -> Iterator[SourceRow]:
    log = stream.log
    problems = stream.read_problems
    fixer = _commune_fixer(spec, communes)
    fixer_kept, fixer_pick = (fixer.kept, fixer.pick) if fixer is not None else (set(), None)
    percents = PercentColumns.for_table(
        spec.fields, layout.columns, layout.column_titles, source.facts
    )
    one_index, one_column, one_plain = _single_percent_column(percents)
    cells = _CellPlan.of(spec, layout, log)
    cleaner, plan, pick, min_width = cells.cleaner, cells.plan, cells.pick, cells.min_width
    text, caches, fill_misses = cleaner.text, cleaner.caches, cleaner.fill_misses
    plan_with_caches = cells.plan_with_caches
    errors = source.error_cells
    error_rows = {row for row, _ in errors}
    fill = {layout.field_names.index(name) for name in spec.source.fill_merged}
    merged = MergedCells(source.merged, first_number, layout.columns, fill)
    merged_over_data = merged if merged else None  # tested once: most sheets have none
    raw_width = shape.raw if shape is not None else -1
    multiline = source.lines.multiline if source.lines is not None else set()
    kept = _KeptRows(rows, first_number, error_rows, log)
    new_row = tuple.__new__  # builds the named tuple in C (SourceRow() runs Python code)
    for number, raw in kept:
        width = len(raw)
        cleaner.row = number
        if number in error_rows:
            values = _values_with_errors(raw, number, errors, cleaner, plan)
        elif pick is not None and width >= min_width:
            cells_picked = pick(raw)
            cleaned = list(map(dict.get, caches, cells_picked))
            if None in cleaned:  # a value not seen yet, or one that changes (to record it)
                fill_misses(cells_picked, cleaned)
            values = tuple(cast("list[str]", cleaned))  # fill_misses filled every None
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
        if cleaner.controls:
            _control_problems(cleaner, number, layout, problems)
        total = is_total_row(raw)
        # (not on a total row: a "Tổng cộng" label is often merged over several columns)
        if merged_over_data is not None and not total:
            values = _apply_merged(merged_over_data, number, values, layout, log, problems)
        if not any(values):
            log.note_rows.append(number)  # a note or a label outside the spec's columns
            continue
        if width != raw_width and shape is not None:
            _check_width(raw, number, shape, source, problems)
        elif multiline and number in multiline and shape is not None:
            _check_swallowed_rows(raw, number, shape, source, problems)
        if multiline:
            multiline.discard(number)
        if percents is not None and not (
            0 <= one_column < width
            and type(raw[one_column]) is str
            and values[one_index] in one_plain
        ):
            values = percents.fix(number, raw, values, log)
        if total:
            label = next((str(cell).strip() for cell in raw if non_empty([cell])), "")
            log.record(number, -1, label, "", "change.total_row")
        elif (fixer is not None and fixer_pick is not None
              and not fixer_kept.issuperset(fixer_pick(values))):
            values = fixer.fix(values, number, log)
        yield new_row(SourceRow, (number, values, total))
    _log_table_end(log, merged, shape, kept, percents)


class _KeptRows:
    """The rows worth cleaning, with their numbers in the file.

    Empty rows are counted (a long run of them ends the table: a sheet formatted down to row
    1,048,576 must not be walked to the end), and everything from a signature block on is
    skipped. A row holding an error cell is never empty.
    """

    def __init__(
        self,
        rows: Iterator[list[Any]],
        first_number: int,
        error_rows: set[int],
        log: CleaningLog,
    ) -> None:
        self.rows = rows
        self.number = first_number - 1  # the number of the last row read, once read through
        self.error_rows = error_rows
        self.log = log
        self.signature_from: int | None = None

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        log, error_rows = self.log, self.error_rows
        empty_run = 0
        signature_from: int | None = None
        number = self.number
        for raw in self.rows:
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
                signature_from = self.signature_from = number
                continue
            yield number, raw
        self.number = number


@dataclass(frozen=True)
class _CellPlan:
    """How a row's cells become its values; the fast paths are chosen once per table."""

    cleaner: CellCleaner
    plan: list[tuple[int, int | None]]  # (field index, column), None for a missing column
    plan_with_caches: list[tuple[int, int | None, Callable[..., Any]]]  # with the cache's get
    # Rows holding every field's column (nearly all) are cleaned with one lookup per cell done
    # in C: itemgetter picks the cells, map(dict.get) looks each up in its field's cache.
    pick: Callable[[list[Any]], Any] | None
    min_width: int  # the width a row needs for ``pick``

    @classmethod
    def of(cls, spec: Spec, layout: TableLayout, log: CleaningLog) -> _CellPlan:
        cleaner = CellCleaner(cleaning_types(spec.fields), log)
        plan = list(enumerate(layout.columns))
        plan_with_caches = [(index, column, cleaner.caches[index].get) for index, column in plan]
        found = [column for column in layout.columns if column is not None]
        pick = itemgetter(*found) if len(found) == len(plan) > 1 else None
        min_width = max(found) + 1 if found else 0
        return cls(cleaner, plan, plan_with_caches, pick, min_width)


def _commune_fixer(spec: Spec, communes: CommuneIndex | None) -> CommuneFixer | None:
    positions = set(commune_fields(spec))
    accept = accepts_suggestions(spec.data.get("source"))
    return CommuneFixer(communes, positions, accept) if communes and positions else None


def _single_percent_column(percents: PercentColumns | None) -> tuple[int, int, set[str]]:
    """(field index, column, texts read as a plain number) of the only "(%)" column.

    With one such column (the usual case) a row whose text there is known to read as a plain
    number skips the call of percents.fix (it would change nothing). (-1, -1, empty) otherwise.
    """
    one = percents.columns[0] if percents is not None and len(percents.columns) == 1 else None
    if one is None:
        return -1, -1, set()
    return one.index, one.column, one.plain


def _values_with_errors(
    raw: list[Any],
    number: int,
    errors: dict[tuple[int, int], str],
    cleaner: CellCleaner,
    plan: list[tuple[int, int | None]],
) -> tuple[str, ...]:
    """A row holding a formula error cell (``#DIV/0!``...), which the fast reader reads empty."""
    width = len(raw)
    return tuple(
        errors.get((number, column)) or cleaner.text(raw[column], index)
        if column is not None and column < width
        else ""
        for index, column in plan
    )


def _apply_merged(
    merged: MergedCells,
    number: int,
    values: tuple[str, ...],
    layout: TableLayout,
    log: CleaningLog,
    problems: list[ReadProblem],
) -> tuple[str, ...]:
    values, merged_problems = merged.apply(number, values, log)
    for merged_problem in merged_problems:
        problems.append(
            ReadProblem(
                merged_problem.message_id,
                merged_problem.params,
                row=merged_problem.row,
                cell=merged_problem.cell,
                column=layout.column_titles[merged_problem.field_index],
                value=merged_problem.value,
                field_index=merged_problem.field_index,
                explains=merged_problem.explains,
            )
        )
    return values


def _log_table_end(
    log: CleaningLog,
    merged: MergedCells,
    shape: _RowShape | None,
    kept: _KeptRows,
    percents: PercentColumns | None,
) -> None:
    """What the cleaning could only say once every row was read."""
    merged.finish(log)
    if shape is not None and shape.trailing_rows:
        rows_shown = ", ".join(map(str, shape.trailing_examples))
        log.add("clean.trailing_empty_cells", count=shape.trailing_rows, rows=rows_shown)
    if kept.signature_from is not None:
        log.add("clean.signature", first=kept.signature_from, last=kept.number)
    if percents is not None:
        percents.log_steps(log)


def _control_problems(
    cleaner: CellCleaner,
    number: int,
    layout: TableLayout,
    problems: list[ReadProblem],
) -> None:
    for index, cell in cleaner.controls:
        found = sorted({ord(char) for char in CONTROL_CHARS.findall(cell)})
        chars = ", ".join(
            f"U+{code:04X}" + (f" {_CONTROL_NAMES[code]}" if code in _CONTROL_NAMES else "")
            for code in found
        )
        problems.append(
            ReadProblem(
                "problem.control_char",
                {"chars": chars},
                row=number,
                cell=layout.cell_ref(index, number),
                column=layout.column_titles[index],
                value=CONTROL_CHARS.sub("\ufffd", cell)[:_TEXT_SHOWN],
                field_index=index,
            )
        )
    cleaner.controls.clear()


def _check_width(
    raw: list[Any], number: int, shape: _RowShape, source: RowSource, problems: list[ReadProblem]
) -> None:
    """A csv row with more or fewer cells than the header (Frictionless' extra-cell and
    missing-cell): its values may sit in the wrong columns. Empty cells after the header's
    last column are harmless (Excel writes them), only counted."""
    width = len(raw)
    if shape.labelled <= width <= shape.raw:
        return
    if width < shape.labelled:
        missing = range(width, shape.labelled)
        params: dict[str, Any] = {"count": width, "expected": shape.labelled}
        params["columns"] = _letters(missing)
        problems.append(_structure_problem("problem.missing_cell", params, number, source))
        return
    extra = [i for i in range(shape.labelled, width) if non_empty([raw[i]])]
    if not extra:
        shape.trailing_rows += 1
        if len(shape.trailing_examples) < _TRAILING_EXAMPLES:
            shape.trailing_examples.append(number)
        return
    params = {
        "count": width,
        "expected": shape.labelled,
        "columns": _letters(extra),
        "extra": str(raw[extra[0]])[:_TEXT_SHOWN],
    }
    problems.append(_structure_problem("problem.extra_cell", params, number, source))


def _check_swallowed_rows(
    raw: list[Any], number: int, shape: _RowShape, source: RowSource, problems: list[ReadProblem]
) -> None:
    """A quoted cell whose lines look like whole rows of the table (as many delimiters as a
    row): a stray quote swallowed them, and another one closed the cell by chance."""
    delimiter = source.lines.delimiter if source.lines is not None else ","
    needed = max(shape.labelled - 1, 2)
    for column, cell in enumerate(raw):
        if not isinstance(cell, str) or ("\n" not in cell and "\r" not in cell):
            continue
        rows = [line for line in cell.splitlines() if line.count(delimiter) >= needed]
        if rows:
            params = {"cell": f"{column_letter(column)}{number}", "count": len(rows)}
            problem = _structure_problem("problem.swallowed_rows", params, number, source)
            problems.append(problem)
            return


def _structure_problem(
    message_id: str, params: dict[str, Any], number: int, source: RowSource
) -> ReadProblem:
    span = source.lines.span(number) if source.lines is not None else None
    lines: Any = ""
    if span is not None and span[0] != span[1]:
        lines = Ref("problem.record_lines", {"first": span[0], "last": span[1]})
    elif span is not None and span[0] != number:
        lines = Ref("problem.record_line", {"line": span[0]})
    return ReadProblem(message_id, {**params, "lines": lines}, row=number)


def _letters(columns: range | list[int]) -> str:
    letters = [column_letter(column) for column in columns]
    shown = ", ".join(letters[:_CELLS_NAMED])
    return shown + (", …" if len(letters) > _CELLS_NAMED else "")


def is_empty_row(row: list[Any]) -> bool:
    for cell in row:  # a loop, not a comprehension: it runs on every row of large files
        if cell is None or cell == "":
            continue
        if isinstance(cell, str) and cell.isspace():
            continue
        return False
    return True
