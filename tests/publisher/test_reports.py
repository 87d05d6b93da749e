"""HTML and JSON reports written by ``sonla-publish validate --html/--json``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main

SPEC = "co-so-kham-chua-benh"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def invalid_file(sample) -> Path:
    rows = sample.rows()
    rows[11][2] = "mười hai"  # C17
    rows[3][3] = "123"  # D9: pattern ^[0-9]{5}$
    return sample.xlsx(rows)


def test_html_report_says_where_what_and_how_to_fix(specs_dir: Path, sample, tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.html"
    result = run("validate", SPEC, str(invalid_file(sample)), "--specs", str(specs_dir), "--html", str(report))
    assert result.exit_code == 1
    html = report.read_text(encoding="utf-8")
    assert '<html lang="vi">' in html
    assert "Có 2 lỗi trong 14 dòng dữ liệu." in html  # the summary at the top
    row = re.search(r"<tr>\s*<td>Danh sách</td><td class=\"cell\">C17</td>(.*?)</tr>", html, re.DOTALL)
    assert row is not None
    cells = row.group(1)
    assert "Số giường bệnh" in cells and "mười hai" in cells
    assert "không phải số nguyên" in cells  # what is wrong
    assert "nhỏ nhất 0" in cells  # what is expected
    assert "Ô số chỉ ghi số" in cells  # how to fix: words in a number cell (#15)
    assert "D9" in html and "định dạng: gồm 5 chữ số (ví dụ 12345)" in html
    assert "[0-9]" not in html  # never a regular expression
    assert "Bỏ cột số thứ tự «STT» (cột A)." in html  # cleaning steps


def test_html_report_is_self_contained(specs_dir: Path, sample, tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.html"
    run("validate", SPEC, str(invalid_file(sample)), "--specs", str(specs_dir), "--html", str(report))
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)\b", html)
    assert "http://" not in html
    assert "https://" not in html


def test_html_report_escapes_values(specs_dir: Path, sample, tmp_path: Path) -> None:
    rows = sample.rows()
    rows[0][2] = "<script>alert(1)</script>"
    report = tmp_path / "r.html"
    run("validate", SPEC, str(sample.xlsx(rows)), "--specs", str(specs_dir), "--html", str(report))
    html = report.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_html_report_in_english(specs_dir: Path, sample, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    args = ["validate", SPEC, str(invalid_file(sample)), "--specs", str(specs_dir), "--html", str(report)]
    run(*args, "--lang", "en")
    html = report.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "How to fix" in html and "2 problems in 14 data rows." in html


def test_json_report_has_the_frictionless_layout(specs_dir: Path, sample, tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.json"
    result = run("validate", SPEC, str(invalid_file(sample)), "--specs", str(specs_dir), "--json", str(report))
    assert result.exit_code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["valid"] is False
    assert data["stats"]["errors"] == 2
    (task,) = data["tasks"]
    assert task["stats"]["rows"] == 14
    errors = {error["cellRef"]: error for error in task["errors"]}
    assert errors["C17"]["type"] == "type-error"
    assert errors["C17"]["rowNumber"] == 17
    assert errors["C17"]["fieldName"] == "so_giuong"
    assert errors["C17"]["fieldNumber"] == 3
    assert errors["D9"]["type"] == "constraint-error"
    assert errors["C17"]["messages"]["vi"].startswith("Giá trị «mười hai»")
    assert [step["code"] for step in task["cleaning"]] == ["clean.stt_column"]


def test_valid_file_json_and_exit_0(specs_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "ok.json"
    result = run("validate", SPEC, "--specs", str(specs_dir), "--json", str(report))
    assert result.exit_code == 0
    assert json.loads(report.read_text(encoding="utf-8"))["valid"] is True


def test_report_that_cannot_be_written_exits_2(specs_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "khong-co-thu-muc" / "r.html"
    result = run("validate", SPEC, "--specs", str(specs_dir), "--html", str(target))
    assert result.exit_code == 2
    assert "Không ghi được báo cáo" in result.output
