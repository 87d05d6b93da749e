"""The reading stage's own rules, one at a time: csv structure, quotes, encodings, control
characters, duplicate columns, merged cells, which sheet, and how the reports say it."""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import CODELISTS, HEADER, health_spec, write_spec
from sonla_publisher.cli.main import main
from sonla_publisher.errors import ReadError
from sonla_publisher.reading.source_files import detect_encoding, encoding_label, open_quote_line
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.spec import Spec, structure_problems
from sonla_publisher.validation.validator import validate_table

CSV_HEADER = ",".join(HEADER)
ROW = "1,Trạm Y tế số 1,20,14000,75,15/03/2024"


def _spec(**overrides) -> Spec:
    return Spec(path=Path("spec.yaml"), raw_bytes=b"", data=health_spec(**overrides))


def _write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _problems(path: Path, spec: Spec | None = None) -> list[tuple[str, int | None]]:
    spec = spec or _spec()
    report = validate_table(read_table(path, spec), spec)
    return [(problem.message_id, problem.row) for problem in report.problems]


# --- quotes


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['a,"b\n', "c\n"], 1),  # opened on the first line, still open
        (['a,"b""c\n', "d\n"], 1),  # an escaped quote does not close it
        (['a,"b"\n'], None),  # closed
        (['a,b"c,d\n'], None),  # a quote inside an unquoted cell is text (as the csv reader)
        (['a,"b\n', 'c",d\n', 'e,"f\n'], 3),  # closed on line 2, another opened on line 3
        (['a,"b"c,"d\n'], 1),  # a lenient `"b"c` then a new quoted cell
    ],
)
def test_open_quote_line_follows_csv_quoting(lines: list[str], expected: int | None) -> None:
    assert open_quote_line(iter(lines), ",", 1) == expected


def test_quote_cell_over_the_csv_field_limit_names_the_line(tmp_path: Path) -> None:
    lines = [CSV_HEADER, ROW, '2,"Trạm Y tế số 2,21,14001,75,15/03/2024']
    lines += [f"{i},Trạm {i},1,{14000 + i},75,15/03/2024" for i in range(3, 200)]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    old_limit = csv.field_size_limit(2048)
    try:
        with pytest.raises(ReadError) as raised:
            read_table(path, _spec())
    finally:
        csv.field_size_limit(old_limit)
    assert raised.value.message_id == "read.quote_cell_too_long"
    assert raised.value.params["line"] == 3
    assert raised.value.params["lines"] > 10


def test_legit_multiline_last_record_is_not_an_unclosed_quote(tmp_path: Path) -> None:
    path = _write(tmp_path, f'{CSV_HEADER}\n1,"Trạm Y tế\nsố 1",20,14000,75,15/03/2024')
    assert _problems(path) == []


# --- row widths


def test_rows_with_wrong_width_name_their_row(tmp_path: Path) -> None:
    text = "\n".join([CSV_HEADER, ROW, "2,Trạm 2,21,14001,75", ROW.replace("14000", "14003") + ",x"]) + "\n"
    assert _problems(_write(tmp_path, text)) == [("problem.missing_cell", 3), ("problem.extra_cell", 4)]


def test_header_with_trailing_empty_titles_accepts_shorter_rows(tmp_path: Path) -> None:
    text = "\n".join([CSV_HEADER + ",,", ROW, ROW.replace("14000", "14001") + ",,"]) + "\n"
    path = _write(tmp_path, text)
    spec = _spec()
    assert _problems(path, spec) == []
    steps = [step.message_id for step in read_table(path, spec).cleaning_steps]
    assert "clean.trailing_empty_cells" not in steps  # as wide as the header: nothing to say


def test_row_number_and_text_line_differ_after_a_multiline_cell(tmp_path: Path) -> None:
    text = "\n".join([CSV_HEADER, '1,"Trạm\nY tế",20,14000,75,15/03/2024', "2,Trạm 2,21,14001"]) + "\n"
    spec = _spec()
    report = validate_table(read_table(_write(tmp_path, text), spec), spec)
    [problem] = report.problems
    assert problem.row == 3
    assert "(dòng 4 của tệp văn bản)" in problem.message("vi")


def test_structure_problems_interleave_in_row_order(tmp_path: Path) -> None:
    text = "\n".join([CSV_HEADER, "1,Trạm 1,20,,75,15/03/2024", "2,Trạm 2,21,14001,75"]) + "\n"
    ids = [message_id for message_id, _ in _problems(_write(tmp_path, text))]
    assert ids.index("problem.missing_cell") > ids.index("problem.constraint.required")


# --- characters and encodings


def test_control_characters_each_cell_reported_even_when_repeated(tmp_path: Path) -> None:
    rows = [f"{i},Trạm\x00,2{i},1400{i},75,15/03/2024" for i in range(3)]
    path = _write(tmp_path, "\n".join([CSV_HEADER, *rows]) + "\n")
    assert _problems(path) == [("problem.control_char", 2), ("problem.control_char", 3), ("problem.control_char", 4)]


def test_tab_and_newline_are_not_control_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, f'{CSV_HEADER}\r\n1,"Trạm\tY tế\r\nsố 1",20,14000,75,15/03/2024\r\n')
    assert _problems(path) == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec: str) -> None:
    sample = "Mã cơ sở,Tên cơ sở\n14000,Trạm Y tế xã Chiềng Sinh\n".encode(codec)
    assert detect_encoding(sample) == codec


def test_utf8_and_windows_1258_are_not_taken_for_utf16() -> None:
    assert detect_encoding("Mã cơ sở,Tên\n".encode()) == "utf-8-sig"
    assert detect_encoding("Tên cơ sơ,Đà\n".encode("cp1258")) == "cp1258"
    assert encoding_label("utf-8-sig", codecs.BOM_UTF8 + b"a") == "UTF-8 (BOM)"


# --- header


def test_duplicate_columns_through_two_titles_of_one_field(sample) -> None:
    header = ["STT", "Tên cơ sở KCB", "Số giường bệnh", "Mã cơ sở", "Tỷ lệ sử dụng giường (%)", "Tên cơ sở"]
    rows = [[*row, "khác"] for row in sample.rows(2)]
    path = sample.xlsx(rows, header=header)
    table = read_table(path, sample.spec())
    [problem] = table.read_problems
    assert problem.message_id == "problem.duplicate_column"
    assert (problem.params["first"], problem.params["second"]) == ("B", "F")


# --- merged cells


def _merged_workbook(sample, *ranges: str, rows: int = 4) -> Path:
    path = sample.xlsx(sample.rows(rows))
    workbook = openpyxl.load_workbook(path)
    for cell_range in ranges:
        workbook["Danh sách"].merge_cells(cell_range)
    workbook.save(path)
    return path


def test_merged_range_reported_once_even_when_not_required(sample) -> None:
    spec = sample.spec()
    path = _merged_workbook(sample, "E6:E9")  # "Tỷ lệ", an optional number
    report = validate_table(read_table(path, spec), spec)
    assert [(p.message_id, p.row, p.cell) for p in report.problems] == [("problem.merged_cells", 7, "E6:E9")]


def test_merged_required_cells_are_not_also_called_empty(sample) -> None:
    spec = sample.spec()
    rows = sample.rows(4)
    rows[3][1] = None  # B9: "Tên cơ sở" (required) empty, not merged
    path = sample.xlsx(rows)
    workbook = openpyxl.load_workbook(path)
    workbook["Danh sách"].merge_cells("B6:B8")
    workbook.save(path)
    report = validate_table(read_table(path, spec), spec)
    assert [(p.message_id, p.cell) for p in report.problems] == [
        ("problem.merged_cells", "B6:B8"),
        ("problem.constraint.required", "B9"),
    ]


def test_fill_down_only_the_fields_the_spec_names(sample) -> None:
    source = {**sample.spec_data()["source"], "fill_merged": ["ten_co_so"]}
    spec = sample.spec(source=source)
    path = _merged_workbook(sample, "B6:B7", "E8:E9")
    table = read_table(path, spec)
    names = [row.values[1] for row in table.rows]
    assert names[:2] == ["Trạm Y tế số 1", "Trạm Y tế số 1"]
    filled = [step for step in table.cleaning_steps if step.message_id == "clean.merged_filled"]
    assert [step.params["filled"] for step in filled] == ["B7"]
    assert [p.message_id for p in table.read_problems] == ["problem.merged_cells"]  # E8:E9
    changes = [c for c in table.changes.kept if c.reason == "change.merged_filled"]
    assert [(c.cell, c.old, c.new) for c in changes] == [("B7", "", "Trạm Y tế số 1")]


def test_merged_total_label_and_stt_column_are_not_problems(sample) -> None:
    rows = sample.rows(3)
    path = sample.xlsx(rows)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Danh sách"]
    sheet.merge_cells("A9:B9")  # "Tổng cộng" over STT and the name column
    sheet.merge_cells("A6:A8")  # the STT column is not published
    workbook.save(path)
    assert read_table(path, sample.spec()).read_problems == ()


def test_fill_merged_must_name_schema_fields() -> None:
    spec = _spec(source={"fill_merged": ["khong_co"]})
    assert ("spec.bad_fill_merged", {"value": "khong_co"}) in structure_problems(spec)
    assert ("spec.bad_fill_merged", {"value": True}) in structure_problems(_spec(source={"fill_merged": True}))


# --- reports say how the file was read


def _catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "dataset_specs"
    (root / "codelists").mkdir(parents=True)
    for name, text in CODELISTS.items():
        (root / "codelists" / name).write_text(text, encoding="utf-8")
    write_spec(root, health_spec())
    return root


def test_json_and_html_reports_say_encoding_and_delimiter(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    path = _write(tmp_path, ";".join(HEADER) + "\n" + ROW.replace(",", ";") + "\n", encoding="utf-16-le")
    json_path, html_path = tmp_path / "r.json", tmp_path / "r.html"
    args = ["validate", "co-so-kham-chua-benh", str(path), "--specs", str(root)]
    result = CliRunner().invoke(main, [*args, "--json", str(json_path), "--html", str(html_path)])
    assert result.exit_code == 0, result.output
    task = json.loads(json_path.read_text(encoding="utf-8"))["tasks"][0]
    assert task["source"] == {"encoding": "UTF-16LE", "delimiter": ";"}
    assert "Bảng mã: UTF-16LE; dấu phân cách: «;»" in html_path.read_text(encoding="utf-8")


def test_json_uses_frictionless_error_types_for_structure(tmp_path: Path) -> None:
    root = _catalogue(tmp_path)
    path = _write(tmp_path, "\n".join([CSV_HEADER, ROW + ",x"]) + "\n")
    json_path = tmp_path / "r.json"
    args = ["validate", "co-so-kham-chua-benh", str(path), "--specs", str(root), "--json", str(json_path)]
    assert CliRunner().invoke(main, args).exit_code == 1
    [error] = json.loads(json_path.read_text(encoding="utf-8"))["tasks"][0]["errors"]
    assert (error["type"], error["rowNumber"]) == ("extra-cell", 2)
