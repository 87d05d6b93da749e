"""Real-browser tests: Debian's Chromium driven by Playwright against a portal started for the session.

The portal is the one the end-to-end tests use (``sonla-stack up`` in a throw-away run
directory, free ports, demo catalogue). Chromium comes from Debian (``apt-get install chromium``,
done by ``make test`` as root): Playwright's own browser download is not used.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.portal import REPO

CHROMIUM = os.environ.get("SONLA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's Chromium (`sudo apt-get install chromium`, "
                    "or run `make chromium` as root) to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing (it is in requirements/dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(chromium: object, portal) -> str:  # type: ignore[no-untyped-def]
    """URL of the session's portal with the demo catalogue (the one the end-to-end tests use)."""
    return portal.url


@pytest.fixture
def page(chromium, site):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=DESKTOP, base_url=site)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(chromium, site):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=PHONE, base_url=site, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Full-page screenshot named after the page and the viewport width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
