"""Views and downloads per dataset, agency, theme and month, read from ``tracking_summary``.

A view is a visit to a dataset page (``tracking_type = 'page'``, mapped to its dataset by CKAN's
summary); a download is a click on a resource link (``'resource'``), mapped here to its dataset
through the resource id in a portal download address or, for a link elsewhere, the resource's
own address. Only public, active datasets count. Every answer is bounded (rows, months) and kept
in Redis for a few minutes; the summary job drops it when the sums change.
"""
from __future__ import annotations

import datetime
import json
from typing import Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.sonla.compat import connect_to_redis, model

KINDS = ("dataset", "agency", "theme")
MAX_ROWS = 200
MONTHS = 24
CACHE_SECONDS = 300
CACHE_KEY = "{site_id}:sonla:usage:{what}"

# One row per summed day and dataset: views and downloads.
_COUNTED = """
WITH counted AS (
  SELECT ts.tracking_date AS day, ts.package_id, ts.count AS views, 0 AS downloads
  FROM tracking_summary ts WHERE ts.tracking_type = 'page'
  UNION ALL
  SELECT ts.tracking_date, r.package_id, 0, ts.count
  FROM tracking_summary ts
  JOIN LATERAL (
    SELECT r.package_id FROM resource r
    WHERE r.state = 'active'
      AND (r.id = substring(ts.url from '/resource/([0-9a-f-]{36})') OR r.url = ts.url)
    LIMIT 1) r ON true
  WHERE ts.tracking_type = 'resource'
), public AS (
  SELECT c.day, c.views, c.downloads, p.id, p.name, p.title, p.owner_org
  FROM counted c JOIN package p ON p.id = c.package_id
  WHERE p.state = 'active' AND NOT p.private AND p.type = 'dataset'
    AND (CAST(:since AS date) IS NULL OR c.day >= :since) AND (CAST(:until AS date) IS NULL OR c.day < :until)
)
"""

_BY = {
    "dataset": """
SELECT pub.name, pub.title, coalesce(o.title, '') AS parent, sum(pub.views) AS views, sum(pub.downloads) AS downloads
FROM public pub LEFT JOIN "group" o ON o.id = pub.owner_org
GROUP BY pub.id, pub.name, pub.title, o.title""",
    "agency": """
SELECT o.name, o.title, '' AS parent, sum(pub.views) AS views, sum(pub.downloads) AS downloads
FROM public pub JOIN "group" o ON o.id = pub.owner_org AND o.state = 'active'
GROUP BY o.id, o.name, o.title""",
    "theme": """
SELECT g.name, g.title, '' AS parent, sum(pub.views) AS views, sum(pub.downloads) AS downloads
FROM public pub
JOIN member m ON m.table_id = pub.id AND m.table_name = 'package' AND m.state = 'active'
JOIN "group" g ON g.id = m.group_id AND g.state = 'active' AND NOT g.is_organization
GROUP BY g.id, g.name, g.title""",
}


def month_bounds(month: str | None) -> tuple[datetime.date | None, datetime.date | None]:
    """``YYYY-MM`` as its first day and the next month's; (None, None) for all time. ValueError when malformed."""
    if not month:
        return None, None
    first = datetime.datetime.strptime(month, "%Y-%m").date()
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first, following


def _cached(what: str, compute: Any) -> Any:
    redis = connect_to_redis()
    key = CACHE_KEY.format(site_id=toolkit.config["ckan.site_id"], what=what)
    cached = redis.get(key)
    if cached is not None:
        return json.loads(cached)
    value = compute()
    redis.set(key, json.dumps(value), ex=CACHE_SECONDS)
    return value


def ranking(kind: str, month: str | None = None) -> list[dict[str, Any]]:
    """Datasets, agencies or themes by views and downloads (most first, at most MAX_ROWS), all time or one month."""
    since, until = month_bounds(month)

    def compute() -> list[dict[str, Any]]:
        statement = sa.text(_COUNTED + _BY[kind] + " ORDER BY 4 DESC, 5 DESC, 1 LIMIT :limit")
        rows = model.Session.execute(statement, {"since": since, "until": until, "limit": MAX_ROWS})
        return [{"name": row.name, "title": row.title or row.name, "parent": row.parent,
                 "views": int(row.views), "downloads": int(row.downloads)} for row in rows]

    return _cached(f"{kind}:{month or 'all'}", compute)


def by_month(today: datetime.date) -> list[dict[str, Any]]:
    """Views and downloads of each of the last MONTHS months, oldest first (months without any: zero)."""
    months: list[datetime.date] = []
    first = today.replace(day=1)
    for _ in range(MONTHS):
        months.insert(0, first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)

    def compute() -> list[dict[str, Any]]:
        statement = sa.text(_COUNTED + """
SELECT date_trunc('month', pub.day)::date AS month, sum(pub.views) AS views, sum(pub.downloads) AS downloads
FROM public pub GROUP BY 1""")
        found = {row.month: row for row in model.Session.execute(statement, {"since": months[0], "until": None})}
        return [{"month": month.strftime("%Y-%m"), "views": int(found[month].views) if month in found else 0,
                 "downloads": int(found[month].downloads) if month in found else 0} for month in months]

    return _cached(f"months:{today.strftime('%Y-%m')}", compute)


def forget() -> None:
    """Drop the cached answers (the summary job, after the sums changed; tests)."""
    redis = connect_to_redis()
    for key in redis.scan_iter(CACHE_KEY.format(site_id=toolkit.config["ckan.site_id"], what="*")):
        redis.delete(key)
