"""The three dates a page may show about a dataset, each with one meaning and one label.

- "Dữ liệu đến" (``temporal_coverage_to``): the end of the latest period the data covers, from
  the spec's period column (``sonla-publish``); freshness counts from it when it is known.
- "Công bố lần cuối" (``data_last_updated``): the day the data was last published.
- "Siêu dữ liệu cập nhật" (``metadata_modified``): the last change of any field of the dataset
  (a new description counts; it is not a sign of fresh data).

The home page, the dataset page, the resource page and the freshness report all take their
labels and dd/mm/yyyy values from here (docs/citizens.md), so the same date never has two
names nor the same name two dates.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import ckan.plugins.toolkit as toolkit

from . import display
from . import rules as freshness

DATA_FROM = "temporal_coverage_from"  # the start of the earliest period: shown with the others
DATA_UNTIL = "temporal_coverage_to"
LAST_PUBLISHED = "data_last_updated"
METADATA_UPDATED = "metadata_modified"
KEYS = (DATA_UNTIL, LAST_PUBLISHED, METADATA_UPDATED)


def label(key: str) -> str:
    _ = toolkit._
    return {
        DATA_FROM: _("Data from"),
        DATA_UNTIL: _("Data up to"),
        LAST_PUBLISHED: _("Last published"),
        METADATA_UPDATED: _("Metadata updated"),
    }[key]


def _local_day(value: Any) -> date | None:
    """The day in the province of CKAN's UTC timestamp (``metadata_modified``)."""
    if not isinstance(value, str) or len(value) <= 10:
        return freshness.parse_date(value)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return freshness.parse_date(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    name = toolkit.config.get("ckan.display_timezone") or "UTC"
    try:
        zone = ZoneInfo("UTC" if name == "server" else name)
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).date()


def local_day(value: Any) -> date | None:
    """The day in the province of a UTC moment, given as ISO text or as a datetime."""
    return _local_day(value.isoformat() if isinstance(value, datetime) else value)


def value(pkg: dict[str, Any], key: str) -> str:
    """dd/mm/yyyy (ISO in English) of one of the three dates, "" when the dataset has none."""
    raw = pkg.get(key)
    return display.format_date(_local_day(raw) if key == METADATA_UPDATED else freshness.parse_date(raw))


def dataset_dates(pkg: dict[str, Any], keys: tuple[str, ...] = KEYS) -> list[dict[str, str]]:
    """``[{key, label, value}]`` of the dates the dataset has, in the order of ``keys``."""
    rows = [{"key": key, "label": label(key), "value": value(pkg, key)} for key in keys]
    return [row for row in rows if row["value"]]
