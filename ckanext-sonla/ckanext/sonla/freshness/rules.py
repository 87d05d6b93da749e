"""Freshness ("sống"): when a dataset's data is next due, and whether it is late.

Pure functions, no CKAN imports: the plugin, the API action and the publisher's
status report all use the same rules.

Rules:
- The next due date is the date the data was last updated plus one period of its
  update frequency; months and years are calendar months and years (31 January
  plus one month is 28/29 February).
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
from dataclasses import dataclass
from datetime import date, timedelta

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


def next_due(frequency: str | None, last_updated: date | None) -> date | None:
    if not frequency or frequency not in PERIODS or last_updated is None:
        return None
    months, days = PERIODS[frequency]
    return add_months(last_updated, months) + timedelta(days=days)


def warning_window(frequency: str, last_updated: date) -> timedelta:
    due = next_due(frequency, last_updated)
    assert due is not None
    period = due - last_updated
    return min(timedelta(days=WARNING_DAYS), period / 10)


def due_soon_from(frequency: str | None, last_updated: object) -> date | None:
    """The first day the dataset is ``due_soon`` (None when unscheduled or never delivered).

    With this day and the due date stored, the status on any day is a comparison of dates, so a
    search index can answer it for "today" without re-indexing (see ``search/freshness_status.py``).
    """
    updated = parse_date(last_updated)
    due = next_due(frequency, updated)
    if due is None or updated is None or frequency is None:
        return None
    # days_left is a whole number: "days_left <= window" means "days_left <= whole days of window".
    return due - timedelta(days=warning_window(frequency, updated).days)


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


def freshness(frequency: str | None, last_updated: object, today: date) -> Freshness:
    """The freshness of a dataset on ``today``."""
    if not frequency or frequency in UNSCHEDULED or frequency not in PERIODS:
        return Freshness(NO_SCHEDULE, None, None)
    updated = parse_date(last_updated)
    if updated is None:
        return Freshness(OVERDUE, None, None)
    due = next_due(frequency, updated)
    assert due is not None
    days_left = (due - today).days
    if today > due:
        status = OVERDUE
    elif due - today <= warning_window(frequency, updated):
        status = DUE_SOON
    else:
        status = ON_TIME
    return Freshness(status, due, days_left)
