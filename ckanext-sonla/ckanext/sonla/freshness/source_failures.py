"""Live sources that failed on ``sonla-publish``'s last run, per dataset (issue 23).

``sonla-publish sync`` reads a dataset's database or API on the officials' side; when that read
fails, only that dataset is left unpublished, and the portal is told why through
``sonla_dataset_source_status`` (the caller needs ``package_update`` on the dataset). A later run
whose read succeeds clears it. The report page, ``sonla_freshness_list`` (so ``sonla-publish
status``) and ``package_search`` results (so that a later ``sync`` knows which failures to clear
without a request per dataset) show it as ``source_failure``: the reason in Vietnamese and English
and the time. The reason is the publisher's message, which never holds a credential (the
publisher scrubs them); the portal bounds its length and keeps only printable text.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.sonla.compat import model

from ..agency_publish.tables import source_failure

MAX_REASON_CHARS = 2000
KEY = "source_failure"


def _text(value: Any, key: str, required: bool) -> str:
    if value is None or value == "":
        if required:
            raise toolkit.ValidationError({key: [toolkit._("Missing value")]})
        return ""
    if not isinstance(value, str):
        raise toolkit.ValidationError({key: [toolkit._("Not text")]})
    if len(value) > MAX_REASON_CHARS:
        raise toolkit.ValidationError(
            {key: [toolkit._("At most %(count)s characters") % {"count": MAX_REASON_CHARS}]})
    # one line of printable text: the reason is shown in a table cell and a terminal
    kept = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in value)
    return " ".join(unicodedata.normalize("NFC", kept).split())


def _failed(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise toolkit.ValidationError({"failed": [toolkit._("true or false")]})


def set_status(data_dict: dict[str, Any]) -> dict[str, Any]:
    """The action's work: record (``failed`` true, ``reason`` required) or clear the failure."""
    package = model.Package.get(str(data_dict.get("id") or ""))
    if package is None or package.state == "deleted":
        raise toolkit.ObjectNotFound(toolkit._("Dataset not found"))
    failed = _failed(data_dict.get("failed", True))
    table = source_failure
    model.Session.execute(sa.delete(table).where(table.c.package_id == package.id))
    if failed:
        reason = _text(data_dict.get("reason"), "reason", required=True)
        reason_en = _text(data_dict.get("reason_en"), "reason_en", required=False)
        model.Session.execute(sa.insert(table).values(package_id=package.id, reason=reason,
                                                      reason_en=reason_en))
    model.Session.commit()
    return {"id": package.id, "name": package.name, KEY: by_package_ids([package.id]).get(package.id)}


def _shown(row: Any) -> dict[str, Any]:
    at = row.failed_at
    return {"reason": row.reason, "reason_en": row.reason_en or row.reason,
            "failed_at": at.astimezone(dt.timezone.utc).isoformat() if at else None}


def by_package_ids(ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(ids)
    if not wanted:
        return {}
    table = source_failure
    rows = model.Session.execute(sa.select(table).where(table.c.package_id.in_(wanted))).all()
    return {row.package_id: _shown(row) for row in rows}


def annotate(datasets: list[dict[str, Any]], id_key: str = "id") -> list[dict[str, Any]]:
    """Each dataset (a dict with its id) gets ``source_failure`` when its source failed."""
    failures = by_package_ids(str(d[id_key]) for d in datasets if d.get(id_key))
    for dataset in datasets:
        found = failures.get(str(dataset.get(id_key) or ""))
        if found is not None:
            dataset[KEY] = found
        else:
            dataset.pop(KEY, None)
    return datasets


def by_name() -> dict[str, dict[str, Any]]:
    """Every recorded failure, by dataset name (a handful: only failing sources have one)."""
    table = source_failure
    package = model.package_table
    rows = model.Session.execute(
        sa.select(table, package.c.name).join(package, package.c.id == table.c.package_id)).all()
    return {row.name: _shown(row) for row in rows}


def annotate_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report's rows (by name) with ``source_failure`` (None when the source did not fail)."""
    failures = by_name() if rows else {}
    for row in rows:
        row[KEY] = failures.get(row["name"])
    return rows
