"""The change list (every value the cleaner changed) in the reports, and ``validate --output``."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli import dataset_commands
from sonla_publisher.cli.dataset_commands import load_and_validate
from sonla_publisher.cli.main import main
from sonla_publisher.errors import ReadError
from sonla_publisher.portal.resources import cleaned_csv_bytes
from sonla_publisher.reading import cleaning
from sonla_publisher.reading.cleaning import Change, ChangeList
from sonla_publisher.reading.months import is_month_field, month_text
from sonla_publisher.validation.cleaned_output import CleanedWriter

SPEC = "co-so-kham-chua-benh"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_json_report_lists_each_change(specs_dir: Path, sample, tmp_path: Path) -> None:
    rows = sample.rows(3)
    rows[1][1] = unicodedata.normalize("NFD", "Trạm Y tế Chiềng Hặc")
    report = tmp_path / "r.json"
    result = run("validate", SPEC, str(sample.xlsx(rows)), "--specs", str(specs_dir), "--json", str(report))
    assert result.exit_code == 0, result.output
    task = json.loads(report.read_text(encoding="utf-8"))["tasks"][0]
    by_cell = {change["cell"]: change for change in task["changes"]}
    assert by_cell["C6"]["old"] == "1.250" and by_cell["C6"]["new"] == "1250"
    assert by_cell["C6"]["code"] == "change.number" and by_cell["C6"]["column"] == "Số giường bệnh"
    assert by_cell["F6"]["new"] == "2024-03-15"
    nfc = by_cell["B7"]
    assert nfc["new"] == "Trạm Y tế Chiềng Hặc" and nfc["old"] != nfc["new"]
    assert nfc["message"]["vi"].startswith("chuẩn hoá") and nfc["message"]["en"]
    total = [change for change in task["changes"] if change["code"] == "change.total_row"]
    assert total[0]["row"] == 9 and total[0]["cell"] is None
    assert task["changeCounts"]["change.number"] == 2 and task["changesOmitted"] == {}


def test_html_report_lists_each_change(specs_dir: Path, sample, tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    for lang, heading in (("vi", "Các giá trị đã thay đổi (4):"), ("en", "Values changed (4):")):
        run("validate", SPEC, str(sample.xlsx(sample.rows(3))), "--specs", str(specs_dir), "--html", str(report),
            "--lang", lang)
        html = report.read_text(encoding="utf-8")
        assert heading in html
        row = re.search(r'<td class="cell">C6</td>(.*?)</tr>', html, re.DOTALL)
        assert row is not None and "1.250" in row.group(1) and "1250" in row.group(1)


def test_the_kept_list_is_bounded_and_says_how_many_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cleaning, "MAX_CHANGES_PER_REASON", 3)
    changes = ChangeList()
    for row in range(10):
        changes.add(Change(row, f"C{row}", "Số", "1.250", "1250", "change.number"))
    changes.add(Change(1, "B1", "Tên", "a", "b", "change.nfc"))
    assert len(changes.kept) == 4 and changes.total == 11
    assert changes.omitted("change.number") == 7 and changes.omitted("change.nfc") == 0


def test_html_and_json_say_how_many_changes_were_left_out(
    specs_dir: Path, sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cleaning, "MAX_CHANGES_PER_REASON", 2)
    rows = sample.rows(6)
    for row in rows:
        row[2] = "1.250"
    html, report = tmp_path / "r.html", tmp_path / "r.json"
    run("validate", SPEC, str(sample.xlsx(rows)), "--specs", str(specs_dir), "--html", str(html), "--json", str(report))
    assert "… và 5 thay đổi khác cùng lý do không được liệt kê" in html.read_text(encoding="utf-8")
    task = json.loads(report.read_text(encoding="utf-8"))["tasks"][0]
    assert task["changeCounts"]["change.number"] == 7 and task["changesOmitted"] == {"change.number": 5}


# --- validate --output


def test_output_csv_is_exactly_what_push_publishes(specs_dir: Path, sample, tmp_path: Path) -> None:
    source = sample.xlsx(sample.rows())
    output = tmp_path / "sach.csv"
    result = run("validate", SPEC, str(source), "--specs", str(specs_dir), "--output", str(output))
    assert result.exit_code == 0, result.output
    assert f"Đã ghi bảng dữ liệu đã làm sạch (đúng như sẽ công bố): {output}" in result.output
    _, table, _ = load_and_validate(specs_dir, SPEC, source)
    assert output.read_bytes() == cleaned_csv_bytes(table)


def test_output_xlsx_has_typed_cells_and_a_header_row(specs_dir: Path, sample, tmp_path: Path) -> None:
    output = tmp_path / "sach.xlsx"
    result = run("validate", SPEC, str(sample.xlsx(sample.rows(3))), "--specs", str(specs_dir), "-o", str(output))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(output).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["ma_co_so", "ten_co_so", "so_giuong", "ty_le", "ngay_cap_nhat"]
    assert values[1] == ["14000", "Trạm Y tế số 1", 1250, 99.92, dt.datetime(2024, 3, 15)]
    assert len(values) == 4  # no total row


def test_output_xlsx_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "sach.xlsx"
    writer = CleanedWriter(path, ("ten", "so"), ["string", "integer"])
    writer.add(('=HYPERLINK("http://x")', "12"))
    writer.add(("mười hai", "mười hai"))  # an invalid number is written as the text it is
    writer.close()
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["B2"].value == 12 and sheet["B3"].value == "mười hai"


def test_output_is_not_left_half_written(
    specs_dir: Path, sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails_half_way(table, spec, codelists):
        rows = table.iter_rows()
        next(rows), next(rows)  # two rows are written, then reading fails
        raise ReadError("read.empty_sheet", path="x", sheet="y")

    monkeypatch.setattr(dataset_commands, "validate_table", fails_half_way)
    output = tmp_path / "out" / "sach.csv"
    output.parent.mkdir()
    result = run("validate", SPEC, str(sample.xlsx(sample.rows())), "--specs", str(specs_dir), "--output", str(output))
    assert result.exit_code == 2, result.output
    assert list(output.parent.iterdir()) == []  # neither the file nor its temporary


def test_output_with_unknown_extension(specs_dir: Path, sample, tmp_path: Path) -> None:
    output = tmp_path / "sach.ods"
    result = run("validate", SPEC, str(sample.xlsx(sample.rows(2))), "--specs", str(specs_dir), "--output", str(output))
    assert result.exit_code == 2 and "chỉ hỗ trợ tệp .csv hoặc .xlsx" in result.output
    assert "Traceback" not in result.output and not output.exists()


# --- months


def test_month_fields_of_the_catalogue_are_recognised() -> None:
    month = {"type": "string", "constraints": {"pattern": "^(0[1-9]|1[0-2])/20[0-9]{2}$"}}
    assert is_month_field(month)
    assert not is_month_field({"type": "string", "constraints": {"pattern": "^[0-9]{4}-[0-9]{4}$"}})
    assert not is_month_field({"type": "string", "constraints": {"pattern": ".*"}})  # takes anything
    assert not is_month_field({"type": "date"})


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(2026, 8, 1), "08/2026"),
        (dt.date(2026, 12, 1), "12/2026"),
        ("9/2026", "09/2026"),
        ("09/2026", "09/2026"),
        ("9-2026", "09/2026"),
        ("Tháng 9/2026", "09/2026"),
        ("2026-08-01", "08/2026"),
        (dt.datetime(2026, 8, 15), None),
        (dt.datetime(2026, 8, 1, 10, 30), None),
        ("13/2026", None),
        ("15/08/2026", None),
        (46235, None),
    ],
)
def test_month_text(cell: object, expected: str | None) -> None:
    assert month_text(cell) == expected


def test_typed_cells_read_as_another_value_are_listed(specs_dir: Path, sample, tmp_path: Path) -> None:
    """A date with a time in a date column, and a number in a date column, change: listed."""
    rows = sample.rows(5)  # row 10 (F10) keeps its date cell
    rows[1][5] = dt.datetime(2024, 3, 2, 10, 30)
    rows[2][5] = 45000  # no date format: Excel's day 45000 is 15/03/2023
    rows[3][5] = 45000
    report = tmp_path / "r.json"
    run("validate", SPEC, str(sample.xlsx(rows)), "--specs", str(specs_dir), "--json", str(report))
    changes = {c["cell"]: c for c in json.loads(report.read_text(encoding="utf-8"))["tasks"][0]["changes"]}
    assert (changes["F7"]["old"], changes["F7"]["new"], changes["F7"]["code"]) == (
        "2024-03-02 10:30:00", "2024-03-02", "change.date_time_dropped")
    for cell in ("F8", "F9"):  # each one, though the value repeats
        assert (changes[cell]["old"], changes[cell]["new"], changes[cell]["code"]) == (
            "45000", "2023-03-15", "change.date_serial")
    assert "F10" not in changes  # a date cell read as the same date is no change


def test_percent_conversions_are_in_the_change_list(specs_dir: Path, sample, tmp_path: Path) -> None:
    rows = sample.rows(3)
    rows[1][4] = "12,5%"  # column E, "Tỷ lệ sử dụng giường (%)", row 7
    report = tmp_path / "r.json"
    result = run("validate", SPEC, str(sample.xlsx(rows)), "--specs", str(specs_dir), "--json", str(report))
    assert result.exit_code == 0, result.output
    task = json.loads(report.read_text(encoding="utf-8"))["tasks"][0]
    change = next(change for change in task["changes"] if change["cell"] == "E7")
    assert (change["old"], change["new"], change["code"]) == ("12,5%", "12.5", "change.percent_typed")
