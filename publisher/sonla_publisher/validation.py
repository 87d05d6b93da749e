"""Check a cleaned table against its spec's Table Schema with Frictionless.

The result is data (a :class:`ValidationReport`), not an exception: each problem says where it
is in the agency's file (row number, cell like ``C17``, column title), the value, and what is
wrong, in Vietnamese and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, Resource, Schema

from sonla_publisher.errors import SpecError
from sonla_publisher.messages import Lang, Ref, render
from sonla_publisher.reading import SourceTable
from sonla_publisher.specs import Spec

MAX_ERRORS = 1000
_CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is "(.*)"', re.DOTALL)
_OTHER_ROW_NOTE = re.compile(r"position (\d+)")
_KNOWN_CONSTRAINTS = ("required", "minimum", "maximum", "minLength", "maxLength", "pattern", "enum")
_KNOWN_TYPES = ("integer", "number", "date", "datetime", "year", "boolean", "time")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located in the source file."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    cell: str | None = None
    column: str | None = None
    value: str | None = None

    def message(self, lang: Lang) -> str:
        return render(self.message_id, lang, self.params)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON reports, with the message in both languages."""
        return {
            "row": self.row,
            "cell": self.cell,
            "column": self.column,
            "value": self.value,
            "code": self.message_id,
            "message": {"vi": self.message("vi"), "en": self.message("en")},
        }


@dataclass(frozen=True)
class ValidationReport:
    spec_name: str
    path: Path
    sheet: str | None
    header_row: int
    row_count: int
    problems: tuple[Problem, ...]
    truncated: bool = False  # True when Frictionless stopped after MAX_ERRORS errors
    dropped_total_rows: tuple[int, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_table(table: SourceTable, spec: Spec) -> ValidationReport:
    """Validate every row of ``table`` against ``spec``'s Table Schema."""
    problems = [
        Problem(
            "problem.missing_column",
            {"title": table.column_titles[index], "row": table.header_row},
            row=table.header_row,
            column=table.column_titles[index],
        )
        for index in table.missing_fields
    ]
    if not table.rows:
        problems.append(Problem("problem.no_rows", {"row": table.header_row}))
    truncated = False
    if table.rows:
        errors = _frictionless_errors(table, spec)
        truncated = len(errors) >= MAX_ERRORS
        missing = set(table.missing_fields)
        for error in errors:
            problem = _to_problem(error, table, spec, missing)
            if problem is not None:
                problems.append(problem)
    return ValidationReport(
        spec_name=spec.name,
        path=table.path,
        sheet=table.sheet,
        header_row=table.header_row,
        row_count=len(table.rows),
        problems=tuple(problems),
        truncated=truncated,
        dropped_total_rows=table.dropped_total_rows,
    )


def _frictionless_errors(table: SourceTable, spec: Spec) -> list[Any]:
    data = [list(table.field_names), *(list(row.values) for row in table.rows)]
    try:
        schema = Schema.from_descriptor(spec.schema)
        report = Resource(data=data, schema=schema).validate(limit_errors=MAX_ERRORS)
    except FrictionlessException as error:
        raise SpecError("spec.bad_schema_in", name=spec.name, reason=str(error)) from error
    return [error for task in report.tasks for error in task.errors]


def _source_row(table: SourceTable, position: int) -> int:
    """Frictionless counts the header as row 1; map its row position to the file's row number."""
    return table.rows[position - 2].number


def _to_problem(error: Any, table: SourceTable, spec: Spec, missing: set[int]) -> Problem | None:
    row_position = getattr(error, "row_number", None)
    row = _source_row(table, row_position) if row_position else None
    field_number = getattr(error, "field_number", None)
    note = str(getattr(error, "note", "") or "")
    if field_number:
        index = field_number - 1
        if index in missing:
            return None  # already reported once as a missing column
        value = str(getattr(error, "cell", "") or "")
        location = {
            "row": row,
            "cell": table.cell_ref(index, row) if row else None,
            "column": table.column_titles[index],
            "value": value,
        }
        field_type = str(spec.fields[index].get("type") or "string")
        return Problem(*_cell_message(error.type, note, field_type, value, table), **location)
    if error.type == "primary-key":
        return _primary_key_problem(note, row_position, table, spec, missing)
    return Problem("problem.other", {"detail": error.message}, row=row)


def _cell_message(
    error_type: str, note: str, field_type: str, value: str, table: SourceTable
) -> tuple[str, dict[str, Any]]:
    if error_type == "type-error":
        type_id = field_type if field_type in _KNOWN_TYPES else "other"
        return "problem.type", {"value": value, "type": Ref(f"type.{type_id}")}
    if error_type == "constraint-error":
        match = _CONSTRAINT_NOTE.search(note)
        if match and match.group(1) in _KNOWN_CONSTRAINTS:
            return f"problem.constraint.{match.group(1)}", {"value": value, "limit": match.group(2)}
        return "problem.constraint.other", {"value": value, "detail": note}
    if error_type == "unique-error":
        return "problem.duplicate", {"value": value, "other_row": _other_row(note, table)}
    return "problem.other", {"detail": note or error_type}


def _other_row(note: str, table: SourceTable) -> int | str:
    match = _OTHER_ROW_NOTE.search(note)
    return _source_row(table, int(match.group(1))) if match else "?"


def _primary_key_problem(
    note: str, row_position: int | None, table: SourceTable, spec: Spec, missing: set[int]
) -> Problem | None:
    source_row = table.rows[row_position - 2] if row_position else None
    row = source_row.number if source_row else None
    key_indexes = [table.field_names.index(name) for name in spec.primary_key]
    if any(index in missing for index in key_indexes):
        return None
    first = key_indexes[0]
    titles = ", ".join(table.column_titles[index] for index in key_indexes)
    location = {
        "row": row,
        "cell": table.cell_ref(first, row) if row else None,
        "column": titles,
    }
    if "position" in note and source_row:
        values = " | ".join(source_row.values[i] for i in key_indexes)
        return Problem(
            "problem.duplicate_key",
            {"columns": titles, "value": values, "other_row": _other_row(note, table)},
            value=values,
            **location,
        )
    return Problem("problem.empty_key", {"columns": titles}, **location)
