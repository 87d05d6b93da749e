"""Cell-level traps (#15): formula-like text, percent cells, external links, numbers and dates
written the office way, and spec or path mistakes that must be told in Vietnamese."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from conftest import good_rows, health_spec, write_health_xlsx

from hostile import INVALID, UNREADABLE, VALID, HostileCase

_KEY_FIELDS = health_spec()["schema"]["fields"][:2]  # "Mã cơ sở" (5 digits), "Tên cơ sở"


def _schema(*fields: dict[str, Any]) -> dict[str, Any]:
    return {"fields": [*_KEY_FIELDS, *fields], "primaryKey": ["ma_co_so"]}


_NOTE = {"name": "ghi_chu", "title": "Ghi chú", "type": "string"}
_PHONE = {"name": "so_dien_thoai", "title": "Số điện thoại", "type": "string"}
_TEXT_SPEC = {"schema": _schema(_NOTE), "source": {}}
_PHONE_SPEC = {"schema": _schema(_PHONE), "source": {}}


def _csv(name: str, title: str, values: list[str]):
    """A csv with a code, a name and one more column holding ``values``."""

    def build(folder: Path) -> Path:
        lines = [f"Mã cơ sở,Tên cơ sở,{title}"]
        for index, value in enumerate(values):
            quoted = '"' + value.replace('"', '""') + '"'
            lines.append(f"{14000 + index:05d},Trạm Y tế số {index + 1},{quoted}")
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return build


def _with_column(index: int, values: list[Any], formats: dict[int, str] | None = None):
    """The health workbook with column ``index`` (0-based, in HEADER order) of the data rows
    replaced by ``values``; ``formats`` sets a cell's number format by row position."""

    def build(folder: Path) -> Path:
        rows = good_rows(len(values))
        for row, value in zip(rows, values, strict=True):
            row[index] = value
        path = write_health_xlsx(folder / f"cot-{index}.xlsx", rows, total=False)
        if formats:
            workbook = openpyxl.load_workbook(path)
            sheet = workbook.active
            for position, number_format in formats.items():
                sheet.cell(row=6 + position, column=index + 1).number_format = number_format
            workbook.save(path)
        return path

    return build


def _external_link(folder: Path) -> Path:
    """Beds of the second row come from another workbook: the formula as Excel stores it
    ("[1]Sheet1!B2", 1 = the first external link part) with its cached value 42."""
    rows = good_rows(3)
    rows[1][2] = "=[1]Sheet1!B2"
    path = write_health_xlsx(folder / "lien-ket.xlsx", rows, total=False)
    damaged = folder / "tmp.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<f>\[1\]Sheet1!B2</f><v\s*/?>(?:</v>)?", rb"<f>[1]Sheet1!B2</f><v>42</v>", data)
                assert b"<v>42</v>" in data
            target.writestr(item, data)
        target.writestr(
            "xl/externalLinks/_rels/externalLink1.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/externalLinkPath" Target="Book2.xlsx" TargetMode="External"/>'
            "</Relationships>",
        )
    damaged.replace(path)
    return path


def _broken_yaml(folder: Path) -> Path:
    # The test wrote the spec to <tmp>/dataset_specs before building; break it in place.
    spec = folder.parent / "dataset_specs" / "datasets" / "so-y-te" / "dac-ta-hong.yaml"
    spec.write_text("name: dac-ta-hong\nschema:\n  fields: [a, b\n  primaryKey: x\n", encoding="utf-8")
    return write_health_xlsx(folder / "tot.xlsx", good_rows(2))


def _directory(folder: Path) -> Path:
    path = folder / "bao-cao.xlsx"
    path.mkdir()
    return path


def _corrupt_zip(folder: Path) -> Path:
    path = write_health_xlsx(folder / "hong.xlsx", good_rows(3))
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])  # an unfinished download: no zip directory
    return path


_MONEY = {"schema": _schema({"name": "kinh_phi", "title": "Kinh phí", "type": "money"})}

CASES = [
    HostileCase("phone-plus84-with-spaces", _csv("dt.csv", "Số điện thoại", ["+84 212 3852 123", "0212 3852 124"]),
                VALID, "Hợp lệ: 2 dòng dữ liệu", spec_overrides=_PHONE_SPEC,
                cleaned={"so_dien_thoai": ["+84 212 3852 123", "0212 3852 124"]}),
    HostileCase("minus-number-vs-minus-text", _csv("tru.csv", "Ghi chú", ["-5", "-abc", "-"]), INVALID,
                "Giá trị «-abc» bắt đầu bằng «-»", spec_overrides=_TEXT_SPEC,
                cleaned={"ghi_chu": ["-5", "-abc", "-"]}),
    HostileCase("at-mention", _csv("at.csv", "Ghi chú", ["@mention"]), INVALID,
                "Giá trị «@mention» bắt đầu bằng «@»", message_en='starts with "@"', spec_overrides=_TEXT_SPEC),
    HostileCase("sum-formula-as-text", _csv("sum.csv", "Ghi chú", ["=SUM(A1)", "=5"]), INVALID,
                "Ô C2 (dòng 2, cột «Ghi chú»): Giá trị «=SUM(A1)» bắt đầu bằng «=»", spec_overrides=_TEXT_SPEC,
                cleaned={"ghi_chu": ["=SUM(A1)", "=5"]}),
    HostileCase("hyperlink-formula-as-text", _csv("link.csv", "Ghi chú", ['=HYPERLINK("http://x.vn","bấm")']),
                INVALID, "bắt đầu bằng «=»", spec_overrides=_TEXT_SPEC),
    HostileCase("percent-format-beside-typed-percent", _with_column(4, [0.125, "12,5%", 75.5], {0: "0.0%"}), VALID,
                "1 ô định dạng % được ghi thành số phần trăm (E6: 0,125 (%) → 12,5)",
                cleaned={"ty_le": ["12.5", "12.5", "75.5"]}),
    HostileCase("typed-percent-reported", _with_column(4, ["12,5%", "80 %"]), VALID,
                "2 ô gõ kèm dấu % được ghi thành số (E6: 12,5% → 12,5; E7: 80 % → 80)",
                cleaned={"ty_le": ["12.5", "80"]}),
    HostileCase("bare-fraction-in-percent-column", _with_column(4, [0.125, 75.5]), VALID,
                "Cảnh báo: cột «Tỷ lệ sử dụng giường (%)» ghi theo phần trăm nhưng 1 ô có giá trị từ 0 đến 1 "
                "mà không định dạng %: E6 (0,125)",
                cleaned={"ty_le": ["0.125", "75.5"]}),
    HostileCase("percent-format-outside-percent-column", _with_column(2, [0.5, 20], {0: "0%"}), INVALID,
                "Cảnh báo: cột «Số giường bệnh» không ghi theo phần trăm (tiêu đề không có «%») nhưng 1 ô định "
                "dạng %: C6 (0,5)", cleaned={"so_giuong": ["0.5", "20"]}),
    HostileCase("external-link-formula", _external_link, VALID,
                "Cảnh báo: 1 ô lấy giá trị từ tệp Excel khác qua công thức liên kết (C7; ví dụ =[1]Sheet1!B2; "
                "tệp liên kết: Book2.xlsx)", message_en="Warning: 1 cells take their value from another Excel file",
                cleaned={"so_giuong": ["1250", "42", "22"]}),
    HostileCase("accounting-negative-in-parentheses", _with_column(2, ["(1.234)", 20]), INVALID,
                "Giá trị «(1.234)» không phải số nguyên", cleaned={"so_giuong": ["(1.234)", "20"]}),
    HostileCase("unit-in-number-cell", _with_column(2, ["12 kg", 20]), INVALID,
                "Giá trị «12 kg» không phải số nguyên", cleaned={"so_giuong": ["12 kg", "20"]}),
    HostileCase("short-year-date", _with_column(5, ["15/3/24", "15/03/2024"]), INVALID,
                "Giá trị «15/3/24» không phải ngày",
                cleaned={"ngay_cap_nhat": ["15/3/24", "2024-03-15"]}),
    HostileCase("code-against-pattern-in-words", _with_column(3, ["1400", "14001"]), INVALID,
                "Giá trị «1400» không đúng định dạng quy định: cần gồm 5 chữ số (ví dụ 12345).",
                message_en="is not in the prescribed format: expected 5 digit(s) (e.g. 12345)"),
    HostileCase("spec-with-money-type", _with_column(2, [20]), UNREADABLE,
                "kiểu dữ liệu «money» không được hỗ trợ", spec_overrides=_MONEY),
    HostileCase("spec-broken-yaml", _broken_yaml, UNREADABLE,
                "không đúng cú pháp YAML ở dòng 4, cột 13: thiếu dấu «,» hoặc dấu đóng «]» trong danh sách",
                spec_overrides={"name": "dac-ta-hong"}),
    HostileCase("directory-given-as-file", _directory, UNREADABLE,
                "là một thư mục, không phải tệp dữ liệu", message_en="is a directory, not a data file"),
    HostileCase("xlsx-corrupt-zip", _corrupt_zip, UNREADABLE,
                "như một bảng tính: tệp đã bị hỏng (phần nén bên trong không đọc được",
                message_en="the file is damaged"),
]

# A bounded number column: a signalling NaN cannot be compared with a bound (Frictionless raised
# decimal.InvalidOperation, a traceback); it is a value that is not a number. Both readers: ours
# (a simple schema) and Frictionless' (bareNumber makes the schema one ours does not handle).
_RATE = {"name": "ty_le", "title": "Tỷ lệ", "type": "number", "constraints": {"minimum": 0, "maximum": 200}}
_RATE_SPEC = {"schema": _schema(_RATE), "source": {}}
_RATE_FRICTIONLESS_SPEC = {"schema": _schema({**_RATE, "bareNumber": True}), "source": {}}

CASES += [
    HostileCase("signalling-nan-in-bounded-number", _csv("snan.csv", "Tỷ lệ", ["sNaN", "12,5"]), INVALID,
                "Giá trị «sNaN» không phải số", spec_overrides=_RATE_SPEC,
                cleaned={"ty_le": ["sNaN", "12.5"]}),
    HostileCase("signalling-nan-frictionless-reader", _csv("snan2.csv", "Tỷ lệ", ["sNaN", "12,5"]), INVALID,
                "Giá trị «sNaN» không phải số", spec_overrides=_RATE_FRICTIONLESS_SPEC),
]
