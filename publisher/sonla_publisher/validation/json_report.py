"""The validation report as JSON, in the layout of a Frictionless report.

Tools that read ``frictionless validate --json`` output find the same keys (``valid``,
``stats``, ``tasks[].errors[]`` with ``type``, ``rowNumber``, ``fieldNumber``...); our own
additions are the cell reference, the bilingual message, the cleaning steps and the change
list (``changes``: every value the cleaner changed, with its cell, old and new value and
reason; at most ``cleaning.MAX_CHANGES_PER_REASON`` per reason, ``changeCounts`` counts them
all and ``changesOmitted`` says how many were left out).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sonla_publisher import __version__
from sonla_publisher.reading.cleaning import MAX_CHANGES_PER_REASON
from sonla_publisher.validation.validator import Problem, ValidationReport

# Our problem codes as Frictionless error types; the others are ours ("sonla/...").
_FRICTIONLESS_TYPES = {
    "problem.missing_column": "missing-label",
    "problem.type": "type-error",
    "problem.duplicate": "unique-error",
    "problem.duplicate_key": "primary-key",
    "problem.empty_key": "primary-key",
    "problem.extra_cell": "extra-cell",
    "problem.missing_cell": "missing-cell",
    "problem.duplicate_column": "duplicate-label",
}


def error_type(message_id: str) -> str:
    if message_id in _FRICTIONLESS_TYPES:
        return _FRICTIONLESS_TYPES[message_id]
    if message_id.startswith("problem.constraint."):
        return "constraint-error"
    return "sonla/" + message_id.removeprefix("problem.").replace("_", "-")


def _error(problem: Problem, report: ValidationReport) -> dict[str, Any]:
    field = report.fields[problem.field_index] if problem.field_index is not None else {}
    return {
        "type": error_type(problem.message_id),
        "code": problem.message_id,
        "message": problem.message("en"),
        "messages": {"vi": problem.message("vi"), "en": problem.message("en")},
        "rowNumber": problem.row,
        "fieldNumber": None if problem.field_index is None else problem.field_index + 1,
        "fieldName": field.get("name"),
        "label": problem.column,
        "cell": problem.value,
        "cellRef": problem.cell,
        "sheet": report.sheet,
    }


def report_dict(report: ValidationReport) -> dict[str, Any]:
    errors = [_error(problem, report) for problem in report.problems]
    stats = {"errors": len(errors), "rows": report.row_count, "fields": len(report.fields)}
    task = {
        "name": report.spec_name,
        "type": "table",
        "valid": report.valid,
        "place": str(report.path),
        "sheet": report.sheet,
        "source": report.source,  # sheet, or the encoding and delimiter a csv was read with
        "headerRow": report.header_row,
        "labels": [field.get("title") or field.get("name") for field in report.fields],
        "stats": stats,
        "truncated": report.truncated,
        "droppedTotalRows": list(report.dropped_total_rows),
        "cleaning": [step.as_dict() for step in report.cleaning_steps],
        "changes": [change.as_dict() for change in report.changes.kept],
        "changeCounts": dict(report.changes.counts),
        "changesOmitted": {
            reason: report.changes.omitted(reason)
            for reason in report.changes.counts
            if report.changes.omitted(reason)
        },
        "changesKeptPerReason": MAX_CHANGES_PER_REASON,
        "warnings": [],
        "errors": errors,
    }
    if report.coverage is not None:
        # what the publish sends as spatial_coverage, and why (validation/coverage.py)
        task["spatialCoverage"] = {
            "codes": list(report.coverage.codes),
            "reason": report.coverage.reason,
            "uncounted": report.coverage.uncounted,
        }
    return {
        "valid": report.valid,
        "stats": {"tasks": 1, "errors": len(errors), "warnings": 0},
        "warnings": [],
        "errors": [],
        "tasks": [task],
        "generator": f"sonla-publish {__version__}",
    }


def write_json(report: ValidationReport, path: Path) -> None:
    text = json.dumps(report_dict(report), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")
