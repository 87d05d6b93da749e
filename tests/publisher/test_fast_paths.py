"""The speed tricks of reading and validation (issue 15's benchmark) change no result.

Caches stop for values that do not repeat, rows whose values are known to need nothing skip
their checks, text readers replace Frictionless' for ``required``/``pattern``: each test
drives a table past the point where a trick starts and checks what is still found.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from frictionless import Schema
from sonla_publisher.reading.table import is_total_row, open_table
from sonla_publisher.validation.validator import _CACHE_PROBE_ROWS, _reader, validate_table

CSV_HEADER = ["Mã cơ sở", "Tên cơ sở KCB", "Số giường bệnh", "Tỷ lệ sử dụng giường (%)", "Ngày cập nhật"]
ROWS = _CACHE_PROBE_ROWS + 500  # past the point where the caches of unique columns stop


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)
    return path


def unique_rows(count: int) -> list[list[Any]]:
    return [
        [f"{index:05d}", f"Trạm Y tế số {index}", str(index % 50), "99,92", "15/03/2024"]
        for index in range(count)
    ]


def validate_csv(sample, rows: list[list[Any]]):
    spec = sample.spec()
    return validate_table(open_table(write_csv(sample.tmp_path / "data.csv", rows), spec), spec)


@pytest.mark.parametrize(
    "constraints",
    [{}, {"required": True}, {"required": False}, {"pattern": "[0-9]{5}"}, {"required": True, "pattern": "a|b"}],
)
def test_text_reader_gives_frictionless_result(constraints: dict[str, Any]) -> None:
    schema = Schema.from_descriptor({"fields": [{"name": "x", "type": "string", "constraints": constraints}]})
    field = schema.fields[0]
    ours, theirs = _reader(field, "string", constraints), field.create_cell_reader()
    for value in ["", "12345", "1234", "123456", "a", "b", "ab", "xb", " ", "12345\n", "Trạm"]:
        assert ours(value) == theirs(value), (constraints, value)


def test_problems_after_the_caches_stop_are_found(sample) -> None:
    rows = unique_rows(ROWS)
    end = len(rows) + 1  # file row of the last data row (header on row 1)
    rows[-5][0] = "123"  # pattern
    rows[-4][1] = ""  # required
    rows[-3][1] = "=HYPERLINK(\"http://x\")"  # would run as a formula
    rows[-2][1] = "#REF!"  # a formula error left in the cell
    rows[-1][0] = rows[7][0]  # duplicate key
    report = validate_csv(sample, rows)
    found = {(problem.row, problem.message_id) for problem in report.problems}
    assert found == {
        (end - 4, "problem.constraint.pattern"),
        (end - 3, "problem.constraint.required"),
        (end - 2, "problem.formula_injection"),
        (end - 1, "problem.formula_error"),
        (end, "problem.duplicate_key"),
    }
    duplicate = next(p for p in report.problems if p.message_id == "problem.duplicate_key")
    assert duplicate.params["other_row"] == 9


def test_every_change_past_the_kept_limit_is_counted(sample) -> None:
    report = validate_csv(sample, unique_rows(ROWS))
    assert report.valid
    counts = report.changes.counts
    assert counts["change.number"] == ROWS  # "99,92" -> "99.92" on every row
    assert counts["change.date"] == ROWS
    kept = report.changes.by_reason()
    assert 0 < len(kept["change.number"]) == len(kept["change.date"]) <= 200


def test_repeated_then_new_value_after_many_rows(sample) -> None:
    # A value first seen after the caches filled up (and a bad one among known ones).
    rows = unique_rows(ROWS)
    rows[-1][2] = "-3"  # minimum 0, a value never seen before in the column
    rows[-2][3] = "abc"  # not a number, in a column whose values were all the same
    report = validate_csv(sample, rows)
    found = {(problem.row, problem.message_id) for problem in report.problems}
    assert found == {(ROWS + 1, "problem.constraint.minimum"), (ROWS, "problem.type")}


@pytest.mark.parametrize("label", ["Tổng cộng", "TỔNG CỘNG", "Cộng", "tổng số", "  Tổng:"])
def test_total_labels_in_any_normal_form(label: str) -> None:
    for form in ("NFC", "NFD"):
        assert is_total_row([unicodedata.normalize(form, label), None, 12])


@pytest.mark.parametrize("label", ["Trung tâm Y tế", "Công ty", "Trạm Y tế", "Tổ dân phố"])
def test_words_starting_like_total_are_data(label: str) -> None:
    assert not is_total_row(["1", label, 12])
