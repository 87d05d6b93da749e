"""Write an Excel template for one dataset, for agency staff to fill in.

The template has the sheet and header row the spec expects (so a filled template validates),
a note on each column title saying what it expects, drop-down lists for enumerations and
commune names, number/date/text formats on the data rows, a frozen header, and a sheet of
instructions in Vietnamese.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sonla_publisher.i18n.messages import render
from sonla_publisher.reading.commune_names import CommuneIndex
from sonla_publisher.reading.table import commune_fields
from sonla_publisher.specs.expectations import describe_field
from sonla_publisher.specs.spec import Spec

DEFAULT_SHEET = "Dữ liệu"
INSTRUCTIONS_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
DEFAULT_HEADER_ROW = 4
TEMPLATE_ROWS = 1000  # rows that get formats and drop-downs
_INLINE_LIST_LIMIT = 255  # Excel's limit for a list written inside the validation rule
_NUMBER_FORMATS = {"integer": "#,##0", "number": "#,##0.##", "date": "dd/mm/yyyy", "year": "0"}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="8EA9C1")


def write_template(spec: Spec, path: Path, codelists: Path | None) -> None:
    """Write the template of ``spec`` to ``path`` (xlsx)."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet is a plain worksheet
    sheet.title = spec.source.sheet or DEFAULT_SHEET
    header_row = spec.source.header_row or DEFAULT_HEADER_ROW
    _title_rows(sheet, spec, header_row)
    lists = _ListSheet(workbook)
    communes = (
        CommuneIndex.from_codelists(codelists)
        if codelists is not None and commune_fields(spec)
        else None
    )
    for index, field in enumerate(spec.fields):
        column = index + 1
        _header_cell(sheet, header_row, column, field)
        _format_column(sheet, header_row, column, field)
        _drop_down(sheet, header_row, column, field, index in commune_fields(spec), communes, lists)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate
    _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), spec, header_row, sheet.title)
    lists.finish()
    workbook.save(path)


def _title_rows(sheet: Worksheet, spec: Spec, header_row: int) -> None:
    width = max(len(spec.fields), 1)
    lines = [spec.title.upper(), render("template.fill_from", "vi", {"row": header_row + 1})]
    for row, text in enumerate(lines[: header_row - 1], start=1):
        sheet.cell(row=row, column=1, value=text).font = Font(
            bold=row == 1, size=13 if row == 1 else 10
        )
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _header_cell(sheet: Worksheet, header_row: int, column: int, field: dict[str, Any]) -> None:
    cell = sheet.cell(row=header_row, column=column, value=field.get("title") or field.get("name"))
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    note = describe_field(field, "vi")
    if field.get("description"):
        note = f"{field['description']}\n{note}"
    cell.comment = Comment(note, "sonla-publish", width=300, height=120)
    title_length = len(str(cell.value))
    sheet.column_dimensions[get_column_letter(column)].width = min(max(14, title_length + 4), 45)


def _format_column(sheet: Worksheet, header_row: int, column: int, field: dict[str, Any]) -> None:
    number_format = _NUMBER_FORMATS.get(str(field.get("type") or "string"), "@")
    for row in range(header_row + 1, header_row + 1 + TEMPLATE_ROWS):
        sheet.cell(row=row, column=column).number_format = number_format


class _ListSheet:
    """A hidden sheet holding lists too long to write inside a validation rule."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.sheet: Worksheet | None = None
        self.columns = 0

    def add(self, values: list[str]) -> str:
        if self.sheet is None:
            self.sheet = self.workbook.create_sheet(LISTS_SHEET)
        self.columns += 1
        for row, value in enumerate(values, start=1):
            self.sheet.cell(row=row, column=self.columns, value=value)
        letter = get_column_letter(self.columns)
        return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"

    def finish(self) -> None:
        if self.sheet is not None:
            self.sheet.sheet_state = "hidden"


def _drop_down(
    sheet: Worksheet,
    header_row: int,
    column: int,
    field: dict[str, Any],
    is_commune: bool,
    communes: CommuneIndex | None,
    lists: _ListSheet,
) -> None:
    constraints = field.get("constraints") or {}
    values: list[str] | None = None
    if "enum" in constraints:
        values = [str(value) for value in constraints["enum"]]
    elif is_commune and communes is not None:
        values = [unit.name for unit in communes.units]
    letter = get_column_letter(column)
    cells = f"{letter}{header_row + 1}:{letter}{header_row + TEMPLATE_ROWS}"
    title = str(field.get("title") or field.get("name"))
    rule: DataValidation | None
    if values:
        inline = ",".join(values)
        if len(inline) <= _INLINE_LIST_LIMIT and not any("," in value for value in values):
            formula = f'"{inline}"'
        else:
            formula = lists.add(values)
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.error = render("template.pick_from_list", "vi")
    else:
        rule = _number_rule(str(field.get("type") or "string"), constraints)
        if rule is None:
            return
        rule.error = describe_field(field, "vi")
    rule.errorTitle = title[:32]
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(cells)


def _number_rule(field_type: str, constraints: dict[str, Any]) -> DataValidation | None:
    kinds: dict[str, Literal["whole", "decimal"]] = {
        "integer": "whole", "number": "decimal", "year": "whole"
    }
    kind = kinds.get(field_type)
    if kind is None:
        return None
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        return DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high))
    if low is not None:
        return DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low))
    if high is not None:
        return DataValidation(type=kind, operator="lessThanOrEqual", formula1=str(high))
    # No limits: still refuse text in a number column.
    return DataValidation(type=kind, operator="between", formula1="-1E+15", formula2="1E+15")


def _instructions(sheet: Worksheet, spec: Spec, header_row: int, data_sheet: str) -> None:
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90
    sheet["A1"] = render("template.instructions_title", "vi", {"title": spec.title})
    sheet["A1"].font = Font(bold=True, size=13)
    steps = [
        render("template.rule.sheet", "vi", {"sheet": data_sheet, "row": header_row + 1}),
        render("template.rule.titles", "vi"),
        render("template.rule.one_row", "vi"),
        render("template.rule.numbers", "vi"),
        render("template.rule.dates", "vi"),
        render("template.rule.codes", "vi"),
        render("template.rule.lists", "vi"),
        render("template.rule.check", "vi", {"name": spec.name}),
    ]
    for row, text in enumerate(steps, start=3):
        sheet.cell(row=row, column=1, value=f"{row - 2}.")
        sheet.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True)
    start = len(steps) + 5
    sheet.cell(row=start - 1, column=1, value=render("template.columns", "vi")).font = Font(
        bold=True
    )
    for offset, field in enumerate(spec.fields):
        title = str(field.get("title") or field.get("name"))
        sheet.cell(row=start + offset, column=1, value=title).font = Font(bold=True)
        text = describe_field(field, "vi")
        if field.get("description"):
            text = f"{field['description']} — {text}"
        sheet.cell(row=start + offset, column=2, value=text).alignment = Alignment(wrap_text=True)
