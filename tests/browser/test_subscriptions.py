"""E-mail subscriptions without an account (issue #22 part 3) in a real browser: subscribe on a dataset
page, confirm by the e-mailed link, the agency publishes new data through the API (as ``sonla-publish``
does), the stack's real ``ckan jobs worker`` e-mails the subscriber (``portal.mail``, tests/e2e/portal.py),
and the one-click link in that e-mail unsubscribes."""
from __future__ import annotations

import io
import json
import re
import time

import pytest
import requests

from .conftest import screenshot
from .test_pages_a11y import _axe_source, _serious

pytestmark = pytest.mark.e2e

SUBSCRIBER = "nguoi-theo-doi@example.vn"
DATASET = "thu-dang-ky-nhan-thu"
AGENCY = "so-y-te"


def _publish(portal, rows: bytes) -> None:  # type: ignore[no-untyped-def]
    fields = [{"id": "ma", "type": "text", "info": {"label": "Mã"}}]
    response = requests.post(f"{portal.url}/api/3/action/sonla_dataset_publish",
                             headers={"Authorization": portal.token}, timeout=120, data={
        "package": json.dumps({"name": DATASET, "title": "Thử đăng ký nhận thư", "notes": "Thử",
                               "owner_org": AGENCY, "update_frequency": "monthly",
                               "data_last_updated": "2026-10-01"}),
        "resources": json.dumps([{"name": "Bảng", "format": "CSV", "file": "file0"}]),
        "datastore": json.dumps({"resource": 0, "fields": fields, "primary_key": ["ma"]}),
    }, files={"file0": ("bang.csv", io.BytesIO(b"ma\n")), "rows": ("rows.tsv", io.BytesIO(rows))})
    assert response.status_code == 200, response.text[:500]


@pytest.fixture
def dataset(portal):  # type: ignore[no-untyped-def]
    """A dataset of its own, purged afterwards so that the demo catalogue's counts stay as they are."""
    _publish(portal, b"A\n")
    yield DATASET
    requests.post(f"{portal.url}/api/3/action/dataset_purge", headers={"Authorization": portal.token},
                  json={"id": DATASET}, timeout=120)


def _body(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body().get_content()


def test_subscribe_on_a_dataset_page_and_get_the_next_publish(chromium, portal, dataset):  # type: ignore[no-untyped-def]
    visitor = chromium.new_context(base_url=portal.url).new_page()
    visitor.goto(f"/dataset/{dataset}")
    form = visitor.locator(".sonla-subscribe-form")
    form.get_by_label("Địa chỉ e-mail của bạn").fill(SUBSCRIBER)
    screenshot(visitor, "subscribe-form")
    visitor.wait_for_timeout(3500)  # a person takes a few seconds (ckanext.sonla.requests.min_form_seconds)
    form.get_by_role("button", name="Đăng ký").click()
    visitor.wait_for_load_state()
    assert "mở đường dẫn" in visitor.content()

    confirmation = portal.mail.wait_for(SUBSCRIBER, 1, 60)[0]
    assert confirmation["Subject"].endswith("Xác nhận đăng ký nhận thư")
    visitor.goto(re.search(r"http\S+/theo-doi/xac-nhan/\S+", _body(confirmation)).group(0))
    problems = _serious(visitor, _axe_source())  # the page of an e-mailed link (public_forms/web.py)
    assert not problems, "serious or critical accessibility violations:\n" + "\n".join(problems)
    visitor.get_by_role("button", name="Xác nhận đăng ký").click()  # opening the link alone confirms nothing
    visitor.wait_for_load_state()
    assert "Cảm ơn bạn" in visitor.content()

    _publish(portal, b"A\nB\n")  # new data; the stack's job worker sends the e-mail
    news = portal.mail.wait_for(SUBSCRIBER, 2, 60)[1]
    assert news["Subject"].endswith("Dữ liệu mới: Thử đăng ký nhận thư")
    body = _body(news)
    assert f"/dataset/{dataset}" in body
    assert news["List-Unsubscribe"].startswith("<http")

    visitor.goto(re.search(r"http\S+/theo-doi/huy/\S+", body).group(0))
    visitor.get_by_text("Bạn đã hủy đăng ký").wait_for(timeout=20_000)  # the page posts by itself: one click
    _publish(portal, b"A\nB\nC\n")
    time.sleep(10)  # the worker's time to send, had anyone still been subscribed
    assert len(portal.mail.to(SUBSCRIBER)) == 2
