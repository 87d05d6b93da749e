"""Issue 21: one way of writing dates, times and numbers (ckanext/sonla/formatting.py)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from ckanext.sonla import formatting
from i18n_audit import foreign_dates  # tests/i18n_audit.py (tests/ is on sys.path)


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (1234567, "vi", "1.234.567"),
    (38.89, "vi", "38,89"),
    ("1234.5", "vi", "1.234,5"),
    (-0.5, "vi", "-0,5"),
    (1234567, "en", "1,234,567"),
    (38.89, "en", "38.89"),
    ("không phải số", "vi", "không phải số"),
])
def test_numbers(value, lang, expected):
    assert formatting.format_number(value, lang) == expected


def test_numbers_rounded():
    assert formatting.format_number(38.891, "vi", decimals=1) == "38,9"
    assert formatting.format_number(1234567.4, "en", decimals=0) == "1,234,567"


@pytest.mark.ckan_config("ckan.display_timezone", "Asia/Ho_Chi_Minh")
def test_dates_and_moments_in_the_province():
    assert formatting.format_date(date(2026, 10, 15), "vi") == "15/10/2026"
    assert formatting.format_date("2026-10-15", "en") == "2026-10-15"
    # CKAN keeps UTC: 20:30 on the 6th is 03:30 on the 7th in Sơn La
    assert formatting.format_date("2026-12-06T20:30:00", "vi") == "07/12/2026"
    assert formatting.format_datetime(datetime(2026, 12, 6, 15, 15), "vi") == "22:15 06/12/2026"
    assert formatting.format_datetime("2026-12-06T15:15:00.123456", "en") == "2026-12-06 22:15"
    assert formatting.format_date(None, "vi") == "" and formatting.format_date("hôm qua", "vi") == ""


@pytest.mark.parametrize("text", ["2025-10-15", "6 tháng 12, 2026", "tháng 12 6, 2026, 22:15 (+0700)",
                                  "December 6, 2026", "1,234,567 dòng"])
def test_the_audit_finds_other_formats(text):
    assert foreign_dates(f"<p>{text}</p>")


@pytest.mark.parametrize("text", ["15/10/2026", "22:15 06/12/2026", "1.234.567 dòng", "38,89%", "Năm 2026"])
def test_the_audit_accepts_the_portals_format(text):
    assert not foreign_dates(f"<p>{text}</p>")
