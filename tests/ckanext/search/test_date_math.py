"""Solr date math in range filters (no database needed)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from ckanext.sonla.search import date_math
from ckanext.sonla.search.query_parser import QuerySyntaxError

NOW = datetime(2026, 3, 31, 17, 10, 36, 123456, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "expected"), [
    ("NOW", "2026-03-31T17:10:36.123456"),
    ("NOW-30DAYS", "2026-03-01T17:10:36.123456"),
    ("NOW/DAY", "2026-03-31T00:00:00"),
    ("NOW/DAY-7DAYS", "2026-03-24T00:00:00"),
    ("NOW-7DAYS/DAY", "2026-03-24T00:00:00"),
    ("NOW-1MONTH", "2026-02-28T17:10:36.123456"),  # by the calendar, clamped to the month's end
    ("NOW-1MONTH/MONTH", "2026-02-01T00:00:00"),
    ("NOW/YEAR+1YEAR", "2027-01-01T00:00:00"),
    ("now-2hours", "2026-03-31T15:10:36.123456"),
    ("NOW+90MINUTES/HOUR", "2026-03-31T18:00:00"),
    ("2024-02-29T10:00:00Z+1YEAR", "2025-02-28T10:00:00"),
    ("2025-01-01", "2025-01-01T00:00:00"),
    ("2025-01-01T08:00:00+07:00", "2025-01-01T01:00:00"),
])
def test_date_math_follows_solr(text, expected):
    assert date_math.resolve(text, NOW) == datetime.fromisoformat(expected).replace(tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["NOW-", "NOW/WEEK", "NOW-1FORTNIGHT", "yesterday", "2025-13-01", "NOW+99999YEARS",
                                  "NOW-1DAY/DAY+", "NOW 1DAY"])
def test_anything_else_is_a_clear_error(text):
    with pytest.raises(QuerySyntaxError, match="not a date"):
        date_math.resolve(text, NOW)
