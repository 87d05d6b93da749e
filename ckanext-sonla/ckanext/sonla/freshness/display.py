"""Freshness of one dataset as the portal shows it: translated labels, dates and the due-date line.

The rules are in ``rules.py`` (pure); this module feeds them today's date and translates what they return.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import ckan.plugins.toolkit as toolkit

from .. import clock
from . import rules as freshness


def status_labels() -> dict[str, str]:
    _ = toolkit._
    return {
        freshness.ON_TIME: _("Up to date"),
        freshness.DUE_SOON: _("Due soon"),
        freshness.OVERDUE: _("Overdue"),
        freshness.NO_SCHEDULE: _("No schedule"),
    }


def format_date(value: date | str | None) -> str:
    """dd/mm/yyyy in Vietnamese, ISO in English (the portal's one format: formatting.py)."""
    from .. import formatting  # formatting reads rules.py of this package: imported late

    return formatting.format_date(value)


def dataset_freshness(pkg: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    fresh = freshness.dataset_freshness(pkg, today or clock.today())
    _ = toolkit._
    if fresh.status == freshness.OVERDUE and fresh.next_due is None:
        detail = _("No data delivered yet")
    elif fresh.status == freshness.OVERDUE:
        detail = _("%(days)s days late (due %(date)s)") % {"days": -(fresh.days_left or 0),
                                                          "date": format_date(fresh.next_due)}
    elif fresh.next_due is not None:
        detail = _("Next update due %(date)s") % {"date": format_date(fresh.next_due)}
    else:
        detail = ""
    return {"status": fresh.status, "label": status_labels()[fresh.status], "detail": detail,
            "next_due": fresh.next_due, "days_left": fresh.days_left}
