"""``sonla-publish sync``: read the portal in bulk, plan, confirm deletions, push, summarise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from ckanapi import RemoteCKAN
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sonla_publisher import province_clock
from sonla_publisher.cli.terminal import say
from sonla_publisher.errors import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, PublisherError, SpecError
from sonla_publisher.i18n.messages import Lang, render
from sonla_publisher.portal.client import RequestCounter, is_transient, make_client
from sonla_publisher.portal.http_trace import HttpTrace
from sonla_publisher.portal.state import portal_datasets
from sonla_publisher.sync.plan import Action, Plan, make_plan
from sonla_publisher.sync.report import exit_code, print_plan, print_summary, result_line
from sonla_publisher.sync.run import DatasetResult, Outcome, SyncOptions, SyncRun

EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class SyncRequest:
    specs: Path
    source: Path
    url: str
    token: str | None
    timeout: float
    options: SyncOptions
    dry_run: bool = False
    prune: bool = False
    yes: bool = False
    org: str | None = None
    trace: HttpTrace | None = None  # --verbose
    due: bool = False  # --due: live sources only when their frequency says so
    full: bool = False  # --full: incremental live sources are read whole


def run_sync(request: SyncRequest, lang: Lang) -> int:
    """Do the whole sync and return the exit code (errors before the plan raise)."""
    started = time.monotonic()
    if not (request.specs / "datasets").is_dir():
        raise SpecError("spec.no_catalogue", specs_dir=str(request.specs))
    counter = RequestCounter()
    ckan = make_client(request.url, request.token, request.timeout, counter, request.trace)
    portal = read_portal(ckan, request.options, lang)
    plan = make_plan(
        request.specs,
        request.source,
        portal,
        org=request.org,
        force=request.options.force,
        due=province_clock.today() if request.due else None,
        full=request.full,
    )
    print_plan(plan, lang, detailed=request.dry_run)
    if request.dry_run:
        return EXIT_INVALID if plan.of(Action.BAD_SPEC) else EXIT_OK
    _record_source_status(ckan, plan, lang)
    prune_items = plan.prunable if request.prune else []
    if prune_items and not _confirm_prune(plan, request, lang):
        return EXIT_INVALID
    run = SyncRun(
        lambda: make_client(
            request.url, request.token, request.timeout, counter, request.trace
        ),
        request.specs,
        request.options,
    )
    results: list[DatasetResult] = []
    try:
        results = _push_with_progress(run, plan, lang, results)
    except KeyboardInterrupt:
        say("sync.interrupted", lang, err=True)
        _finish(results, plan, lang, started, counter)
        return EXIT_INTERRUPTED
    if run.portal_down.is_set():
        say("sync.portal_down", lang, err=True)
        if prune_items:
            say("sync.prune_skipped_portal_down", lang, err=True)
    else:
        for item in prune_items:
            result = run.delete(item)
            results.append(result)
            click.echo(result_line(result, len(results), len(results), lang))
    return _finish(results, plan, lang, started, counter)


def _record_source_status(ckan: RemoteCKAN, plan: Plan, lang: Lang) -> None:
    """The portal shows which live sources failed (the report page, ``status``); a source
    read again clears it. Not being able to record it does not stop the publish."""
    from sonla_publisher.portal.source_status import changes, connection_secrets, send

    for name, reason in send(ckan, changes(plan, connection_secrets), lang):
        say("sync.source_status_not_recorded", lang, err=True, name=name, reason=reason)


def read_portal(
    ckan: RemoteCKAN,
    options: SyncOptions,
    lang: Lang,
    sleep: Callable[[float], object] = time.sleep,
) -> dict[str, dict]:
    """The portal's datasets (:func:`portal_datasets`), read again after a transient failure
    (unreachable, 5xx, 429) with the same retries and backoff as publishing; the last error,
    which names the real cause, when every attempt failed."""
    attempts = options.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            return portal_datasets(ckan)
        except PublisherError as error:
            if not is_transient(error) or attempt == attempts:
                raise
            seconds = options.backoff * 2 ** (attempt - 1)
            shown = f"{seconds:g}" if lang == "en" else f"{seconds:g}".replace(".", ",")
            say(
                "sync.plan_retry",
                lang,
                err=True,
                reason=error.message(lang),
                seconds=shown,
                attempt=attempt + 1,
                attempts=attempts,
            )
            sleep(seconds)
    raise AssertionError("unreachable")  # the loop returns or raises


def _finish(
    results: list[DatasetResult], plan: Plan, lang: Lang, started: float, counter: RequestCounter
) -> int:
    print_summary(results, plan, lang, seconds=time.monotonic() - started, requests=counter.count)
    return exit_code(results, plan)


def _confirm_prune(plan: Plan, request: SyncRequest, lang: Lang) -> bool:
    if plan.of(Action.BAD_SPEC):
        say("sync.prune_refused_bad_specs", lang, err=True)
        return False
    names = ", ".join(item.name for item in plan.prunable)
    say("sync.prune_list", lang, count=len(plan.prunable), names=names)
    if request.yes:
        return True
    if not sys.stdin.isatty():
        say("sync.prune_needs_yes", lang, err=True)
        raise SystemExit(EXIT_UNREADABLE)
    if click.confirm(render("sync.prune_confirm", lang), default=False):
        return True
    say("sync.prune_declined", lang, err=True)
    return False


def _push_with_progress(
    run: SyncRun, plan: Plan, lang: Lang, results: list[DatasetResult]
) -> list[DatasetResult]:
    """Push the plan's datasets; a line per dataset, and a progress bar on a terminal.

    ``results`` is filled as datasets end, so that an interrupted run can still be summed up.
    """
    items = plan.to_push
    if not items:
        say("sync.nothing_to_do", lang)
        return results
    say("sync.start", lang, count=len(items), workers=run.options.workers)
    console = Console(highlight=False)
    total = len(items)
    if not console.is_terminal:

        def print_line(result: DatasetResult) -> None:
            results.append(result)
            click.echo(result_line(result, len(results), total, lang))

        run.push_all(items, print_line)
        return results
    columns = (
        TextColumn(render("sync.progress", lang)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("sync", total=total)

        def advance(result: DatasetResult) -> None:
            results.append(result)
            line = result_line(result, len(results), total, lang)
            style = "red" if result.outcome in (Outcome.FAILED, Outcome.INVALID) else None
            progress.console.print(line, style=style, markup=False)
            progress.advance(task)

        run.push_all(items, advance)
    return results
