"""Today's date in Sơn La, whatever the computer's time zone.

The portal counts freshness in the province's day (``ckan.display_timezone`` =
Asia/Ho_Chi_Minh), so a publish stamps "Công bố lần cuối" (``data_last_updated``) with the day
it happened there, and ``sync --due`` asks whether a source is due on that day. With the
computer's own date, a sync run by a server on UTC between 00:00 and 07:00 in Vietnam stamped
yesterday: the data just published showed as due today on the portal. Vietnam keeps UTC+7 all
year (no daylight saving time), so a fixed offset is exact and needs no time-zone database
(Windows has none without the tzdata package).
"""
from __future__ import annotations

import datetime as dt

PROVINCE_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")


def today() -> dt.date:
    return dt.datetime.now(PROVINCE_TIME).date()
