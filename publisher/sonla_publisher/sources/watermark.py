"""Where an incremental live source stopped: the watermark, kept on the portal.

A spec with ``source.changed_since`` (a column such as ``ngay_cap_nhat``) is read whole once;
later runs read only the rows whose column is newer than the newest value already published,
and upsert them by the primary key. That newest value is kept on the portal, in the dataset's
``source_watermark`` field (a JSON text), beside ``source_hash``: any computer that publishes
the dataset, and any CKAN (a plain CKAN keeps it as an extra), sees where the last publish
stopped. It is written by the same request that publishes the rows it covers, or after them:
never before, so a run that fails or is killed reads the same rows again next time (an upsert
by key is safe to repeat).

The watermark also holds the hash of the spec (another spec, other columns: read whole again)
and the day of the last full read: rows deleted at the source are not seen by a "changed since"
query, so the source is read whole every ``full_refresh_days`` (and with ``sync --full``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sonla_publisher.sources.live_spec import LiveSource
from sonla_publisher.specs.spec import Spec

FIELD = "source_watermark"


@dataclass(frozen=True)
class Watermark:
    column: str
    value: str  # the newest value of the column published (as csv text, e.g. ISO time)
    spec: str  # sha256 of the spec file
    full: str  # ISO day of the last full read

    def text(self) -> str:
        return json.dumps(
            {"column": self.column, "value": self.value, "spec": self.spec, "full": self.full},
            ensure_ascii=False,
            sort_keys=True,
        )


def spec_digest(spec: Spec) -> str:
    return hashlib.sha256(spec.raw_bytes).hexdigest()


def parse(text: Any) -> Watermark | None:
    """The portal's field, or None when it is empty or not ours."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        data = json.loads(text)
        mark = Watermark(
            str(data["column"]), str(data["value"]), str(data["spec"]), str(data["full"])
        )
    except (ValueError, KeyError, TypeError):
        return None
    return mark if mark.value else None


def table_resource(spec: Spec, portal: dict[str, Any] | None) -> dict[str, Any] | None:
    """The resource holding the dataset's DataStore table (the clean CSV), if it has one."""
    for resource in (portal or {}).get("resources") or []:
        if resource.get("name") == spec.resource_name and resource.get("datastore_active"):
            return dict(resource)
    return None


def usable(
    spec: Spec, source: LiveSource, portal: dict[str, Any] | None, today: dt.date
) -> Watermark | None:
    """The watermark to read from, or None when the source must be read whole: no dataset or
    table yet, another spec or column, or the full read is due."""
    if portal is None or portal.get("state", "active") != "active" or not source.changed_since:
        return None
    mark = parse(portal.get(FIELD))
    if mark is None or mark.column != source.changed_since or mark.spec != spec_digest(spec):
        return None
    if table_resource(spec, portal) is None or not portal.get("source_hash"):
        return None
    try:
        full = dt.date.fromisoformat(mark.full)
    except ValueError:
        return None
    if today >= full + dt.timedelta(days=source.full_refresh_days):
        return None
    return mark


def after_read(
    spec: Spec,
    source: LiveSource,
    newest: str | None,
    previous: Watermark | None,
    today: dt.date,
) -> Watermark | None:
    """The watermark once what was read is published: after a changed-since read the newest
    value read (or the old one when nothing changed), after a full read a new full day."""
    assert source.changed_since
    if previous is not None:
        value = newest or previous.value
        return Watermark(source.changed_since, value, previous.spec, previous.full)
    if not newest:  # an empty table, or the column is empty everywhere: read whole again
        return None
    return Watermark(source.changed_since, newest, spec_digest(spec), today.isoformat())
