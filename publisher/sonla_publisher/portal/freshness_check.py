"""After a publish: is the dataset still overdue, and why.

The portal decides freshness (``sonla_freshness_list``, rules in ckanext-sonla's
``freshness/rules.py``), so the publisher asks it about the dataset it has just published
rather than computing a second answer. An official who publishes old data (the latest period
in the file is too old for the dataset's frequency) is told so at once, with the latest
period, the frequency and the due date that has passed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests
from ckanapi import CKANAPIError, NotFound, RemoteCKAN

from sonla_publisher.i18n.messages import CATALOGUE, Ref
from sonla_publisher.specs.data_period import DataPeriod

OVERDUE = "overdue"


def after_publish(ckan: RemoteCKAN, name: str, period: DataPeriod | None) -> Ref | None:
    """A warning when the portal reports ``name`` overdue; None when it is not (or cannot say)."""
    try:
        result = ckan.action.sonla_freshness_list(dataset=name)
    except NotFound:
        return None  # a CKAN without ckanext-sonla has no freshness to report
    except (CKANAPIError, requests.RequestException, OSError) as error:
        # The data is published; only the check failed. Say so rather than keep quiet.
        reason = str(error) or type(error).__name__
        return Ref("push.freshness_unknown", {"name": name, "reason": reason})
    rows = result.get("datasets") if isinstance(result, dict) else None
    # A portal older than the ``dataset`` parameter answers with every dataset.
    row = next((r for r in rows or [] if isinstance(r, dict) and r.get("name") == name), None)
    if row is None or row.get("status") != OVERDUE:
        return None
    return overdue_warning(name, row, period)


def overdue_warning(name: str, row: dict[str, Any], period: DataPeriod | None) -> Ref:
    """Why ``row`` (a dataset row of the freshness report) is overdue."""
    params = {
        "name": name,
        "frequency": frequency_ref(row.get("update_frequency")),
        "due": day_text(row.get("next_due")),
    }
    if period is not None:
        return Ref(
            "push.still_overdue_period",
            {**params, "period": Ref(f"push.period.{period.kind}", {"period": period.latest})},
        )
    return Ref("push.still_overdue", params)


def frequency_ref(code: Any) -> Any:
    key = f"status.frequency.{code}"
    return Ref(key) if key in CATALOGUE else str(code or "")


def day_text(value: Any) -> str:
    """dd/mm/yyyy from the portal's ISO date."""
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value or "")
