"""Open an agency's file (xlsx and other spreadsheets, or csv) as a grid of raw cells.

Row and column positions are kept exactly as in the file (row 1 is the first row, empty
leading rows and columns included) so that problems can name the cell the user sees.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from sonla_publisher.error_reasons import read_failure_reason
from sonla_publisher.errors import ReadError
from sonla_publisher.formula_errors import SheetFacts, sheet_facts
from sonla_publisher.input_checks import check_file, max_file_bytes

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv",)
CSV_DELIMITERS = ",;\t|"
_SNIFF_BYTES = 64 * 1024
_ENCODING_SAMPLE_BYTES = 1024 * 1024


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
    """

    sheet: str | None
    rows: Iterator[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    facts: SheetFacts = field(default_factory=SheetFacts)  # percent formats, external links


def open_rows(path: Path, sheet: str | None = None, max_bytes: int | None = None) -> RowSource:
    """Open ``path`` (the named sheet, or the first one) after the checks of input_checks."""
    if path.is_dir():  # before the suffix: a folder "bao-cao" has none
        raise ReadError("read.is_directory", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES + CSV_SUFFIXES:
        raise ReadError("read.bad_extension", path=str(path), suffix=suffix or "-")
    spreadsheet = suffix in SPREADSHEET_SUFFIXES
    check_file(path, spreadsheet=spreadsheet, max_bytes=max_bytes or max_file_bytes())
    if not spreadsheet:
        return RowSource(sheet=None, rows=_csv_rows(path))
    return _open_spreadsheet(path, sheet)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read every cell of ``path`` (the named sheet, or the first one) into memory."""
    source = open_rows(path, sheet)
    rows = list(source.rows)
    if not any(_has_value(cell) for row in rows for cell in row):
        raise ReadError("read.empty_sheet", path=str(path), sheet=source.sheet or "-")
    return Grid(rows=rows, sheet=source.sheet)


def _has_value(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _open_spreadsheet(path: Path, sheet: str | None) -> RowSource:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as error:
        raise ReadError("read.password", path=str(path)) from error
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        reason = read_failure_reason(error)
        raise ReadError("read.not_spreadsheet", path=str(path), reason=reason) from error
    try:
        names = workbook.sheet_names
        if not names:
            raise ReadError("read.empty_file", path=str(path))
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise ReadError(
                "read.missing_sheet", path=str(path), sheet=name, sheets=", ".join(names)
            )
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
    for row in worksheet.iter_rows():
        yield pad + row if pad else row


def detect_encoding(sample: bytes) -> str:
    """UTF-16 (BOM), else UTF-8 (with or without BOM) if the sample decodes, else Windows-1258."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8-sig"


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


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    """The rows of a csv file, read as a stream (memory does not grow with the file)."""
    with path.open("rb") as raw:
        sample = raw.read(_ENCODING_SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    delimiter = sniff_delimiter(text_sample)
    return _stream_csv(path, encoding, delimiter)


def _stream_csv(path: Path, encoding: str, delimiter: str) -> Iterator[list[Any]]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            yield from reader
        except UnicodeDecodeError as error:
            raise ReadError("read.bad_encoding", path=str(path)) from error
        except csv.Error as error:
            raise ReadError("read.bad_csv", reason=read_failure_reason(error)) from error
