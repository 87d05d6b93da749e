"""Issue #15, part 6: formula-like text, percent and external-link cells, and the wording of
messages and of the HTML report (Vietnamese sentences, rules in words, specific fixes)."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from conftest import good_rows, write_health_xlsx, write_spec
from sonla_publisher.cli.main import main
from sonla_publisher.error_reasons import yaml_problem
from sonla_publisher.i18n.messages import Ref, render
from sonla_publisher.reading import formula_errors
from sonla_publisher.reading.cells import is_number_like, parse_percent_text
from sonla_publisher.reading.formula_cells import is_formula_like
from sonla_publisher.reading.formula_errors import sheet_facts
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.pattern_words import pattern_rule, pattern_words
from sonla_publisher.specs.spec import schema_reason
from sonla_publisher.validation.fix_hints import type_fix
from sonla_publisher.validation.html_report import render_html
from sonla_publisher.validation.validator import validate_table

REPO = Path(__file__).resolve().parents[2]
REGEX_MARKS = re.compile(r"[\^$\[\]{}\\]|\(\?|\|")


def words(ref: Ref | str, lang: str = "vi") -> str:
    return ref if isinstance(ref, str) else render(ref.message_id, lang, ref.params)  # type: ignore[arg-type]


# --- formula-like text: one definition


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("+84 212 3852 123", False),
        ("+84 212 385 2020", False),
        ("-5", False),
        ("-12,5", False),
        ("-1.234.567", False),
        ("-12,5%", False),
        ("=5", False),
        ("-", False),
        ("@", False),
        ("-abc", True),
        ("@mention", True),
        ("=SUM(A1)", True),
        ('=HYPERLINK("http://x.vn","bấm")', True),
        ("+1+1", True),
        ("-2+3", True),
        ("=1/0", True),
        ("+84-212-3852", True),
        ("@5x", True),
    ],
)
def test_formula_like_text(text: str, formula: bool) -> None:
    assert is_formula_like(text) is formula


def test_validation_uses_the_one_definition() -> None:
    from sonla_publisher.reading import formula_cells
    from sonla_publisher.validation import validator as validation

    assert validation.FORMULA_STARTS is formula_cells.FORMULA_STARTS
    assert validation.is_formula_like is formula_cells.is_formula_like
    assert not hasattr(validation, "_acts_as_formula") and not hasattr(validation, "_SIGNED_NUMBER")


def test_number_like() -> None:
    assert is_number_like("1 234 567") and is_number_like("12,5%")
    assert not is_number_like("12 kg") and not is_number_like("1-2")


@pytest.mark.parametrize(("text", "points"), [("12,5%", "12.5"), ("12,5 %", "12.5"), ("100%", "100"), ("-3%", "-3")])
def test_percent_text(text: str, points: str) -> None:
    assert parse_percent_text(text) == Decimal(points)


@pytest.mark.parametrize("text", ["%", "abc%", "12,5", "12%5"])
def test_not_percent_text(text: str) -> None:
    assert parse_percent_text(text) is None


# --- what the sheet XML says about cells


def _workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "S"
    sheet["A1"] = 0.125
    sheet["A1"].number_format = "0.0%"
    sheet["A2"] = 0.5
    sheet["A2"].number_format = '0" %"'  # a quoted percent sign is text, not a percent format
    sheet["A3"] = 0.25
    sheet["A4"] = 0.3
    sheet["A4"].number_format = "0%"
    sheet["A5"].number_format = "0%"  # formatted but empty: not remembered
    sheet["B1"] = "='[Book2.xlsx]Sheet1'!A1"
    sheet["B2"] = "=SUM(A1:A2)"
    sheet["B3"] = "='C:\\so lieu\\[x.xlsx]S'!A1"
    sheet["B4"] = "=Table1[[#This Row],[x]]"
    sheet["B5"] = '=IF(A1="[x]!","a","b")'  # brackets inside a text literal
    sheet["B6"] = "='[Book3.xlsx]T&amp;V'!A1"
    workbook.save(path)
    return path


def test_sheet_facts_percent_and_external_cells(tmp_path: Path) -> None:
    facts = sheet_facts(_workbook(tmp_path / "p.xlsx"), "S")
    assert facts.percent_cells == {(1, 0), (4, 0)}
    assert set(facts.external_cells) == {(1, 1), (3, 1), (6, 1)}
    assert facts.external_cells[(1, 1)] == "'[Book2.xlsx]Sheet1'!A1"
    assert facts.external_cells[(6, 1)] == "'[Book3.xlsx]T&amp;V'!A1"  # as typed, XML entities undone


def test_sheet_facts_across_chunk_boundaries(tmp_path: Path, monkeypatch) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in range(1, 401):
        sheet.cell(row=row, column=1, value=row / 1000).number_format = "0.0%"
        sheet.cell(row=row, column=2, value=f"=[1]Sheet1!A{row}")
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    monkeypatch.setattr(formula_errors, "_CHUNK", 1000)
    monkeypatch.setattr(formula_errors, "_OVERLAP", 200)
    facts = sheet_facts(path, "Sheet")
    assert len(facts.percent_cells) == 400
    assert len(facts.external_cells) == 400


def test_sheet_facts_are_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(formula_errors, "MAX_PERCENT_CELLS", 1)
    monkeypatch.setattr(formula_errors, "MAX_EXTERNAL_CELLS", 1)
    facts = sheet_facts(_workbook(tmp_path / "p.xlsx"), "S")
    assert len(facts.percent_cells) == 1 and len(facts.external_cells) == 1


def test_shared_external_formula_children(tmp_path: Path) -> None:
    path = write_health_xlsx(tmp_path / "a.xlsx", good_rows(2), total=False)
    shared = (
        b'<c r="Z1"><f t="shared" ref="Z1:Z2" si="0">[1]Sheet1!A1</f><v>1</v></c>'
        b'<c r="Z2"><f t="shared" si="0"/><v>2</v></c>'
    )
    out = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row r="40">' + shared + b"</row></sheetData>")
            target.writestr(item, data)
    assert set(sheet_facts(out, "Danh sách").external_cells) == {(1, 25), (2, 25)}


# --- percent columns, end to end


def test_percent_column_integer_and_negative(sample) -> None:
    rows = sample.rows(3)
    rows[0][4], rows[1][4], rows[2][4] = 0.85, "-2,5%", 1
    path = sample.xlsx(rows, total=False)
    workbook = openpyxl.load_workbook(path)
    workbook.active["E6"].number_format = "0%"
    workbook.save(path)
    spec = sample.spec()
    table = read_table(path, spec)
    column = table.field_names.index("ty_le")
    assert [row.values[column] for row in table.rows] == ["85", "-2.5", "1"]
    steps = " | ".join(step.message("vi") for step in table.steps())
    assert "E6: 0,85 (%) → 85" in steps
    assert "E7: -2,5% → -2,5" in steps
    assert "1 ô có giá trị từ 0 đến 1 mà không định dạng %: E8 (1)" in steps  # 1 or 100%?


def test_percent_outside_a_percent_column_stays_an_error(sample) -> None:
    rows = sample.rows(2)
    rows[0][2] = "12%"  # "Số giường bệnh" is not a "(%)" column
    spec = sample.spec()
    report = validate_table(read_table(sample.xlsx(rows, total=False), spec), spec)
    assert [(p.cell, p.message_id) for p in report.problems] == [("C6", "problem.type")]
    html = render_html(report, "vi")
    assert "Bỏ dấu % và chỉ ghi số" in html


# --- patterns in words


def _catalogue_patterns() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "dataset_specs" / "datasets").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in (data.get("schema") or {}).get("fields") or []:
            pattern = (field.get("constraints") or {}).get("pattern")
            if pattern:
                found.add(pattern)
    return found


def test_every_catalogue_pattern_is_said_in_words() -> None:
    patterns = _catalogue_patterns()
    if not patterns:
        pytest.skip("no dataset_specs in this checkout")
    for pattern in patterns:
        for lang in ("vi", "en"):
            text = words(pattern_words(pattern), lang)
            assert not REGEX_MARKS.search(text.replace("[...]", "")), (pattern, text)
            assert "quy định" not in text and "prescribed" not in text, (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("^(0[1-9]|1[0-2])/20[0-9]{2}$", "tháng/năm, ví dụ 08/2026"),
        ("^[0-9]{5}$", "gồm 5 chữ số (ví dụ 12345)"),
        ("^CC[0-9]{2}$", "gồm «CC», rồi 2 chữ số (ví dụ CC12)"),
        ("^0[0-9]{9,10}$", "gồm «0», rồi 9 đến 10 chữ số (ví dụ 0123456789)"),
        ("^[0-9]{1,4}/GP-UBND$", "gồm 1 đến 4 chữ số, rồi «/GP-UBND» (ví dụ 1/GP-UBND)"),
        ("^[0-9]\\.[0-9]{6}$", "gồm 1 chữ số, rồi «.», rồi 6 chữ số (ví dụ 1.123456)"),
        ("^(THU|CHI)[0-9]{2}$", "gồm một trong: THU / CHI, rồi 2 chữ số (ví dụ THU12)"),
        ("^[A-Z]+$", "định dạng quy định"),
        ("[0-9]{5}", "định dạng quy định"),
    ],
)
def test_pattern_words(pattern: str, said: str) -> None:
    assert words(pattern_words(pattern)) == said


def test_unknown_pattern_gives_the_spec_example_and_no_regex() -> None:
    assert words(pattern_words("^[A-Z]{2}-(x|y)+$", "AB-x")) == "định dạng quy định, ví dụ AB-x"
    message = render("problem.constraint.pattern", "vi", {"value": "q", "limit": pattern_rule("^[A-Z]+$")})
    assert message == "Giá trị «q» không đúng định dạng quy định."


# --- how to fix, by kind of mistake


@pytest.mark.parametrize(
    ("value", "field_type", "fix"),
    [
        ("(1.234)", "integer", "hãy ghi dấu trừ, -1.234 thay cho «(1.234)»"),
        ("12,5%", "number", "Bỏ dấu %"),
        ("12 kg", "number", "bỏ đơn vị «kg»"),
        ("1.500 triệu đồng", "integer", "bỏ đơn vị «triệu đồng»"),
        ("1.23.456", "number", "dấu chấm «.» ngăn cách hàng nghìn"),
        ("12,5", "integer", "số nguyên: bỏ phần thập phân"),
        ("không có", "integer", "Ô số chỉ ghi số"),
        ("15/3/24", "date", "ví dụ 15/03/2024 thay cho «15/3/24»"),
        ("31/02/2024", "date", "Ngày này không có thật"),
        ("03/2024", "date", "cần đủ ngày/tháng/năm"),
        ("hôm qua", "date", "Ghi ngày theo ngày/tháng/năm"),
        ("24", "year", "Ghi năm đủ 4 chữ số"),
    ],
)
def test_type_fix(value: str, field_type: str, fix: str) -> None:
    ref = type_fix(value, field_type)
    assert ref is not None and fix in words(ref)
    assert words(ref, "en")


def test_html_report_fixes_words_and_css(sample, tmp_path: Path) -> None:
    rows = sample.rows(4)
    rows[0][2], rows[1][2], rows[2][5], rows[3][3] = "(1.234)", "12 kg", "15/3/24", "1400"
    spec = sample.spec()
    report = validate_table(read_table(sample.xlsx(rows, total=False), spec), spec)
    html = render_html(report, "vi")
    assert '<html lang="vi">' in html
    assert "ghi dấu trừ" in html and "bỏ đơn vị «kg»" in html and "thay cho «15/3/24»" in html
    assert "định dạng: gồm 5 chữ số (ví dụ 12345)" in html
    assert "[0-9]" not in html and "^" not in html
    assert "break-all" not in html and "hyphens: none" in html and "word-break: normal" in html
    assert re.search(r"\.path, \.long \{ overflow-wrap: anywhere; \}", html)


def test_long_values_alone_may_break_anywhere(sample) -> None:
    rows = sample.rows(2)
    rows[0][2] = "https://example.gov.vn/a/very/long/path/without/spaces"
    rows[1][2] = "không có số liệu của trạm"
    spec = sample.spec()
    html = render_html(validate_table(read_table(sample.xlsx(rows, total=False), spec), spec), "vi")
    assert '<td class="value long">https://' in html
    assert '<td class="long">Giá trị «https://' in html  # the message quotes the long value
    assert '<td class="value">không có số liệu' in html
    assert "<td>Giá trị «không có số liệu" in html


# --- messages in Vietnamese, with English only as a technical detail


@pytest.mark.parametrize(
    ("text", "said", "where"),
    [
        ("a: [1, 2\nb: 3\n", "thiếu dấu «,» hoặc dấu đóng «]»", (2, 2)),
        ("a: {x: 1\nb: 3\n", "thiếu dấu «,» hoặc dấu đóng «}»", (2, 2)),
        ("a: b: c\n", "dấu «:» đặt sai chỗ", (1, 5)),
        ("a: 1\n\tb: 2\n", "có ký tự Tab", (2, 1)),
        ('a: "x\n', "tệp kết thúc giữa chừng", (2, 1)),
        ("a:\n  - 1\n b: 2\n", "thụt lề không đều", (3, 2)),
        ("a: *nothing\n", "cú pháp sai (chi tiết kỹ thuật: found undefined alias", (1, 4)),
    ],
)
def test_yaml_problems_in_vietnamese(text: str, said: str, where: tuple[int, int]) -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.safe_load(text)
    problem, line, column = yaml_problem(caught.value)
    assert said in words(problem)
    assert (line, column) == where


def test_schema_reasons_in_vietnamese() -> None:
    assert words(schema_reason('field type "money" is not supported')).startswith(
        "kiểu dữ liệu «money» không được hỗ trợ; dùng một trong: string, number"
    )
    assert words(schema_reason("'name' is a required property")) == "thiếu mục bắt buộc «name»"
    other = words(schema_reason("something else"))
    assert other == "phần schema chưa đúng quy cách (chi tiết kỹ thuật: something else)"


ENGLISH_FRAGMENTS = (
    "is not a zip file", "is a directory", "while parsing", "is not supported", "Invalid value", "Error:",
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


def _assert_vietnamese(output: str) -> None:
    for fragment in ENGLISH_FRAGMENTS:
        assert fragment not in output, output


def test_corrupt_zip_directory_and_specs_file_in_vietnamese(specs_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    output = _run("validate", "co-so-kham-chua-benh", str(broken), "--specs", str(specs_dir))
    assert "tệp đã bị hỏng" in output
    _assert_vietnamese(output)
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    output = _run("validate", "co-so-kham-chua-benh", str(folder), "--specs", str(specs_dir))
    assert "là một thư mục" in output
    _assert_vietnamese(output)
    output = _run("validate", "co-so-kham-chua-benh", "--specs", str(broken))
    assert "Không thấy thư mục" in output
    _assert_vietnamese(output)


def test_spec_errors_in_vietnamese(specs_dir: Path, sample) -> None:
    data = sample.spec_data(name="kinh-phi")
    data["schema"]["fields"][2]["type"] = "money"
    write_spec(specs_dir, data)
    output = _run("validate", "kinh-phi", "--specs", str(specs_dir))
    assert "kiểu dữ liệu «money» không được hỗ trợ" in output
    _assert_vietnamese(output)
    broken = specs_dir / "datasets" / "so-y-te" / "hong.yaml"
    broken.write_text("name: hong\nschema: [a\n", encoding="utf-8")
    output = _run("validate", "hong", "--specs", str(specs_dir))
    assert re.search(r"không đúng cú pháp YAML ở dòng \d+, cột \d+: thiếu dấu", output)
    _assert_vietnamese(output)


def test_system_errors_in_vietnamese(specs_dir: Path, tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file: no permission error to show")
    spec = specs_dir / "datasets" / "so-y-te" / "co-so-kham-chua-benh.yaml"
    spec.chmod(0)
    try:
        output = _run("validate", str(spec), "--specs", str(specs_dir))
    finally:
        spec.chmod(0o644)
    assert "không có quyền truy cập tệp này" in output and "Permission denied" not in output


def test_os_reasons() -> None:
    import errno

    from sonla_publisher.error_reasons import os_reason

    assert words(os_reason(PermissionError(errno.EACCES, "Permission denied"))) == "không có quyền truy cập tệp này"
    assert words(os_reason(OSError(errno.ENOSPC, "No space left"))) == "ổ đĩa đã hết chỗ"
    assert words(os_reason(OSError(errno.EIO, "I/O error"))) == "lỗi hệ thống (chi tiết kỹ thuật: I/O error)"


def test_warnings_stand_out_in_the_html_report(sample) -> None:
    rows = sample.rows(2)
    rows[0][4] = 0.125  # bare fraction in the "(%)" column: a warning, not a problem
    spec = sample.spec()
    report = validate_table(read_table(sample.xlsx(rows, total=False), spec), spec)
    assert report.valid
    html = render_html(report, "vi")
    assert '<li class="warning">Cảnh báo: cột «Tỷ lệ sử dụng giường (%)»' in html
    assert "<li>Bỏ cột số thứ tự «STT» (cột A).</li>" in html
