"""The files a publish uploads for people who download (issue 20, part 4): the cleaned table as
XLSX (header row, typed cells, no title or total rows), the CSV for Excel (UTF-8 with BOM), the
agency's file as "Tệp gốc"."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
from agency_sheets import write_beds_catalogue, write_messy_workbook
from sonla_publisher.portal.resources import original_resource, published_files
from sonla_publisher.reading.table import read_table
from sonla_publisher.resource_names import EXCEL_CSV_NAME, XLSX_NAME
from sonla_publisher.specs.spec import find_spec
from sonla_publisher.validation.validator import validate_table


def _files(tmp_path: Path):
    catalogue = write_beds_catalogue(tmp_path / "dataset_specs")
    spec = find_spec(catalogue, "so-giuong-benh")
    path = write_messy_workbook(tmp_path / "beds.xlsx")
    table = read_table(path, spec, catalogue / "codelists")
    report = validate_table(table, spec, catalogue / "codelists")
    return published_files(spec, table, report, original_resource(path, path.read_bytes()))


def test_every_file_of_a_publish_the_clean_csv_first(tmp_path: Path) -> None:
    names = [item.name for item in _files(tmp_path)]
    assert names[1:] == [XLSX_NAME, EXCEL_CSV_NAME, "Tệp gốc (XLSX)", "Từ điển dữ liệu"]
    assert names[0].endswith("(CSV)")
    assert len(set(names)) == len(names)


def test_the_xlsx_is_the_cleaned_table_with_typed_cells(tmp_path: Path) -> None:
    xlsx = _files(tmp_path)[1]
    assert (xlsx.fields["format"], xlsx.filename) == ("XLSX", "so-giuong-benh.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ten_co_so", "xa_phuong", "ke_hoach", "thuc_hien")  # the header in row 1
    assert len(rows) == 6  # the five data rows: no title, column-number, total or signature rows
    assert not any("Tổng cộng" in str(cell) for row in rows for cell in row if cell is not None)
    assert not any("UBND" in str(cell) for row in rows for cell in row if cell is not None)
    # the cleaned values: TCVN3 decoded, pre-2025 names mapped, "1.000" read as a number
    assert rows[2][:2] == ("Bệnh viện Đa khoa Thuận Châu", "Phường Tô Hiệu")
    assert rows[3][1] == "Phường Chiềng An"
    assert rows[5][2:] == (1000, 1000)
    assert all(isinstance(row[2], int) for row in rows[1:])  # numbers are number cells, not text
    assert sheet.cell(row=2, column=3).data_type == "n"


def test_xlsx_dates_are_date_cells_and_text_is_never_a_formula(tmp_path: Path, sample) -> None:
    spec = sample.spec()
    table = read_table(sample.xlsx(sample.rows(2)), spec)
    report = validate_table(table, spec)
    xlsx = published_files(spec, table, report, original_resource(table.path, b""))[1]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "14000" and sheet.cell(row=2, column=1).data_type == "s"  # a code stays text
    assert first[4] == dt.datetime(2024, 3, 15)
    assert sheet.cell(row=2, column=5).is_date


def test_the_csv_for_excel_is_the_clean_csv_behind_a_bom(tmp_path: Path) -> None:
    clean, _, excel = _files(tmp_path)[:3]
    assert excel.content.startswith(b"\xef\xbb\xbf")
    assert excel.content[3:] == clean.content
    assert not clean.content.startswith(b"\xef\xbb\xbf")  # the plain CSV stays without a BOM
    assert (excel.name, excel.fields["format"], excel.filename) == (
        "CSV cho Excel", "CSV", "so-giuong-benh-excel.csv")
    assert excel.content.decode("utf-8-sig").splitlines()[0] == "ten_co_so,xa_phuong,ke_hoach,thuc_hien"
