"""What ``sync`` prints: the plan, a line per dataset as it ends, and the summary table."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sonla_publisher.errors import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE
from sonla_publisher.i18n.messages import Lang, Ref, render
from sonla_publisher.sync.plan import Action, Plan, PlanItem
from sonla_publisher.sync.run import DatasetResult, Outcome
from sonla_publisher.validation.coverage import SpatialCoverage

# Plan lines are printed for these actions; creates and updates only with --dry-run.
ALWAYS_LISTED = (Action.NO_SOURCE, Action.BAD_SPEC, Action.NOT_IN_CATALOGUE)
# Live sources: listed (and counted in the summary) only when there are some.
LIVE_LISTED = (Action.SOURCE_FAILED, Action.NOT_DUE)
OUTCOME_ORDER = tuple(Outcome)


def _text(ref: Ref | None, lang: Lang) -> str:
    return render(ref.message_id, lang, ref.params) if ref is not None else ""


def plan_line(item: PlanItem, lang: Lang) -> str:
    label = render(f"sync.action.{item.action.value}", lang)
    line = f"  {label:<28} {item.name}"
    if item.problem is not None:
        line += f" — {_text(item.problem, lang)}"
    elif item.action is Action.INCREMENT:
        since = _since_of(item)
        line += " — " + (
            render("sync.increment_detail", lang, {"rows": item.changed_rows, "since": since})
            if item.source is not None
            else render("sync.increment_mark_only", lang)
        )
    elif item.action is Action.NOT_IN_CATALOGUE and not item.published_by_tool:
        line += f" — {render('sync.manual_dataset', lang)}"
    return line


def _since_of(item: PlanItem) -> str:
    from sonla_publisher.sources.watermark import FIELD, parse

    mark = parse((item.portal or {}).get(FIELD))
    return mark.value if mark is not None else "-"


def print_plan(plan: Plan, lang: Lang, *, detailed: bool) -> None:
    click.echo(render("sync.plan_title", lang))
    for item in plan.items:
        if detailed or item.action in ALWAYS_LISTED or item.action is Action.SOURCE_FAILED:
            click.echo(plan_line(item, lang))
    counts = plan.counts()
    click.echo(
        render(
            "sync.plan_counts",
            lang,
            {action.value: counts[action] for action in Action},
        )
    )


def coverage_text(coverage: SpatialCoverage, lang: Lang) -> str:
    """The spatial coverage a publish sent, in a few words (validation/coverage.py)."""
    if coverage.whole_province:
        return render("sync.coverage.whole_province", lang)
    if not coverage.codes:
        return render("sync.coverage.empty", lang)
    return render("sync.coverage.units", lang, {"count": len(coverage.codes)})


def result_line(result: DatasetResult, done: int, total: int, lang: Lang) -> str:
    width = len(str(total))
    label = render(f"sync.outcome.{result.outcome.value}", lang)
    line = f"[{done:>{width}}/{total}] {label}: {result.name}"
    if result.outcome in (Outcome.CREATED, Outcome.UPDATED, Outcome.UPSERTED):
        line += " " + render("sync.rows", lang, {"rows": result.rows})
        if result.coverage is not None:
            line += " — " + coverage_text(result.coverage, lang)
    if result.outcome is Outcome.INVALID:
        line += " — " + render("sync.invalid_detail", lang, {"count": result.problems})
    if result.error is not None:
        line += f" — {result.error.message(lang)}"
    if result.attempts > 1:
        line += " " + render("sync.attempts", lang, {"attempts": result.attempts})
    if result.warning is not None:
        line += " — " + _text(result.warning, lang)
    return line


def print_summary(
    results: list[DatasetResult],
    plan: Plan,
    lang: Lang,
    *,
    seconds: float,
    requests: int,
    console: Console | None = None,
) -> None:
    console = console or Console(highlight=False)
    counts = {outcome: 0 for outcome in OUTCOME_ORDER}
    for result in results:
        counts[result.outcome] += 1
    counts[Outcome.UNCHANGED] += len(plan.of(Action.UNCHANGED))
    rows = [
        (render(f"sync.outcome.{o.value}", lang), counts[o])
        for o in OUTCOME_ORDER
        if o is not Outcome.UPSERTED or counts[o]  # only where a source is incremental
    ]
    for action in ALWAYS_LISTED:
        rows.append((render(f"sync.action.{action.value}", lang), len(plan.of(action))))
    for action in LIVE_LISTED:
        if plan.of(action):
            rows.append((render(f"sync.action.{action.value}", lang), len(plan.of(action))))
    click.echo(render("sync.summary_title", lang))
    if console.is_terminal:
        table = Table()
        table.add_column(render("sync.col.result", lang))
        table.add_column(render("sync.col.count", lang), justify="right")
        for label, count in rows:
            table.add_row(Text(label), str(count))
        console.print(table)
    else:
        for label, count in rows:
            click.echo(f"  {label:<28} {count:>6}")
    click.echo(render("sync.totals", lang, {"seconds": f"{seconds:.1f}", "requests": requests}))


def exit_code(results: list[DatasetResult], plan: Plan) -> int:
    """The worst of: 2 when the portal or a file could not be reached or read, 1 when a dataset
    was refused or the catalogue has a broken spec, else 0 (a spec still waiting for its
    source file is not an error; a live source that failed is, exit 2)."""
    codes = [EXIT_OK]
    for result in results:
        if result.outcome is Outcome.NOT_ATTEMPTED:
            codes.append(EXIT_UNREADABLE)
        elif result.outcome is Outcome.INVALID:
            codes.append(EXIT_INVALID)
        elif result.error is not None:
            codes.append(result.error.exit_code)
    if plan.of(Action.BAD_SPEC):
        codes.append(EXIT_INVALID)
    if plan.of(Action.SOURCE_FAILED):  # the others were published all the same
        codes.append(EXIT_UNREADABLE)
    return max(codes)
