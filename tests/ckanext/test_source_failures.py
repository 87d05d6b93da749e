"""A live source that failed on sonla-publish's last run is visible on the portal (issue 23):
``sonla_dataset_source_status`` records it (the dataset's publishers only), the report page,
``sonla_freshness_list`` (read by ``sonla-publish status``) and ``package_search`` show it, and a
later success clears it. Real CKAN, PostgreSQL and Redis; the dataset is published as
sonla-publish does."""
from __future__ import annotations

import pytest
from test_agency_publish import NAME, PLUGINS, _member, _publish_as_the_cli

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

REASON = ("Không đọc được API «cong-du-lieu» (sau khi thử lại): 503 Server Error\n"
          "\x1b[31mchi tiết\x07")
SHOWN = "Không đọc được API «cong-du-lieu» (sau khi thử lại): 503 Server Error [31mchi tiết"
REASON_EN = "Cannot read the API «cong-du-lieu» (after retries): 503 Server Error"


@pytest.fixture
def agency():
    import ckan.tests.factories as factories

    factories.Organization(name="so-y-te")
    factories.Organization(name="so-noi-vu")
    for theme in ("y-te", "dia-phuong"):
        factories.Group(name=theme)
    return {"editor": _member("so-y-te"), "stranger": _member("so-noi-vu")}


def _status(app, token, status: int, **params):
    response = app.post("/api/3/action/sonla_dataset_source_status", json=params,
                        headers={"Authorization": token} if token else {}, expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


def _listed(app) -> dict:
    rows = app.get("/api/3/action/sonla_freshness_list").json["result"]["datasets"]
    return next(row for row in rows if row["name"] == NAME)


def _searched(app) -> dict:
    results = app.get(f"/api/3/action/package_search?fq=name:{NAME}").json["result"]["results"]
    assert len(results) == 1
    return results[0]


def test_a_failed_source_is_recorded_shown_and_cleared(app, agency):
    token = agency["editor"]["token"]
    _publish_as_the_cli(app, token)
    assert _listed(app)["source_failure"] is None
    assert "source_failure" not in _searched(app)
    page = app.get("/bao-cao/cap-nhat").body
    assert "sonla-source-failures-table" not in page

    # only those who may publish the dataset may say its source failed
    _status(app, agency["stranger"]["token"], 403, id=NAME, failed=True, reason=REASON)
    _status(app, None, 403, id=NAME, failed=True, reason=REASON)
    assert _listed(app)["source_failure"] is None
    # bounded and checked: a Vietnamese 4xx, never a 500
    assert "reason" in _status(app, token, 409, id=NAME, failed=True)["error"]
    assert "reason" in _status(app, token, 409, id=NAME, failed=True, reason="x" * 2001)["error"]
    assert "failed" in _status(app, token, 409, id=NAME, failed="perhaps", reason=REASON)["error"]
    _status(app, token, 404, id="khong-co-bo-nay", failed=True, reason=REASON)

    result = _status(app, token, 200, id=NAME, failed=True, reason=REASON, reason_en=REASON_EN)["result"]
    assert result["source_failure"]["reason"] == SHOWN  # one line, no control character
    listed = _listed(app)["source_failure"]
    assert (listed["reason"], listed["reason_en"]) == (SHOWN, REASON_EN) and listed["failed_at"]
    assert _searched(app)["source_failure"]["reason"] == SHOWN
    page = app.get("/bao-cao/cap-nhat").body
    assert "Nguồn trực tiếp bị lỗi" in page and "sonla-source-failures-table" in page
    assert "Không đọc được API «cong-du-lieu» (sau khi thử lại): 503 Server Error" in page
    english = app.get("/en/bao-cao/cap-nhat").body
    assert "Live sources that failed" in english and REASON_EN in english

    # the next failure replaces the reason; a success clears it everywhere
    _status(app, token, 200, id=NAME, failed=True, reason="Lý do mới")
    assert _listed(app)["source_failure"]["reason"] == "Lý do mới"
    assert _listed(app)["source_failure"]["reason_en"] == "Lý do mới"  # no English given: the Vietnamese
    assert _status(app, token, 200, id=NAME, failed=False)["result"]["source_failure"] is None
    assert _listed(app)["source_failure"] is None
    assert "source_failure" not in _searched(app)
    assert "sonla-source-failures-table" not in app.get("/bao-cao/cap-nhat").body
