"""Builders for agency-style files as they really arrive: printed layouts, old fonts, old names.

The "messy" workbook is a bed-count report of the kind a health department sends:

    row 1-3  UBND TỈNH SƠN LA / SỞ Y TẾ / BÁO CÁO ...          title rows
    row 5-6  STT | Tên cơ sở | Xã, phường | Số giường bệnh     two-row header; "Số giường bệnh"
                                           | Kế hoạch | Thực hiện   merged over two child columns
    row 7    (1) (2) (3) (4) (5)                               column numbers
    row 8-   data (NFD text, a TCVN3 cell, pre-2025 commune names)
             Tổng cộng                                         total row
             Sơn La, ngày 15 tháng 01 năm 2026 / Người lập biểu / KT. GIÁM ĐỐC / names
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import yaml

COMMUNES_CSV = (
    "code,slug,name,short_name,kind,name_en,merged_from\n"
    "03646,phuong-to-hieu,Phường Tô Hiệu,Tô Hiệu,phuong,To Hieu Ward,"
    "Phường Quyết Thắng;Phường Quyết Tâm;Phường Chiềng Lề;Phường Tô Hiệu\n"
    "03664,phuong-chieng-an,Phường Chiềng An,Chiềng An,phuong,Chieng An Ward,"
    "Phường Chiềng An;Xã Chiềng Xôm;Xã Chiềng Đen\n"
    "03754,xa-chieng-la,Xã Chiềng La,Chiềng La,xa,Chieng La Commune,"
    "Xã Chiềng Ngàm;Xã Nong Lay;Xã Tông Cọ;Xã Chiềng La\n"
    "03760,xa-muong-bam,Xã Mường Bám,Mường Bám,xa,Muong Bam Commune,giữ nguyên\n"
    "04000,xa-doan-ket,Xã Đoàn Kết,Đoàn Kết,xa,Doan Ket Commune,"
    "Xã Chiềng Chung (thị xã Mộc Châu);Xã Đoàn Kết\n"
    "04117,xa-muong-chanh,Xã Mường Chanh,Mường Chanh,xa,Muong Chanh Commune,"
    "Xã Chiềng Chung (huyện Mai Sơn);Xã Mường Chanh\n"
)
COMMUNES_PRE2025_CSV = (
    "code,name,full_name,kind,district_code,district_name\n"
    "03754,Noong Lay,Xã Noong Lay,xa,119,Huyện Thuận Châu\n"
    "03655,Quyết Tâm,Phường Quyết Tâm,phuong,116,Thành phố Sơn La\n"
)

BEDS_SPEC: dict[str, Any] = {
    "name": "so-giuong-benh",
    "metadata": {
        "title": "Số giường bệnh theo cơ sở",
        "notes": "Kế hoạch và thực hiện số giường bệnh.",
        "owner_org": "so-y-te",
        "update_frequency": "annual",
    },
    "schema": {
        "fields": [
            {"name": "ten_co_so", "title": "Tên cơ sở", "type": "string", "constraints": {"required": True}},
            {"name": "xa_phuong", "title": "Xã, phường", "type": "string", "x-sonla-codelist": "communes"},
            {
                "name": "ke_hoach",
                "title": "Số giường bệnh - Kế hoạch",
                "type": "integer",
                "constraints": {"minimum": 0},
            },
            {"name": "thuc_hien", "title": "Số giường bệnh - Thực hiện", "type": "integer"},
        ],
        "primaryKey": ["ten_co_so"],
    },
    "source": {"sheet": "Biểu 02"},
}

# TCVN3 ("Bệnh viện Đa khoa Thuận Châu" typed with the .VnTime font), built byte by byte.
TCVN3_NAME = "B\xd6nh vi\xd6n \xa7a khoa Thu\xcbn Ch\xa9u"
TCVN3_NAME_UNICODE = "Bệnh viện Đa khoa Thuận Châu"
# VNI ("Trạm Y tế Chiềng An" typed with VNI-Times).
VNI_NAME = "Traïm Y teá Chieàng An"
VNI_NAME_UNICODE = "Trạm Y tế Chiềng An"

DATA_ROWS: list[list[Any]] = [
    [1, unicodedata.normalize("NFD", "Trạm Y tế phường Tô Hiệu"), "Phường Tô Hiệu", 10, 9],
    [2, TCVN3_NAME, "tô hiệu", 120, 118],  # name in TCVN3; commune without prefix, lowercase
    [3, VNI_NAME, "Xã Chiềng Xôm", 12, 12],  # VNI; pre-2025 name (now Phường Chiềng An)
    [4, "Trạm Y tế xã Noong Lay", "Xã Noong Lay", 8, 7],  # pre-2025 list's spelling
    [5, "Trạm Y tế xã Mường Bám", "Mường Bám", "1.000", "1.000"],
]
FIRST_DATA_ROW = 8


def write_messy_workbook(path: Path, rows: list[list[Any]] | None = None, *, total: Any = "sum") -> Path:
    rows = DATA_ROWS if rows is None else rows
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 02"
    sheet["A1"] = "UBND TỈNH SƠN LA"
    sheet["A2"] = "SỞ Y TẾ"
    sheet["A3"] = "BÁO CÁO SỐ GIƯỜNG BỆNH NĂM 2025"
    for column, title in zip("ABCDF", ["STT", "Tên cơ sở", "Xã, phường", "Số giường bệnh", "Ghi chú"], strict=True):
        sheet[f"{column}5"] = title
    for column in "ABCF":
        sheet.merge_cells(f"{column}5:{column}6")
    sheet.merge_cells("D5:E5")
    sheet["D6"] = "Kế hoạch"
    sheet["E6"] = "Thực hiện"
    for index, column in enumerate("ABCDEF", start=1):
        sheet[f"{column}7"] = f"({index})"
    for row in rows:
        sheet.append(row)
    if total == "sum":
        sheet.append(["Tổng cộng", None, None, _sum(rows, 3), _sum(rows, 4)])
    elif total is not None:
        sheet.append(["Tổng cộng", None, None, *total])
    sheet.append([])
    sheet.append([None, None, None, None, "Sơn La, ngày 15 tháng 01 năm 2026"])
    sheet.append([None, "Người lập biểu", None, None, "KT. GIÁM ĐỐC"])
    sheet.append([None, None, None, None, "PHÓ GIÁM ĐỐC"])
    sheet.append([])
    sheet.append([None, "Nguyễn Văn An", None, None, "Lò Văn Bình"])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _sum(rows: list[list[Any]], index: int) -> int:
    return sum(int(str(row[index]).replace(".", "")) for row in rows)


def write_beds_catalogue(root: Path, spec: dict[str, Any] | None = None) -> Path:
    """A spec directory with the beds spec and the commune code lists; returns the spec dir."""
    (root / "codelists").mkdir(parents=True, exist_ok=True)
    (root / "codelists" / "communes.csv").write_text(COMMUNES_CSV, encoding="utf-8")
    (root / "codelists" / "communes_pre2025.csv").write_text(COMMUNES_PRE2025_CSV, encoding="utf-8")
    path = root / "datasets" / "so-y-te" / "so-giuong-benh.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(spec or BEDS_SPEC, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root
