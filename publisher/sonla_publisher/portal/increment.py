"""Publish an incremental live source's changed rows: one DataStore upsert, then the watermark.

The rows read since the watermark (:mod:`~.sources.watermark`) went through the same reading,
cleaning and validation as a whole table. They are sent in **one** ``datastore_upsert``
request, which the DataStore writes in one transaction: all the changed rows or none. The
dataset's watermark (and its publish day and data period) is written after, by
``package_patch``. A run that fails or is killed between the two leaves the watermark where it
was: the next run reads the same rows again and upserts them again by their primary key, which
changes nothing twice and duplicates nothing. Both actions are standard CKAN (any portal with
the DataStore).

The three files (clean CSV, original, data dictionary) are not rewritten by an increment: they
are those of the last full read, renewed at each full read (``source.full_refresh_days``, or
``sync --full``). The DataStore table (API, preview, downloads from the table) is current.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ckanapi import RemoteCKAN

from sonla_publisher import province_clock
from sonla_publisher.errors import PortalError
from sonla_publisher.portal.client import portal_errors
from sonla_publisher.portal.datastore import datastore_records
from sonla_publisher.reading.table import SourceTable
from sonla_publisher.sources.watermark import FIELD, table_resource
from sonla_publisher.specs.data_period import DataPeriod
from sonla_publisher.specs.spec import Spec


def publish_increment(
    ckan: RemoteCKAN,
    spec: Spec,
    table: SourceTable | None,
    period: DataPeriod | None,
    portal: dict[str, Any],
    watermark: str,
    today: dt.date | None = None,
) -> int:
    """Upsert ``table``'s rows (None: no row, the watermark only) and write the watermark;
    the number of rows sent."""
    org = str(spec.metadata.get("owner_org") or "")
    rows = 0
    with portal_errors(ckan.address, dataset=spec.name, org=org):
        if table is not None and table.rows:
            resource = table_resource(spec, portal)
            if resource is None:  # the plan checked it; the portal changed since
                raise PortalError("sync.increment_no_table", name=spec.name)
            records = datastore_records(table, spec)
            ckan.action.datastore_upsert(
                resource_id=resource["id"], force=True, method="upsert", records=records
            )
            rows = len(records)
        patch: dict[str, Any] = {"id": portal["id"], FIELD: watermark}
        if rows:
            patch["data_last_updated"] = (today or province_clock.today()).isoformat()
            patch.update(_widened_period(portal, period))
        ckan.action.package_patch(**patch)
    return rows


def _widened_period(portal: dict[str, Any], period: DataPeriod | None) -> dict[str, str]:
    """The data period of the table once the changed rows are in: the old one, widened to the
    new rows' periods (rows removed at the source narrow it only at the next full read)."""
    if period is None:
        return {}
    first, last = period.first.isoformat(), period.last.isoformat()
    old_first = str(portal.get("temporal_coverage_from") or "")
    old_last = str(portal.get("temporal_coverage_to") or "")
    return {
        "temporal_coverage_from": min(first, old_first) if old_first else first,
        "temporal_coverage_to": max(last, old_last) if old_last else last,
    }
