"""A citizen's visit in a real browser, in Vietnamese then English, on a desktop and a phone."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from i18n_audit import leftovers  # tests/i18n_audit.py (tests/ is on sys.path)

from .conftest import screenshot

pytestmark = pytest.mark.e2e

SCHOOLS = "Danh sách trường mầm non, phổ thông trên địa bàn tỉnh Sơn La"
POPULATION = "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa"
# The demo catalogue the test portal publishes: counts come from it, not from a fixed number.
SPECS = [yaml.safe_load(p.read_text(encoding="utf-8"))
         for p in (Path(__file__).resolve().parents[2] / "dataset_specs" / "datasets").rglob("*.yaml")]
HEALTH_DATASETS = sum(1 for spec in SPECS if spec["metadata"]["owner_org"] == "so-y-te")


def assert_vietnamese(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("html").get_attribute("lang") == "vi"
    found = leftovers(page.content())
    assert not found, f"English leftovers on {page.url}: {found}"


def assert_fits(page) -> None:  # type: ignore[no-untyped-def]
    """Nothing wider than the screen (no sideways scrolling)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the screen"


def test_home(page, phone):  # type: ignore[no-untyped-def]
    for p in (page, phone):
        p.goto("/")
        assert p.get_by_role("heading", level=1, name="Dữ liệu mở tỉnh Sơn La").is_visible()
        assert p.get_by_text("Ủy ban nhân dân tỉnh Sơn La").first.is_visible()
        counts = p.locator(".sonla-counts strong").all_inner_texts()
        assert len(counts) == 4 and int(counts[0]) == len(SPECS) and int(counts[1]) >= 88
        assert p.locator(".sonla-theme").count() == 12
        assert_vietnamese(p)
        assert_fits(p)
        screenshot(p, "home")


def test_keyboard_reaches_the_skip_link_first(page):  # type: ignore[no-untyped-def]
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#content"


def test_search_without_diacritics(page, phone):  # type: ignore[no-untyped-def]
    for p in (page, phone):
        p.goto("/")
        p.get_by_label("Tìm bộ dữ liệu").last.fill("truong hoc")
        p.get_by_label("Tìm bộ dữ liệu").last.press("Enter")
        p.wait_for_url(re.compile(r"/dataset/?\?q=truong\+hoc"))
        assert p.get_by_role("link", name=SCHOOLS).first.is_visible()
        assert_vietnamese(p)
        assert_fits(p)
        screenshot(p, "search")


def test_facet_click(page):  # type: ignore[no-untyped-def]
    page.goto("/dataset")
    page.locator("section", has_text="Cơ quan").get_by_role("link", name=re.compile("Sở Y tế")).first.click()
    page.wait_for_url(re.compile(r"organization=so-y-te"))
    assert page.locator(".dataset-item").count() == HEALTH_DATASETS
    assert f"Tìm thấy {HEALTH_DATASETS} bộ dữ liệu" in page.content()
    assert_vietnamese(page)
    screenshot(page, "facet")


def test_dataset_page(page, phone):  # type: ignore[no-untyped-def]
    for p in (page, phone):
        p.goto(f"/dataset/{POPULATION}")
        summary = p.locator(".sonla-summary")
        assert "Sở Nội vụ" in summary.inner_text() and "Hằng năm" in summary.inner_text()
        assert "Căn cứ pháp lý" in summary.inner_text()
        assert p.locator(".sonla-dictionary tbody tr").count() == 8
        # CSV, XLSX, CSV for Excel, the data dictionary and the agency's original file (#20 part 4)
        assert p.locator(".sonla-downloads a").count() == 5
        assert "datastore_search" in p.locator(".sonla-api").inner_text()
        assert_vietnamese(p)
        assert_fits(p)
        screenshot(p, "dataset")


def test_resource_preview(page):  # type: ignore[no-untyped-def]
    page.goto(f"/dataset/{POPULATION}")
    page.locator(".resource-item a.heading").first.click()
    frame = page.frame_locator("iframe").first
    frame.locator("table tbody tr").first.wait_for(timeout=30_000)
    assert frame.get_by_text("Phường Tô Hiệu").first.is_visible()
    assert_vietnamese(page)
    preview = next(f for f in page.frames if "/view/" in f.url)
    found = leftovers(preview.content())  # the table as the browser built it
    assert not found, f"English leftovers in the preview: {found}"
    # DataTables' own labels (not CKAN strings, so not in the audit): from our language file
    info = frame.locator(".dataTables_info")
    assert re.fullmatch(r"Dòng 1 đến \d+ trong tổng số 75 dòng", info.inner_text().strip())
    assert "Tìm:" in frame.locator(".dataTables_filter").inner_text()
    assert "sắp xếp" in (frame.locator("thead th").nth(1).get_attribute("aria-label") or "")
    frame.locator("table tbody tr").first.click()
    assert "Đã chọn 1 dòng" in info.inner_text()
    screenshot(page, "preview")


def test_agency_page(page, phone):  # type: ignore[no-untyped-def]
    for p in (page, phone):
        p.goto("/organization/so-noi-vu")
        assert p.get_by_role("link", name=re.compile("Diện tích, dân số")).first.is_visible()
        assert "Cơ quan cấp tỉnh" in p.locator(".sonla-org-details").inner_text()
        assert_vietnamese(p)
        assert_fits(p)
        screenshot(p, "agency")


def test_language_switch(page):  # type: ignore[no-untyped-def]
    page.goto(f"/dataset/{POPULATION}")
    page.locator(".sonla-topbar").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(f"/en/dataset/{POPULATION}"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Update frequency" in page.content() and "Yearly" in page.locator(".sonla-summary").inner_text()
    assert page.get_by_role("link", name="Terms of use").is_visible()
    screenshot(page, "dataset-en")
    page.locator(".sonla-topbar").get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(re.compile(f"^(?!.*/en/).*/dataset/{POPULATION}"))
    assert_vietnamese(page)


def _preview_search(preview, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type into the preview's search box as a visitor does (Enter searches) and read the rows found."""
    box = preview.locator(".dataTables_filter input")
    box.fill("")
    box.press("Enter")
    preview.wait_for_function("() => !document.querySelector('.dataTables_info').innerText.includes('lọc')")
    box.fill(typed)
    box.press("Enter")
    preview.wait_for_function("() => document.querySelector('.dataTables_info').innerText.includes('lọc')")
    preview.locator(".dataTables_processing").wait_for(state="hidden")
    # Cell texts, not innerText: innerText's tabs between cells depend on the layout of the moment.
    return sorted(preview.eval_on_selector_all(
        "table#dtprv tbody tr", "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()).join('\\t'))"))


def test_preview_search_with_and_without_tone_marks(page):  # type: ignore[no-untyped-def]
    page.goto(f"/dataset/{POPULATION}")
    page.locator(".resource-item a.heading").first.click()
    page.frame_locator("iframe").first.locator("table tbody tr").first.wait_for(timeout=30_000)
    preview = next(f for f in page.frames if "/view/" in f.url)
    accented = _preview_search(preview, "Chiềng")
    screenshot(page, "preview-search")
    assert accented and all("Chiềng" in row for row in accented), accented
    assert _preview_search(preview, "chieng") == accented
    # Numbers the Vietnamese way: a population of five digits or more has its thousands dot.
    assert any(re.search(r"\b\d{1,3}\.\d{3}\b", row) for row in accented), accented
