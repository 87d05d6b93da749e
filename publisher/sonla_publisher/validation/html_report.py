"""The validation report as one self-contained HTML page, Vietnamese first.

Written for the person who will fix the file: a summary at the top, what was cleaned, then one
line per problem with the sheet, the cell (``C17``), the column title, the value, what the column
expects and how to fix it. No external CSS, scripts or fonts: the page can be e-mailed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from sonla_publisher import __version__
from sonla_publisher.i18n.messages import CATALOGUE, Lang, render
from sonla_publisher.reading.cleaning import MAX_CHANGES_PER_REASON, ChangeList
from sonla_publisher.reading.table import source_lines
from sonla_publisher.specs.expectations import describe_field
from sonla_publisher.validation.fix_hints import problem_fix
from sonla_publisher.validation.validator import Problem, ValidationReport


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("sonla_publisher.validation", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )


def _fix(problem: Problem, field: dict[str, Any] | None, lang: Lang) -> str:
    specific = problem_fix(problem.message_id, problem.value, field)
    if specific is not None:
        return render(specific.message_id, lang, specific.params)
    message_id = f"fix.{problem.message_id}"
    return render(message_id, lang, problem.params) if message_id in CATALOGUE else ""


def _row(problem: Problem, report: ValidationReport, lang: Lang) -> dict[str, Any]:
    field = report.fields[problem.field_index] if problem.field_index is not None else None
    return {
        "sheet": report.sheet or "",
        "cell": problem.cell or "",
        "row": problem.row or "",
        "column": problem.column or "",
        "value": problem.value if problem.value is not None else "",
        "message": problem.message(lang),
        "expected": describe_field(field, lang) if field else "",
        "fix": _fix(problem, field, lang),
    }


def _change_groups(changes: ChangeList, lang: Lang) -> list[dict[str, Any]]:
    groups = []
    for reason, kept in changes.by_reason().items():
        omitted = changes.omitted(reason)
        more = ""
        if omitted:
            params = {"count": omitted, "kept": MAX_CHANGES_PER_REASON}
            more = render("report.changes_more", lang, params)
        rows = [
            {
                "cell": change.cell or "",
                "row": change.row,
                "column": change.column,
                "old": change.old,
                "new": change.new,
                "reason": change.message(lang),
            }
            for change in kept
        ]
        groups.append({"rows": rows, "more": more})
    return groups


def render_html(report: ValidationReport, lang: Lang = "vi") -> str:
    def text(message_id: str, **params: Any) -> str:
        return render(message_id, lang, params)

    if report.valid:
        summary = text("report.valid", rows=report.row_count)
    else:
        summary = text("report.invalid", count=len(report.problems), rows=report.row_count)
    template = _environment().get_template("validation-report.html.j2")
    return template.render(
        lang=lang,
        t=text,
        report=report,
        summary=summary,
        source_lines=source_lines(report.source, report.sheet, report.header_row, lang),
        steps=[step.message(lang) for step in report.cleaning_steps],
        change_count=report.changes.total,
        change_groups=_change_groups(report.changes, lang),
        problems=[_row(problem, report, lang) for problem in report.problems],
        version=__version__,
    )


def write_html(report: ValidationReport, path: Path, lang: Lang = "vi") -> None:
    path.write_text(render_html(report, lang), encoding="utf-8")
