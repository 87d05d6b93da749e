"""CSV injection (issue #16, point 8): the one formula rule, and the cleaned CSV that defuses it."""

import csv
import io
from pathlib import Path

import pytest
from sonla_publisher.portal.resources import csv_resource
from sonla_publisher.reading.formula_cells import is_formula_like, neutralised
from sonla_publisher.reading.table import read_table
from sonla_publisher.validation.validator import validate_table


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+84 212 3852 123", "+84 212 3852 123"),  # a phone number is data (issue 15), not a formula
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-5", "-5"),
        ("+84", "+84"),
        ("-12,5", "-12,5"),
        ("1.234,5", "1.234,5"),
        ("-", "-"),  # "none" in Vietnamese statistics tables
        ("Trạm Y tế", "Trạm Y tế"),
        ("", ""),
    ],
)
def test_formula_like_text_gets_a_leading_apostrophe(value: str, expected: str) -> None:
    assert neutralised(value) == expected
    assert is_formula_like(value) == (expected != value)


def test_the_cleaned_csv_defuses_formula_text_but_not_numbers(tmp_path: Path, sample) -> None:
    """Published with --allow-invalid, the CSV file must not run the agency's formula."""
    path = tmp_path / "data.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["Mã cơ sở", "Tên cơ sở", "Số giường bệnh"],
            ["14000", "=HYPERLINK(\"http://x\",\"Bấm\")", "-5"],
            ["14001", "+1+1", "12"],
            ["14002", "Trạm Y tế", "3"],
            ["14003", "+84 212 3852 123", "4"],  # a phone number: data, never prefixed
        ])
    spec = sample.spec(source={})
    table = read_table(path, spec)
    report = validate_table(table, spec)
    assert [p.message_id for p in report.problems].count("problem.formula_injection") == 2
    rows = list(csv.reader(io.StringIO(csv_resource(spec, table, report).content.decode("utf-8"))))
    names = [row[1] for row in rows[1:]]
    assert names == ["'=HYPERLINK(\"http://x\",\"Bấm\")", "'+1+1", "Trạm Y tế", "+84 212 3852 123"]
    beds = [row[2] for row in rows[1:]]
    assert beds[0] in ("-5", "")  # a number is never prefixed (empty if the spec refuses -5)
    assert not any(cell.startswith("'") for row in rows for cell in row[:1] + row[2:])
