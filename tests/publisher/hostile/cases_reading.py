"""The reading stage: csv structure (cell counts, quotes, duplicate titles, control characters),
encodings and delimiters, zip bombs, merged cells, and which sheet holds the table."""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from conftest import HEADER, good_rows, health_spec, write_health_xlsx

from hostile import INVALID, UNREADABLE, VALID, HostileCase

CSV_HEADER = ",".join(HEADER)
NAMES = ["Trạm Y tế số 1", "Trạm Y tế số 2", "Trạm Y tế số 3"]
CODES = ["14000", "14001", "14002"]


def _data_lines(delimiter: str = ",") -> list[str]:
    return [
        delimiter.join([str(i + 1), NAMES[i], str(20 + i), CODES[i], "75", "15/03/2024"])
        for i in range(3)
    ]


def _csv_text(name: str, text: str, encoding: str = "utf-8"):
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return path

    return build


def _csv_lines(name: str, lines: list[str], encoding: str = "utf-8"):
    return _csv_text(name, "\n".join(lines) + "\n", encoding)


def _replace_line(index: int, line: str) -> list[str]:
    lines = [CSV_HEADER, *_data_lines()]
    lines[index] = line
    return lines


# --- csv structure

EXTRA_CELL = _replace_line(2, "2,Trạm Y tế số 2,21,14001,75,15/03/2024,ghi chú lạc")
MISSING_CELL = _replace_line(2, "2,Trạm Y tế số 2,21,75,15/03/2024")
# The missing cell is the last, optional column: still a structural error (Frictionless).
MISSING_LAST = _replace_line(3, "3,Trạm Y tế số 3,22,14002,75")
TRAILING_EMPTY = [CSV_HEADER, *(line + ",," for line in _data_lines())]
UNCLOSED_IN_TITLE = ['"DANH SÁCH CƠ SỞ KHÁM CHỮA BỆNH', "", CSV_HEADER, *_data_lines()]
UNCLOSED_IN_DATA = [CSV_HEADER, "1,Trạm Y tế số 1,20,14000,75,15/03/2024",
                    '2,"Trạm Y tế số 2,21,14001,75,15/03/2024', "3,Trạm Y tế số 3,22,14002,75,15/03/2024",
                    "4,Trạm Y tế số 4,23,14003,75,15/03/2024"]
UNCLOSED_LAST = [CSV_HEADER, *_data_lines()[:2], '3,"Trạm Y tế số 3,22,14002,75,15/03/2024']
# A stray quote closed by another one two lines later: rows 3 to 5 of the text become one row.
QUOTE_CLOSED_LATE = [CSV_HEADER, "1,Trạm Y tế số 1,20,14000,75,15/03/2024",
                     '2,"Trạm Y tế số 2,21,14001,75,15/03/2024', "3,Trạm Y tế số 3,22,14002,75,15/03/2024",
                     '4,Trạm Y tế số 4",23,14003,75,15/03/2024', "5,Trạm Y tế số 5,24,14004,75,15/03/2024"]
LEGIT_NEWLINE = [CSV_HEADER, '1,"Trạm Y tế số 1\nbản Mòng",20,14000,75,15/03/2024',
                 '2,"Trạm\tY tế số 2",21,14001,75,15/03/2024', _data_lines()[2]]
DUPLICATE_TITLE = [CSV_HEADER + ",Mã cơ sở", *(line + ",x" for line in _data_lines())]
NUL_CELL = _replace_line(2, "2,Trạm Y tế\x00 số 2,21,14001,75,15/03/2024")
CONTROL_CELL = _replace_line(1, "1,Trạm Y tế số 1\x1a,20,14000,75,15/03/2024")


def _long_unclosed(folder: Path) -> Path:
    lines = [CSV_HEADER, *_data_lines(), '4,"Trạm Y tế số 4,23,14003,75,15/03/2024']
    lines += [f"{5 + i},Trạm Y tế số {5 + i},23,{14004 + i:05d},75,15/03/2024" for i in range(4000)]
    path = folder / "ngoac-dai.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- encodings and delimiters


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 writes most Vietnamese letters as a base letter plus a combining tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        # base + one mark precomposed and the other combining, else every mark combining
        candidates = [
            (unicodedata.normalize("NFC", base + mark), "".join(marks[:index] + marks[index + 1 :]))
            for index, mark in enumerate(marks)
        ] + [(base, "".join(marks))]
        for start, rest in candidates:
            try:
                out += start.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise AssertionError(f"{char!r} cannot be written in Windows-1258")
    return out


def _cp1258(folder: Path) -> Path:
    path = folder / "cp1258.csv"
    path.write_bytes(_to_cp1258("\r\n".join([CSV_HEADER, *_data_lines()]) + "\r\n"))
    return path


def _utf16(codec: str):
    return _csv_lines(f"{codec}.csv", [CSV_HEADER, *_data_lines()], codec)


def _utf8_bom(folder: Path) -> Path:
    path = folder / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + ("\n".join([CSV_HEADER, *_data_lines()]) + "\n").encode())
    return path


SEMICOLON = [";".join(HEADER), *(line.replace(";75;", ";75,5;") for line in _data_lines(";"))]
TAB = ["\t".join(HEADER), *_data_lines("\t")]
NO_HEADER = ["a,b,c", "1,2,3"]

# --- xlsx: zip bombs


def _workbook_with_part(folder: Path, name: str, write_part) -> Path:
    """A real agency workbook whose sheet part is replaced by ``write_part(stream)``."""
    source = write_health_xlsx(folder / "goc.xlsx", good_rows(3))
    path = folder / name
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with out.open(info.filename, "w", force_zip64=True) as stream:
                    write_part(stream)
            else:
                out.writestr(info, original.read(info.filename))
    return path


def _bomb_ratio(folder: Path) -> Path:
    def bomb(stream: Any) -> None:
        chunk = b"<c><v>1</v></c>" * 65536  # cells without references: a real sheet has them
        for _ in range(24):  # about 24 MB, a few tens of KB once compressed
            stream.write(chunk)

    return _workbook_with_part(folder, "bom-ty-le.xlsx", bomb)


def _lying_directory(folder: Path) -> Path:
    """A sheet part that inflates to 8 MB while its directory entries declare 1,000 bytes."""
    path = _workbook_with_part(folder, "muc-luc-sai.xlsx", lambda stream: stream.write(b" " * 8 * 1024**2))
    return lie_about_size(path, "xl/worksheets/sheet1.xml", 1000)


def lie_about_size(path: Path, part: str, declared: int) -> Path:
    """Rewrite the uncompressed size of ``part`` in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    encoded = part.encode()
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:
        name_length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_length] == encoded:
            data[position + 24 : position + 28] = declared.to_bytes(4, "little")
        position += 4
    path.write_bytes(bytes(data))
    return path


def _xlsx_nul(folder: Path) -> Path:
    """Excel writes a NUL in a cell as ``_x0000_`` in the sheet XML; the reader decodes it."""
    source = write_health_xlsx(folder / "goc.xlsx", good_rows(3))
    path = folder / "nul.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace("Trạm Y tế số 2".encode(), "Trạm Y tế_x0000_ số 2".encode(), 1)
            out.writestr(info, data)
    return path


# --- xlsx: merged cells and sheets


def _merged(name: str, cell_range: str, *, extra_rows: int = 0):
    def build(folder: Path) -> Path:
        path = write_health_xlsx(folder / name, good_rows(3 + extra_rows))
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Danh sách"]
        sheet.merge_cells(cell_range)
        workbook.save(path)
        return path

    return build


def _second_sheet(folder: Path) -> Path:
    path = write_health_xlsx(folder / "trang-2.xlsx", good_rows(3), sheet="Số liệu")
    workbook = openpyxl.load_workbook(path)
    notes = workbook.create_sheet("Hướng dẫn", 0)  # the first sheet: instructions, no table
    notes.append(["Hướng dẫn điền biểu mẫu"])
    notes.append(["Điền mỗi cơ sở một dòng."])
    workbook.save(path)
    return path


def _two_tables(folder: Path) -> Path:
    path = write_health_xlsx(folder / "hai-trang.xlsx", good_rows(3), sheet="2023")
    workbook = openpyxl.load_workbook(path)
    copy = workbook.copy_worksheet(workbook["2023"])
    copy.title = "2024"
    workbook.save(path)
    return path


def _no_table(folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Bìa"
    workbook.active.append(["Báo cáo"])
    workbook.create_sheet("Ghi chú").append(["Không có bảng"])
    path = folder / "khong-bang.xlsx"
    workbook.save(path)
    return path


NO_SHEET = {"source": {"columns": {"Tên cơ sở KCB": "ten_co_so"}}}
FILL_NAMES = {"source": {**health_spec()["source"], "fill_merged": ["ten_co_so"]}}
NAMES_CLEANED = {"ten_co_so": NAMES, "ma_co_so": CODES}

CASES = [
    # csv: rows of the wrong width, with their row (and text line) numbers
    HostileCase("csv-extra-cell", _csv_lines("thua-o.csv", EXTRA_CELL), INVALID,
                "Dòng 3: Dòng có 7 ô, nhiều hơn 6 cột của dòng tiêu đề: thừa «ghi chú lạc» ở cột G",
                message_en="Row 3: The row has 7 cells", cleaned={"ma_co_so": CODES}),
    HostileCase("csv-missing-cell", _csv_lines("thieu-o.csv", MISSING_CELL), INVALID,
                "Dòng 3: Dòng chỉ có 5 ô, ít hơn 6 cột của dòng tiêu đề (thiếu cột F)",
                message_en="Row 3: The row has only 5 cells"),
    HostileCase("csv-missing-trailing-optional-cell", _csv_lines("thieu-cot-cuoi.csv", MISSING_LAST),
                INVALID, "Dòng 4: Dòng chỉ có 5 ô, ít hơn 6 cột của dòng tiêu đề (thiếu cột F)"),
    HostileCase("csv-trailing-empty-cells-from-excel", _csv_lines("o-trong-cuoi.csv", TRAILING_EMPTY),
                VALID, "3 dòng có ô trống thừa sau cột cuối của dòng tiêu đề", cleaned=NAMES_CLEANED),
    # csv: quotes
    HostileCase("csv-unclosed-quote-in-title-row", _csv_lines("ngoac-tieu-de.csv", UNCLOSED_IN_TITLE),
                UNREADABLE, "dấu ngoặc kép (\") mở ở dòng 1 không được đóng: từ đó đến hết tệp (5 dòng",
                message_en="the quote (\") opened on line 1 is never closed"),
    HostileCase("csv-unclosed-quote-in-data", _csv_lines("ngoac-giua.csv", UNCLOSED_IN_DATA), UNREADABLE,
                "mở ở dòng 3 không được đóng: từ đó đến hết tệp (2 dòng tiếp theo)"),
    HostileCase("csv-unclosed-quote-on-last-line", _csv_lines("ngoac-cuoi.csv", UNCLOSED_LAST), UNREADABLE,
                "mở ở dòng 4 không được đóng: từ đó đến hết tệp (0 dòng tiếp theo)"),
    HostileCase("csv-unclosed-quote-long", _long_unclosed, UNREADABLE,
                "mở ở dòng 5 không được đóng: từ đó đến hết tệp (4.000 dòng tiếp theo)"),
    HostileCase("csv-quote-closed-lines-later", _csv_lines("ngoac-dong-muon.csv", QUOTE_CLOSED_LATE), INVALID,
                "Dòng 3: Ô B3 chứa 1 dòng trông như các dòng dữ liệu riêng: có lẽ một dấu ngoặc kép (\") bị "
                "thừa đã gộp chúng vào một ô (dòng này chiếm các dòng 3–5 của tệp văn bản"),
    HostileCase("csv-newline-and-tab-in-quoted-cell-are-text", _csv_lines("xuong-dong.csv", LEGIT_NEWLINE),
                VALID, "Hợp lệ: 3 dòng dữ liệu",
                cleaned={"ten_co_so": ["Trạm Y tế số 1\nbản Mòng", "Trạm\tY tế số 2", NAMES[2]]}),
    # csv: titles and characters
    HostileCase("csv-duplicate-column-title", _csv_lines("trung-cot.csv", DUPLICATE_TITLE), INVALID,
                "Cột D «Mã cơ sở» và cột G «Mã cơ sở» cùng khớp với trường «ma_co_so»",
                message_en="Column D «Mã cơ sở» and column G «Mã cơ sở» both match"),
    HostileCase("csv-nul-in-cell", _csv_lines("nul.csv", NUL_CELL), INVALID,
                "Ô B3 (dòng 3, cột «Tên cơ sở KCB»): Ô chứa ký tự điều khiển không nhìn thấy (U+0000 NUL)"),
    HostileCase("csv-control-character-in-cell", _csv_lines("dieu-khien.csv", CONTROL_CELL), INVALID,
                "Ô B2 (dòng 2, cột «Tên cơ sở KCB»): Ô chứa ký tự điều khiển không nhìn thấy (U+001A)"),
    HostileCase("xlsx-nul-in-cell", _xlsx_nul, INVALID,
                "Ô B7 (dòng 7, cột «Tên cơ sở KCB»): Ô chứa ký tự điều khiển không nhìn thấy (U+0000 NUL)"),
    # csv: encodings and delimiters, always named in the output
    HostileCase("csv-utf16-le-without-bom", _utf16("utf-16-le"), VALID, "Bảng mã: UTF-16LE; dấu phân cách: «,»",
                message_en="Encoding: UTF-16LE", cleaned=NAMES_CLEANED),
    HostileCase("csv-utf16-be-without-bom", _utf16("utf-16-be"), VALID, "Bảng mã: UTF-16BE;",
                cleaned=NAMES_CLEANED),
    HostileCase("csv-utf8-with-bom", _utf8_bom, VALID, "Bảng mã: UTF-8 (BOM);", cleaned=NAMES_CLEANED),
    HostileCase("csv-windows-1258", _cp1258, VALID, "Bảng mã: Windows-1258;", cleaned=NAMES_CLEANED),
    HostileCase("csv-semicolon-delimiter", _csv_lines("cham-phay.csv", SEMICOLON), VALID,
                "dấu phân cách: «;»", cleaned={"ty_le": ["75.5"] * 3, "ten_co_so": NAMES}),
    HostileCase("csv-tab-delimiter", _csv_lines("tab.csv", TAB), VALID, "dấu phân cách: «Tab»",
                cleaned=NAMES_CLEANED),
    HostileCase("csv-no-header-says-how-it-was-read", _csv_lines("khong-tieu-de.csv", NO_HEADER), UNREADABLE,
                "(CSV đọc với bảng mã UTF-8, dấu phân cách «,»)"),
    # xlsx: zip bombs, refused before the sheet is inflated
    HostileCase("xlsx-zip-bomb-by-ratio", _bomb_ratio, UNREADABLE, "nén với tỷ lệ",
                message_en="It may be malicious (a zip bomb)"),
    HostileCase("xlsx-zip-directory-lies-about-size", _lying_directory, UNREADABLE,
                "giải nén ra nhiều hơn 1.000 byte như mục lục của tệp nén khai báo"),
    # xlsx: merged cells over data rows
    HostileCase("xlsx-merged-cells-over-data-rows", _merged("gop-o.xlsx", "B6:B8"), INVALID,
                "B6:B8 là ô gộp qua nhiều dòng dữ liệu: Excel hiển thị «Trạm Y tế số 1» ở mọi dòng, nhưng "
                "trong tệp chỉ ô B6 có giá trị, B7, B8 trống"),
    HostileCase("xlsx-merged-cells-filled-down", _merged("gop-o-dien.xlsx", "B6:B8"), VALID,
                "B6:B8 là ô gộp: đã điền giá trị «Trạm Y tế số 1» của ô B6 xuống B7:B8",
                spec_overrides=FILL_NAMES, cleaned={"ten_co_so": [NAMES[0]] * 3, "ma_co_so": CODES}),
    HostileCase("xlsx-merged-cells-across-columns", _merged("gop-ngang.xlsx", "C7:D7"), INVALID,
                "C7:D7 là ô gộp qua nhiều cột của bảng", spec_overrides=FILL_NAMES),
    # xlsx: which sheet
    HostileCase("xlsx-data-on-second-sheet-no-sheet-named", _second_sheet, VALID,
                "đã tìm dòng tiêu đề trên mọi trang tính («Hướng dẫn», «Số liệu») và dùng trang «Số liệu»",
                spec_overrides=NO_SHEET, cleaned=NAMES_CLEANED),
    HostileCase("xlsx-same-table-on-two-sheets-no-sheet-named", _two_tables, UNREADABLE,
                "có nhiều trang tính có dòng tiêu đề khớp như nhau: «2023», «2024»", spec_overrides=NO_SHEET),
    HostileCase("xlsx-no-table-on-any-sheet", _no_table, UNREADABLE,
                "(đã tìm trên mọi trang tính: «Bìa», «Ghi chú»)", spec_overrides=NO_SHEET),
]
