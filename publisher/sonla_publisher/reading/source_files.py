"""Open an agency's file (xlsx and other spreadsheets, or csv) as a grid of raw cells.

Row and column positions are kept exactly as in the file (row 1 is the first row, empty
leading rows and columns included) so that problems can name the cell the user sees. Every
opened file says how it was read (sheet, or encoding and delimiter), for the reports.
"""

from __future__ import annotations

import codecs
import csv
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from sonla_publisher.error_reasons import read_failure_reason
from sonla_publisher.errors import ReadError
from sonla_publisher.reading.formula_errors import SheetFacts, sheet_facts
from sonla_publisher.reading.input_checks import check_file, max_file_bytes

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv",)
CSV_DELIMITERS = ",;\t|"
_SNIFF_BYTES = 64 * 1024
_ENCODING_SAMPLE_BYTES = 1024 * 1024
# UTF-16 without a BOM: Vietnamese text is mostly ASCII letters, digits and punctuation, whose
# UTF-16 code units have one zero byte. Real UTF-8 or Windows-1258 text has (almost) none.
_UTF16_ZERO_SHARE = 0.3
_UTF16_OTHER_ZERO_SHARE = 0.05
# A cell may be as long as the file (whose size --max-size bounds). Frictionless sets this same
# limit process-wide when imported; validate no longer imports it (issue 15), and must read
# the same cells.
CSV_FIELD_LIMIT = 2_147_483_646
csv.field_size_limit(CSV_FIELD_LIMIT)
_LINE_SPANS_KEPT = 256  # more than the rows read ahead to find the header
# A merged range: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class Grid:
    """Raw cell values, row by row; ``sheet`` is None for csv files."""

    rows: list[list[Any]]
    sheet: str | None


@dataclass
class RowSource:
    """An opened file: its rows one at a time (row 1 first), for files larger than memory.

    ``merged`` lists the merged ranges of the sheet as 0-based ``((row, col), (row, col))``;
    ``error_cells`` the cells holding a formula error, ``{(row, col): "#REF!"}`` (1-based row).
    For csv files ``encoding`` and ``delimiter`` say how the text was read and ``lines`` where
    each record sits in the text (a quoted cell may span several lines).
    """

    sheet: str | None
    rows: Iterator[list[Any]]
    merged: list[MergedRange] = field(default_factory=list)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    facts: SheetFacts = field(default_factory=SheetFacts)  # percent formats, external links
    encoding: str | None = None
    delimiter: str | None = None
    lines: CsvRows | None = None

    def describe(self) -> dict[str, str]:
        """How the file was read, for the reports: sheet, or encoding and delimiter."""
        if self.sheet is not None:
            return {"sheet": self.sheet}
        return {"encoding": self.encoding or "", "delimiter": self.delimiter or ""}


def open_rows(path: Path, sheet: str | None = None, max_bytes: int | None = None) -> RowSource:
    """Open ``path`` (the named sheet, or the first one) after the checks of input_checks."""
    return next(open_sources(path, sheet, max_bytes))


def open_sources(
    path: Path, sheet: str | None = None, max_bytes: int | None = None
) -> Iterator[RowSource]:
    """The named sheet (or the csv text); without a name, every sheet in turn, one at a time."""
    if path.is_dir():  # before the suffix: a folder "bao-cao" has none
        raise ReadError("read.is_directory", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES + CSV_SUFFIXES:
        raise ReadError("read.bad_extension", path=str(path), suffix=suffix or "-")
    spreadsheet = suffix in SPREADSHEET_SUFFIXES
    check_file(path, spreadsheet=spreadsheet, max_bytes=max_bytes or max_file_bytes())
    if not spreadsheet:
        return iter([_open_csv(path)])
    names = _sheet_names(path)
    if sheet is not None:
        if sheet not in names:
            raise ReadError(
                "read.missing_sheet", path=str(path), sheet=sheet, sheets=", ".join(names)
            )
        names = [sheet]
    return (_open_spreadsheet(path, name) for name in names)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read every cell of ``path`` (the named sheet, or the first one) into memory."""
    source = open_rows(path, sheet)
    rows = list(source.rows)
    if not any(_has_value(cell) for row in rows for cell in row):
        raise ReadError("read.empty_sheet", path=str(path), sheet=source.sheet or "-")
    return Grid(rows=rows, sheet=source.sheet)


def _has_value(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _open_workbook(path: Path) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as error:
        raise ReadError("read.password", path=str(path)) from error
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        reason = read_failure_reason(error)
        raise ReadError("read.not_spreadsheet", path=str(path), reason=reason) from error


def _sheet_names(path: Path) -> list[str]:
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheet_names)
    finally:
        workbook.close()
    if not names:
        raise ReadError("read.empty_file", path=str(path))
    return names


def _open_spreadsheet(path: Path, name: str) -> RowSource:
    workbook = _open_workbook(path)
    try:
        worksheet = workbook.get_sheet_by_name(name)
        merged = list(worksheet.merged_cell_ranges or [])
        # calamine keeps only cells with a value, so formatted empty rows cost nothing.
        rows = _sheet_rows(worksheet)
    except (python_calamine.CalamineError, ValueError) as error:
        reason = read_failure_reason(error)
        raise ReadError("read.not_spreadsheet", path=str(path), reason=reason) from error
    finally:
        workbook.close()
    is_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    facts = sheet_facts(path, name) if is_xlsx else SheetFacts()
    return RowSource(sheet=name, rows=rows, merged=merged, error_cells=facts.errors, facts=facts)


def _sheet_rows(worksheet: python_calamine.CalamineSheet) -> Iterator[list[Any]]:
    """Rows one at a time (no second copy of the sheet as Python lists), padded so that
    positions match the file: calamine's rows start at the first column holding a value."""
    start = worksheet.start
    pad = [""] * start[1] if start else []
    if not pad:  # the sheet starts in column A (most do): calamine's own iterator, no step
        return iter(worksheet.iter_rows())
    return (pad + row for row in worksheet.iter_rows())


# --- csv


def detect_encoding(sample: bytes) -> str:
    """The codec of a csv sample: UTF-16 (with a BOM, or without one when every other byte is
    zero), else UTF-8 (with or without BOM) if the sample decodes, else Windows-1258."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    unmarked_utf16 = _utf16_without_bom(sample)
    if unmarked_utf16 is not None:
        return unmarked_utf16
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8-sig"


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros >= _UTF16_ZERO_SHARE and even_zeros <= _UTF16_OTHER_ZERO_SHARE:
        codec = "utf-16-le"
    elif even_zeros >= _UTF16_ZERO_SHARE and odd_zeros <= _UTF16_OTHER_ZERO_SHARE:
        codec = "utf-16-be"
    else:
        return None
    try:
        sample[: len(sample) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        # the sample may end inside a surrogate pair: decode all but the last code units
        try:
            sample[: len(sample) // 2 * 2 - 2].decode(codec)
        except UnicodeDecodeError:
            return None
    return codec


def encoding_label(codec: str, sample: bytes) -> str:
    """The encoding as people name it, saying whether the file starts with a BOM."""
    if codec == "utf-16":
        return "UTF-16LE (BOM)" if sample.startswith(codecs.BOM_UTF16_LE) else "UTF-16BE (BOM)"
    if codec == "utf-8-sig":
        return "UTF-8 (BOM)" if sample.startswith(codecs.BOM_UTF8) else "UTF-8"
    return {"utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "cp1258": "Windows-1258"}.get(
        codec, codec
    )


def delimiter_label(delimiter: str) -> str:
    return {"\t": "Tab", " ": "space"}.get(delimiter, delimiter)


def decode_csv(content: bytes, path: Path) -> str:
    """Text of a csv file: UTF-16 or UTF-8 (with or without BOM), else Windows-1258."""
    try:
        return content.decode(detect_encoding(content))
    except UnicodeDecodeError as error:
        raise ReadError("read.bad_encoding", path=str(path)) from error


def sniff_delimiter(text: str) -> str:
    """The field delimiter of a csv text: csv.Sniffer's guess, else the most frequent candidate."""
    sample = text[:_SNIFF_BYTES]
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return max(CSV_DELIMITERS, key=sample.count)


def _open_csv(path: Path) -> RowSource:
    with path.open("rb") as raw:
        sample = raw.read(_ENCODING_SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    delimiter = sniff_delimiter(text_sample)
    rows = CsvRows(path, encoding, delimiter)
    return RowSource(
        sheet=None,
        rows=iter(rows),
        encoding=encoding_label(encoding, sample),
        delimiter=delimiter_label(delimiter),
        lines=rows,
    )


class CsvRows:
    """The records of a csv file, read as a stream (memory does not grow with the file).

    Remembers the text lines of the last records read (a record is one row of the table; a
    quoted cell may hold line breaks, so record 7 can start on line 9) and refuses a quote that
    is never closed, saying on which line it opened and how many lines it swallowed.
    """

    def __init__(self, path: Path, encoding: str, delimiter: str) -> None:
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        # the last text line of each recent record (records are numbered 1, 2, ... in order)
        self._ends: deque[int] = deque(maxlen=_LINE_SPANS_KEPT)
        self._records = 0
        # records over several text lines, not yet looked at by the reader of the rows
        self.multiline: set[int] = set()

    def span(self, record: int) -> tuple[int, int] | None:
        """First and last text line of a recent record (1-based), if still remembered."""
        position = len(self._ends) - 1 - (self._records - record)
        if position < 0 or position >= len(self._ends):
            return None
        first = self._ends[position - 1] + 1 if position > 0 else (1 if record == 1 else None)
        return None if first is None else (first, self._ends[position])

    def __iter__(self) -> Iterator[list[Any]]:
        ends = self._ends
        multiline = self.multiline
        record = 0
        last_line = 0
        row: list[Any] = []
        with self.path.open(encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            try:
                for row in reader:
                    record += 1
                    line = reader.line_num
                    ends.append(line)
                    self._records = record
                    if line != last_line + 1:
                        multiline.add(record)
                    last_line = line
                    yield row
            except UnicodeDecodeError as error:
                raise ReadError("read.bad_encoding", path=str(self.path)) from error
            except csv.Error as error:
                opened = self._open_quote(last_line + 1, reader.line_num)
                if opened is not None:
                    raise ReadError(
                        "read.quote_cell_too_long",
                        path=str(self.path),
                        line=opened,
                        lines=reader.line_num - opened,
                        limit=csv.field_size_limit() // 1024,
                    ) from error
                raise ReadError("read.bad_csv", reason=read_failure_reason(error)) from error
        # At the end of the text the csv reader closes an open quote silently: only a last
        # record over several lines, or with a line break in a cell, can hide one.
        first = ends[-2] + 1 if len(ends) > 1 else 1
        if record and (first < last_line or any("\n" in cell or "\r" in cell for cell in row)):
            opened = self._open_quote(first, last_line)
            if opened is not None:
                raise ReadError(
                    "read.unclosed_quote",
                    path=str(self.path),
                    line=opened,
                    lines=last_line - opened,
                    row=record,
                )

    def _open_quote(self, first_line: int, last_line: int) -> int | None:
        """The line where a quote opened and was still open at ``last_line``, if any."""
        return open_quote_line(self._read_lines(first_line, last_line), self.delimiter, first_line)

    def _read_lines(self, first_line: int, last_line: int) -> Iterator[str]:
        # The file is at most the size limit, and this runs once, at the end or on an error.
        with self.path.open(encoding=self.encoding, errors="replace", newline="") as handle:
            for number, line in enumerate(handle, start=1):
                if number > last_line:
                    return
                if number >= first_line:
                    yield line


def open_quote_line(lines: Iterator[str], delimiter: str, first_line: int) -> int | None:
    """Follow csv quoting (as Python's csv reader does) over the lines of one record.

    Returns the line where a quoted cell opened when the record ends still inside it. A quote
    opens a cell only at the start of the cell; inside, ``""`` is a quote; text after the
    closing quote is kept (the reader is lenient). Uses ``str.find``: whole files are scanned.
    """
    in_quotes = False
    opened = None
    for number, line in enumerate(lines, start=first_line):
        position, end = 0, len(line)
        while position < end:
            if in_quotes:
                close = line.find('"', position)
                if close == -1:
                    break  # the line break is part of the quoted cell
                if line.startswith('"', close + 1):
                    position = close + 2  # an escaped quote
                    continue
                in_quotes = False
                position = close + 1
                position = _next_cell(line, position, delimiter)
                continue
            if line.startswith('"', position):
                in_quotes, opened = True, number
                position += 1
                continue
            position = _next_cell(line, position, delimiter)
    return opened if in_quotes else None


def _next_cell(line: str, position: int, delimiter: str) -> int:
    """Where the next cell starts (after a delimiter), or the end of the line."""
    found = line.find(delimiter, position)
    return len(line) if found == -1 else found + 1
