"""Validation problems point at the cell the agency sees, in Vietnamese and English."""

from sonla_publisher.reading.table import read_table
from sonla_publisher.validation.validator import validate_table

HEADER = ["STT", "Tên cơ sở KCB", "Số giường bệnh", "Mã cơ sở", "Tỷ lệ sử dụng giường (%)"]


def validate_rows(sample, rows, **spec_overrides):
    spec = sample.spec(**spec_overrides)
    return validate_table(read_table(sample.xlsx(rows), spec), spec)


def test_valid_table(sample) -> None:
    report = validate_rows(sample, sample.rows())
    assert report.valid
    assert report.row_count == 14
    assert report.problems == ()


def test_non_number_in_column_c_row_17_is_reported_as_c17(sample) -> None:
    rows = sample.rows()
    rows[11][2] = "mười hai"  # 12th data row; header on row 5, so row 17; "Số giường bệnh" is C
    report = validate_rows(sample, rows)
    assert not report.valid
    (problem,) = report.problems
    assert (problem.row, problem.cell, problem.column, problem.value) == (17, "C17", "Số giường bệnh", "mười hai")
    assert problem.message("vi") == "Giá trị «mười hai» không phải số nguyên (ví dụ 1.391.226)."
    assert problem.message("en") == 'The value "mười hai" is not a whole number (e.g. 1.391.226).'
    assert problem.as_dict()["message"]["vi"] == problem.message("vi")


def test_constraint_problems(sample) -> None:
    rows = sample.rows(3)
    rows[0][3] = "123"  # pattern ^[0-9]{5}$ — column D
    rows[1][1] = None  # required "Tên cơ sở KCB" — column B
    rows[2][2] = -1  # minimum 0 — column C
    report = validate_rows(sample, rows)
    found = {(problem.cell, problem.message_id) for problem in report.problems}
    assert found == {
        ("D6", "problem.constraint.pattern"),
        ("B7", "problem.constraint.required"),
        ("C8", "problem.constraint.minimum"),
    }


def test_duplicate_primary_key_names_the_first_row(sample) -> None:
    rows = sample.rows(3)
    rows[2][3] = rows[0][3]
    report = validate_rows(sample, rows)
    (problem,) = report.problems
    assert problem.message_id == "problem.duplicate_key"
    assert problem.cell == "D8"
    assert problem.message("vi") == "Khóa (Mã cơ sở) «14000» bị trùng với dòng 6."


def test_bad_date_is_reported(sample) -> None:
    rows = sample.rows(2)
    rows[1][5] = "31/02/2024"
    (problem,) = validate_rows(sample, rows).problems
    assert (problem.cell, problem.value, problem.message_id) == ("F7", "31/02/2024", "problem.type")
    assert "15/03/2024" in problem.message("vi")


def test_missing_column_is_reported_once(sample) -> None:
    rows = [row[:5] for row in sample.rows(4)]  # no "Ngày cập nhật" column
    spec = sample.spec()
    spec.data["schema"]["fields"][4]["constraints"] = {"required": True}
    path = sample.xlsx(rows, header=HEADER)
    report = validate_table(read_table(path, spec), spec)
    (problem,) = report.problems
    assert problem.message_id == "problem.missing_column"
    assert problem.column == "Ngày cập nhật"
    assert problem.row == 5


def test_header_without_data_rows(sample) -> None:
    report = validate_rows(sample, [])
    assert [problem.message_id for problem in report.problems] == ["problem.no_rows"]
