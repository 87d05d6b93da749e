"""The freshness report: every visible dataset's status and each agency's on-time rate.

Backs the ``sonla_freshness_list`` action (its result is a contract: ``sonla-publish status``
reads it), the public report page, its CSV/XLSX exports and ``ckan sonla freshness``.
Datasets come from ``package_search`` as the caller, so a report shows exactly the datasets the
caller could find by searching (private ones only to those allowed).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from ..search.text import fold
from . import rules as freshness
from . import visible

PAGE_SIZE = 1000  # CKAN's default ckan.search.rows_max
AGENCY_COUNTS = freshness.STATUSES
DATASET_NAME = re.compile(r"^[a-z0-9_-]{2,100}$")  # CKAN's dataset names


def parse_params(data_dict: dict[str, Any]) -> tuple[str | None, str | None, date | None]:
    """``organization``, ``status``, ``today`` from an action call; ValidationError when bad."""
    errors: dict[str, list[str]] = {}
    organization = data_dict.get("organization") or None
    status = data_dict.get("status") or None
    today_value = data_dict.get("today") or None
    if organization is not None:
        group = model.Group.by_name(str(organization))
        if group is None or not group.is_organization or group.state != "active":
            errors["organization"] = [toolkit._("No agency with this name: %(name)s") % {"name": organization}]
    if status is not None and status not in freshness.STATUSES:
        errors["status"] = [toolkit._("Unknown status %(status)s; use one of: %(choices)s")
                            % {"status": status, "choices": ", ".join(freshness.STATUSES)}]
    today = None
    if today_value is not None:
        try:
            today = date.fromisoformat(str(today_value))
        except ValueError:
            errors["today"] = [toolkit._("Not a date (YYYY-MM-DD): %(value)s") % {"value": today_value}]
    if errors:
        raise toolkit.ValidationError(errors)
    return organization, status, today


def dataset_param(data_dict: dict[str, Any]) -> str | None:
    """The optional ``dataset`` (a dataset name): the report of that dataset alone."""
    name = data_dict.get("dataset") or None
    if name is not None and not DATASET_NAME.match(str(name)):
        raise toolkit.ValidationError({"dataset": [toolkit._("Not a dataset name: %(value)s") % {"value": name}]})
    return None if name is None else str(name)


def visible_datasets(context: dict[str, Any], organization: str | None,
                     dataset: str | None = None) -> Iterator[dict[str, Any]]:
    """Every active dataset the caller may see (as package_search would show it).

    With the sonla_search index, in one statement (:mod:`.visible`); otherwise page by page through
    package_search.
    """
    if plugins.plugin_loaded("sonla_search"):
        yield from visible.datasets(context, organization, dataset)
        return
    search = toolkit.get_action("package_search")
    conditions = [f'organization:"{organization}"' if organization else "",
                  f'name:"{dataset}"' if dataset else ""]
    fq = " AND ".join(c for c in conditions if c)
    start = 0
    while True:
        page = search(dict(context), {"q": "*:*", "fq": fq, "rows": PAGE_SIZE, "start": start,
                                      "include_private": True, "sort": "name asc", "facet": "false"})
        yield from page["results"]
        start += len(page["results"])
        if not page["results"] or start >= page["count"]:
            return


def dataset_row(pkg: dict[str, Any], today: date) -> dict[str, Any]:
    org = pkg.get("organization") or {}
    frequency = pkg.get("update_frequency") or None
    last = freshness.parse_date(pkg.get("data_last_updated"))
    until = freshness.parse_date(pkg.get("temporal_coverage_to"))
    fresh = freshness.dataset_freshness(pkg, today)
    return {
        "name": pkg["name"],
        "title": pkg.get("title") or pkg["name"],
        "organization": org.get("name"),
        "organization_title": org.get("title") or org.get("name"),
        "update_frequency": frequency,
        "data_last_updated": last.isoformat() if last else None,
        "temporal_coverage_to": until.isoformat() if until else None,
        "next_due": fresh.next_due.isoformat() if fresh.next_due else None,
        "days_left": fresh.days_left,
        "status": fresh.status,
    }


def agency_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    agencies: dict[str | None, dict[str, Any]] = {}
    for row in rows:
        agency = agencies.setdefault(row["organization"], {
            "name": row["organization"], "title": row["organization_title"], "total": 0,
            **{status: 0 for status in AGENCY_COUNTS}})
        agency["total"] += 1
        agency[row["status"]] += 1
    for agency in agencies.values():
        agency["on_time_rate"] = on_time_rate(agency)
    return sorted(agencies.values(), key=lambda a: (*title_order(a["title"] or ""), a["name"] or ""))


@functools.lru_cache(maxsize=100_000)  # a pure function of the title, asked for every dataset on every request
def title_order(title: str) -> tuple[str, str]:
    """Sort key close to Vietnamese order: letters first without accents ("Ủy ban" among the U's)."""
    return fold(title), title.casefold()


def on_time_rate(counts: dict[str, Any]) -> float | None:
    """Share of scheduled datasets not overdue; None when the agency has no scheduled dataset."""
    scheduled = counts[freshness.ON_TIME] + counts[freshness.DUE_SOON] + counts[freshness.OVERDUE]
    if not scheduled:
        return None
    return (counts[freshness.ON_TIME] + counts[freshness.DUE_SOON]) / scheduled


def build(context: dict[str, Any], organization: str | None, status: str | None,
          today: date, dataset: str | None = None) -> dict[str, Any]:
    """The action's result: agencies are counted over all their datasets, ``status`` filters the list."""
    rows = [dataset_row(pkg, today) for pkg in visible_datasets(context, organization, dataset)]
    return result(rows, status, today)


def result(rows: list[dict[str, Any]], status: str | None, today: date) -> dict[str, Any]:
    rows = sorted(rows, key=lambda r: (*title_order(r["organization_title"] or ""), *title_order(r["title"]),
                                       r["name"]))
    return {
        "today": today.isoformat(),
        "datasets": [r for r in rows if status is None or r["status"] == status],
        "agencies": agency_rows(rows),
    }
