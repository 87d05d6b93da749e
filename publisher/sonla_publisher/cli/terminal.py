"""Print reports and messages: a rich table on a terminal, plain lines otherwise (CI logs)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sonla_publisher.errors import PublisherError
from sonla_publisher.i18n.messages import Lang, Ref, render
from sonla_publisher.reading.cleaning import Change
from sonla_publisher.reading.table import source_lines
from sonla_publisher.validation.coverage import SpatialCoverage
from sonla_publisher.validation.validator import Problem, ValidationReport

# Changes printed per reason; the HTML and JSON reports list more (see cleaning.ChangeList).
TERMINAL_CHANGES_PER_REASON = 5


def say(message_id: str, lang: Lang, *, err: bool = False, **params: object) -> None:
    click.echo(render(message_id, lang, params), err=err)


def print_rows(headers: list[str], rows: list[list[str]], console: Console | None = None) -> None:
    """A rich table on a terminal; otherwise one line per row, cells joined by " | "."""
    console = console or Console(highlight=False)
    if console.is_terminal:
        table = Table()
        for header in headers:
            table.add_column(header)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))  # Text: no rich markup from the data
        console.print(table)
        return
    click.echo(" | ".join(headers))
    for row in rows:
        click.echo(" | ".join(row))


def print_error(error: PublisherError, lang: Lang) -> None:
    click.echo(error.message(lang), err=True)


def problem_location(problem: Problem, lang: Lang) -> str:
    if problem.cell:
        return render(
            "report.line.cell",
            lang,
            {"cell": problem.cell, "row": problem.row, "column": problem.column},
        )
    if problem.row:
        return render("report.line.row", lang, {"row": problem.row})
    if problem.column:
        return render("report.line.column", lang, {"column": problem.column})
    return render("report.line.table", lang)


def change_location(change: Change, lang: Lang) -> str:
    if change.cell:
        params = {"cell": change.cell, "row": change.row, "column": change.column}
        return render("report.line.cell", lang, params)
    return render("report.line.row", lang, {"row": change.row})


def change_line(change: Change, lang: Lang) -> str:
    params = {
        "location": change_location(change, lang),
        "old": change.old,
        "new": change.new,
        "reason": change.message(lang),
    }
    return render("report.change_line", lang, params)


def print_changes(report: ValidationReport, lang: Lang) -> None:
    """Every reason with its first changes, and how many more there are."""
    changes = report.changes
    if not changes.total:
        return
    say("report.changes_heading", lang, count=changes.total)
    for reason, kept in changes.by_reason().items():
        for change in kept[:TERMINAL_CHANGES_PER_REASON]:
            click.echo(f"  - {change_line(change, lang)}")
        more = changes.counts[reason] - min(len(kept), TERMINAL_CHANGES_PER_REASON)
        if more:
            say("report.changes_more_terminal", lang, count=more)


def problem_line(problem: Problem, lang: Lang) -> str:
    return f"{problem_location(problem, lang)}: {problem.message(lang)}"


def _problem_table(report: ValidationReport, lang: Lang) -> Table:
    table = Table(show_lines=False)
    for column_id in (
        "report.col.cell",
        "report.col.row",
        "report.col.column",
        "report.col.value",
        "report.col.message",
    ):
        table.add_column(render(column_id, lang))
    for problem in report.problems:
        cells = (problem.cell, problem.row, problem.column, problem.value, problem.message(lang))
        # Text(), not str: values from the file must not be read as rich markup ("[b]").
        table.add_row(*(Text("" if cell is None else str(cell)) for cell in cells))
    return table


def print_validation(report: ValidationReport, lang: Lang, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    say("report.title", lang, name=report.spec_name, path=report.path)
    for line in source_lines(report.source, report.sheet, report.header_row, lang):
        click.echo(line)
    if report.dropped_total_rows:
        say("report.totals_dropped", lang, rows=", ".join(map(str, report.dropped_total_rows)))
    if report.cleaning_steps:
        say("report.cleaning", lang)
        for step in report.cleaning_steps:
            click.echo(f"  - {step.message(lang)}")
    print_changes(report, lang)
    if report.problems:
        if console.is_terminal:
            console.print(_problem_table(report, lang))
        else:
            for problem in report.problems:
                click.echo(problem_line(problem, lang))
    if report.valid:
        say("report.valid", lang, rows=report.row_count)
    else:
        say("report.invalid", lang, count=len(report.problems), rows=report.row_count)
    if report.truncated:
        say("report.truncated", lang, count=len(report.problems))
    if report.period is not None:
        # What the portal's freshness will count from (docs/spec-format.md, freshness).
        period = Ref(f"push.period.{report.period.kind}", {"period": report.period.latest})
        say("report.period", lang, period=period)
    if report.coverage is not None:
        print_coverage(report.coverage, lang)


def print_coverage(coverage: SpatialCoverage, lang: Lang) -> None:
    """Say what ``spatial_coverage`` the publish sends, and why (validation/coverage.py)."""
    say(
        f"report.coverage.{coverage.reason}",
        lang,
        count=coverage.units,
        columns=", ".join(coverage.columns),
        names=", ".join(coverage.names),
    )
    if coverage.uncounted:
        say("report.coverage.uncounted", lang, count=coverage.uncounted)
