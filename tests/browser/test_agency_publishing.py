"""Publishing in the portal (issue #18, point 1) in a real browser, as an agency's editor.

The editor logs in, opens "Dữ liệu của cơ quan" from the header, uploads a file with three kinds
of error and reads the report with its cell references, uploads the corrected file and publishes
it; the dataset's freshness turns "Đúng hạn", its row count and files follow. An editor of another
agency is refused the same dataset. The screenshots feed the agency guide (`make screenshots`).
"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
import requests
from ckanapi import RemoteCKAN

from .conftest import screenshot

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
NAME = "ty-le-tiem-chung-theo-xa"
SOURCE = REPO / "dataset_specs" / "sources" / "so-y-te" / "ty-le-tiem-chung-theo-xa.xlsx"
PASSWORD = "Mat-khau-thu-2026"


def _member(ckan: RemoteCKAN, name: str, org: str) -> str:
    ckan.action.user_create(name=name, email=f"{name}@sonla.local", password=PASSWORD)
    ckan.action.organization_member_create(id=org, username=name, role="editor")
    return name


@pytest.fixture(scope="module")
def editors(portal) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ckan = RemoteCKAN(portal.url, apikey=portal.token)
    # Overdue before the flow: the publication must turn it "Đúng hạn".
    ckan.action.package_patch(id=NAME, data_last_updated="2025-01-15", temporal_coverage_to="2024-12-31")
    return {"health": _member(ckan, "can-bo-so-y-te", "so-y-te"),
            "interior": _member(ckan, "can-bo-so-noi-vu", "so-noi-vu")}


def _log_in(page, user: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/user/login")
    page.locator("#field-login").fill(user)
    page.locator("#field-password").fill(PASSWORD)
    page.locator("form").filter(has=page.locator("#field-password")).get_by_role("button").first.click()
    page.wait_for_load_state()


def _wait_for_the_job(page, seconds: float = 90) -> None:  # type: ignore[no-untyped-def]
    """Until the upload's state, which the self-refreshing page shows, is no longer queued or running."""
    from playwright.sync_api import Error as PlaywrightError  # the conftest skips without playwright

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = page.locator(".sonla-agency-state").get_attribute("data-state", timeout=5_000)
        except PlaywrightError:  # the page was refreshing
            state = None
        if state in ("done", "failed", "published"):
            page.wait_for_load_state()
            return
        if state in ("queued", "running"):
            assert page.locator("progress.sonla-agency-progress").count() == 1
        time.sleep(0.5)
    pytest.fail("the validation job did not finish: is the stack's job worker running?")


def _files(folder: Path) -> tuple[Path, Path]:
    """The demo file with three kinds of error (a word in a number column, a code that breaks
    its pattern, a repeated key), and the same file corrected (the original)."""
    book = openpyxl.load_workbook(SOURCE)
    sheet = book["Biểu TCMR"]
    sheet["D8"] = "nhiều"
    sheet["B9"] = "12"
    sheet["B11"] = sheet["B10"].value
    broken = folder / "tiem-chung-quy-2.xlsx"
    book.save(broken)
    fixed = folder / "tiem-chung-quy-2-da-sua.xlsx"
    fixed.write_bytes(SOURCE.read_bytes())
    return broken, fixed


def test_an_editor_publishes_from_the_agency_page(page, editors):  # type: ignore[no-untyped-def]
    _log_in(page, editors["health"])
    page.get_by_role("link", name="Dữ liệu của cơ quan").first.click()
    page.wait_for_url(re.compile(r"/co-quan/du-lieu"))
    row = page.locator(f"tr[data-dataset='{NAME}']")
    assert "Hằng quý" in row.inner_text() and "Quá hạn" in row.inner_text()
    assert re.search(r"\d{2}/\d{2}/\d{4}", row.inner_text())  # the due date, dd/mm/yyyy
    screenshot(page, "agency-data")
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(f"/co-quan/du-lieu/{NAME}$"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Mẫu Excel").click()
    assert download.value.suggested_filename == f"{NAME}.xlsx"

    with tempfile.TemporaryDirectory() as folder:
        broken, fixed = _files(Path(folder))
        # 1. three kinds of error, reported with their cells
        page.locator("#sonla-upload-file").set_input_files(str(broken))
        page.get_by_role("button", name="Tải lên và kiểm tra").click()
        page.wait_for_url(re.compile(f"/co-quan/du-lieu/{NAME}$"))
        # The test portal validates every upload in the background (tests/e2e/portal.py): the page
        # shows the progress and refreshes itself until the job of the stack's worker is done.
        _wait_for_the_job(page)
        assert "lỗi cần sửa" in page.locator(".sonla-agency-state").inner_text()
        report = page.frame_locator("iframe.sonla-agency-report")
        cells = report.locator("td.cell").all_inner_texts()
        assert {"D8", "B9", "B11"} <= set(cells), cells
        assert report.locator("table.changes td.new").count() > 0  # the cleaning list, as in the CLI report
        page.reload()  # the state is on the server
        assert "lỗi cần sửa" in page.locator(".sonla-agency-state").inner_text()
        assert page.get_by_role("button", name="Công bố").count() == 0
        page.frame_locator("iframe.sonla-agency-report").locator("td.cell", has_text="B9").first \
            .scroll_into_view_if_needed()  # the errors, for the guide's screenshot
        screenshot(page, "agency-report")

        # 2. the corrected file, then one button
        page.locator("#sonla-upload-file").set_input_files(str(fixed))
        page.get_by_role("button", name="Tải lên và kiểm tra").click()
        page.wait_for_url(re.compile(f"/co-quan/du-lieu/{NAME}$"))
        _wait_for_the_job(page)
        assert "Hợp lệ: 75 dòng" in page.locator(".sonla-agency-state").inner_text()
        page.get_by_role("button", name="Công bố").click()
        page.wait_for_url(re.compile(f"/co-quan/du-lieu/{NAME}$"))
        assert "Đã công bố: 75 dòng" in page.content()

    # 3. fresh, with its rows and files
    assert "Đúng hạn" in page.locator(".sonla-agency-freshness").inner_text()
    assert "75" in page.locator(".sonla-agency-rows").inner_text()
    screenshot(page, "agency-published")
    page.goto(f"/dataset/{NAME}")
    assert "Đúng hạn" in page.content()
    assert page.locator(".resource-item", has_text="Tệp gốc").count() == 1
    page.goto("/co-quan/du-lieu")
    assert "Đúng hạn" in page.locator(f"tr[data-dataset='{NAME}']").inner_text()


def test_another_agency_editor_is_refused(page, editors, portal):  # type: ignore[no-untyped-def]
    _log_in(page, editors["interior"])
    page.goto("/co-quan/du-lieu")
    assert page.locator(f"tr[data-dataset='{NAME}']").count() == 0
    response = page.goto(f"/co-quan/du-lieu/{NAME}")
    assert response.status == 403
    assert "Chỉ biên tập viên và quản trị viên của cơ quan" in page.content()
    ckan = RemoteCKAN(portal.url, apikey=portal.token)
    original = next(r for r in ckan.action.package_show(id=NAME)["resources"] if r["name"].startswith("Tệp gốc"))
    assert original["url"].endswith(".xlsx")


def test_forms_without_the_csrf_token_are_refused(page, editors, portal):  # type: ignore[no-untyped-def]
    """A logged-in browser's POST without the form's token is refused and changes nothing (Flask-WTF,
    and the view's own check where CKAN exempted the view after an API-token request; that check
    has its own test in tests/ckanext/test_agency_publish.py)."""
    upload_url = f"{portal.url}/co-quan/du-lieu/{NAME}/tai-len"
    for _ in range(4):  # each gunicorn worker exempts the view once it served a token request
        requests.post(upload_url, headers={"Authorization": portal.token}, timeout=60,
                      files={"file": ("a.csv", b"x\n")})
    _log_in(page, editors["health"])
    page.goto(f"/co-quan/du-lieu/{NAME}")
    before = page.locator(".sonla-agency-state").inner_text()
    response = page.request.post(upload_url, multipart={
        "file": {"name": "tiem-chung.xlsx", "mimeType": "application/octet-stream",
                 "buffer": SOURCE.read_bytes()}})
    assert response.status == 400
    page.reload()
    assert page.locator(".sonla-agency-state").inner_text() == before


def test_the_agency_pages_in_english_for_the_english_guide(page, editors):  # type: ignore[no-untyped-def]
    """docs/agencies.en.md shows the English agency pages (issue 21: English guides, English screenshots)."""
    _log_in(page, editors["health"])
    page.goto("/en/agency/data")
    row = page.locator(f"tr[data-dataset='{NAME}']")
    assert "Quarterly" in row.inner_text()
    assert re.search(r"\d{4}-\d{2}-\d{2}", row.inner_text())  # the due date, as English pages write it
    screenshot(page, "agency-data-en")
    page.goto(f"/en/agency/data/{NAME}")
    screenshot(page, "agency-published-en")
    with tempfile.TemporaryDirectory() as folder:
        broken, _ = _files(Path(folder))
        page.locator("#sonla-upload-file").set_input_files(str(broken))
        page.get_by_role("button", name="Upload and validate").click()
        page.wait_for_url(re.compile(f"^.*/en/.*/{NAME}$"))  # the page's links keep the language, not the path
        _wait_for_the_job(page)
        report = page.frame_locator("iframe.sonla-agency-report")
        assert {"D8", "B9", "B11"} <= set(report.locator("td.cell").all_inner_texts())
        report.locator("td.cell", has_text="B9").first.scroll_into_view_if_needed()
        screenshot(page, "agency-report-en")
