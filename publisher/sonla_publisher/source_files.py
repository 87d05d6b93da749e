"""Open an agency's file (xlsx and other spreadsheets, or csv) as a grid of raw cells.

Row and column positions are kept exactly as in the file (row 1 is the first row, empty
leading rows and columns included) so that problems can name the cell the user sees.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine

from sonla_publisher.errors import ReadError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv",)
CSV_DELIMITERS = ",;\t|"
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Grid:
    """Raw cell values, row by row; ``sheet`` is None for csv files."""

    rows: list[list[Any]]
    sheet: str | None


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read every cell of ``path`` (the named sheet, or the first one)."""
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES + CSV_SUFFIXES:
        raise ReadError("read.bad_extension", path=str(path), suffix=suffix or "-")
    if not path.is_file():
        raise ReadError("read.not_found", path=str(path))
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ReadError(
            "read.unreadable", path=str(path), reason=error.strerror or str(error)
        ) from error
    if not content.strip():
        raise ReadError("read.empty_file", path=str(path))
    if suffix in CSV_SUFFIXES:
        grid = Grid(rows=_parse_csv(decode_csv(content, path)), sheet=None)
    else:
        grid = _read_spreadsheet(content, path, sheet)
    if not any(_has_value(cell) for row in grid.rows for cell in row):
        raise ReadError("read.empty_sheet", path=str(path), sheet=grid.sheet or "-")
    return grid


def _has_value(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _read_spreadsheet(content: bytes, path: Path, sheet: str | None) -> Grid:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except python_calamine.PasswordError as error:
        raise ReadError("read.password", path=str(path)) from error
    except python_calamine.CalamineError as error:
        raise ReadError("read.not_spreadsheet", path=str(path), reason=str(error)) from error
    try:
        names = workbook.sheet_names
        if not names:
            raise ReadError("read.empty_file", path=str(path))
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise ReadError(
                "read.missing_sheet", path=str(path), sheet=name, sheets=", ".join(names)
            )
        # skip_empty_area=False keeps leading empty rows/columns, so positions match the file.
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except python_calamine.CalamineError as error:
        raise ReadError("read.not_spreadsheet", path=str(path), reason=str(error)) from error
    finally:
        workbook.close()
    return Grid(rows=[list(row) for row in rows], sheet=name)


def decode_csv(content: bytes, path: Path) -> str:
    """Text of a csv file: UTF-16 or UTF-8 (with or without BOM), else Windows-1258."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1258")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("read.bad_encoding", path=str(path))


def sniff_delimiter(text: str) -> str:
    """The field delimiter of a csv text: csv.Sniffer's guess, else the most frequent candidate."""
    sample = text[:_SNIFF_BYTES]
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return max(CSV_DELIMITERS, key=sample.count)


def _parse_csv(text: str) -> list[list[Any]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return [list(row) for row in reader]
    except csv.Error as error:
        raise ReadError("read.bad_csv", reason=str(error)) from error
