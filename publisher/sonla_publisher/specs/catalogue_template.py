"""Write the approved-catalogue spreadsheet template that ``catalogue import`` reads.

One sheet to fill ("Danh mục": title rows, the header row, drop-down lists for agency, theme,
frequency and format), one with instructions ("Hướng dẫn") and a hidden one holding the lists
("Danh mục mã"), all taken from the code lists so the names typed match what the import knows.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sonla_publisher.specs.spec import load_codelist

HEADER_ROW = 5
ROWS_WITH_LISTS = 1000  # drop-down lists are set on this many rows under the header
COLUMNS = (  # title, width, list column in the hidden sheet (None: free text)
    ("STT", 6, None),
    ("Tên dữ liệu", 60, None),
    ("Cơ quan chủ trì cung cấp", 42, "A"),
    ("Lĩnh vực", 24, "B"),
    ("Tần suất cập nhật", 20, "C"),
    ("Định dạng", 14, "D"),
    ("Ghi chú", 40, None),
)
FORMATS = ("XLSX", "CSV", "JSON", "API", "PDF")
EXAMPLE = (
    "1",
    "Danh sách cơ sở khám bệnh, chữa bệnh trên địa bàn tỉnh",
    "Sở Y tế",
    "Y tế",
    "Hằng năm",
    "XLSX",
    "Ví dụ — xóa dòng này trước khi nộp",
)
INSTRUCTIONS = (
    "HƯỚNG DẪN LẬP DANH MỤC DỮ LIỆU MỞ / HOW TO FILL IN THE OPEN-DATA CATALOGUE",
    "",
    "1. Mỗi dòng của sheet «Danh mục» là một bộ dữ liệu. Không đổi tên, không xóa các cột tiêu đề "
    f"ở dòng {HEADER_ROW}. / One row per dataset; keep the header row ({HEADER_ROW}).",
    "2. «Tên dữ liệu»: tên đầy đủ bằng tiếng Việt, không viết tắt. / Full Vietnamese title.",
    "3. «Cơ quan chủ trì cung cấp»: chọn trong danh sách (sở, ngành, xã, phường). "
    "/ Pick the owner from the list.",
    "4. «Lĩnh vực»: chọn một lĩnh vực; nhiều lĩnh vực thì ngăn cách bằng dấu chấm phẩy. "
    "/ One or more themes, separated by ';'.",
    "5. «Tần suất cập nhật»: chọn trong danh sách (Hằng ngày, Hằng tuần, Hằng tháng, Hằng quý, "
    "6 tháng một lần, Hằng năm, Khi có thay đổi, Không định kỳ). / Update frequency from the list.",
    "6. Dòng tiêu đề nhóm (ví dụ «I. Sở Y tế») được phép: các dòng bên dưới để trống cột cơ quan "
    "sẽ thuộc cơ quan đó. / A section row names the owner of the rows below it.",
    "7. Kiểm tra bằng lệnh: sonla-publish catalogue import <tệp.xlsx> — lệnh tạo bản khung đặc tả "
    "cho từng dòng và báo các dòng chưa nhận ra cơ quan hoặc tần suất. "
    "/ Check with `sonla-publish catalogue import`.",
)

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _list_values(codelists: Path) -> dict[str, list[str]]:
    owners = [row["name"] for row in load_codelist(codelists / "agencies.csv")]
    owners += [f"UBND {row['name']}" for row in load_codelist(codelists / "communes.csv")]
    themes = [row["name"] for row in load_codelist(codelists / "themes.csv")]
    frequencies = [row["name"] for row in load_codelist(codelists / "frequencies.csv")]
    return {"A": owners, "B": themes, "C": frequencies, "D": list(FORMATS)}


def write_template(path: Path, codelists: Path) -> Path:
    """Write the template to ``path`` (an .xlsx file) with lists from ``codelists``."""
    lists = _list_values(codelists)
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet is a plain worksheet
    sheet.title = "Danh mục"
    titles = (
        "UBND TỈNH SƠN LA",
        "DANH MỤC DỮ LIỆU MỞ CỦA CÁC CƠ QUAN NHÀ NƯỚC TỈNH SƠN LA",
        "(Kèm theo Quyết định số      /QĐ-UBND ngày    /    /      của UBND tỉnh Sơn La)",
    )
    for row, text in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=row < 3, italic=row == 3, size=13 if row == 2 else 11)
        if row > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
            cell.alignment = Alignment(horizontal="center")
    for column, (title, width, _) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
        example = sheet.cell(row=HEADER_ROW + 1, column=column, value=EXAMPLE[column - 1])
        example.font = Font(italic=True, color="808080")
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1).coordinate

    hidden = wb.create_sheet("Danh mục mã")
    for list_letter, values in lists.items():
        for row, value in enumerate(values, start=1):
            hidden[f"{list_letter}{row}"] = value
    hidden.sheet_state = "hidden"
    first, last = HEADER_ROW + 1, HEADER_ROW + ROWS_WITH_LISTS
    for column, (title, _, letter) in enumerate(COLUMNS, start=1):
        if letter is None:
            continue
        source = f"'Danh mục mã'!${letter}$1:${letter}${len(lists[letter])}"
        # Themes may hold several values ("Y tế; Xã hội"): the list helps, other text is allowed.
        strict = letter != "B"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle=title,
            error="Chọn một giá trị trong danh sách.",
        )
        target = get_column_letter(column)
        validation.add(f"{target}{first}:{target}{last}")
        sheet.add_data_validation(validation)

    guide = wb.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 120
    for row, text in enumerate(INSTRUCTIONS, start=1):
        cell = guide.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True)
        if row == 1:
            cell.font = Font(bold=True, size=13)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
