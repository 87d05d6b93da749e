"""View counts in search results and dataset dicts, read in two queries instead of one per
dataset and resource.

CKAN's ``tracking`` plugin adds each result's ``tracking_summary`` (and each resource's) after
a search with one query apiece: a page of 20 datasets with 3 resources costs 80 queries, 100
rows cost 0.4 s. It does the same on every ``package_show`` (four queries for a dataset with
three files; a publication shows the dataset several times). The same latest-summary rows are
read here with ``DISTINCT ON`` for all the datasets at once. ``install`` puts this in place of
the plugin's methods (as ``sonla_search`` stands in for CKAN's search functions); nothing
changes when ``tracking`` is not enabled.

Upstream: https://github.com/ckan/ckan/issues/8772 (open: "tracking slows down package_search").
The canary in tests/ckanext/test_patches.py counts the queries of the plugin's own method; when
CKAN reads the summaries in one go, it fails and this can go.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import model

_ZERO = {"total": 0, "recent": 0}
# The tracking plugin's own methods, kept for the canary test.
originals: dict[str, Any] = {}


def latest_summaries(column: str, keys: Iterable[str]) -> dict[str, dict[str, int]]:
    """``{key: {"total", "recent"}}`` from each key's latest tracking_summary row
    (``column`` is ``package_id`` or ``url``), as TrackingSummary.get_for_* reads one."""
    from ckanext.tracking.model import TrackingSummary

    wanted = sorted(set(keys))
    if not wanted:
        return {}
    summary = TrackingSummary.__table__
    key = summary.c[column]
    statement = (
        sa.select(key, summary.c.running_total, summary.c.recent_views)
        .where(key.in_(wanted))
        .distinct(key)
        .order_by(key, summary.c.tracking_date.desc())
    )
    return {row[0]: {"total": row[1], "recent": row[2]} for row in model.Session.execute(statement)}


def _add_summaries(packages: list[dict[str, Any]]) -> None:
    resources = [r for p in packages for r in p.get("resources") or [] if "url" in r]
    by_package = latest_summaries("package_id", (p["id"] for p in packages))
    by_url = latest_summaries("url", (r["url"] for r in resources))
    for package in packages:
        package["tracking_summary"] = dict(by_package.get(package["id"], _ZERO))
    for resource in resources:
        resource["tracking_summary"] = dict(by_url.get(resource["url"], _ZERO))


def after_dataset_search(self: Any, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
    _add_summaries([p for p in search_results.get("results") or [] if isinstance(p, dict) and "id" in p])
    return search_results


def after_dataset_show(self: Any, context: Any, pkg_dict: dict[str, Any]) -> dict[str, Any]:
    if "id" in pkg_dict:
        _add_summaries([pkg_dict])
    return pkg_dict


def install() -> bool:
    try:
        from ckanext.tracking.plugin import TrackingPlugin
    except ImportError:  # a CKAN without the tracking extension
        return False
    for name in ("after_dataset_search", "after_dataset_show"):
        current = vars(TrackingPlugin)[name]
        if current not in (after_dataset_search, after_dataset_show):
            originals[name] = current
    TrackingPlugin.after_dataset_search = after_dataset_search
    TrackingPlugin.after_dataset_show = after_dataset_show
    return True
