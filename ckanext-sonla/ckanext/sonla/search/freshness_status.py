"""The freshness status as a search field, right on any day without re-indexing.

A status stored at index time would go stale: a dataset becomes "due soon" and then "overdue"
as the calendar moves, with no change to the dataset. So the index keeps only dates that do not
move — the next due date and the first "due soon" day (``freshness.due_soon_from``) — and the
virtual field ``freshness_status`` (filter ``fq=freshness_status:overdue``, facet
``facet.field=["freshness_status"]``) compares them with today's date in the province
(``clock.today``) when the query runs.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import model

from .. import clock
from ..freshness import rules as freshness
from .table import search_index as t

FIELD = "freshness_status"


def index_values(pkg_dict: dict[str, Any], validated: dict[str, Any]) -> dict[str, Any]:
    """The index columns of a dataset (scheming fields are top-level in ``validated``)."""
    extras = {e["key"]: e.get("value") for e in pkg_dict.get("extras") or []}

    def value(key: str) -> Any:
        return validated.get(key) or pkg_dict.get(key) or extras.get(key)

    frequency, last_updated = value("update_frequency"), value("data_last_updated")
    period_end = value("temporal_coverage_to")
    return {
        "freshness_scheduled": freshness.is_scheduled(frequency),
        "freshness_next_due": freshness.next_due(frequency, freshness.parse_date(last_updated),
                                                 freshness.parse_date(period_end)),
        "freshness_due_soon_from": freshness.due_soon_from(frequency, last_updated, period_end),
    }


def condition(status: str, today: date | None = None) -> sa.ColumnElement[bool]:
    """Rows whose status is ``status`` on ``today`` (an unknown status matches nothing)."""
    day = sa.literal(today or clock.today(), sa.Date)
    scheduled = t.c.freshness_scheduled.is_(True)
    if status == freshness.NO_SCHEDULE:
        return t.c.freshness_scheduled.is_not(True)
    if status == freshness.OVERDUE:
        return sa.and_(scheduled, sa.or_(t.c.freshness_next_due.is_(None), t.c.freshness_next_due < day))
    if status == freshness.DUE_SOON:
        return sa.and_(scheduled, t.c.freshness_due_soon_from <= day, t.c.freshness_next_due >= day)
    if status == freshness.ON_TIME:
        return sa.and_(scheduled, t.c.freshness_due_soon_from > day)
    return sa.false()


def status_expression(today: date | None = None) -> sa.ColumnElement[str]:
    day = today or clock.today()
    return sa.case(*((condition(status, day), status) for status in freshness.STATUSES),
                   else_=freshness.NO_SCHEDULE)


def facet_counts(where: sa.ColumnElement[bool], mincount: int) -> list[tuple[str, int]]:
    """(status, count) over the rows matching ``where``, as of today."""
    status = status_expression().label("status")
    statement = (sa.select(status, sa.func.count()).select_from(t).where(where)
                 .group_by(status).having(sa.func.count() >= mincount))
    return [(value, n) for value, n in model.Session.execute(statement)]
