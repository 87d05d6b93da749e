"""Publish one dataset: its metadata, its three files and its DataStore table.

Two ways (``PublishMode``): in one request where the portal offers ``sonla_dataset_publish``
(:mod:`push_one_request`), or step by step through CKAN's standard actions, which any CKAN
has. Step by step, order matters for a safe re-run: the new ``source_hash`` is written last,
after every file and the DataStore table are in place, so an interrupted push is redone in
full next time instead of being reported as unchanged. Nothing is deleted on the portal except
the DataStore table of a dataset without primary key, which is reloaded whole.

Rights come first in both ways: a theme the portal will not give the dataset is refused before
anything is sent (:mod:`push_rights`); the organization's right is checked by the first write
itself. The themes come from the catalogue: where the portal sets them itself (the Sơn La
portal), an organization's editor needs no right on the theme groups. Step by step, the
dataset is then written without its groups and its themes are set by
``sonla_dataset_set_themes`` right after, before the files; on another CKAN the groups go with
the metadata, under CKAN's own group rights. Step
by step, the rows are written after the metadata and the files, never before: a failure leaves
the new metadata (and maybe some new files or rows, visible until the re-run) without the new
``source_hash``, so the next run publishes the dataset again. The one-request way has no such
intermediate state (see ``sonla_dataset_publish``).
"""

from __future__ import annotations

import datetime as dt
import enum
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ckanapi import NotFound, RemoteCKAN

from sonla_publisher import province_clock
from sonla_publisher.errors import ReadError
from sonla_publisher.i18n.messages import Ref
from sonla_publisher.portal.client import portal_errors, portal_offers_action
from sonla_publisher.portal.datastore import datastore_records, load_datastore, table_copy_text
from sonla_publisher.portal.freshness_check import after_publish
from sonla_publisher.portal.package import build_package_dict, source_hash
from sonla_publisher.portal.push_one_request import (
    MAX_ROWS,
    portal_offers_it,
    publish_in_one_request,
)
from sonla_publisher.portal.push_rights import (
    SET_THEMES,
    check_themes,
    portal_sets_themes,
    themes_of,
)
from sonla_publisher.portal.resources import (
    ResourceFile,
    original_resource,
    published_files,
)
from sonla_publisher.portal.spec_copy import spec_part
from sonla_publisher.reading.table import SourceTable
from sonla_publisher.sources.watermark import FIELD as WATERMARK_FIELD
from sonla_publisher.specs.spec import Spec
from sonla_publisher.validation.validator import ValidationReport

# The extension's action that keeps a dataset's spec (ckanext-sonla; absent on other CKANs).
SPEC_SAVE = "sonla_dataset_spec_save"

# Called with a message id and its parameters before each step (the CLI prints them).
Progress = Callable[..., None]


class PublishMode(str, enum.Enum):
    AUTO = "auto"  # one request when the portal offers it and the table is not too large
    ONE_REQUEST = "one-request"
    STEP_BY_STEP = "step-by-step"


@dataclass(frozen=True)
class PushResult:
    name: str
    url: str
    created: bool
    unchanged: bool
    rows: int
    # said after a publish that leaves the dataset overdue (old data): see freshness_check
    warning: Ref | None = None


def _no_progress(message_id: str, **params: Any) -> None:
    """Default progress callback: say nothing."""


def publish(
    ckan: RemoteCKAN,
    spec: Spec,
    table: SourceTable,
    report: ValidationReport,
    *,
    force: bool = False,
    today: dt.date | None = None,
    progress: Progress = _no_progress,
    mode: PublishMode = PublishMode.AUTO,
    watermark: str | None = None,
) -> PushResult:
    """Create or update ``spec``'s dataset on the portal from the validated ``table``."""
    org = str(spec.metadata.get("owner_org") or "")
    with portal_errors(ckan.address, dataset=spec.name, org=org):
        existing = _show_package(ckan, spec.name)
    return publish_over(
        ckan, spec, table, report, existing, force=force, today=today, progress=progress,
        mode=mode, watermark=watermark,
    )


def publish_over(
    ckan: RemoteCKAN,
    spec: Spec,
    table: SourceTable,
    report: ValidationReport,
    existing: dict[str, Any] | None,
    *,
    force: bool = False,
    today: dt.date | None = None,
    progress: Progress = _no_progress,
    mode: PublishMode = PublishMode.AUTO,
    watermark: str | None = None,
) -> PushResult:
    """:func:`publish` when the portal's copy of the dataset (``existing``, None if there is
    none) is already known, e.g. read in bulk by ``sync``. ``watermark``: an incremental live
    source's (:mod:`~.sources.watermark`), written with the ``source_hash`` ("" clears it)."""
    extra = {} if watermark is None else {WATERMARK_FIELD: watermark}
    source_bytes = _read_source(table)
    new_hash = source_hash(spec, source_bytes)
    org = str(spec.metadata.get("owner_org") or "")
    dataset_url = f"{ckan.address}/dataset/{spec.name}"
    day = today or province_clock.today()
    with portal_errors(ckan.address, dataset=spec.name, org=org):
        if _is_unchanged(existing, new_hash) and not force:
            return PushResult(
                spec.name, dataset_url, created=False, unchanged=True, rows=len(table.rows)
            )

        # Every right is known before the first write (the organization's is checked by it).
        check_themes(ckan, spec.name, build_package_dict(spec, today=day), existing)
        files = published_files(
            spec, table, report, original_resource(table.path, source_bytes)
        )
        if uses_one_request(ckan, mode, len(table.rows)):
            progress("push.step.one_request", name=spec.name, rows=len(table.rows))
            package = build_package_dict(
                spec,
                today=day,
                source_hash=new_hash,
                period=report.period,
                coverage=report.coverage,
            )
            package.update(extra)
            answer = publish_in_one_request(
                ckan, spec, package, files, table_copy_text(table, spec)
            )
            created = bool(answer.get("created"))
        else:
            _publish_step_by_step(
                ckan, spec, table, existing, files, new_hash, day, progress, report, extra
            )
            created = existing is None
    warning = after_publish(ckan, spec.name, report.period)
    return PushResult(
        spec.name,
        dataset_url,
        created=created,
        unchanged=False,
        rows=len(table.rows),
        warning=warning,
    )


def _read_source(table: SourceTable) -> bytes:
    try:
        return table.path.read_bytes()
    except OSError as error:
        raise ReadError("read.unreadable", path=str(table.path), reason=str(error)) from error


def _is_unchanged(existing: dict[str, Any] | None, new_hash: str) -> bool:
    """The portal holds this very spec and source file, and the dataset is not deleted."""
    return (
        existing is not None
        and existing.get("source_hash") == new_hash
        and existing.get("state", "active") == "active"
    )


def _publish_step_by_step(
    ckan: RemoteCKAN,
    spec: Spec,
    table: SourceTable,
    existing: dict[str, Any] | None,
    files: list[ResourceFile],
    new_hash: str,
    day: dt.date,
    progress: Progress,
    report: ValidationReport,
    extra: dict[str, str] | None = None,
) -> None:
    """Metadata, then the files (the clean CSV first), then the rows; the hash last (with the
    watermark of an incremental source, in ``extra``)."""
    progress("push.step.package", name=spec.name)
    package = build_package_dict(
        spec, today=day, period=report.period, coverage=report.coverage
    )
    if extra:
        # Until the rows are in, no watermark: a run stopped half-way is read whole again.
        package.update(dict.fromkeys(extra, ""))
    themes = None
    if (
        "groups" in package
        and themes_of(package) != themes_of(existing)
        and portal_sets_themes(ckan)
    ):
        # Without the groups, package_create/package_patch ask no group right (and leave the
        # memberships alone); the portal sets the catalogue's themes just after.
        themes = sorted(themes_of(package))
        del package["groups"]
    if existing is None:
        package = ckan.action.package_create(**package)
    else:
        package = ckan.action.package_patch(id=existing["id"], **package)
    if themes is not None:
        ckan.call_action(SET_THEMES, {"id": package["id"], "themes": themes})

    current = _resources_by_name(package)
    written: dict[str, dict[str, Any]] = {}
    for resource_file in files:  # one at a time: parallel uploads to a dataset lose files
        progress("push.step.resource", name=resource_file.name)
        existing_resource = current.get(resource_file.name)
        written[resource_file.name] = _write_resource(
            ckan, package["id"], existing_resource, resource_file
        )

    progress("push.step.datastore", rows=len(table.rows))
    clean_csv = files[0]
    # A resource created just now has no table; an older one may have one even when its
    # datastore_active flag says otherwise (a push killed half-way), so it is treated as
    # having one.
    load_datastore(
        ckan,
        written[clean_csv.name]["id"],
        spec,
        datastore_records(table, spec),
        table_exists=clean_csv.name in current,
    )

    # The portal keeps the spec for its agency page (as the one-request way sends it); before the
    # hash, so a failure here leaves the dataset to be published again.
    spec_text = spec_part(spec)
    if spec_text is not None and portal_offers_action(ckan, SPEC_SAVE):
        ckan.call_action(SPEC_SAVE, {"id": package["id"], "spec": spec_text})

    ckan.action.package_patch(id=package["id"], source_hash=new_hash, **(extra or {}))


def uses_one_request(ckan: RemoteCKAN, mode: PublishMode, rows: int) -> bool:
    if mode is PublishMode.STEP_BY_STEP:
        return False
    if mode is PublishMode.ONE_REQUEST:
        return True
    return rows <= MAX_ROWS and portal_offers_it(ckan)


def _show_package(ckan: RemoteCKAN, name: str) -> dict[str, Any] | None:
    try:
        return ckan.action.package_show(id=name)
    except NotFound:
        return None


def _resources_by_name(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Existing resources by name; the first one wins if a name repeats."""
    by_name: dict[str, dict[str, Any]] = {}
    for resource in package.get("resources") or []:
        by_name.setdefault(resource.get("name") or "", resource)
    return by_name


def _write_resource(
    ckan: RemoteCKAN,
    package_id: str,
    existing: dict[str, Any] | None,
    resource_file: ResourceFile,
) -> dict[str, Any]:
    fields = {
        "name": resource_file.name,
        **resource_file.fields,
        "upload": (resource_file.filename, io.BytesIO(resource_file.content)),
    }
    if existing is not None:
        return ckan.action.resource_patch(id=existing["id"], **fields)
    return ckan.action.resource_create(package_id=package_id, **fields)
