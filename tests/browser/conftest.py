"""Real-browser tests: Debian's Chromium driven by Playwright against a portal started for the session.

The portal is started like the end-to-end tests' one (``sonla-stack up`` in a throw-away run
directory, free ports, demo catalogue). Chromium comes from Debian (``apt-get install chromium``,
done by ``make test`` as root): Playwright's own browser download is not used.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.conftest import REPO, STACK, free_port

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
def site(chromium: object) -> Iterator[str]:
    """URL of a portal with the demo catalogue, started for the browser tests.

    Not under pytest's tmp_path: another pytest session of the same user makes that tree 0700 again
    (or prunes it) while the embedded PostgreSQL, which runs as its own user, still needs it.
    """
    run_dir = Path(tempfile.mkdtemp(prefix="sonla-browser-")) / "run"
    port = free_port()
    env = dict(os.environ, SONLA_RUN_DIR=str(run_dir), SONLA_PORT=str(port),
               SONLA_REDIS_PORT=str(free_port()), SONLA_WEB_WORKERS="2")
    for name in ("CKAN_SQLALCHEMY_URL", "CKAN_REDIS_URL", "CKAN_SITE_URL", "CKAN_INI"):
        env.pop(name, None)

    def stack(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([STACK, *args], env=env, capture_output=True, text=True, timeout=900, cwd=REPO)

    result = stack("up")
    if result.returncode != 0:
        stack("stop")
        pytest.fail(f"sonla-stack up failed:\n{result.stdout}\n{result.stderr}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stack("stop")
        shutil.rmtree(run_dir.parent, ignore_errors=True)


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
