"""The most viewed datasets of the last two weeks, for the home page.

Views are counted by CKAN's ``tracking`` plugin: each page sends a beacon to ``/_tracking``
(table ``tracking_raw``), and ``ckan tracking update`` (a cron job, docs/operators.md) sums
them per dataset page and day into ``tracking_summary``, counting each visitor once a day.
CKAN orders ``package_search`` by ``views_recent`` through Solr's index; ``sonla_search`` does
not index views, so the summary is read here directly, in one query. It changes only when the
cron job runs, so the answer is kept in Redis for a few minutes.
"""
from __future__ import annotations

import datetime
import json
from typing import Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.sonla.compat import connect_to_redis, model, package_extra
from ckanext.tracking.model import TrackingSummary

# As CKAN's "recent views" (tracking_summary.recent_views): the last 14 days.
RECENT_DAYS = 14
CACHE_SECONDS = 300
CACHE_KEY = "{site_id}:sonla:most-viewed:{limit}"


def _query(limit: int) -> list[dict[str, Any]]:
    summary, package, organization = TrackingSummary.__table__, model.package_table, model.group_table
    since = datetime.date.today() - datetime.timedelta(days=RECENT_DAYS)
    views = sa.func.sum(summary.c["count"]).label("views")
    statement = (
        sa.select(package.c.name, package.c.title, package_extra("title_en").label("title_en"),
                  organization.c.title.label("organization"), views)
        .join(package, package.c.id == summary.c.package_id)
        .outerjoin(organization, organization.c.id == package.c.owner_org)
        .where(summary.c.tracking_type == "page", summary.c.tracking_date >= since,
               package.c.state == "active", package.c.private.is_(False), package.c.type == "dataset")
        .group_by(package.c.id, organization.c.title)
        .order_by(views.desc(), package.c.name)
        .limit(limit)
    )
    return [{"name": row.name, "title": row.title, "title_en": row.title_en or "",
             "organization": {"title": row.organization} if row.organization else None, "views": int(row.views)}
            for row in model.Session.execute(statement)]


def most_viewed(limit: int) -> list[dict[str, Any]]:
    """Public datasets by views over the last 14 days, most viewed first (none when nothing is counted)."""
    redis = connect_to_redis()
    key = CACHE_KEY.format(site_id=toolkit.config["ckan.site_id"], limit=limit)
    cached = redis.get(key)
    if cached is not None:
        return json.loads(cached)
    datasets = _query(limit)
    redis.set(key, json.dumps(datasets), ex=CACHE_SECONDS)
    return datasets


def forget() -> None:
    """Drop the cached answers (tests; otherwise they expire within minutes)."""
    redis = connect_to_redis()
    for key in redis.scan_iter(CACHE_KEY.format(site_id=toolkit.config["ckan.site_id"], limit="*")):
        redis.delete(key)
