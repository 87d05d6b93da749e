"""Checks beyond the Table Schema: communes, totals, formula errors, formula injection."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import openpyxl
import pytest
from agency_sheets import BEDS_SPEC, DATA_ROWS, FIRST_DATA_ROW, write_beds_catalogue, write_messy_workbook
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.spec import find_spec
from sonla_publisher.validation.validator import validate_table


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return write_beds_catalogue(tmp_path / "dataset_specs")


def validate_messy(catalogue: Path, path: Path):
    spec = find_spec(catalogue, "so-giuong-benh")
    codelists = catalogue / "codelists"
    return validate_table(read_table(path, spec, codelists), spec, codelists)


def rows_with(changes: dict[tuple[int, int], object]) -> list[list[object]]:
    rows = copy.deepcopy(DATA_ROWS)
    for (row, column), value in changes.items():
        rows[row][column] = value
    return rows


def test_the_messy_workbook_is_valid_after_cleaning(catalogue: Path, tmp_path: Path) -> None:
    report = validate_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    assert report.valid, [p.message("en") for p in report.problems]
    assert report.row_count == 5


def test_unknown_commune_with_suggestion(catalogue: Path, tmp_path: Path) -> None:
    path = write_messy_workbook(tmp_path / "beds.xlsx", rows_with({(0, 2): "Muong Bam Xa Moi"}))
    (problem,) = validate_messy(catalogue, path).problems
    assert (problem.cell, problem.column, problem.message_id) == (
        f"C{FIRST_DATA_ROW}",
        "Xã, phường",
        "problem.commune_unknown",
    )
    assert "Có phải là: «Xã Mường Bám»" in problem.message("vi")
    assert "Did you mean" in problem.message("en")


def test_near_typo_is_a_suggestion_not_a_change(catalogue: Path, tmp_path: Path) -> None:
    """A typo close to one unit only is suggested; the value is not changed unless accepted."""
    path = write_messy_workbook(tmp_path / "beds.xlsx", rows_with({(0, 2): "Xã Muong Bam Moi"}))
    report = validate_messy(catalogue, path)
    (problem,) = report.problems
    assert (problem.cell, problem.message_id) == (f"C{FIRST_DATA_ROW}", "problem.commune_suggestion_pending")
    assert "«Xã Mường Bám»" in problem.message("vi") and "--accept-suggestions" in problem.message("vi")
    assert not any(change.old == "Xã Muong Bam Moi" for change in report.changes.kept)


def test_ambiguous_old_commune_name(catalogue: Path, tmp_path: Path) -> None:
    path = write_messy_workbook(tmp_path / "beds.xlsx", rows_with({(1, 2): "Xã Chiềng Chung"}))
    (problem,) = validate_messy(catalogue, path).problems
    assert problem.message_id == "problem.commune_ambiguous"
    assert "«Xã Đoàn Kết»" in problem.message("vi") and "«Xã Mường Chanh»" in problem.message("vi")


def test_commune_code_not_in_the_list(catalogue: Path, tmp_path: Path) -> None:
    path = write_messy_workbook(tmp_path / "beds.xlsx", rows_with({(0, 2): "03649"}))  # a pre-2025 code
    (problem,) = validate_messy(catalogue, path).problems
    assert (problem.message_id, problem.value) == ("problem.commune_unknown", "03649")


def test_total_row_that_does_not_add_up(catalogue: Path, tmp_path: Path) -> None:
    path = write_messy_workbook(tmp_path / "beds.xlsx", total=[1000, 1146])  # D is wrong, E right
    (problem,) = validate_messy(catalogue, path).problems
    total_row = FIRST_DATA_ROW + len(DATA_ROWS)
    assert (problem.cell, problem.message_id) == (f"D{total_row}", "problem.total_mismatch")
    assert problem.message("vi") == "Dòng tổng cộng ghi 1000 nhưng cộng các dòng được 1150."


def test_no_total_row_no_total_check(catalogue: Path, tmp_path: Path) -> None:
    report = validate_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx", total=None))
    assert report.valid and report.dropped_total_rows == ()


def test_subtotals_and_grand_total(sample) -> None:
    rows = sample.rows(4)
    for row in rows:
        row[2] = 10
    rows.insert(2, ["Cộng", None, 20])  # subtotal of the first two rows
    rows.append(["Tổng cộng", None, 40])
    report = validate_table(read_table(sample.xlsx(rows, total=False), sample.spec()), sample.spec())
    assert report.valid  # grand total 40 = all rows; subtotal 20 = rows since the start
    assert len(report.dropped_total_rows) == 2


def test_rates_are_not_summed(sample) -> None:
    rows = sample.rows(2)
    path = sample.xlsx(rows, total=False)
    workbook = openpyxl.load_workbook(path)
    workbook["Danh sách"].append(["Tổng cộng", None, 1271, None, "87,7"])  # a mean rate, not a sum
    workbook.save(path)
    assert validate_table(read_table(path, sample.spec()), sample.spec()).valid


@pytest.mark.parametrize("error", ["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?"])
def test_formula_errors_left_in_xlsx_cells(sample, error: str) -> None:
    rows = sample.rows(3)
    rows[1][2] = error  # openpyxl stores these as error cells (t="e"), as Excel does
    path = sample.xlsx(rows, total=False)
    (problem,) = validate_table(read_table(path, sample.spec()), sample.spec()).problems
    assert (problem.cell, problem.value, problem.message_id) == ("C7", error, "problem.formula_error")


def test_formula_errors_in_csv_text(tmp_path: Path, sample) -> None:
    path = tmp_path / "data.csv"
    path.write_text("Mã cơ sở,Tên cơ sở,Số giường bệnh\n14000,Trạm Y tế,#DIV/0!\n", encoding="utf-8")
    spec = sample.spec(source={})
    problems = validate_table(read_table(path, spec), spec).problems
    assert [(p.cell, p.value) for p in problems if p.message_id == "problem.formula_error"] == [("C2", "#DIV/0!")]


@pytest.mark.parametrize(
    ("value", "dangerous"),
    [
        ("=HYPERLINK(\"http://x\")", True),
        ("+84 212 385 2020", False),  # a phone number is number-like, not a formula (#15)
        ("+84-212-385", True),  # arithmetic, whatever it means
        ("=SUM(A1)", True),
        ("-abc", True),
        ("-5", False),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("-12,5", False),  # a negative number written as text
        ("-", False),  # "none" in Vietnamese statistics tables
        ("Trạm Y tế", False),
    ],
)
def test_cells_that_would_run_as_formulas(tmp_path: Path, sample, value: str, dangerous: bool) -> None:
    path = tmp_path / "data.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Mã cơ sở", "Tên cơ sở"], ["14000", value]])
    spec = sample.spec(source={})
    report = validate_table(read_table(path, spec), spec)
    ids = [problem.message_id for problem in report.problems if problem.message_id != "problem.missing_column"]
    assert ids == (["problem.formula_injection"] if dangerous else [])


def test_commune_field_needs_the_code_list(tmp_path: Path) -> None:
    from sonla_publisher.errors import SpecError

    root = write_beds_catalogue(tmp_path / "specs")
    (root / "codelists" / "communes.csv").unlink()
    spec = find_spec(root, BEDS_SPEC["name"])
    with pytest.raises(SpecError) as raised:
        read_table(write_messy_workbook(tmp_path / "b.xlsx"), spec, root / "codelists")
    assert raised.value.message_id == "codelist.missing_communes"
