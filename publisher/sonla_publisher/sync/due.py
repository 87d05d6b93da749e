"""Whether a live dataset is due for a new read of its source (``sync --due``).

A live source is read when its update frequency says a new publish is due: one period after
the portal's last publish (``data_last_updated``, the day ``sonla-publish`` sets at each
publish). ``irregular`` and ``on_change`` datasets have no period: their source is read at
every run, and published only when it changed (the snapshot's hash). A dataset not yet on the
portal is always due.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# Days between two publishes; a month is counted short so that a monthly dataset published on
# 31/01 is due again on 28/02.
PERIOD_DAYS = {
    "daily": 1,
    "weekly": 7,
    "monthly": 28,
    "quarterly": 90,
    "semiannual": 181,
    "annual": 365,
}


def is_due(frequency: Any, portal: dict[str, Any] | None, today: dt.date) -> bool:
    if portal is None or portal.get("state", "active") != "active":
        return True
    days = PERIOD_DAYS.get(str(frequency or ""))
    if days is None:
        return True
    last = _day(portal.get("data_last_updated")) or _day(portal.get("metadata_modified"))
    return last is None or today >= last + dt.timedelta(days=days)


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
