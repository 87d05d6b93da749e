"""Issue 21, points 3 and 4: the resource page on a phone, agency pages, the portal's own guides,
no request leaving the portal, axe-core on the main pages in vi and en, keyboard-only navigation.

axe-core is not fetched here: ``make axe`` packs it from the npm registry into the git-ignored
tests/browser/vendor/ at build time (see the Makefile); without it these tests fail, they do not skip.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from ckanapi import RemoteCKAN

from .conftest import screenshot

pytestmark = pytest.mark.e2e

VENDOR = Path(__file__).resolve().parent / "vendor"
POPULATION = "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa"
PASSWORD = "Mat-khau-thu-2026"
EDITOR = "can-bo-a11y-so-noi-vu"


def _axe_source() -> str:
    found = sorted(VENDOR.glob("axe-core-*.min.js"))
    assert found, f"axe-core is missing from {VENDOR}: run `make axe` (it packs axe-core from npm)"
    return found[-1].read_text(encoding="utf-8")


def _open_resource(p) -> None:  # type: ignore[no-untyped-def]
    p.goto(f"/dataset/{POPULATION}")
    p.goto(p.locator(".resource-item a.heading").first.get_attribute("href"))
    p.frame_locator("iframe").first.locator("table tbody tr").first.wait_for(timeout=30_000)


def _box(locator):  # type: ignore[no-untyped-def]
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not displayed"
    return box


def test_resource_page_on_a_phone_puts_title_download_and_preview_first(phone):  # type: ignore[no-untyped-def]
    _open_resource(phone)
    screen = phone.viewport_size["height"]
    title = _box(phone.locator(".module-resource h1").first)
    download = _box(phone.locator(".module-resource .resource-url-analytics").first)
    preview = _box(phone.locator(".module-resource iframe").first)
    details = _box(phone.locator(".row.wrapper > .primary").first)
    # Title and download button on the first screen, the preview starting on the second at the latest,
    # all three before the data dictionary and the other fields (CKAN's primary column).
    assert title["y"] < screen and download["y"] < screen, (title, download)
    assert preview["y"] < 2 * screen, preview
    assert max(title["y"], download["y"], preview["y"]) < details["y"], (title, download, preview, details)
    frame = phone.frame_locator("iframe").first
    info, search = _box(frame.locator(".dataTables_info")), _box(frame.locator(".dataTables_filter"))
    assert info["y"] + info["height"] <= search["y"] or search["y"] + search["height"] <= info["y"], (
        f"the row count {info} overlaps the search box {search}")
    screenshot(phone, "preview")


def test_no_organization_page_is_empty(portal):  # type: ignore[no-untyped-def]
    names = RemoteCKAN(portal.url).action.organization_list(limit=1000)
    assert len(names) >= 90
    for language in ("", "/en"):
        for name in names:
            html = requests.get(f"{portal.url}{language}/organization/{name}", timeout=30).text
            description = re.search(r'<p class="description">\s*(.*?)\s*</p>', html, re.S)
            assert description and len(description.group(1)) > 20, f"{name}: no description"
            for field in ("address", "website", "contact_email", "contact_phone"):
                assert f'class="sonla-org-{field}"' in html, f"{name}: no {field} row"
            assert "There is no description" not in html and "chưa có mô tả" not in html, name
    commune = requests.get(f"{portal.url}/organization/phuong-to-hieu", timeout=30).text
    assert "Phường Tô Hiệu là một phường của tỉnh Sơn La" in commune and "03646" in commune
    assert "Chưa có trong danh mục cơ quan của tỉnh" in commune  # unknown contact details said plainly


def test_guides_are_served_and_linked(page):  # type: ignore[no-untyped-def]
    for prefix, api_link, heading in (("", "Tài liệu API", "Hướng dẫn"), ("/en", "API documentation", "Guide")):
        page.goto(f"{prefix}/help")
        links = page.locator(".sonla-guide-links a")
        assert links.count() == 3
        hrefs = [links.nth(i).get_attribute("href") for i in range(3)]
        footer_api = page.locator("footer").get_by_role("link", name=api_link).get_attribute("href")
        assert footer_api in hrefs and "docs.ckan.org" not in page.content()
        for href in hrefs:
            assert href.startswith(f"{prefix}/huong-dan/"), href
            answer = page.goto(href)
            assert answer is not None and answer.status == 200, href
            assert heading in page.locator("h1").inner_text()  # one h1: the guide's title
            for image in page.locator(".sonla-guide img").all():  # every screenshot the guide shows
                src = image.get_attribute("src") or ""
                assert page.request.get(src).status == 200, src
            assert not page.locator(".sonla-guide script").count()
    page.goto("/huong-dan/nguoi-dan")
    screenshot(page, "guide")


MAIN_PAGES = ["/", "/dataset", f"/dataset/{POPULATION}", "/organization", "/organization/so-noi-vu",
              "/group", "/bao-cao/cap-nhat", "/huong-dan/nguoi-dan", "/user/login", "/en/"]


def test_no_request_leaves_the_portal(page, site):  # type: ignore[no-untyped-def]
    origin = urlsplit(site).netloc
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    for path in MAIN_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    _open_resource(page)
    page.wait_for_load_state("networkidle")
    outside = sorted({url for url in seen if urlsplit(url).scheme not in ("data", "blob")
                      and urlsplit(url).netloc != origin})
    assert not outside, f"requests leaving the portal: {outside}"
    assert any(url.endswith("/sonla-favicon.svg") for url in seen) or \
        page.locator("link[rel='shortcut icon']").get_attribute("href") == "/sonla-favicon.svg"


def _editor(portal) -> str:  # type: ignore[no-untyped-def]
    ckan = RemoteCKAN(portal.url, apikey=portal.token)
    if EDITOR not in ckan.action.user_list(q=EDITOR, all_fields=False):
        ckan.action.user_create(name=EDITOR, email=f"{EDITOR}@sonla.local", password=PASSWORD)
        ckan.action.organization_member_create(id="so-noi-vu", username=EDITOR, role="editor")
    return EDITOR


def _serious(p, axe: str, frames: list | None = None) -> list[str]:  # type: ignore[no-untyped-def,type-arg]
    """axe-core's serious and critical violations in the page's document (or the frames given)."""
    found = []
    for frame in frames or [p.main_frame]:
        frame.add_script_tag(content=axe)
        violations = frame.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))""")
        found += [f"{frame.url}: {violation}" for violation in violations]
    return found


@pytest.mark.parametrize("language", ["", "/en"])
def test_no_serious_accessibility_violations(chromium, site, portal, language):  # type: ignore[no-untyped-def]
    axe = _axe_source()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=site)
    p = context.new_page()
    found: list[str] = []
    try:
        for path in ("/", "/dataset", f"/dataset/{POPULATION}", "/bao-cao/cap-nhat"):
            p.goto(language + path)
            found += _serious(p, axe)
        _open_resource(p)
        if language:
            p.goto(p.url.replace(site, site + language))
            p.frame_locator("iframe").first.locator("table tbody tr").first.wait_for(timeout=30_000)
        assert p.frame_locator("iframe").first.locator("table").count()
        found += _serious(p, axe)  # the resource page; its preview frame: test_preview_frame_accessibility
        p.goto("/user/login")
        p.locator("#field-login").fill(_editor(portal))
        p.locator("#field-password").fill(PASSWORD)
        p.locator("form").filter(has=p.locator("#field-password")).get_by_role("button").first.click()
        p.wait_for_load_state()
        p.goto(f"{language}/co-quan/du-lieu")
        assert p.locator("main, [role=main]").count()
        found += _serious(p, axe)
    finally:
        context.close()
    assert not found, "serious or critical accessibility violations:\n" + "\n".join(found)


def test_preview_frame_accessibility(page):  # type: ignore[no-untyped-def]
    _open_resource(page)
    preview = [frame for frame in page.frames if "/view/" in frame.url]
    assert preview
    found = _serious(page, _axe_source(), preview)
    assert not found, "serious or critical accessibility violations:\n" + "\n".join(found)


def _tab_to(p, selector: str, limit: int = 150) -> int:  # type: ignore[no-untyped-def]
    """Press Tab from the top of the page until the focus is on ``selector``: how many presses."""
    for presses in range(1, limit + 1):
        p.keyboard.press("Tab")
        if p.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    pytest.fail(f"{limit} presses of Tab never reached {selector} on {p.url}")


def test_keyboard_reaches_search_facets_and_downloads(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    _tab_to(page, "input[name=q]")
    page.keyboard.type("dan so")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dataset/?\?q=dan\+so"))
    page.goto("/dataset")
    _tab_to(page, "a[href*='organization=']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"organization="))
    page.goto(f"/dataset/{POPULATION}")
    _tab_to(page, ".sonla-downloads a")
    href = page.evaluate("document.activeElement.href")
    # Enter follows the link: the browser asks for the file (saved or shown, as the browser decides).
    with page.expect_request(lambda request: request.url == href):
        page.keyboard.press("Enter")


def _english(p, name: str) -> None:  # type: ignore[no-untyped-def]
    assert p.locator("html").get_attribute("lang") == "en"
    screenshot(p, f"{name}-en")


def test_english_screenshots(page, phone):  # type: ignore[no-untyped-def]
    """The English guides show the English portal (docs/citizens.en.md)."""
    for p in (page, phone):
        p.goto("/en/")
        _english(p, "home")
        p.goto(f"/en/dataset/{POPULATION}")
        _english(p, "dataset")
    page.goto("/en/dataset/?q=truong+hoc")
    assert page.locator(".dataset-item").count()
    _english(page, "search")
    page.goto("/en/dataset/?organization=so-y-te")
    _english(page, "facet")
    page.goto("/en/organization/so-noi-vu")
    _english(page, "agency")
    _open_resource(page)
    page.goto(page.url.replace("/dataset/", "/en/dataset/", 1))
    page.frame_locator("iframe").first.locator("table tbody tr").first.wait_for(timeout=30_000)
    _english(page, "preview")
