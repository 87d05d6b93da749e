"""Showcases ("Ứng dụng", issue #22 part 4) in a real browser: a signed-in citizen submits a showcase
from a demo dataset's page, a sysadmin approves it on its page, and the dataset page (in the
anonymous cache) then links to it.
"""
from __future__ import annotations

from configparser import ConfigParser
from urllib.parse import urlsplit

import pytest
from ckanapi import RemoteCKAN

from .conftest import screenshot
from .test_pages_a11y import _axe_source, _serious

pytestmark = pytest.mark.e2e

PASSWORD = "Mat-khau-thu-2026"
CITIZEN = "lap-trinh-vien-du-lich"
DATASET = "diem-du-lich"
TITLE = "Bản đồ điểm du lịch Sơn La"


@pytest.fixture(scope="module")
def people(portal) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ckan = RemoteCKAN(portal.url, apikey=portal.token)
    ckan.action.user_create(name=CITIZEN, email=f"{CITIZEN}@example.vn", password=PASSWORD)
    assert ckan.action.package_show(id=DATASET)["name"] == DATASET  # a demo dataset
    credentials = ConfigParser(interpolation=None)
    credentials.read(portal.run_dir / "credentials.ini")
    return {"citizen": CITIZEN, "sysadmin": credentials["portal"]["user"],
            "sysadmin_password": credentials["portal"]["password"]}


def _log_in(page, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/user/login")
    page.locator("#field-login").fill(user)
    page.locator("#field-password").fill(password)
    page.locator("form").filter(has=page.locator("#field-password")).get_by_role("button").first.click()
    page.wait_for_load_state()


def test_a_showcase_from_submission_to_the_dataset_page(chromium, portal, people):  # type: ignore[no-untyped-def]
    anonymous = chromium.new_context(base_url=portal.url).new_page()
    for _ in range(3):  # let the anonymous cache store the dataset page before the approval
        anonymous.goto(f"/dataset/{DATASET}")
    assert TITLE not in anonymous.content()
    assert anonymous.locator(".sonla-dataset-showcases h2").inner_text() == "Ứng dụng sử dụng dữ liệu này"

    citizen = chromium.new_context(base_url=portal.url).new_page()
    _log_in(citizen, people["citizen"], PASSWORD)
    citizen.goto(f"/dataset/{DATASET}")
    citizen.locator(".sonla-dataset-showcases").get_by_role("link", name="Gửi ứng dụng").click()
    assert citizen.locator("#field-datasets").input_value() == DATASET
    citizen.locator("#field-title").fill(TITLE)
    citizen.locator("#field-kind").select_option("visualisation")
    citizen.locator("#field-url").fill("https://ban-do-du-lich.example.vn")
    citizen.locator("#field-author").fill("CLB Tin học Tây Bắc")
    citizen.locator("#field-description").fill("Các điểm du lịch của tỉnh trên bản đồ, lọc theo huyện.")
    screenshot(citizen, "showcase-form")
    citizen.locator("#field-url").fill("javascript:alert(document.cookie)")
    axe = _axe_source()
    problems = _serious(citizen, axe)
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    citizen.wait_for_load_state()
    assert "Phải là địa chỉ web bắt đầu bằng http:// hoặc https://" in citizen.content()
    citizen.locator("#field-url").fill("https://ban-do-du-lich.example.vn")
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    citizen.wait_for_load_state()
    assert "Chờ duyệt" in citizen.locator(".sonla-showcase-status").inner_text()
    showcase_path = citizen.url.split(portal.url, 1)[1]

    anonymous.goto(showcase_path)
    assert "Không tìm thấy ứng dụng" in anonymous.content()

    sysadmin = chromium.new_context(base_url=portal.url).new_page()
    _log_in(sysadmin, people["sysadmin"], people["sysadmin_password"])
    sysadmin.goto("/ung-dung?status=pending")
    sysadmin.get_by_role("link", name=TITLE).click()
    sysadmin.locator("#field-status").select_option("approved")
    sysadmin.get_by_role("button", name="Lưu").click()
    sysadmin.wait_for_load_state()
    assert sysadmin.locator(".sonla-showcase-status").count() == 0  # approved: no status badge

    problems += _serious(sysadmin, axe)  # the review form

    seen: list[str] = []
    anonymous.on("request", lambda request: seen.append(request.url))
    anonymous.goto("/")
    anonymous.get_by_role("link", name="Ứng dụng").first.click()
    assert TITLE in anonymous.locator(".sonla-showcase-list").inner_text()
    problems += _serious(anonymous, axe)
    anonymous.goto(f"/dataset/{DATASET}")
    anonymous.locator(".sonla-dataset-showcases").get_by_role("link", name=TITLE).click()
    anonymous.wait_for_load_state()
    assert anonymous.locator(".sonla-showcase-link").get_attribute("href") == "https://ban-do-du-lich.example.vn"
    assert anonymous.locator(".sonla-showcase-datasets a").get_attribute("href").endswith(f"/dataset/{DATASET}")
    screenshot(anonymous, "showcase")
    problems += _serious(anonymous, axe)
    assert not problems, "serious or critical accessibility violations:\n" + "\n".join(problems)
    # The showcase's own site is only linked: nothing is loaded from it, nor from anywhere else.
    outside = {url for url in seen if urlsplit(url).scheme not in ("data", "blob")
               and urlsplit(url).netloc != urlsplit(portal.url).netloc}
    assert not outside, f"requests leaving the portal: {sorted(outside)}"
