"""Write the cleaned table, exactly as ``push`` publishes it, to a .csv or .xlsx file.

``validate --output`` lets an official see what would be published before publishing it. The
CSV is byte for byte the resource ``push`` uploads (both write :func:`csv_header` and
:func:`csv_values`: formula-like text defused with a leading apostrophe). The xlsx
holds the same rows with typed cells (numbers, dates, booleans) under a header row of field
names; text is always written as text, so a value like ``=1+1`` never becomes a formula.

Rows are written as they stream by: the file is written to a temporary name beside the target
and renamed at the end, so a failure leaves no half-written file behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from sonla_publisher.errors import ReadError
from sonla_publisher.reading.formula_cells import neutralised

SUFFIXES = (".csv", ".xlsx")


def output_kind(path: Path) -> str | None:
    """``csv`` or ``xlsx`` from the file name, None for anything else."""
    suffix = path.suffix.lower()
    return suffix[1:] if suffix in SUFFIXES else None


def csv_header(field_names: Iterable[str]) -> list[str]:
    """The published CSV's header: the field names (defused too: a spec could name one "=x")."""
    return [neutralised(name) for name in field_names]


def csv_values(values: tuple[str, ...], text: Sequence[bool]) -> list[str]:
    """A row as the published CSV holds it: formula-like text defused (see formula_cells)."""
    return [neutralised(v) if is_text and v else v for v, is_text in zip(values, text, strict=True)]


def write_csv_rows(
    handle: IO[str],
    field_names: Iterable[str],
    rows: Iterable[tuple[str, ...]],
    text: Sequence[bool],
) -> None:
    """The published CSV: a header of field names, then the cleaned values. ``text`` says which
    columns hold text: only text can be formula-like (the DataStore keeps such values as is)."""
    writer = csv.writer(handle)
    writer.writerow(csv_header(field_names))
    if any(text):
        writer.writerows(csv_values(row, text) for row in rows)
    else:
        writer.writerows(rows)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A file system error while writing becomes a message (exit 2), not a traceback."""
    try:
        yield
    except OSError as error:
        raise ReadError(
            "report.unwritable", path=str(path), reason=error.strerror or error
        ) from error


class CleanedWriter:
    """Receives the data rows one by one (:meth:`add`); :meth:`close` puts the file in place."""

    def __init__(self, path: Path, field_names: tuple[str, ...], types: list[str]) -> None:
        kind = output_kind(path)
        if kind is None:
            raise ReadError("output.bad_extension", path=str(path))
        self.path = path
        self.kind = kind
        self.types = types
        self.text = [field_type == "string" for field_type in types]
        self.any_text = any(self.text)
        with _writing(path):
            self._open(field_names)

    def _open(self, field_names: tuple[str, ...]) -> None:
        path = self.path
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path(".")
        )
        os.close(handle)
        self.temporary = Path(temporary)
        if self.kind == "csv":
            self.handle: IO[str] | None = self.temporary.open("w", encoding="utf-8", newline="")
            self.writer = csv.writer(self.handle)
            self.writer.writerow(csv_header(field_names))
        else:
            # openpyxl takes a third of a second to import: only xlsx output needs it.
            from openpyxl import Workbook

            self.handle = None
            self.workbook = Workbook(write_only=True)
            self.sheet = self.workbook.create_sheet("data")
            self.sheet.append(list(field_names))

    def add(self, values: tuple[str, ...]) -> None:
        if self.kind == "csv":
            with _writing(self.path):
                self.writer.writerow(csv_values(values, self.text) if self.any_text else values)
        else:
            self.sheet.append([self._cell(v, t) for v, t in zip(values, self.types, strict=True)])

    def _cell(self, value: str, field_type: str) -> Any:
        return xlsx_cell(self.sheet, value, field_type)

    def close(self) -> None:
        with _writing(self.path):
            if self.handle is not None:
                self.handle.close()
            else:
                self.workbook.save(self.temporary)
            self.temporary.replace(self.path)

    def discard(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.temporary.unlink(missing_ok=True)


def xlsx_cell(sheet: Any, value: str, field_type: str) -> Any:
    """A write-only xlsx cell holding ``value`` typed as its field says."""
    from openpyxl.cell import WriteOnlyCell

    typed = typed_value(value, field_type)
    cell = WriteOnlyCell(sheet, value=typed)
    if isinstance(typed, str):
        cell.data_type = "s"  # text stays text (openpyxl reads "=…" as a formula)
    return cell


def xlsx_bytes(
    field_names: Sequence[str], types: Sequence[str], rows: Iterable[tuple[str, ...]]
) -> bytes:
    """The cleaned table as an xlsx file in memory: the published "Bảng dữ liệu (XLSX)".

    The same sheet as ``validate --output x.xlsx``: row 1 holds the field names, every other row
    one data row with typed cells; no title, total or signature rows.
    """
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(list(field_names))
    for values in rows:
        sheet.append([xlsx_cell(sheet, v, t) for v, t in zip(values, types, strict=True)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def typed_value(value: str, field_type: str) -> Any:
    """The cell value for xlsx: the cleaned text read as its field's type (text if it is not)."""
    if value == "":
        return None
    try:
        if field_type in ("integer", "year"):
            return int(value)
        if field_type == "number":
            number = Decimal(value)
            return int(number) if number == number.to_integral_value() else float(number)
        if field_type == "date":
            return dt.date.fromisoformat(value)
        if field_type == "datetime":
            return dt.datetime.fromisoformat(value)
        if field_type == "boolean" and value in ("true", "false"):
            return value == "true"
    except (ValueError, InvalidOperation):
        pass  # an invalid value (the report lists it) is written as the text it is
    return value


def tee_rows(rows: Iterator[Any], writer: CleanedWriter) -> Iterator[Any]:
    """Pass ``rows`` on unchanged, writing each data row (not the total rows) on the way."""
    for row in rows:
        if not row.total:
            writer.add(row.values)
        yield row
