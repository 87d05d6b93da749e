"""Compare the catalogue and its source files with the portal: what ``sync`` would do.

No request is made here: the portal's state comes from :mod:`~.portal.state`, read in bulk
before. A dataset is unchanged when the portal's ``source_hash`` equals the hash of its spec
and source file; ``push`` writes that hash last, so a dataset whose push was interrupted is
planned again as an update.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sonla_publisher import province_clock
from sonla_publisher.error_reasons import os_reason
from sonla_publisher.errors import PublisherError, SpecError
from sonla_publisher.i18n.messages import Ref
from sonla_publisher.portal.package import source_hash
from sonla_publisher.sources.live_spec import is_live
from sonla_publisher.specs.spec import Spec, iter_spec_paths, load_spec, structure_problems
from sonla_publisher.sync.due import is_due

# Changed rows sent in one DataStore upsert (one transaction on the portal); more are published
# whole instead.
MAX_INCREMENT_ROWS = 50_000


class Action(str, enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    NO_SOURCE = "no_source"  # the spec names no file, or the file is not in --source
    BAD_SPEC = "bad_spec"  # the spec cannot be read or is malformed
    NOT_IN_CATALOGUE = "not_in_catalogue"  # on the portal, no spec
    SOURCE_FAILED = "source_failed"  # a live source (database, API) could not be read
    NOT_DUE = "not_due"  # sync --due: a live source whose frequency says it is not due yet
    INCREMENT = "increment"  # an incremental live source: only its changed rows are upserted


@dataclass(frozen=True)
class PlanItem:
    action: Action
    name: str
    spec: Spec | None = None
    source: Path | None = None
    source_hash: str | None = None
    portal: dict[str, Any] | None = None  # the dataset as the portal has it
    problem: Ref | None = None  # why a spec cannot be pushed (bad spec, missing file)
    # An incremental live source: the watermark to write once published ("" clears it); None
    # for every other spec (the field is then left alone).
    watermark: str | None = None
    changed_rows: int = 0  # Action.INCREMENT: rows read since the watermark

    @property
    def published_by_tool(self) -> bool:
        """Has a source hash: published by sonla-publish, so ``--prune`` may delete it."""
        return bool(self.portal and self.portal.get("source_hash"))


@dataclass
class Plan:
    items: list[PlanItem] = field(default_factory=list)
    # Organizations the catalogue speaks for: only their datasets may be pruned, so that a
    # catalogue holding one agency's specs never deletes another agency's datasets.
    covered_orgs: set[str] = field(default_factory=set)

    def of(self, *actions: Action) -> list[PlanItem]:
        return [item for item in self.items if item.action in actions]

    @property
    def to_push(self) -> list[PlanItem]:
        return self.of(Action.CREATE, Action.UPDATE, Action.INCREMENT)

    @property
    def prunable(self) -> list[PlanItem]:
        return [
            item
            for item in self.of(Action.NOT_IN_CATALOGUE)
            if item.published_by_tool and _owner_name(item.portal or {}) in self.covered_orgs
        ]

    def counts(self) -> dict[Action, int]:
        return {action: len(self.of(action)) for action in Action}


def source_file(spec: Spec, source_dir: Path) -> Path | None:
    """The spec's ``source.file`` under ``source_dir``, if the spec names one and it exists."""
    if not spec.source.file:
        return None
    path = source_dir / spec.source.file
    return path if path.is_file() else None


def _local_item(
    spec: Spec,
    source_dir: Path,
    portal: dict[str, Any] | None,
    force: bool,
    due: dt.date | None = None,
    full: bool = False,
) -> PlanItem:
    if is_live(spec.data):
        frequency = spec.metadata.get("update_frequency")
        if due is not None and not force and not is_due(frequency, portal, due):
            return PlanItem(Action.NOT_DUE, spec.name, spec=spec, portal=portal)
        return _live_item(spec, portal, force, full or force, due or province_clock.today())
    path = source_file(spec, source_dir)
    if path is None:
        if spec.source.file:
            problem = Ref("sync.source_missing", {"path": str(source_dir / spec.source.file)})
        else:
            problem = Ref("sync.source_unnamed")
        return PlanItem(Action.NO_SOURCE, spec.name, spec=spec, portal=portal, problem=problem)
    try:
        content = path.read_bytes()
    except OSError as error:
        problem = Ref(
            "read.unreadable", {"path": str(path), "reason": os_reason(error)}
        )
        return PlanItem(Action.NO_SOURCE, spec.name, spec=spec, portal=portal, problem=problem)
    return _compared(spec, path, source_hash(spec, content), portal, force)


def _live_item(
    spec: Spec, portal: dict[str, Any] | None, force: bool, full: bool, today: dt.date
) -> PlanItem:
    """A database or API source is read now (its snapshot is hashed as it streams): a source
    that fails marks only its own dataset, never the others. An incremental source with a
    usable watermark on the portal is read from it: only the changed rows (none: unchanged)."""
    if structure_problems(spec):
        problem = Ref(*structure_problems(spec)[0])
        return PlanItem(Action.BAD_SPEC, spec.name, spec=spec, portal=portal, problem=problem)
    from sonla_publisher.cli.config_file import current_path
    from sonla_publisher.sources import watermark
    from sonla_publisher.sources.live_spec import live_source
    from sonla_publisher.sources.snapshot import take_snapshot

    source = live_source(spec.data)
    mark = None if full else watermark.usable(spec, source, portal, today)
    try:
        snapshot = take_snapshot(spec, current_path(), since=mark.value if mark else None)
        if mark is not None and snapshot.rows > MAX_INCREMENT_ROWS:
            # More changed rows than one upsert request carries: read and publish it whole,
            # which is all or nothing too.
            mark = None
            snapshot = take_snapshot(spec, current_path())
    except PublisherError as error:
        problem = Ref(error.message_id, error.params)
        return PlanItem(Action.SOURCE_FAILED, spec.name, spec=spec, portal=portal, problem=problem)
    if not source.changed_since:
        return _compared(spec, snapshot.path, snapshot.source_hash, portal, force)
    new_mark = watermark.after_read(spec, source, snapshot.newest, mark, today)
    text = new_mark.text() if new_mark is not None else ""
    if mark is not None:
        if snapshot.rows == 0:
            return PlanItem(Action.UNCHANGED, spec.name, spec=spec, portal=portal)
        return replace(
            PlanItem(Action.INCREMENT, spec.name, spec=spec, source=snapshot.path, portal=portal),
            watermark=text, changed_rows=snapshot.rows,
        )
    item = replace(_compared(spec, snapshot.path, snapshot.source_hash, portal, force),
                   watermark=text)
    if item.action is Action.UNCHANGED and (portal or {}).get(watermark.FIELD, "") != text:
        # The same rows as the last full publish, but the watermark is due for a new full day
        # (or was lost): only the watermark is written.
        item = replace(item, action=Action.INCREMENT, source=None)
    return item


def _compared(
    spec: Spec, path: Path, new_hash: str, portal: dict[str, Any] | None, force: bool
) -> PlanItem:
    if portal is None:
        action = Action.CREATE
    elif (
        portal.get("source_hash") == new_hash
        and portal.get("state", "active") == "active"
        and not force
    ):
        action = Action.UNCHANGED
    else:
        action = Action.UPDATE
    return PlanItem(action, spec.name, spec=spec, source=path, source_hash=new_hash, portal=portal)


def make_plan(
    specs_dir: Path,
    source_dir: Path,
    portal: dict[str, dict[str, Any]],
    *,
    org: str | None = None,
    force: bool = False,
    due: dt.date | None = None,
    full: bool = False,
) -> Plan:
    """The plan for every spec of the catalogue (or of one organization's), then the portal's
    datasets that no spec describes (of that organization). With ``due`` (today's date), live
    sources not due by their frequency are not read (``sync --due``)."""
    plan = Plan(covered_orgs={org} if org else set())
    seen: dict[str, Path] = {}
    described: set[str] = set()  # every name a spec gives, whatever its organization
    for path in iter_spec_paths(specs_dir):
        try:
            spec = load_spec(path)
        except SpecError as error:
            described.add(path.stem)  # never listed as "not in the catalogue" because of a typo
            if org is None:
                problem = Ref(error.message_id, error.params)
                plan.items.append(PlanItem(Action.BAD_SPEC, path.stem, problem=problem))
            continue
        described.add(spec.name)
        if org is not None and spec.metadata.get("owner_org") != org:
            continue
        plan.covered_orgs.add(str(spec.metadata.get("owner_org") or ""))
        if spec.name in seen:
            problem = Ref(
                "catalogue.duplicate_name", {"name": spec.name, "other": str(seen[spec.name])}
            )
            plan.items.append(PlanItem(Action.BAD_SPEC, spec.name, spec=spec, problem=problem))
            continue
        item = _local_item(spec, source_dir, portal.get(spec.name), force, due, full)
        # An unchanged spec is byte for byte the one that was published, so it was checked
        # then; checking the others only saves seconds on a large catalogue.
        problems = [] if item.action is Action.UNCHANGED else structure_problems(spec)
        if problems:
            problem = Ref(problems[0][0], problems[0][1])
            item = PlanItem(Action.BAD_SPEC, spec.name or path.stem, spec=spec, problem=problem)
        else:
            seen[spec.name] = path
        plan.items.append(item)
    for name in sorted(set(portal) - described):
        if org is None or _owner_name(portal[name]) == org:
            plan.items.append(PlanItem(Action.NOT_IN_CATALOGUE, name, portal=portal[name]))
    return plan


def _owner_name(dataset: dict[str, Any]) -> str | None:
    organization = dataset.get("organization")
    return organization.get("name") if isinstance(organization, dict) else None
