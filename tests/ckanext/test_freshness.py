"""Freshness rules at their boundaries, for every update frequency."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from ckanext.sonla.freshness import rules as f

LAST = date(2026, 1, 31)
# frequency -> (due date from LAST, first "due soon" day)
EXPECTED = {
    "daily": (date(2026, 2, 1), date(2026, 2, 1)),      # window 0.1 day: only the due day
    "weekly": (date(2026, 2, 7), date(2026, 2, 7)),     # window 0.7 day
    "monthly": (date(2026, 2, 28), date(2026, 2, 26)),  # 28-day period -> 2.8 days
    "quarterly": (date(2026, 4, 30), date(2026, 4, 23)),  # 89 days -> 7 days (capped)
    "semiannual": (date(2026, 7, 31), date(2026, 7, 24)),
    "annual": (date(2027, 1, 31), date(2027, 1, 24)),
}


@pytest.mark.parametrize("frequency", sorted(EXPECTED))
def test_status_at_each_boundary(frequency):
    due, soon = EXPECTED[frequency]
    assert f.next_due(frequency, LAST) == due
    assert f.freshness(frequency, LAST, soon - timedelta(days=1)).status == f.ON_TIME
    assert f.freshness(frequency, LAST, soon).status == f.DUE_SOON
    on_due_day = f.freshness(frequency, LAST, due)
    assert (on_due_day.status, on_due_day.days_left) == (f.DUE_SOON, 0)
    late = f.freshness(frequency, LAST, due + timedelta(days=1))
    assert (late.status, late.days_left, late.next_due) == (f.OVERDUE, -1, due)


@pytest.mark.parametrize("frequency", ["irregular", "on_change", None, "", "unknown"])
def test_no_schedule(frequency):
    assert f.freshness(frequency, LAST, LAST) == f.Freshness(f.NO_SCHEDULE, None, None)


def test_scheduled_but_never_updated_is_overdue():
    assert f.freshness("monthly", None, LAST) == f.Freshness(f.OVERDUE, None, None)
    assert f.freshness("monthly", "not a date", LAST).status == f.OVERDUE


def test_dates_from_ckan_fields():
    assert f.freshness("annual", "2026-01-31", date(2026, 6, 1)).next_due == date(2027, 1, 31)
    assert f.freshness("annual", "2026-01-31T08:00:00", date(2026, 6, 1)).status == f.ON_TIME


def test_months_clamp_to_month_end_and_leap_years():
    assert f.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert f.add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert f.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


@pytest.mark.parametrize("frequency", sorted(EXPECTED))
def test_due_soon_from_is_the_first_due_soon_day(frequency):
    assert f.due_soon_from(frequency, LAST) == EXPECTED[frequency][1]
    assert f.due_soon_from(frequency, LAST.isoformat()) == EXPECTED[frequency][1]


def test_due_soon_from_without_schedule_or_date():
    assert f.due_soon_from("irregular", LAST) is None
    assert f.due_soon_from("monthly", None) is None
    assert f.is_scheduled("monthly") and not f.is_scheduled("on_change") and not f.is_scheduled(None)
