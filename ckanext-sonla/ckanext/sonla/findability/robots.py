"""``/robots.txt``: crawl the pages people search for, not the ones that only multiply URLs.

Search-result pages with facet or sort parameters are endless combinations of the same datasets
(each dataset is in the sitemap), and API calls, account pages and the preview's requests are not
pages at all.
"""
from __future__ import annotations

from ckanext.sonla.compat import config

DISALLOWED = ("/api/", "/user/", "/datatables/", "/dataset/?", "/en/dataset/?", "/organization/?",
              "/group/?", "/dataset/activity/", "/en/user/", "/en/api/")


def text() -> str:
    site = str(config.get("ckan.site_url") or "").rstrip("/")
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "", f"Sitemap: {site}/sitemap.xml", ""]
    return "\n".join(lines)
