"""Every change the cleaner makes is listed (cell, old, new, reason); a typo's suggestion is
applied only when accepted; month columns; ``validate --output`` with an unknown extension."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
from conftest import good_rows, write_health_xlsx

from hostile import INVALID, UNREADABLE, VALID, HostileCase
from hostile.cases_communes import REAL_COMMUNES, SPEC, communes_sheet

MONTH_SPEC: dict[str, Any] = {
    "schema": {
        "fields": [
            # as the catalogue declares months (e.g. tai-nan-giao-thong-theo-thang.yaml)
            {"name": "thang", "title": "Tháng", "type": "string",
             "constraints": {"required": True, "pattern": "^(0[1-9]|1[0-2])/20[0-9]{2}$"}},
            {"name": "so_vu", "title": "Số vụ", "type": "integer", "constraints": {"minimum": 0}},
        ],
        "primaryKey": ["thang"],
    },
    "source": {"sheet": "Theo tháng"},
}


def months_sheet(*months: Any):
    def build(folder: Path) -> Path:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Theo tháng"
        sheet.append(["Tháng", "Số vụ"])
        for index, month in enumerate(months):
            sheet.append([month, index + 1])
        path = folder / "thang.xlsx"
        workbook.save(path)
        return path

    return build


def _health(rows: list[list[Any]], name: str = "kcb.xlsx"):
    def build(folder: Path) -> Path:
        return write_health_xlsx(folder / name, rows)

    return build


def _many_number_changes() -> list[list[Any]]:
    rows = good_rows(12)
    for row in rows:
        row[2] = "1.250"  # every bed count written with a thousands dot: 12 changes in C, 1 in E6
    return rows


def _nfd_name() -> list[list[Any]]:
    rows = good_rows(2)
    rows[1][1] = unicodedata.normalize("NFD", "Trạm Y tế xã Chiềng Hặc")
    return rows


ACCEPTED = {**SPEC, "source": {**SPEC["source"], "accept_suggestions": True}}

CASES = [
    # a typo near one unit is a suggestion: an error until the official accepts it
    HostileCase("typo-suggestion-not-applied", communes_sheet("Xã Muong Bam Moi"), INVALID,
                "gợi ý: «Xã Mường Bám». Chưa áp dụng", message_en="--accept-suggestions",
                spec_overrides=SPEC, codelists=REAL_COMMUNES, cleaned={"xa_phuong": ["Xã Muong Bam Moi"]}),
    HostileCase("typo-suggestion-accepted-on-the-command-line", communes_sheet("Xã Muong Bam Moi"), VALID,
                "«Xã Muong Bam Moi» → «Xã Mường Bám» — gợi ý gần nhất", spec_overrides=SPEC,
                codelists=REAL_COMMUNES, cleaned={"xa_phuong": ["Xã Mường Bám"]},
                extra_args=("--accept-suggestions",)),
    HostileCase("typo-suggestion-accepted-in-the-spec", communes_sheet("Xã Muong Bam Moi"), VALID,
                "«Xã Muong Bam Moi» → «Xã Mường Bám»", spec_overrides=ACCEPTED,
                codelists=REAL_COMMUNES, cleaned={"xa_phuong": ["Xã Mường Bám"]}),
    # accepting suggestions does not turn an ambiguous name into a guess
    HostileCase("accepting-suggestions-still-asks-when-ambiguous", communes_sheet("Xa Muong Sai"), INVALID,
                "có thể là nhiều đơn vị", spec_overrides=SPEC, codelists=REAL_COMMUNES,
                cleaned={"xa_phuong": ["Xa Muong Sai"]}, extra_args=("--accept-suggestions",)),
    # months: Excel's date for a typed month, "9/2026"; a real date is not a month
    HostileCase("month-typed-into-excel-became-a-date", months_sheet(dt.datetime(2026, 8, 1)), VALID,
                "Ô A2 (dòng 2, cột «Tháng»): «2026-08-01» → «08/2026» — Excel đã đổi tháng thành ngày",
                spec_overrides=MONTH_SPEC, cleaned={"thang": ["08/2026"]}),
    HostileCase("month-without-leading-zero", months_sheet("9/2026", "10/2026", "tháng 11/2026"), VALID,
                "«9/2026» → «09/2026» — ghi tháng theo dạng MM/YYYY",
                message_en='"9/2026" → "09/2026" — month written as MM/YYYY',
                spec_overrides=MONTH_SPEC, cleaned={"thang": ["09/2026", "10/2026", "11/2026"]}),
    HostileCase("date-in-a-month-column-is-not-a-month", months_sheet(dt.datetime(2026, 8, 15)), INVALID,
                "«2026-08-15»", spec_overrides=MONTH_SPEC, cleaned={"thang": ["2026-08-15"]}),
    HostileCase("month-13-is-not-a-month", months_sheet("13/2026"), INVALID, "«13/2026»",
                spec_overrides=MONTH_SPEC, cleaned={"thang": ["13/2026"]}),
    # numbers, dates and NFC text: each changed cell listed; long lists are cut with a count
    HostileCase("number-and-date-changes-listed", _health(good_rows(3)), VALID,
                "Ô C6 (dòng 6, cột «Số giường bệnh»): «1.250» → «1250»",
                cleaned={"so_giuong": ["1250", "21", "22"],
                         "ngay_cap_nhat": ["2024-03-15", "2024-03-02", "2024-03-03"]}),
    HostileCase("total-row-left-out-listed", _health(good_rows(3)), VALID,
                "Dòng 9: «Tổng cộng» → «» — bỏ dòng tổng cộng"),
    HostileCase("many-changes-cut-in-the-terminal", _health(_many_number_changes()), VALID,
                "… và 8 thay đổi khác cùng lý do",
                cleaned={"so_giuong": ["1250"] * 12}),
    HostileCase("nfd-text-change-listed", _health(_nfd_name()), VALID,
                "Ô B7 (dòng 7, cột «Tên cơ sở KCB»)",
                cleaned={"ten_co_so": ["Trạm Y tế số 1", "Trạm Y tế xã Chiềng Hặc"]}),
    # validate --output: only .csv and .xlsx
    HostileCase("output-with-unknown-extension", _health(good_rows(3)), UNREADABLE,
                "chỉ hỗ trợ tệp .csv hoặc .xlsx", message_en="only .csv or .xlsx files are supported",
                extra_args=("--output", "ket-qua.txt")),
]
