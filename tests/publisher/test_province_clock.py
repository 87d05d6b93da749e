"""The publish day is Sơn La's, whatever the computer's time zone: a sync run by a server on UTC after
midnight in Vietnam stamped yesterday, and the data it had just published showed as due today."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from sonla_publisher import province_clock

VIETNAM = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def computer_a_day_behind_vietnam(monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.date]:
    """The computer's zone is set so that its clock reads 23:xx of the day before Vietnam's date."""
    vietnam_now = dt.datetime.now(VIETNAM)
    hours_east = 6 - vietnam_now.hour  # local time = Vietnam's time - (hour + 1) h
    monkeypatch.setenv("TZ", f"XYZ{-hours_east:+d}")  # POSIX TZ: the sign is west of UTC
    time.tzset()
    yield vietnam_now.date()
    monkeypatch.undo()
    time.tzset()


def test_today_is_vietnams_date_when_the_computer_is_a_day_behind(computer_a_day_behind_vietnam: dt.date) -> None:
    vietnam_today = computer_a_day_behind_vietnam
    if dt.datetime.now(VIETNAM).date() != vietnam_today:  # midnight passed while the test ran
        pytest.skip("Vietnam's date changed during the test")
    assert dt.date.today() == vietnam_today - dt.timedelta(days=1)  # the computer's own date
    assert province_clock.today() == vietnam_today
