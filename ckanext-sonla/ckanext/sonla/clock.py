"""Today's date on the portal: in the province's time zone, not the server's.

Freshness changes at midnight in Sơn La (``ckan.display_timezone``, Asia/Ho_Chi_Minh in
config/base.ini), whatever time zone the server runs in.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import ckan.plugins.toolkit as toolkit


def today() -> date:
    name = toolkit.config.get("ckan.display_timezone") or "UTC"
    if name == "server":
        return datetime.now().date()
    try:
        return datetime.now(ZoneInfo(name)).date()
    except ZoneInfoNotFoundError:
        return datetime.now(ZoneInfo("UTC")).date()
