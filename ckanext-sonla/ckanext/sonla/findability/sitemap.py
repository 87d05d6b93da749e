"""``/sitemap.xml`` (sitemaps.org protocol 0.9): every public dataset, agency and theme, with the
date it last changed and its English page as an alternate.

A sitemap file holds at most 50,000 URLs; beyond that ``/sitemap.xml`` is an index of numbered
files (``/sitemap-1.xml`` …), so a request never reads more than one file's worth of rows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import sqlalchemy as sa
from ckanext.sonla.compat import config, model

MAX_URLS = 50_000

_DATASETS = sa.text("""
    SELECT name, metadata_modified FROM package
    WHERE state = 'active' AND NOT private AND type = 'dataset'
    ORDER BY name LIMIT :limit OFFSET :offset
""")
_DATASET_COUNT = sa.text(
    "SELECT count(*) FROM package WHERE state = 'active' AND NOT private AND type = 'dataset'")
# An agency or theme changes when one of its public datasets does (its own record rarely does).
_AGENCIES = sa.text("""
    SELECT g.name, coalesce(max(p.metadata_modified), g.created) FROM "group" g
    LEFT JOIN package p ON p.owner_org = g.id AND p.state = 'active' AND NOT p.private AND p.type = 'dataset'
    WHERE g.state = 'active' AND g.is_organization GROUP BY g.id ORDER BY g.name
""")
_THEMES = sa.text("""
    SELECT g.name, coalesce(max(p.metadata_modified), g.created) FROM "group" g
    LEFT JOIN member m ON m.group_id = g.id AND m.table_name = 'package' AND m.state = 'active'
    LEFT JOIN package p ON p.id = m.table_id AND p.state = 'active' AND NOT p.private AND p.type = 'dataset'
    WHERE g.state = 'active' AND NOT g.is_organization AND g.type = 'group' GROUP BY g.id ORDER BY g.name
""")


@dataclass(frozen=True)
class Entry:
    path: str  # from the site root, e.g. /dataset/dan-so
    changed: dt.datetime | None


def _site() -> str:
    return str(config.get("ckan.site_url") or "").rstrip("/")


def _rows(query: sa.TextClause, **params: int) -> list[tuple[str, dt.datetime | None]]:
    return [(row[0], row[1]) for row in model.Session.execute(query, params)]


def first_entries() -> list[Entry]:
    """The home page, the agencies and the themes: the first file's head (read once a request)."""
    return [Entry("/", None),
            *(Entry(f"/organization/{name}", changed) for name, changed in _rows(_AGENCIES)),
            *(Entry(f"/group/{name}", changed) for name, changed in _rows(_THEMES))]


def file_count(first: list[Entry]) -> int:
    total = len(first) + int(model.Session.execute(_DATASET_COUNT).scalar_one())
    return max(1, -(-total // MAX_URLS))


def entries(number: int, first: list[Entry]) -> list[Entry]:
    """The URLs of sitemap file ``number`` (1-based), [] past the last one. The URLs run in one
    sequence: ``first`` (:func:`first_entries`), then the datasets by name."""
    start, end = (number - 1) * MAX_URLS, number * MAX_URLS
    head = first[start:end]
    offset = max(0, start - len(first))
    limit = max(0, end - max(start, len(first)))
    datasets = [Entry(f"/dataset/{name}", changed)
                for name, changed in _rows(_DATASETS, limit=limit, offset=offset)] if limit else []
    return head + datasets


def _date(changed: dt.datetime | None) -> str:
    return changed.date().isoformat() if changed else ""


def urlset(items: Iterable[Entry], languages: Sequence[str]) -> str:
    """A sitemap file; each page with its language versions (hreflang) as alternates."""
    site = _site()
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    default, *others = languages
    for item in items:
        out.append(f"<url><loc>{escape(site + item.path)}</loc>")
        if item.changed:
            out.append(f"<lastmod>{_date(item.changed)}</lastmod>")
        out.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(default)} href={quoteattr(site + item.path)}/>')
        for language in others:
            href = f"{site}/{language}{item.path}"
            out.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(language)} href={quoteattr(href)}/>')
        out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out)


def index(count: int) -> str:
    site = _site()
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    out += [f"<sitemap><loc>{escape(f'{site}/sitemap-{n}.xml')}</loc></sitemap>" for n in range(1, count + 1)]
    out.append("</sitemapindex>")
    return "\n".join(out)
