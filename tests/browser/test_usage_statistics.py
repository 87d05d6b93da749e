"""Usage figures from a real browser (issue #22, point 5): pages browsed, summed, shown on /thong-ke.

tracking.js sends a beacon from every page (also from pages the anonymous cache serves) and from
every download button; the stack's job (here run at once) sums them, each visitor once a day.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DESKTOP, screenshot

pytestmark = pytest.mark.e2e

POPULATION = "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa"
# A person's browser: the headless browser's own user agent names it as a robot, not counted.
PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
CKAN = str(Path(sys.executable).with_name("ckan"))


def _visit(page, path: str) -> None:  # type: ignore[no-untyped-def]
    with page.expect_response(lambda r: r.url.endswith("/_tracking")) as beacon:
        page.goto(path)
    assert beacon.value.status == 204


def _row(page, section: str, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    row = page.locator(f".sonla-usage-{section} tr", has=page.get_by_role("link", name=title, exact=True))
    return row.locator("td").all_inner_texts()


def test_browsed_pages_are_counted_on_the_statistics_page(chromium, site, portal):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=DESKTOP, base_url=site, user_agent=PERSON, accept_downloads=True)
    page = context.new_page()
    _visit(page, f"/dataset/{POPULATION}")
    title = page.locator("h1").first.inner_text().strip()
    # tracking.js gives up waiting for this answer after 30 ms (the download must not wait): the request
    # is what counts, and the summary below shows it arrived.
    with page.expect_request(lambda r: r.url.endswith("/_tracking") and r.method == "POST"):
        with page.expect_download():
            page.locator(".sonla-downloads a.resource-url-analytics").first.click()
    _visit(page, f"/dataset/{POPULATION}")  # again the same day: counted once
    _visit(page, "/")

    result = subprocess.run([CKAN, "-c", str(portal.run_dir / "portal.ini"), "sonla", "usage-summary"],
                            env=portal.env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

    page.goto("/thong-ke")
    assert page.get_by_role("heading", level=1, name="Thống kê sử dụng").is_visible()
    views, downloads = _row(page, "dataset", title)[-2:]
    assert (views, downloads) == ("1", "1")
    assert page.locator("svg.sonla-usage-chart rect.sonla-usage-views").count() == 24
    screenshot(page, "usage-statistics")
    # The home page (served by the anonymous cache) now lists it among the most viewed.
    page.goto("/")
    assert page.locator(".sonla-popular").get_by_role("link", name=title).is_visible()
    context.close()
