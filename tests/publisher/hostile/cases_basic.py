"""Files that are not a spreadsheet at all, and a clean agency workbook as the baseline."""

from __future__ import annotations

from pathlib import Path

from conftest import good_rows, write_health_xlsx

from hostile import INVALID, UNREADABLE, VALID, HostileCase


def _bytes(name: str, content: bytes):
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return build


def _workbook(folder: Path) -> Path:
    return write_health_xlsx(folder / "tot.xlsx", good_rows(3))


def _missing_required(folder: Path) -> Path:
    rows = good_rows(3)
    rows[1][3] = None  # "Mã cơ sở" is required
    return write_health_xlsx(folder / "thieu-ma.xlsx", rows)


CASES = [
    HostileCase("baseline-agency-workbook", _workbook, VALID, "Hợp lệ: 3 dòng dữ liệu",
                cleaned={"ma_co_so": ["14000", "14001", "14002"]}),
    HostileCase("empty-file", _bytes("trong.xlsx", b""), UNREADABLE, "trống"),
    HostileCase("pdf-renamed-xlsx", _bytes("bao-cao.xlsx", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), UNREADABLE,
                "là tệp PDF được đổi tên", message_en="is a PDF file"),
    HostileCase("required-cell-empty", _missing_required, INVALID, "Ô D7 (dòng 7, cột «Mã cơ sở»): Ô bắt buộc"),
]
