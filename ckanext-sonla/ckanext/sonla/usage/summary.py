"""The scheduled job: sum the recorded beacons into ``tracking_summary`` (CKAN's ``tracking update``).

CKAN counts each visitor (the beacon's anonymous key) once per address and day. Without a start
date CKAN's command begins two days before its last summary, or on 1 January 2011 the first
time (thousands of empty days); this job starts on the first recorded day instead. After the
sums change, the cached answers that show them (the home page's most viewed, the statistics,
the anonymous-page cache) are dropped so that the next visitor sees the new figures. (CKAN's
command also re-indexes the datasets with new views, which moves the search generation; the
cache's own counter is bumped as well for views that re-index nothing, such as the home page.)
"""
from __future__ import annotations

import datetime
import logging

import sqlalchemy as sa
from ckanext.sonla.compat import model
from ckanext.tracking.cli.tracking import update_all
from ckanext.tracking.model import TrackingRaw, TrackingSummary

from .. import popularity
from ..cache import generation
from . import stats

log = logging.getLogger(__name__)
# As CKAN's own command: the last two days again, for beacons that came in after the last run.
OVERLAP_DAYS = 2


def start_date() -> datetime.date | None:
    """The first day to (re)sum; None when nothing was ever recorded."""
    last = model.Session.execute(sa.select(sa.func.max(TrackingSummary.__table__.c.tracking_date))).scalar()
    if last is not None:
        return last - datetime.timedelta(days=OVERLAP_DAYS)
    first = model.Session.execute(sa.select(sa.func.min(TrackingRaw.__table__.c.access_timestamp))).scalar()
    return first.date() if first is not None else None


def update() -> datetime.date | None:
    """Sum the beacons from :func:`start_date` up to today; the first day summed (None: nothing to sum)."""
    start = start_date()
    if start is None:
        return None
    update_all(start.isoformat())
    popularity.forget()
    stats.forget()
    generation.bump()
    return start
