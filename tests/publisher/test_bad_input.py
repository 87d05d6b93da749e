"""Bad input gets a clear message and exit 2, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main
from sonla_publisher.errors import ReadError
from sonla_publisher.reading import input_checks
from sonla_publisher.reading.source_files import read_grid

SPEC = "co-so-kham-chua-benh"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def assert_exit_2(result: Result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def fake_encrypted_workbook() -> bytes:
    """The start of an OLE compound file as Office writes an encrypted xlsx.

    Real encrypted workbooks are OLE containers holding the streams "EncryptionInfo" and
    "EncryptedPackage"; their directory entries carry those names in UTF-16.
    """
    header = input_checks.OLE_MAGIC + bytes(504)
    directory = "Root Entry".encode("utf-16-le") + bytes(64)
    directory += "EncryptionInfo".encode("utf-16-le") + bytes(64)
    directory += "EncryptedPackage".encode("utf-16-le") + bytes(64)
    return header + directory + bytes(1024)


def test_empty_file(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "trong.xlsx"
    path.write_bytes(b"")
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "trống")


def test_wrong_extension(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(b"PK\x03\x04")
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "không được hỗ trợ")


def test_pdf_renamed_to_xlsx(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "là tệp PDF được đổi tên")
    english = run("validate", SPEC, str(path), "--specs", str(specs_dir), "--lang", "en")
    assert_exit_2(english, "is a PDF file")


def test_text_renamed_to_xlsx(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.xlsx"
    path.write_text("Đây là ghi chú, không phải bảng tính", encoding="utf-8")
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "không phải tệp Excel")


def test_corrupted_workbook(specs_dir: Path, sample) -> None:
    good = sample.xlsx(sample.rows(3)).read_bytes()
    path = sample.tmp_path / "hong.xlsx"
    path.write_bytes(good[: len(good) // 2])  # cut in the middle, as an interrupted copy does
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "Không đọc được tệp")


def test_password_protected_workbook(specs_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "mat-khau.xlsx"
    path.write_bytes(fake_encrypted_workbook())
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "có mật khẩu")


def test_xlsx_saved_with_csv_name(specs_dir: Path, sample) -> None:
    path = sample.tmp_path / "data.csv"
    path.write_bytes(sample.xlsx(sample.rows(1)).read_bytes())
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "có đuôi .csv")


def zip_bomb(path: Path, size: int) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = bytes(1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_bomb_is_refused_from_the_zip_directory(
    specs_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same rule as a 2 GB bomb, at a size a test can write: 64 MB of zeros in a ~64 KB file.
    monkeypatch.setattr(input_checks, "MAX_UNCOMPRESSED_BYTES", 32 * 1024**2)
    path = zip_bomb(tmp_path / "bom.xlsx", 64 * 1024**2)
    assert path.stat().st_size < 1024**2
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "giải nén sẽ lớn bất thường")


def test_highly_compressed_large_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(input_checks, "LARGE_PART_BYTES", 16 * 1024**2)
    path = zip_bomb(tmp_path / "bom.xlsx", 32 * 1024**2)  # ratio ~1000:1
    with pytest.raises(ReadError) as raised:
        read_grid(path)
    assert raised.value.message_id == "read.zip_bomb_ratio"


def test_file_over_the_size_limit_option(specs_dir: Path, sample) -> None:
    path = sample.xlsx(sample.rows(3))
    result = run("validate", SPEC, str(path), "--specs", str(specs_dir), "--max-size", "0.001")
    assert_exit_2(result, "vượt giới hạn 0.001 MB")


def test_file_over_the_size_limit_from_the_environment(specs_dir: Path, sample) -> None:
    path = sample.xlsx(sample.rows(3))
    result = run("validate", SPEC, str(path), "--specs", str(specs_dir), env={"SONLA_MAX_FILE_MB": "0.001"})
    assert_exit_2(result, "--max-size")
    assert run("validate", SPEC, str(path), "--specs", str(specs_dir)).exit_code == 0  # default 50 MB


def test_sheet_that_does_not_exist_lists_the_sheets(specs_dir: Path, sample) -> None:
    path = sample.xlsx(sample.rows(2), sheet="Biểu 01")
    assert_exit_2(
        run("validate", SPEC, str(path), "--specs", str(specs_dir)),
        "không có trang tính «Danh sách». Các trang tính có: Biểu 01.",
    )


def test_sheet_with_only_empty_formatted_cells(specs_dir: Path, sample) -> None:
    import openpyxl
    from openpyxl.styles import PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for row in range(1, 200):
        sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    path = sample.tmp_path / "to-mau.xlsx"
    workbook.save(path)
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir)), "không có dữ liệu")


def test_password_protected_workbook_with_its_directory_at_the_end(specs_dir: Path, tmp_path: Path) -> None:
    content = fake_encrypted_workbook()
    start = content.index("Root Entry".encode("utf-16-le"))
    path = tmp_path / "mat-khau-lon.xlsx"
    path.write_bytes(content[:start] + bytes(3 * 1024 * 1024) + content[start:])  # directory after 3 MB
    assert_exit_2(run("validate", SPEC, str(path), "--specs", str(specs_dir), "--lang", "en"), "password-protected")
