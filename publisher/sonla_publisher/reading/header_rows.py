"""Find the header of an agency's table: which row(s), and which column holds which field.

The header is the row among the first ones whose cells match most of the spec's field titles.
A two-row header (a merged parent title over child titles) is joined as ``Parent - Child`` when
that matches more titles than either row alone. Titles are compared loosely: case, spacing,
normal form and punctuation do not matter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sonla_publisher.errors import ReadError
from sonla_publisher.reading.cells import column_letter, header_key
from sonla_publisher.reading.cleaning import CleaningLog, is_stt_title, join_header_rows, non_empty
from sonla_publisher.specs.spec import Spec

HEADER_SCAN_ROWS = 30
_LOOSE = re.compile(r"[^\w²³]+")
# A merged range: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


def title_key(value: Any) -> str:
    """Comparison key for column titles: like header_key, and punctuation counts as a space."""
    return " ".join(_LOOSE.sub(" ", header_key(value)).split())


def field_titles(spec: Spec) -> list[set[str]]:
    """For each field, the header keys that identify its column."""
    titles: list[set[str]] = []
    for spec_field in spec.fields:
        keys = {title_key(spec_field.get("name")), title_key(spec_field.get("title") or "")}
        titles.append({key for key in keys if key})
    for title, field_name in (spec.source.columns or {}).items():
        for index, spec_field in enumerate(spec.fields):
            if spec_field.get("name") == field_name:
                titles[index].add(title_key(title))
    return titles


def match_count(header: list[Any], wanted: set[str]) -> int:
    return len({title_key(cell) for cell in header} & wanted)


def find_header_row(rows: list[list[Any]], titles: list[set[str]]) -> int | None:
    """0-based index of the row (among the first rows) whose cells match most field titles."""
    return best_match(rows, titles)[0]


def best_match(rows: list[list[Any]], titles: list[set[str]]) -> tuple[int | None, int]:
    """The row (among the first rows) whose cells match most field titles, and how many."""
    wanted = set().union(*titles) if titles else set()
    best_index, best_count = None, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = match_count(row, wanted)
        if count > best_count:
            best_index, best_count = index, count
    return best_index, best_count


def map_columns(header: list[Any], titles: list[set[str]]) -> list[int | None]:
    """For each field, the first column whose header matches one of its titles."""
    keys = [title_key(cell) for cell in header]
    columns: list[int | None] = []
    for field_keys in titles:
        columns.append(next((i for i, key in enumerate(keys) if key in field_keys), None))
    return columns


def duplicate_columns(header: list[Any], titles: list[set[str]]) -> list[tuple[int, int, int]]:
    """``(field, first column, other column)`` for each field that more than one column
    matches (the same title twice, or two of its titles): reading either would be a guess."""
    keys = [title_key(cell) for cell in header]
    found: list[tuple[int, int, int]] = []
    for field_index, field_keys in enumerate(titles):
        matching = [column for column, key in enumerate(keys) if key in field_keys]
        found.extend((field_index, matching[0], other) for other in matching[1:])
    return found


def find_header(
    head: list[list[Any]],
    spec: Spec,
    titles: list[set[str]],
    merged: list[MergedRange] | None,
    path: Path,
    where: Any = "-",
) -> tuple[int, list[Any]]:
    """The first header row (0-based) and the header titles (two rows joined when that fits).

    ``where`` says which sheet, or which encoding and delimiter, in the error message.
    """
    wanted = set().union(*titles) if titles else set()
    index: int | None
    if spec.source.header_row is not None:
        index = spec.source.header_row - 1
        if index >= len(head):
            raise ReadError("read.header_row_out_of_range", path=str(path), row=index + 1)
        candidates = [index]
    else:
        index = find_header_row(head, titles)
        if index is None:
            expected = ", ".join(str(f.get("title") or f.get("name")) for f in spec.fields)
            raise ReadError(
                "read.no_header",
                path=str(path),
                rows=HEADER_SCAN_ROWS,
                titles=expected,
                where=where,
            )
        candidates = [i for i in (index - 1, index) if i >= 0]
    best = (index, head[index], match_count(head[index], wanted))
    for first in candidates:
        if first + 1 >= len(head):
            continue
        joined = join_header_rows(head[first], head[first + 1], merged_parents(merged, head, first))
        count = match_count(joined, wanted)
        single = max(match_count(head[first], wanted), match_count(head[first + 1], wanted))
        if count > single and count > best[2]:
            best = (first, joined, count)
    return best[0], best[1]


def merged_parents(
    merged: list[MergedRange] | None, head: list[list[Any]], row_index: int
) -> dict[int, Any] | None:
    """For a header row, the value of the horizontally merged range over each column.

    The value of a merged range sits in its top-left cell, which the head rows hold.
    """
    if merged is None:
        return None  # csv: no merged cells
    values: dict[int, Any] = {}
    for (top, left), (bottom, right) in merged:
        if top <= row_index <= bottom and right > left and top < len(head):
            anchor_row = head[top]
            value = anchor_row[left] if left < len(anchor_row) else None
            values.update({column: value for column in range(left, right + 1)})
    return values


def log_dropped_columns(header: list[Any], columns: list[int | None], log: CleaningLog) -> None:
    used = {column for column in columns if column is not None}
    for column, title in enumerate(header):
        if column in used or not non_empty([title]):
            continue
        if is_stt_title(title):
            log.add("clean.stt_column", column=column_letter(column), title=str(title))
        else:
            log.add("clean.extra_column", column=column_letter(column), title=str(title))


def title_in_file(header: list[Any], column: int | None, spec_field: dict[str, Any]) -> str:
    if column is not None and column < len(header):
        return " ".join(str(header[column]).split())
    return str(spec_field.get("title") or spec_field.get("name"))
