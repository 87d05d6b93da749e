"""Fixtures for the publisher tests: a tiny spec catalogue and agency-style spreadsheets.

Everything is built in tmp_path, so the tests do not depend on dataset_specs/ and need
neither CKAN nor a network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from sonla_publisher.reading.cells import parse_vn_number
from sonla_publisher.specs.spec import Spec

CODELISTS = {
    "agencies.csv": "slug,name,name_en,kind\nso-y-te,Sở Y tế,Department of Health,provincial_agency\n",
    "communes.csv": "code,slug,name,kind,name_en\n03646,phuong-to-hieu,Phường Tô Hiệu,phuong,To Hieu Ward\n",
    "themes.csv": "slug,name,name_en\ny-te,Y tế,Health\n",
    "frequencies.csv": "code,name,name_en\nannual,Hằng năm,Yearly\nmonthly,Hằng tháng,Monthly\n",
    "licences.csv": "id,title\nvn-open-data-1.0,Điều khoản dữ liệu mở\n",
}

# Column titles as an agency writes them, in file order (column A is STT).
HEADER = ["STT", "Tên cơ sở KCB", "Số giường bệnh", "Mã cơ sở", "Tỷ lệ sử dụng giường (%)", "Ngày cập nhật"]
HEADER_ROW = 5  # below "UBND TỈNH SƠN LA", "SỞ Y TẾ", the table title and a blank row


def health_spec(**overrides: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": "co-so-kham-chua-benh",
        "metadata": {
            "title": "Danh sách cơ sở khám bệnh, chữa bệnh",
            "notes": "Cơ sở khám chữa bệnh trên địa bàn tỉnh.",
            "owner_org": "so-y-te",
            "themes": ["y-te"],
            "tags": ["y tế", "bệnh viện"],
            "update_frequency": "annual",
            "license_id": "vn-open-data-1.0",
        },
        "schema": {
            "fields": [
                {
                    "name": "ma_co_so",
                    "title": "Mã cơ sở",
                    "type": "string",
                    "constraints": {"required": True, "pattern": "^[0-9]{5}$"},
                },
                {"name": "ten_co_so", "title": "Tên cơ sở", "type": "string", "constraints": {"required": True}},
                {"name": "so_giuong", "title": "Số giường bệnh", "type": "integer", "constraints": {"minimum": 0}},
                {"name": "ty_le", "title": "Tỷ lệ sử dụng giường (%)", "type": "number"},
                {"name": "ngay_cap_nhat", "title": "Ngày cập nhật", "type": "date"},
            ],
            "primaryKey": ["ma_co_so"],
        },
        "source": {
            "file": "so-y-te/co-so-kham-chua-benh.xlsx",
            "sheet": "Danh sách",
            "columns": {"Tên cơ sở KCB": "ten_co_so"},
        },
    }
    spec.update(overrides)
    return spec


def good_rows(count: int = 14) -> list[list[Any]]:
    """Data rows in HEADER order, written the way agencies write them."""
    rows: list[list[Any]] = []
    for index in range(count):
        rows.append(
            [
                index + 1,
                f"Trạm Y tế số {index + 1}",
                "1.250" if index == 0 else 20 + index,  # text with a thousands dot, or a number
                f"{14000 + index:05d}",
                "99,92" if index == 0 else 75.5,
                "15/03/2024" if index == 0 else dt.date(2024, 3, 1 + index),
            ]
        )
    return rows


def total_beds(rows: list[list[Any]]) -> int:
    """What the "Tổng cộng" row says under "Số giường bệnh": the sum of the readable numbers."""
    numbers = [parse_vn_number(str(row[2])) for row in rows if len(row) > 2 and row[2] is not None]
    return int(sum(number for number in numbers if number is not None))


def write_health_xlsx(
    path: Path, rows: list[list[Any]], *, total: bool = True, sheet: str = "Danh sách", header: list[str] = HEADER
) -> Path:
    """An agency-style workbook: title rows, a blank row, the header on row 5, data, a total."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(["UBND TỈNH SƠN LA"])
    worksheet.append(["SỞ Y TẾ"])
    worksheet.append(["DANH SÁCH CƠ SỞ KHÁM BỆNH, CHỮA BỆNH NĂM 2024"])
    worksheet.append([])
    worksheet.append(header)
    for row in rows:
        worksheet.append(row)
    if total:
        worksheet.append(["Tổng cộng", None, total_beds(rows)])
    worksheet.append([])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


@pytest.fixture
def specs_dir(tmp_path: Path) -> Path:
    """A catalogue with code lists, the health spec and its (valid) source workbook."""
    root = tmp_path / "dataset_specs"
    (root / "codelists").mkdir(parents=True)
    for file_name, text in CODELISTS.items():
        (root / "codelists" / file_name).write_text(text, encoding="utf-8")
    write_spec(root, health_spec())
    write_health_xlsx(root / "sources" / "so-y-te" / "co-so-kham-chua-benh.xlsx", good_rows())
    return root


def write_spec(root: Path, spec: dict[str, Any], agency: str = "so-y-te") -> Path:
    path = root / "datasets" / agency / f"{spec['name']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Sample:
    """Builders for test data, handed to tests through the ``sample`` fixture."""

    tmp_path: Path
    header_row: int = HEADER_ROW

    def spec_data(self, **overrides: Any) -> dict[str, Any]:
        return health_spec(**overrides)

    def spec(self, **overrides: Any) -> Spec:
        return Spec(path=self.tmp_path / "spec.yaml", raw_bytes=b"", data=health_spec(**overrides))

    def rows(self, count: int = 14) -> list[list[Any]]:
        return good_rows(count)

    def xlsx(self, rows: list[list[Any]], name: str = "data.xlsx", **kwargs: Any) -> Path:
        return write_health_xlsx(self.tmp_path / name, rows, **kwargs)

    def write_spec(self, root: Path, data: dict[str, Any], agency: str = "so-y-te") -> Path:
        return write_spec(root, data, agency)


@pytest.fixture
def sample(tmp_path: Path) -> Sample:
    return Sample(tmp_path)
