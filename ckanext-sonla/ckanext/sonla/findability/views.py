"""The blueprint of ``/sitemap.xml``, ``/sitemap-<n>.xml`` and ``/robots.txt``."""
from __future__ import annotations

from ckanext.sonla.compat import config
from flask import Blueprint, Response, abort

from . import robots, sitemap

findability = Blueprint("sonla_findability", __name__)

# Crawlers come back daily at most; a publish shows in the next day's sitemap.
_CACHE = "public, max-age=3600"


def _languages() -> list[str]:
    default = str(config.get("ckan.locale_default") or "vi")
    offered = config.get("ckan.locales_offered") or [default]  # a list: CKAN declares its type
    if isinstance(offered, str):
        offered = offered.split()
    return [default, *(lang for lang in offered if lang != default)]


def _xml(body: str) -> Response:
    return Response(body, mimetype="application/xml", headers={"Cache-Control": _CACHE})


def sitemap_xml() -> Response:
    first = sitemap.first_entries()
    count = sitemap.file_count(first)
    if count > 1:
        return _xml(sitemap.index(count))
    return _xml(sitemap.urlset(sitemap.entries(1, first), _languages()))


def sitemap_file(number: int) -> Response:
    first = sitemap.first_entries()
    if not 1 <= number <= sitemap.file_count(first):
        abort(404)
    return _xml(sitemap.urlset(sitemap.entries(number, first), _languages()))


def robots_txt() -> Response:
    return Response(robots.text(), mimetype="text/plain", headers={"Cache-Control": _CACHE})


findability.add_url_rule("/sitemap.xml", view_func=sitemap_xml, endpoint="sitemap")
findability.add_url_rule("/sitemap-<int:number>.xml", view_func=sitemap_file, endpoint="sitemap_file")
findability.add_url_rule("/robots.txt", view_func=robots_txt, endpoint="robots")
