"""Freshness ("sống"): when a dataset's data is next due, and whether it is late.

Pure functions, no CKAN imports: the plugin, the API action and the publisher's
status report all use the same rules.

Rules (docs/quality.md, "Độ sống"):
- When the data says which period it covers (``temporal_coverage_to``, "Dữ liệu đến":
  the end of the latest period in the published table, set by ``sonla-publish`` from the
  spec's ``freshness.period_column``), the data of the next period is due one period after
  that next period ends: the due date is the period's end plus two periods. A monthly
  dataset whose data goes to 08/2026 is due on 31/10/2026 (September's data, within a month
  of September's end). Publishing again without newer data does not move the due date.
- Otherwise the next due date is the date the data was last published
  (``data_last_updated``, "Công bố lần cuối") plus one period of its update frequency;
  months and years are calendar months and years (31 January plus one month is 28/29
  February).
- ``overdue`` after the due date; ``due_soon`` from the start of the warning
  window up to and including the due date, the window being 7 days or a tenth of
  the period, whichever is shorter (so a daily dataset is "due soon" only on its
  due day, a yearly one in its last week); ``on_time`` before that.
- ``no_schedule`` for irregular and on-change datasets, and when no frequency is set.
- A scheduled dataset with no "data last updated" date has never been delivered:
  ``overdue`` with no due date.
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

ON_TIME = "on_time"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
NO_SCHEDULE = "no_schedule"
STATUSES = (ON_TIME, DUE_SOON, OVERDUE, NO_SCHEDULE)

# frequency code -> (months, days) of one period
PERIODS: dict[str, tuple[int, int]] = {
    "daily": (0, 1),
    "weekly": (0, 7),
    "monthly": (1, 0),
    "quarterly": (3, 0),
    "semiannual": (6, 0),
    "annual": (12, 0),
}
UNSCHEDULED = {"irregular", "on_change"}
WARNING_DAYS = 7


@dataclass(frozen=True)
class Freshness:
    status: str
    next_due: date | None
    days_left: int | None  # negative when overdue


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_months_from_end(day: date, months: int) -> date:
    """Like :func:`add_months`, but the last day of a month stays the last day (30/11 + 1 = 31/12)."""
    if day.day != calendar.monthrange(day.year, day.month)[1]:
        return add_months(day, months)
    moved = add_months(day.replace(day=1), months)
    return moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])


def add_periods(frequency: str, day: date, count: int, *, from_period_end: bool = False) -> date:
    months, days = PERIODS[frequency]
    shift = add_months_from_end if from_period_end else add_months
    return shift(day, months * count) + timedelta(days=days * count)


def _schedule(frequency: str | None, last_updated: date | None,
              period_end: date | None) -> tuple[date, date] | None:
    """(due date, the day one period before it) or None when unscheduled or never delivered."""
    if not frequency or frequency not in PERIODS:
        return None
    if period_end is not None:
        start = add_periods(frequency, period_end, 1, from_period_end=True)
        return add_periods(frequency, period_end, 2, from_period_end=True), start
    if last_updated is None:
        return None
    return add_periods(frequency, last_updated, 1), last_updated


def next_due(frequency: str | None, last_updated: date | None,
             period_end: date | None = None) -> date | None:
    """The due date: from the end of the period covered when known, else from the last publish."""
    schedule = _schedule(frequency, last_updated, period_end)
    return schedule[0] if schedule else None


def warning_window(due: date, start: date) -> timedelta:
    """7 days, or a tenth of the period from ``start`` to ``due`` when that is shorter."""
    return min(timedelta(days=WARNING_DAYS), (due - start) / 10)


def due_soon_from(frequency: str | None, last_updated: object,
                  period_end: object = None) -> date | None:
    """The first day the dataset is ``due_soon`` (None when unscheduled or never delivered).

    With this day and the due date stored, the status on any day is a comparison of dates, so a
    search index can answer it for "today" without re-indexing (see ``search/freshness_status.py``).
    """
    schedule = _schedule(frequency, parse_date(last_updated), parse_date(period_end))
    if schedule is None:
        return None
    due, start = schedule
    # days_left is a whole number: "days_left <= window" means "days_left <= whole days of window".
    return due - timedelta(days=warning_window(due, start).days)


def is_scheduled(frequency: str | None) -> bool:
    return bool(frequency) and frequency in PERIODS


def parse_date(value: object) -> date | None:
    """A date from a dataset field: a date, or an ISO string (time part ignored)."""
    if isinstance(value, date):
        return value
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def freshness(frequency: str | None, last_updated: object, today: date,
              period_end: object = None) -> Freshness:
    """The freshness of a dataset on ``today``."""
    if not frequency or frequency in UNSCHEDULED or frequency not in PERIODS:
        return Freshness(NO_SCHEDULE, None, None)
    schedule = _schedule(frequency, parse_date(last_updated), parse_date(period_end))
    if schedule is None:
        return Freshness(OVERDUE, None, None)
    due, start = schedule
    days_left = (due - today).days
    if today > due:
        status = OVERDUE
    elif due - today <= warning_window(due, start):
        status = DUE_SOON
    else:
        status = ON_TIME
    return Freshness(status, due, days_left)


def dataset_freshness(pkg: Mapping[str, Any], today: date) -> Freshness:
    """:func:`freshness` of a dataset dict (package_show's, or the search index's)."""
    return freshness(pkg.get("update_frequency") or None, pkg.get("data_last_updated"), today,
                     pkg.get("temporal_coverage_to"))
