"""Data requests and problem reports (issue #22, parts 1 and 2) in a real browser, with the portal's
e-mail caught by the test SMTP server (``portal.mail``, tests/e2e/portal.py).

An anonymous visitor asks for data, confirms by the e-mailed link, the agency's editor is e-mailed,
answers "Đang xử lý" then "Đã đáp ứng" with a dataset, and the visitor is e-mailed each time. A
signed-in citizen reports a problem from a dataset page, which then lists it (the page is in the
anonymous cache: the report must show at once).
"""
from __future__ import annotations

import re

import pytest
from ckanapi import RemoteCKAN

from .conftest import screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "Mat-khau-thu-2026"
EDITOR = "bien-tap-yeu-cau-y-te"
EDITOR_EMAIL = f"{EDITOR}@sonla.local"
VISITOR_EMAIL = "nguoi-dan-hoi@example.vn"
ANSWER = "co-so-kham-chua-benh"
REPORTED = "nha-thuoc-quay-thuoc"


@pytest.fixture(scope="module")
def people(portal) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ckan = RemoteCKAN(portal.url, apikey=portal.token)
    ckan.action.user_create(name=EDITOR, email=EDITOR_EMAIL, password=PASSWORD)
    ckan.action.organization_member_create(id="so-y-te", username=EDITOR, role="editor")
    ckan.action.user_create(name="cong-dan-bao-loi", email="cong-dan@example.vn", password=PASSWORD)
    return {"editor": EDITOR, "citizen": "cong-dan-bao-loi"}


def _log_in(page, user: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/user/login")
    page.locator("#field-login").fill(user)
    page.locator("#field-password").fill(PASSWORD)
    page.locator("form").filter(has=page.locator("#field-password")).get_by_role("button").first.click()
    page.wait_for_load_state()


def _body(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body().get_content()


def test_a_request_from_submission_to_fulfilled(chromium, portal, people):  # type: ignore[no-untyped-def]
    visitor = chromium.new_context(base_url=portal.url).new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name="Yêu cầu dữ liệu").first.click()
    visitor.get_by_role("link", name="Gửi yêu cầu dữ liệu").click()
    visitor.locator("#field-title").fill("Danh sách phòng khám tư nhân")
    visitor.locator("#field-description").fill("Tên, địa chỉ, giờ làm việc của các phòng khám, theo xã.")
    visitor.locator("#field-organization").select_option("so-y-te")
    visitor.locator("#field-email").fill(VISITOR_EMAIL)
    screenshot(visitor, "data-request-form")
    visitor.wait_for_timeout(3500)  # a person takes a few seconds (ckanext.sonla.requests.min_form_seconds)
    visitor.get_by_role("button", name="Gửi yêu cầu").click()
    visitor.wait_for_load_state()
    assert "mở đường dẫn" in visitor.content()

    confirmation = portal.mail.wait_for(VISITOR_EMAIL, 1, 20)[0]
    assert confirmation["Subject"].endswith("Xác nhận yêu cầu của bạn")
    link = re.search(r"http\S+/yeu-cau-du-lieu/xac-nhan/\S+", _body(confirmation)).group(0)
    assert not portal.mail.to(EDITOR_EMAIL)  # nothing reaches the agency before the confirmation
    visitor.goto(link)
    visitor.get_by_role("button", name="Xác nhận yêu cầu").click()  # opening the link alone confirms nothing
    visitor.wait_for_load_state()
    assert visitor.locator(".sonla-request").get_attribute("data-status") == "new"
    assert "Danh sách phòng khám tư nhân" in visitor.locator("h1").inner_text()
    request_url = visitor.url

    arrival = portal.mail.wait_for(EDITOR_EMAIL, 1, 20)[0]
    assert "Danh sách phòng khám tư nhân" in arrival["Subject"]
    assert request_url.split("/yeu-cau-du-lieu/")[1] in _body(arrival)

    editor = chromium.new_context(base_url=portal.url).new_page()
    _log_in(editor, EDITOR)
    editor.goto(request_url)
    editor.locator("#field-status").select_option("in_progress")
    editor.get_by_role("button", name="Lưu").click()
    editor.wait_for_load_state()
    assert editor.locator(".sonla-request").get_attribute("data-status") == "in_progress"
    progress = portal.mail.wait_for(VISITOR_EMAIL, 2, 20)[1]
    assert "Đang xử lý" in progress["Subject"]

    editor.locator("#field-status").select_option("fulfilled")
    editor.locator("#field-dataset").fill(ANSWER)
    editor.locator("#field-reason").fill("Dữ liệu đã có trong bộ cơ sở khám chữa bệnh.")
    editor.get_by_role("button", name="Lưu").click()
    editor.wait_for_load_state()
    assert editor.locator(".sonla-request").get_attribute("data-status") == "fulfilled"
    screenshot(editor, "data-request-fulfilled")
    done = portal.mail.wait_for(VISITOR_EMAIL, 3, 20)[2]
    assert "Đã đáp ứng" in done["Subject"]
    assert f"/dataset/{ANSWER}" in _body(done) and "Dữ liệu đã có" in _body(done)
    assert VISITOR_EMAIL not in editor.content()

    visitor.goto("/yeu-cau-du-lieu?status=fulfilled")
    visitor.get_by_role("link", name="Danh sách phòng khám tư nhân").click()
    assert visitor.locator(".sonla-request-answer a").get_attribute("href").endswith(f"/dataset/{ANSWER}")
    visitor.goto("/bao-cao/cap-nhat")
    assert visitor.locator('.sonla-request-counts tr[data-agency="so-y-te"] td[data-status="fulfilled"]') \
        .inner_text() == "1"


def test_a_problem_report_from_a_dataset_page(chromium, portal, people):  # type: ignore[no-untyped-def]
    anonymous = chromium.new_context(base_url=portal.url).new_page()
    for _ in range(3):  # let the anonymous cache store the dataset page before the report
        anonymous.goto(f"/dataset/{REPORTED}")
    assert "Chưa có báo lỗi nào đang mở" in anonymous.content()

    citizen = chromium.new_context(base_url=portal.url).new_page()
    _log_in(citizen, people["citizen"])
    citizen.goto(f"/dataset/{REPORTED}")
    citizen.locator(".sonla-problem-reports").get_by_role("link", name="Báo lỗi dữ liệu").click()
    citizen.locator("#field-description").fill("Quầy thuốc ở xã Chiềng Mung ghi sai địa chỉ")
    citizen.locator("#field-location").fill("dòng 14, cột Địa chỉ")
    screenshot(citizen, "problem-report-form")
    citizen.get_by_role("button", name="Gửi báo lỗi").click()
    citizen.wait_for_load_state()
    assert citizen.locator(".sonla-request").get_attribute("data-status") == "new"
    assert "dòng 14, cột Địa chỉ" in citizen.content()
    arrival = [m for m in portal.mail.wait_for(EDITOR_EMAIL, 1, 20) if "Chiềng Mung" in m["Subject"]]
    assert arrival and "dòng 14, cột Địa chỉ" in _body(arrival[0])

    anonymous.goto(f"/dataset/{REPORTED}")
    reports = anonymous.locator(".sonla-problem-report")
    assert reports.count() == 1
    assert "Quầy thuốc ở xã Chiềng Mung ghi sai địa chỉ" in reports.first.inner_text()
