"""Finding the table in an agency's sheet: header row, columns, totals, encodings."""

import codecs
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from sonla_publisher.errors import ReadError
from sonla_publisher.reading.header_rows import find_header_row
from sonla_publisher.reading.source_files import read_grid, sniff_delimiter
from sonla_publisher.reading.table import is_total_row, read_table

HEADER_ROW = 5  # the sample workbooks put the header below four title/blank rows


def test_header_row_found_below_title_rows(sample) -> None:
    table = read_table(sample.xlsx(sample.rows(3)), sample.spec())
    assert table.header_row == HEADER_ROW
    assert table.sheet == "Danh sách"
    assert [row.number for row in table.rows] == [6, 7, 8]


def test_find_header_row_prefers_the_row_matching_most_titles() -> None:
    rows = [
        ["UBND TỈNH SƠN LA"],
        ["SỞ Y TẾ"],
        ["Mã cơ sở"],  # a title row that happens to contain one column title
        [],
        ["STT", "Mã cơ sở", "Tên cơ sở"],
    ]
    titles = [{"mã cơ sở"}, {"tên cơ sở"}]
    assert find_header_row(rows, titles) == 4


def test_columns_mapped_by_title_and_by_source_columns(sample) -> None:
    table = read_table(sample.xlsx(sample.rows(1)), sample.spec())
    # spec field order: ma_co_so, ten_co_so (via source.columns "Tên cơ sở KCB"), so_giuong, ...
    assert table.columns == (3, 1, 2, 4, 5)
    assert table.column_titles[1] == "Tên cơ sở KCB"
    assert table.rows[0].values == ("14000", "Trạm Y tế số 1", "1250", "99.92", "2024-03-15")


def test_header_row_from_spec_overrides_detection(sample) -> None:
    spec = sample.spec(source={"header_row": 5, "sheet": "Danh sách", "columns": {"Tên cơ sở KCB": "ten_co_so"}})
    assert read_table(sample.xlsx(sample.rows(2)), spec).header_row == 5


def test_total_rows_and_empty_rows_are_dropped(sample) -> None:
    rows = sample.rows(3)
    rows.insert(1, [None, None, None, None, None, None])
    table = read_table(sample.xlsx(rows, total=True), sample.spec())
    assert len(table.rows) == 3
    assert table.dropped_total_rows == (HEADER_ROW + len(rows) + 1,)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["Tổng cộng", None, 12], True),
        ([None, "TỔNG CỘNG:", 12], True),
        (["", "Tổng", 12], True),
        (["Cộng", "", 3], True),
        ([1, "Tổng công ty Điện lực", 3], False),
        ([1, "Trạm Y tế", "Tổng cộng"], False),  # too far right to be the row's label
    ],
)
def test_is_total_row(row: list, expected: bool) -> None:
    assert is_total_row(row) is expected


def test_text_is_nfc_normalised(sample) -> None:
    rows = sample.rows(1)
    rows[0][1] = unicodedata.normalize("NFD", "Trạm Y tế xã Chiềng Cơi")
    table = read_table(sample.xlsx(rows), sample.spec())
    assert table.rows[0].values[1] == "Trạm Y tế xã Chiềng Cơi"
    assert unicodedata.is_normalized("NFC", table.rows[0].values[1])


def test_header_titles_match_despite_case_spacing_and_nfd(tmp_path: Path, sample) -> None:
    path = tmp_path / "data.csv"
    header = ["stt", "MÃ CƠ SỞ", unicodedata.normalize("NFD", "Tên  cơ sở"), "Số giường\nbệnh"]
    lines = [",".join(f'"{cell}"' for cell in header), '1,14000,Trạm Y tế,"1.250"']
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_table(path, sample.spec(source={}))
    assert table.missing_fields == [3, 4]
    assert table.rows[0].values[:3] == ("14000", "Trạm Y tế", "1250")


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 has base letters (ơ, ư, â) but writes tone marks as combining characters."""
    encoded = bytearray()
    for char in text:
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(mark for mark in decomposed if mark in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
            encoded += (base + tones).encode("cp1258")
    return bytes(encoded)


def test_csv_in_windows_1258_with_semicolons(tmp_path: Path, sample) -> None:
    path = tmp_path / "data.csv"
    text = "Mã cơ sở;Tên cơ sở;Số giường bệnh\r\n14000;Bệnh viện Đa khoa tỉnh;1.250\r\n"
    path.write_bytes(encode_cp1258(text))
    assert path.read_bytes().decode("cp1258") != text  # really stored decomposed
    table = read_table(path, sample.spec(source={}))
    assert table.rows[0].values[:3] == ("14000", "Bệnh viện Đa khoa tỉnh", "1250")


def test_csv_with_utf8_bom(tmp_path: Path, sample) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Mã cơ sở,Tên cơ sở\n14000,Trạm Y tế\n".encode())
    table = read_table(path, sample.spec(source={}))
    assert table.column_titles[0] == "Mã cơ sở"
    assert table.rows[0].values[:2] == ("14000", "Trạm Y tế")


def test_sniff_delimiter() -> None:
    assert sniff_delimiter("a;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter('a,b\n"Sơn La, Việt Nam",2\n') == ","


def test_positions_keep_leading_empty_rows_and_columns(tmp_path: Path, sample) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["C4"] = "Mã cơ sở"
    workbook.active["C5"] = "14000"
    path = tmp_path / "offset.xlsx"
    workbook.save(path)
    table = read_table(path, sample.spec(source={}))
    assert table.header_row == 4
    assert table.cell_ref(0, table.rows[0].number) == "C5"


@pytest.mark.parametrize(
    ("name", "content", "message_id"),
    [
        ("empty.xlsx", b"", "read.empty_file"),
        ("empty.csv", b"\n\n", "read.empty_file"),
        ("report.pdf", b"%PDF-1.4", "read.bad_extension"),
        ("broken.xlsx", b"this is not a workbook", "read.not_spreadsheet"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, message_id: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as raised:
        read_grid(path)
    assert raised.value.message_id == message_id
    assert raised.value.exit_code == 2


def test_missing_sheet_names_the_sheets_that_exist(sample) -> None:
    path = sample.xlsx(sample.rows(1), sheet="Trang 1")
    with pytest.raises(ReadError) as raised:
        read_table(path, sample.spec())
    assert raised.value.message_id == "read.missing_sheet"
    assert "Trang 1" in raised.value.message("vi")


def test_no_header_row(tmp_path: Path, sample) -> None:
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        read_table(path, sample.spec(source={}))
    assert raised.value.message_id == "read.no_header"
