"""Carry out a sync plan: push the datasets to create or update, a few at a time.

Datasets are pushed in parallel (``workers`` threads, each with its own client); the files of
one dataset go in one request or one after the other (:mod:`~.portal.push`). A push that
fails because the portal was unreachable, timed out or answered 5xx is tried again from the
start after a growing pause: a push is safe to repeat. When a dataset still fails that way
after its retries, the portal is taken to be down: datasets not started yet are left alone
(reported as not attempted) rather than each waiting out its own retries.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ckanapi import RemoteCKAN

from sonla_publisher.errors import PublisherError
from sonla_publisher.i18n.messages import Ref
from sonla_publisher.portal.client import is_transient, portal_errors
from sonla_publisher.portal.increment import publish_increment
from sonla_publisher.portal.push import PublishMode, PushResult, publish, publish_over
from sonla_publisher.reading.table import read_table
from sonla_publisher.sync.plan import Action, PlanItem
from sonla_publisher.validation.coverage import SpatialCoverage
from sonla_publisher.validation.validator import validate_table

T = TypeVar("T")

DEFAULT_WORKERS = 4
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 2.0  # seconds before the first retry; doubled for each further one
BACKOFF_ENV = "SONLA_RETRY_BACKOFF"  # to change it (tests use a short one)


class Outcome(str, enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"  # planned as an update, but the portal already had this content
    INVALID = "invalid"  # the data has problems: not published (no --allow-invalid)
    FAILED = "failed"
    NOT_ATTEMPTED = "not_attempted"  # the portal went down before its turn
    DELETED = "deleted"  # --prune
    UPSERTED = "upserted"  # an incremental live source: its changed rows upserted by key


@dataclass(frozen=True)
class SyncOptions:
    workers: int = DEFAULT_WORKERS
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    allow_invalid: bool = False
    force: bool = False
    max_bytes: int | None = None
    mode: PublishMode = PublishMode.AUTO


@dataclass(frozen=True)
class DatasetResult:
    name: str
    outcome: Outcome
    rows: int = 0
    problems: int = 0  # validation problems found in the data
    attempts: int = 0
    error: PublisherError | None = None
    warning: Ref | None = None  # e.g. still overdue after the publish (old data)
    coverage: SpatialCoverage | None = None  # the spatial_coverage a publish sent


class SyncRun:
    """One sync: the thread pool, the per-thread clients and the "portal is down" flag."""

    def __init__(
        self,
        make_client: Callable[[], RemoteCKAN],
        specs_dir: Path,
        options: SyncOptions,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self.make_client = make_client
        self.codelists = specs_dir / "codelists"
        self.options = options
        self.portal_down = threading.Event()
        self._local = threading.local()
        # Pauses end early when the portal is found down, so the run stops promptly.
        self._sleep = sleep or self.portal_down.wait

    def client(self) -> RemoteCKAN:
        if not hasattr(self._local, "ckan"):
            self._local.ckan = self.make_client()
        return self._local.ckan

    def push_all(
        self, items: Iterable[PlanItem], on_result: Callable[[DatasetResult], None]
    ) -> list[DatasetResult]:
        """Push every item; ``on_result`` is called in the calling thread as each one ends."""
        results: list[DatasetResult] = []
        items = list(items)
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            futures: dict[Future[DatasetResult], PlanItem] = {
                pool.submit(self.push_one, item): item for item in items
            }
            try:
                for future in _as_completed_in_order_of_end(futures):
                    item = futures[future]
                    result = (
                        DatasetResult(item.name, Outcome.NOT_ATTEMPTED)
                        if future.cancelled()
                        else future.result()
                    )
                    if self.portal_down.is_set():
                        for other in futures:
                            other.cancel()
                    results.append(result)
                    on_result(result)
            except BaseException:
                # Ctrl-C: datasets not started are left alone; those being pushed finish
                # (a push stopped half-way would be redone by the next run anyway).
                self.portal_down.set()
                for other in futures:
                    other.cancel()
                raise
        return results

    def push_one(self, item: PlanItem) -> DatasetResult:
        if self.portal_down.is_set():
            return DatasetResult(item.name, Outcome.NOT_ATTEMPTED)
        if item.action is Action.INCREMENT:
            return self.push_increment(item)
        assert item.spec is not None and item.source is not None
        spec = item.spec
        try:
            table = read_table(item.source, spec, self.codelists, self.options.max_bytes)
            report = validate_table(table, spec, self.codelists)
        except PublisherError as error:
            return DatasetResult(item.name, Outcome.FAILED, error=error)
        problems = len(report.problems)
        if problems and not self.options.allow_invalid:
            return DatasetResult(
                item.name, Outcome.INVALID, rows=report.row_count, problems=problems
            )
        def attempt(number: int) -> PushResult:
            if number == 1:
                return publish_over(
                    self.client(),
                    spec,
                    table,
                    report,
                    item.portal,
                    force=self.options.force,
                    mode=self.options.mode,
                    watermark=item.watermark,
                )
            # the last attempt may have got half-way: read the portal again
            return publish(
                self.client(),
                spec,
                table,
                report,
                force=self.options.force,
                mode=self.options.mode,
                watermark=item.watermark,
            )

        done = self._with_retries(item.name, problems, attempt)
        if isinstance(done, DatasetResult):
            return done
        result, attempts = done
        if result.unchanged:
            outcome = Outcome.UNCHANGED
        else:
            outcome = Outcome.CREATED if result.created else Outcome.UPDATED
        return DatasetResult(
            item.name,
            outcome,
            rows=result.rows,
            problems=problems,
            attempts=attempts,
            warning=result.warning,
            coverage=None if result.unchanged else report.coverage,
        )

    def _with_retries(
        self, name: str, problems: int, call: Callable[[int], T]
    ) -> tuple[T, int] | DatasetResult:
        """``call(attempt number)`` until it succeeds, retrying transient portal errors with
        backoff: its value and the attempts made, or the failed result (a portal that stays
        down stops the datasets not started yet)."""
        attempts = 0
        while True:
            attempts += 1
            try:
                return call(attempts), attempts
            except PublisherError as error:
                if not is_transient(error):
                    return DatasetResult(
                        name, Outcome.FAILED, problems=problems, attempts=attempts, error=error
                    )
                if attempts > self.options.retries or self.portal_down.is_set():
                    self.portal_down.set()
                    return DatasetResult(
                        name, Outcome.FAILED, problems=problems, attempts=attempts, error=error
                    )
                self._sleep(self.options.backoff * 2 ** (attempts - 1))

    def push_increment(self, item: PlanItem) -> DatasetResult:
        """The changed rows of an incremental live source, cleaned and validated as a whole
        table is, in one upsert; then its watermark (:mod:`~.portal.increment`). Repeating it
        after a failure is safe: the rows are upserted by key."""
        assert item.spec is not None and item.portal is not None and item.watermark is not None
        spec = item.spec
        table, period, problems = None, None, 0
        if item.source is not None:
            try:
                table = read_table(item.source, spec, self.codelists, self.options.max_bytes)
                report = validate_table(table, spec, self.codelists)
            except PublisherError as error:
                return DatasetResult(item.name, Outcome.FAILED, error=error)
            problems, period = len(report.problems), report.period
            if problems and not self.options.allow_invalid:
                return DatasetResult(
                    item.name, Outcome.INVALID, rows=report.row_count, problems=problems
                )
        portal, watermark = item.portal, item.watermark
        done = self._with_retries(
            item.name,
            problems,
            lambda _: publish_increment(self.client(), spec, table, period, portal, watermark),
        )
        if isinstance(done, DatasetResult):
            return done
        rows, attempts = done
        outcome = Outcome.UPSERTED if rows else Outcome.UNCHANGED
        return DatasetResult(item.name, outcome, rows=rows, problems=problems, attempts=attempts)

    def delete(self, item: PlanItem) -> DatasetResult:
        """``package_delete``: the dataset goes to the trash, a sysadmin can restore it."""
        assert item.portal is not None
        try:
            with portal_errors(self.client().address, dataset=item.name, org=_org(item)):
                self.client().action.package_delete(id=item.portal["id"])
        except PublisherError as error:
            return DatasetResult(item.name, Outcome.FAILED, attempts=1, error=error)
        return DatasetResult(item.name, Outcome.DELETED, attempts=1)


def _org(item: PlanItem) -> str:
    organization = (item.portal or {}).get("organization")
    return str(organization.get("name")) if isinstance(organization, dict) else "-"


def _as_completed_in_order_of_end(
    futures: dict[Future[DatasetResult], PlanItem],
) -> Iterable[Future[DatasetResult]]:
    """Like ``concurrent.futures.as_completed``, but yields cancelled futures too, so that
    every dataset gets a result line."""
    pending = set(futures)
    while pending:
        done = {future for future in pending if future.done()}
        if not done:
            time.sleep(0.05)
            continue
        yield from sorted(done, key=lambda f: futures[f].name)
        pending -= done
