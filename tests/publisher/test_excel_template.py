"""``sonla-publish template``: an Excel template that validates once filled in correctly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from agency_sheets import write_beds_catalogue
from click.testing import CliRunner
from sonla_publisher.cli.main import main
from sonla_publisher.specs.excel_template import DEFAULT_HEADER_ROW, INSTRUCTIONS_SHEET, LISTS_SHEET

REAL_SPECS = Path(__file__).resolve().parents[2] / "dataset_specs"


def make_template(specs: Path, name: str, path: Path) -> openpyxl.Workbook:
    result = CliRunner().invoke(main, ["template", name, "--specs", str(specs), "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert "Đã ghi tệp mẫu" in result.output
    return openpyxl.load_workbook(path)


def fill(sheet, header_row: int, rows: list[list]) -> None:
    """Type rows under the header, as a person would (append() would go below the formatted rows)."""
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=header_row + offset, column=column, value=value)


def validate(specs: Path, name: str, path: Path):
    return CliRunner().invoke(main, ["validate", name, str(path), "--specs", str(specs), "--lang", "en"])


def test_template_layout(specs_dir: Path, tmp_path: Path) -> None:
    workbook = make_template(specs_dir, "co-so-kham-chua-benh", tmp_path / "mau.xlsx")
    assert workbook.sheetnames[:2] == ["Danh sách", INSTRUCTIONS_SHEET]
    sheet = workbook["Danh sách"]
    header = [cell.value for cell in sheet[DEFAULT_HEADER_ROW]]
    assert header == ["Mã cơ sở", "Tên cơ sở", "Số giường bệnh", "Tỷ lệ sử dụng giường (%)", "Ngày cập nhật"]
    assert sheet.freeze_panes == f"A{DEFAULT_HEADER_ROW + 1}"
    note = sheet.cell(row=DEFAULT_HEADER_ROW, column=1).comment.text
    assert "chữ" in note and "định dạng: gồm 5 chữ số (ví dụ 12345)" in note and "bắt buộc" in note
    first = DEFAULT_HEADER_ROW + 1
    assert sheet.cell(row=first, column=1).number_format == "@"  # codes keep leading zeros
    assert sheet.cell(row=first, column=3).number_format == "#,##0"
    assert sheet.cell(row=first, column=5).number_format == "dd/mm/yyyy"
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules[f"C{first}:C{first + 999}"].type == "whole"
    assert "sonla-publish validate co-so-kham-chua-benh" in str(
        [cell.value for row in workbook[INSTRUCTIONS_SHEET].iter_rows() for cell in row]
    )


def test_filled_template_validates(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    workbook = make_template(specs_dir, "co-so-kham-chua-benh", path)
    sheet = workbook["Danh sách"]
    rows = [[f"{14000 + i:05d}", f"Trạm Y tế số {i}", 10 + i, 80.5, dt.date(2026, 1, 2)] for i in range(30)]
    fill(sheet, DEFAULT_HEADER_ROW, rows)
    workbook.save(path)
    result = validate(specs_dir, "co-so-kham-chua-benh", path)
    assert result.exit_code == 0, result.output
    assert "Valid: 30 data rows." in result.output


def test_commune_drop_down_and_filled_template(tmp_path: Path) -> None:
    specs = write_beds_catalogue(tmp_path / "specs")
    path = tmp_path / "giuong.xlsx"
    workbook = make_template(specs, "so-giuong-benh", path)
    sheet = workbook["Biểu 02"]
    rules = [rule for rule in sheet.data_validations.dataValidation if rule.type == "list"]
    (commune_rule,) = rules
    assert commune_rule.formula1.startswith('"Phường Tô Hiệu,')
    rows = [["Trạm Y tế phường Tô Hiệu", "Phường Tô Hiệu", 10, 9], ["Trạm Y tế xã Mường Bám", "Xã Mường Bám", 8, 8]]
    fill(sheet, DEFAULT_HEADER_ROW, rows)
    workbook.save(path)
    result = validate(specs, "so-giuong-benh", path)
    assert result.exit_code == 0, result.output


def test_long_enumeration_goes_to_a_hidden_list_sheet(tmp_path: Path) -> None:
    """The population spec lists the 75 unit codes: too long for an inline list."""
    name = "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa"
    path = tmp_path / "dan-so.xlsx"
    workbook = make_template(REAL_SPECS, name, path)
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    sheet = workbook["Biểu 01"]
    header_row = 6  # the spec's source.header_row
    assert sheet.cell(row=header_row, column=1).value == "Mã đơn vị hành chính"
    code_rule = next(r for r in sheet.data_validations.dataValidation if f"A{header_row + 1}" in str(r.sqref))
    assert code_rule.formula1 == f"'{LISTS_SHEET}'!$A$1:$A$75"
    fill(sheet, header_row, [["03646", "Phường Tô Hiệu", "Phường", 45.5, 36464, 9000, 801, 30]])
    workbook.save(path)
    result = validate(REAL_SPECS, name, path)
    assert result.exit_code == 0, result.output
