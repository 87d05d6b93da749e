"""``sonla-publish validate``: exit codes 0 (valid), 1 (invalid), 2 (cannot read)."""

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main

SPEC = "co-so-kham-chua-benh"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_valid_file_from_the_spec_exits_0(specs_dir: Path) -> None:
    result = run("validate", SPEC, "--specs", str(specs_dir))
    assert result.exit_code == 0, result.output
    assert "Hợp lệ: 14 dòng dữ liệu." in result.output
    assert "Đã bỏ qua dòng tổng cộng: 20" in result.output


def test_invalid_file_exits_1_and_names_the_cell(specs_dir: Path, sample) -> None:
    rows = sample.rows()
    rows[11][2] = "abc"
    path = sample.xlsx(rows)
    result = run("validate", SPEC, str(path), "--specs", str(specs_dir))
    assert result.exit_code == 1
    assert "Ô C17 (dòng 17, cột «Số giường bệnh»): Giá trị «abc» không phải số nguyên" in result.output
    assert "Có 1 lỗi trong 14 dòng dữ liệu." in result.output


def test_messages_in_english(specs_dir: Path, sample) -> None:
    rows = sample.rows()
    rows[11][2] = "abc"
    result = run("validate", SPEC, str(sample.xlsx(rows)), "--specs", str(specs_dir), "--lang", "en")
    assert result.exit_code == 1
    assert 'Cell C17 (row 17, column "Số giường bệnh"): The value "abc" is not a whole number' in (result.output)


def test_csv_file_is_accepted(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Mã cơ sở", "Tên cơ sở", "Số giường bệnh", "Tỷ lệ sử dụng giường (%)", "Ngày cập nhật"])
        writer.writerow(["14000", "Bệnh viện Đa khoa tỉnh", "1.250", "99,92", "15/03/2024"])
    result = run("validate", SPEC, str(path), "--specs", str(specs_dir))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.xlsx", b"", "trống"),
        ("data.docx", b"PK", "không được hỗ trợ"),
        ("broken.xlsx", b"not a workbook", "không đọc được"),
    ],
)
def test_unreadable_file_exits_2_without_traceback(
    specs_dir: Path, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("validate", SPEC, str(path), "--specs", str(specs_dir))
    assert result.exit_code == 2
    assert expected in result.output.lower()
    assert "Traceback" not in result.output


def test_missing_sheet_exits_2(specs_dir: Path, sample) -> None:
    path = sample.xlsx(sample.rows(2), sheet="Sheet1")
    result = run("validate", SPEC, str(path), "--specs", str(specs_dir))
    assert result.exit_code == 2
    assert "không có trang tính «Danh sách»" in result.output
    assert "Sheet1" in result.output


def test_unknown_spec_exits_2(specs_dir: Path) -> None:
    result = run("validate", "khong-co", "--specs", str(specs_dir))
    assert result.exit_code == 2
    assert "Không có đặc tả nào tên «khong-co»" in result.output


def test_missing_file_exits_2(specs_dir: Path, tmp_path: Path) -> None:
    result = run("validate", SPEC, str(tmp_path / "missing.xlsx"), "--specs", str(specs_dir))
    assert result.exit_code == 2
    assert "Không tìm thấy tệp" in result.output


def test_spec_found_by_name_field_when_file_name_differs(specs_dir: Path, sample) -> None:
    sample.write_spec(specs_dir, sample.spec_data(name="ten-khac"), agency="khac")
    (specs_dir / "datasets" / "khac" / "ten-khac.yaml").rename(specs_dir / "datasets" / "khac" / "x.yaml")
    result = run("validate", "ten-khac", str(sample.xlsx(sample.rows(2))), "--specs", str(specs_dir))
    assert result.exit_code == 0, result.output


def test_broken_spec_exits_2(specs_dir: Path, sample) -> None:
    data = sample.spec_data()
    data["schema"]["primaryKey"] = ["khong_co"]
    sample.write_spec(specs_dir, data)
    result = run("validate", SPEC, "--specs", str(specs_dir))
    assert result.exit_code == 2
    assert "catalogue check" in result.output


def test_an_unrelated_broken_spec_does_not_stop_the_search(specs_dir: Path, sample) -> None:
    (specs_dir / "datasets" / "a-hong.yaml").write_text("name: [không đóng", encoding="utf-8")
    sample.write_spec(specs_dir, sample.spec_data(name="ten-khac"), agency="khac")
    (specs_dir / "datasets" / "khac" / "ten-khac.yaml").rename(specs_dir / "datasets" / "khac" / "x.yaml")
    result = run("validate", "ten-khac", str(sample.xlsx(sample.rows(2))), "--specs", str(specs_dir))
    assert result.exit_code == 0, result.output
