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


# --- freshness from the period the data covers (temporal_coverage_to, "Dữ liệu đến")

def test_data_published_today_with_current_period_is_on_time():
    # Published on 06/12/2026 with data up to 11/2026: the spec's old date must not count.
    fresh = f.freshness("monthly", "2026-12-06", date(2026, 12, 6), "2026-11-30")
    assert (fresh.status, fresh.next_due) == (f.ON_TIME, date(2027, 1, 31))


def test_old_period_is_overdue_however_recent_the_publish():
    # Data up to 08/2026 published today: September's data was due by 31/10/2026.
    fresh = f.freshness("monthly", "2026-12-06", date(2026, 12, 6), "2026-08-31")
    assert (fresh.status, fresh.next_due, fresh.days_left) == (f.OVERDUE, date(2026, 10, 31), -36)


@pytest.mark.parametrize(("frequency", "period_end", "due"), [
    ("daily", date(2026, 12, 5), date(2026, 12, 7)),
    ("weekly", date(2026, 11, 29), date(2026, 12, 13)),
    ("monthly", date(2026, 2, 28), date(2026, 4, 30)),   # month ends stay month ends
    ("monthly", date(2026, 11, 30), date(2027, 1, 31)),
    ("quarterly", date(2026, 9, 30), date(2027, 3, 31)),
    ("semiannual", date(2026, 6, 30), date(2027, 6, 30)),
    ("annual", date(2025, 12, 31), date(2027, 12, 31)),
])
def test_period_rule_due_one_period_after_the_next_period_ends(frequency, period_end, due):
    assert f.next_due(frequency, None, period_end) == due
    assert f.freshness(frequency, None, due, period_end).status == f.DUE_SOON
    assert f.freshness(frequency, None, due + timedelta(days=1), period_end).status == f.OVERDUE
    soon = f.due_soon_from(frequency, None, period_end)
    assert soon is not None
    assert f.freshness(frequency, None, soon - timedelta(days=1), period_end).status == f.ON_TIME
    assert f.freshness(frequency, None, soon, period_end).status == f.DUE_SOON


def test_period_wins_over_publish_day_and_unscheduled_stays_unscheduled():
    pkg = {"update_frequency": "monthly", "data_last_updated": "2026-12-06",
           "temporal_coverage_to": "2026-07-31"}
    assert f.dataset_freshness(pkg, date(2026, 12, 6)).status == f.OVERDUE
    assert f.dataset_freshness({**pkg, "temporal_coverage_to": ""}, date(2026, 12, 6)).status == f.ON_TIME
    assert f.dataset_freshness({**pkg, "update_frequency": "irregular"}, date(2026, 12, 6)).status == f.NO_SCHEDULE


def test_month_end_arithmetic():
    assert f.add_months_from_end(date(2026, 11, 30), 1) == date(2026, 12, 31)
    assert f.add_months_from_end(date(2026, 2, 28), 12) == date(2027, 2, 28)
    assert f.add_months_from_end(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert f.add_months_from_end(date(2026, 11, 15), 1) == date(2026, 12, 15)
