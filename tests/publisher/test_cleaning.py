"""Cleaning a printed agency sheet before validation; every step is reported."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from agency_sheets import (
    FIRST_DATA_ROW,
    TCVN3_NAME_UNICODE,
    VNI_NAME_UNICODE,
    write_beds_catalogue,
    write_messy_workbook,
)
from sonla_publisher.reading.cleaning import is_column_number_row, is_signature_row, join_header_rows
from sonla_publisher.reading.table import MAX_EMPTY_ROWS, read_table
from sonla_publisher.specs.spec import find_spec


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return write_beds_catalogue(tmp_path / "dataset_specs")


def read_messy(catalogue: Path, path: Path):
    spec = find_spec(catalogue, "so-giuong-benh")
    return read_table(path, spec, catalogue / "codelists")


def step_ids(table) -> list[str]:
    return [step.message_id for step in table.cleaning_steps]


def test_messy_workbook_is_read_and_every_step_reported(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    assert table.header_row == 6
    # columns B..E: "Tên cơ sở", "Xã, phường", then the merged "Số giường bệnh" children
    assert table.columns == (1, 2, 3, 4)
    assert table.column_titles[2:] == ("Số giường bệnh - Kế hoạch", "Số giường bệnh - Thực hiện")
    assert [row.number for row in table.rows] == list(range(FIRST_DATA_ROW, FIRST_DATA_ROW + 5))
    assert table.rows[0].values == ("Trạm Y tế phường Tô Hiệu", "Phường Tô Hiệu", "10", "9")
    assert table.dropped_total_rows == (FIRST_DATA_ROW + 5,)
    assert step_ids(table)[:5] == [
        "clean.merged_header",
        "clean.stt_column",
        "clean.extra_column",
        "clean.column_numbers",
        "clean.signature",
    ]
    assert {"clean.nfc", "clean.legacy", "clean.commune.name", "clean.commune.old_name"} <= set(
        step_ids(table)
    )


def test_two_row_header_uses_merged_ranges(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    step = table.cleaning_steps[0]
    assert step.message("vi") == "Ghép tiêu đề hai dòng (dòng 5–6): tiêu đề gộp + tiêu đề con."
    assert step.message("en").startswith("Joined the two-row header (rows 5–6)")


def test_join_header_rows_without_merge_information() -> None:
    parent = ["STT", "Tên", "Số giường bệnh", None, "Ghi chú"]
    child = [None, None, "Kế hoạch", "Thực hiện", None]
    assert join_header_rows(parent, child, None) == [
        "STT",
        "Tên",
        "Số giường bệnh - Kế hoạch",
        "Số giường bệnh - Thực hiện",
        "Ghi chú",
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["(1)", "(2)", "(3)", "(4)"], True),
        ([1, 2, 3, 4, 5], True),
        (["A", "B", "1", "2", "3"], True),
        ([None, "1", "2", "3"], True),
        ([1, "Trạm Y tế", 2, 3], False),
        ([1, 5, 9], False),  # a data row of small numbers, not a sequence
        (["1", "2"], False),
    ],
)
def test_column_number_row(row: list, expected: bool) -> None:
    assert is_column_number_row(row) is expected


def test_column_number_row_is_dropped(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    assert FIRST_DATA_ROW - 1 not in [row.number for row in table.rows]
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.column_numbers"]
    assert step.params == {"row": 7}


def test_stt_column_is_dropped_and_reported(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.stt_column"]
    assert step.message("vi") == "Bỏ cột số thứ tự «STT» (cột A)."
    assert 0 not in table.columns


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["Người lập biểu", None, "Thủ trưởng đơn vị"], True),
        ([None, None, "KT. GIÁM ĐỐC"], True),
        ([None, None, "PHÓ GIÁM ĐỐC"], True),
        ([None, "Sơn La, ngày 15 tháng 01 năm 2026"], True),
        ([None, "Sơn La, ngày … tháng … năm …"], True),
        (["(Ký, họ tên)", "(Ký tên, đóng dấu)"], True),
        ([1, "Giám đốc Bệnh viện", 3], False),  # a data row mentioning a title
        (["Nguyễn Văn An", "Giám đốc"], False),  # a list of officials
    ],
)
def test_signature_rows(row: list, expected: bool) -> None:
    assert is_signature_row(row) is expected


def test_signature_block_and_names_below_are_not_data(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    names = {row.values[0] for row in table.rows}
    assert "Người lập biểu" not in names and "Nguyễn Văn An" not in names
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.signature"]
    assert step.params == {"first": FIRST_DATA_ROW + 7, "last": FIRST_DATA_ROW + 11}


def test_nfd_text_becomes_nfc_and_is_counted(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    assert unicodedata.is_normalized("NFC", table.rows[0].values[0])
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.nfc"]
    assert step.params == {"count": 1}


def test_legacy_encodings_are_converted(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    assert table.rows[1].values[0] == TCVN3_NAME_UNICODE
    assert table.rows[2].values[0] == VNI_NAME_UNICODE
    legacy = {s.params["encoding"]: s for s in table.cleaning_steps if s.message_id == "clean.legacy"}
    assert set(legacy) == {"TCVN3", "VNI"}
    assert TCVN3_NAME_UNICODE in legacy["TCVN3"].message("vi")


def test_commune_names_are_matched_to_official_units(catalogue: Path, tmp_path: Path) -> None:
    table = read_messy(catalogue, write_messy_workbook(tmp_path / "beds.xlsx"))
    assert [row.values[1] for row in table.rows] == [
        "Phường Tô Hiệu",  # exact
        "Phường Tô Hiệu",  # "tô hiệu": no prefix, lowercase
        "Phường Chiềng An",  # "Xã Chiềng Xôm": merged into Chiềng An in 2025
        "Xã Chiềng La",  # "Xã Noong Lay": the pre-2025 list's spelling of merge-list "Nong Lay"
        "Xã Mường Bám",  # no prefix
    ]
    old = [s for s in table.cleaning_steps if s.message_id == "clean.commune.old_name"]
    assert any(s.params["old"] == "Xã Chiềng Xôm" and s.params["new"] == "Phường Chiềng An" for s in old)


def test_trailing_formatted_empty_rows_cost_nothing(tmp_path: Path, sample) -> None:
    """A sheet formatted down to row 1,000,002: read quickly, the data rows only."""
    base = sample.xlsx(sample.rows(2), name="base.xlsx", total=False)
    path = tmp_path / "formatted.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                cells = '<row r="{0}"><c r="A{0}" s="0"/><c r="F{0}" s="0"/></row>'
                empty = "".join(cells.format(n) for n in range(20, 1_000_003))
                data = data.replace(b"</sheetData>", empty.encode() + b"</sheetData>")
            target.writestr(item, data)
    table = read_table(path, sample.spec())
    assert len(table.rows) == 2


def test_reading_stops_after_many_empty_rows(tmp_path: Path, sample) -> None:
    path = tmp_path / "data.csv"
    lines = ["Mã cơ sở,Tên cơ sở", "14000,Trạm Y tế"] + [","] * (MAX_EMPTY_ROWS + 5) + ["14001,Lạc trôi"]
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_table(path, sample.spec(source={}))
    assert [row.values[0] for row in table.rows] == ["14000"]
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.stopped_at_empty_rows"]
    assert step.params == {"count": MAX_EMPTY_ROWS, "row": 2 + MAX_EMPTY_ROWS}


def test_a_few_empty_rows_inside_the_table_are_skipped_and_counted(sample) -> None:
    rows = sample.rows(3)
    rows.insert(1, [None] * 6)
    rows.insert(1, [None] * 6)
    table = read_table(sample.xlsx(rows), sample.spec())
    assert len(table.rows) == 3
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.empty_rows"]
    assert step.params == {"count": 2}  # empty rows at the very end are not counted


def test_header_typed_in_tcvn3_is_still_found(tmp_path: Path, sample) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["M\xb7 c\xac s\xeb", "T\xaan c\xac s\xeb"])  # "Mã cơ sở", "Tên cơ sở" in TCVN3
    workbook.active.append(["14000", "Tr\xb9m Y t\xd5"])
    path = tmp_path / "tcvn3.xlsx"
    workbook.save(path)
    table = read_table(path, sample.spec(source={}))
    assert table.columns[:2] == (0, 1)
    assert table.rows[0].values[:2] == ("14000", "Trạm Y tế")


def test_boolean_cells_are_not_mistaken_for_cached_numbers(sample) -> None:
    rows = sample.rows(3)
    rows[0][2], rows[1][2], rows[2][2] = 1, True, 7  # TRUE typed into a number column
    spec = sample.spec()
    table = read_table(sample.xlsx(rows, total=False), spec)
    assert [row.values[2] for row in table.rows] == ["1", "true", "7"]


def test_counts_cover_the_data_cells_once(sample) -> None:
    rows = sample.rows(3)
    for row in rows:
        row[1] = unicodedata.normalize("NFD", "Trạm Y tế Chiềng Cơi")  # three NFD cells
        row[0] = unicodedata.normalize("NFD", "Một")  # in the STT column: not data, not counted
    table = read_table(sample.xlsx(rows, total=False), sample.spec())
    (step,) = [s for s in table.cleaning_steps if s.message_id == "clean.nfc"]
    assert step.params == {"count": 3}
