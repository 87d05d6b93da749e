"""The anonymous response cache (issue #19 part 2) on real CKAN, PostgreSQL and Redis, over HTTP.

A cached answer must never be older than the catalogue, never reach a signed-in user, never carry a
signed-in user's data to anyone else, and keep apart what differs (language, query string).
"""
from __future__ import annotations

import io
import json
import re
import time

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import redis
from ckan.common import config
from ckanext.sonla.compat import CKAN_2_12
from freezegun import freeze_time
from itsdangerous import TimestampSigner

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db", "empty_cache"),
]
SEARCH = "/api/3/action/package_search"
HIT = "X-Sonla-Cache"
# On for each test (a module-wide mark could not be overridden by one test's own).
ON = pytest.mark.ckan_config("ckanext.sonla.cache.enabled", "true")


@pytest.fixture
def empty_cache():
    store = redis.Redis.from_url(config["ckan.redis.url"])
    for key in store.scan_iter("sonla:cache:*"):
        store.delete(key)
    yield


@pytest.fixture
def publisher():
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org, "user": user}


def _publish(app, publisher, name, title, rows):
    package = {"name": name, "title": title, "notes": "Mô tả", "owner_org": publisher["org"]["name"],
               "update_frequency": "monthly", "data_last_updated": "2026-10-01", "state": "active",
               "source_hash": title}
    resources = [{"name": "Dữ liệu", "format": "CSV", "file": "file0", "row_count": str(len(rows))},
                 {"name": "Tệp gốc (XLSX)", "format": "XLSX", "file": "file1"},
                 {"name": "Từ điển dữ liệu", "format": "JSON", "file": "file2"}]
    data = {
        "package": json.dumps(package, ensure_ascii=False),
        "resources": json.dumps(resources, ensure_ascii=False),
        "datastore": json.dumps({"resource": 0, "fields": [{"id": "ma", "type": "text"}], "primary_key": ["ma"]}),
        "file0": (io.BytesIO(b"ma\nA\n"), f"{name}.csv"),
        "file1": (io.BytesIO(b"PK\x03\x04 not really xlsx"), "nguon.xlsx"),
        "file2": (io.BytesIO(b'{"fields": []}'), "tu-dien.json"),
        "rows": (io.BytesIO("".join(f"{r}\n" for r in rows).encode()), "rows.tsv"),
    }
    response = app.post("/api/3/action/sonla_dataset_publish", data=data, headers={"Authorization": publisher["token"]},
                        content_type="multipart/form-data")
    assert response.status_code == 200, response.body
    return response.json["result"]


def _twice(app, path, **kwargs):
    """Ask as an anonymous client until the answer is stored, then once more: that one comes from the cache.

    A browser's first page sets its session cookie (CSRF token), and its second its login state: such
    answers are not stored, so a page may take three requests.
    """
    for _ in range(3):
        first = app.get(path, **kwargs)
        assert first.status_code == 200
        if first.headers.get(HIT) == "stored":
            break
    second = app.get(path, **kwargs)
    assert second.status_code == 200
    assert second.headers.get(HIT) == "hit", (path, first.headers.get(HIT))
    return second


# CKAN 2.11 gives every anonymous page view a session cookie; a response that sets a cookie is
# never stored (test_a_response_that_sets_a_cookie_is_not_stored), so 2.11 serves pages uncached
# (API answers are cached). Strict: it fails the day 2.11's pages are stored.
PAGES_UNCACHED_ON_2_11 = pytest.mark.xfail(not CKAN_2_12, strict=True, reason=(
    "CKAN 2.11 sets a session cookie on anonymous pages, so they are not stored"))


@ON
@PAGES_UNCACHED_ON_2_11
def test_a_publish_is_visible_at_once_to_an_anonymous_client(app, publisher):
    result = _publish(app, publisher, "bo-cache", "Tiêu đề cũ", ["A", "B"])
    resource_id = result["resources"][0]["id"]
    store = f"/api/3/action/datastore_search?resource_id={resource_id}"
    assert _twice(app, SEARCH + "?q=bo-cache").json["result"]["results"][0]["title"] == "Tiêu đề cũ"
    assert "Tiêu đề cũ" in _twice(app, "/dataset/bo-cache").body
    assert "Tiêu đề cũ" in _twice(app, "/dataset/").body
    assert _twice(app, store).json["result"]["total"] == 2

    _publish(app, publisher, "bo-cache", "Tiêu đề mới", ["A", "B", "C"])

    search = app.get(SEARCH + "?q=bo-cache")
    assert search.headers.get(HIT) != "hit"
    assert search.json["result"]["results"][0]["title"] == "Tiêu đề mới"
    assert "Tiêu đề mới" in app.get("/dataset/bo-cache").body
    assert "Tiêu đề mới" in app.get("/dataset/").body
    assert app.get(store).json["result"]["total"] == 3


@ON
@PAGES_UNCACHED_ON_2_11
def test_a_change_without_a_web_request_is_visible_at_once(app, publisher):
    """A background job or the CLI writes in-process: the search index's generation moves with it."""
    _publish(app, publisher, "bo-nen", "Tiêu đề cũ", ["A"])
    assert "Tiêu đề cũ" in _twice(app, "/dataset/bo-nen").body
    helpers.call_action("package_patch", {"user": publisher["user"]["name"]}, id="bo-nen",
                        title="Tiêu đề của công việc nền")
    assert "Tiêu đề của công việc nền" in app.get("/dataset/bo-nen").body


@ON
@PAGES_UNCACHED_ON_2_11
def test_an_organization_change_is_visible_at_once(app, publisher):
    """Organizations are not in the search index: the plugin's organization hook moves the generation."""
    _publish(app, publisher, "bo-to-chuc", "Bộ dữ liệu", ["A"])
    assert publisher["org"]["title"] in _twice(app, "/dataset/bo-to-chuc").body
    helpers.call_action("organization_patch", {"user": factories.Sysadmin()["name"]},
                        id=publisher["org"]["id"], title="Sở Mới Đổi Tên")
    assert "Sở Mới Đổi Tên" in app.get("/dataset/bo-to-chuc").body


@ON
def test_a_datastore_write_over_the_api_is_visible_at_once(app, publisher):
    """datastore_upsert does not touch the search index: a signed-in user's write moves the generation."""
    result = _publish(app, publisher, "bo-bang", "Bộ dữ liệu", ["A"])
    resource_id = result["resources"][0]["id"]
    path = f"/api/3/action/datastore_search?resource_id={resource_id}"
    assert _twice(app, path).json["result"]["total"] == 1
    response = app.post("/api/3/action/datastore_upsert", headers={"Authorization": publisher["token"]},
                        json={"resource_id": resource_id, "records": [{"ma": "Z"}], "method": "insert",
                              "force": True})
    assert response.status_code == 200, response.body
    assert app.get(path).json["result"]["total"] == 2


@ON
@PAGES_UNCACHED_ON_2_11
def test_a_private_dataset_never_reaches_anonymous_clients_through_the_cache(app, publisher):
    org = publisher["org"]
    factories.Dataset(owner_org=org["id"], name="bo-rieng", title="Bí mật", private=True, notes="x",
                      update_frequency="monthly", data_last_updated="2026-01-01")
    factories.Dataset(owner_org=org["id"], name="bo-chung", title="Công khai", notes="x",
                      update_frequency="monthly", data_last_updated="2026-01-01")
    member = {"Authorization": publisher["token"]}
    for _ in range(2):  # a signed-in user is neither served from nor stored in the cache
        mine = app.get(SEARCH + "?include_private=true", headers=member)
        assert {r["name"] for r in mine.json["result"]["results"]} == {"bo-rieng", "bo-chung"}
        assert HIT not in mine.headers
        page = app.get("/dataset/bo-rieng", headers=member)
        assert page.status_code == 200 and HIT not in page.headers
        assert "public" not in page.headers.get("Cache-Control", "")  # CKAN marks them private
    anonymous = _twice(app, SEARCH + "?include_private=true")
    assert [r["name"] for r in anonymous.json["result"]["results"]] == ["bo-chung"]
    assert app.get("/dataset/bo-rieng", status=404).status_code == 404
    assert "Bí mật" not in _twice(app, "/dataset/").body
    # ...and an entry stored for anonymous clients is not served to the signed-in user.
    mine = app.get(SEARCH + "?include_private=true", headers=member)
    assert HIT not in mine.headers and mine.json["result"]["count"] == 2


@ON
def test_a_matching_etag_gets_a_304_without_a_body(app, publisher):
    _publish(app, publisher, "bo-etag", "Bộ dữ liệu", ["A"])
    for path in (SEARCH + "?q=etag", "/dataset/bo-etag"):
        first = app.get(path)
        etag = first.headers["ETag"]
        assert first.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
        again = app.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.body == ""
        assert app.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def _form_tokens(page) -> list[str]:
    return re.findall(r'name="form_token" value="([^"]+)"', page.body)


@pytest.mark.ckan_config("ckanext.sonla.cache.enabled", "false")
def test_a_pages_etag_does_not_change_with_the_time_its_form_was_shown(app, publisher):
    # The subscription form says when it was shown (to the second): the ETag must not follow it.
    _publish(app, publisher, "bo-etag", "Bộ dữ liệu", ["A"])
    first = app.get("/dataset/bo-etag")
    assert _form_tokens(first)
    time.sleep(1.1)
    again = app.get("/dataset/bo-etag", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.body == ""


@ON
@PAGES_UNCACHED_ON_2_11
def test_a_cached_form_says_when_this_client_was_shown_it(app, publisher):
    _publish(app, publisher, "bo-form", "Bộ dữ liệu", ["A"])
    stored_at = int(time.time())
    _twice(app, "/dataset/bo-form")
    time.sleep(1.1)
    served_at = int(time.time())
    hit = app.get("/dataset/bo-form")
    assert hit.headers.get(HIT) == "hit"
    (token,) = set(_form_tokens(hit))
    secret = config.get("SECRET_KEY") or config["beaker.session.secret"]
    shown = int(TimestampSigner(secret, salt="sonla-request-form").unsign(token))
    assert shown >= served_at > stored_at
    assert "sonla-cache-form-token-placeholder" not in hit.body


@pytest.mark.ckan_config("ckanext.sonla.cache.enabled", "false")
def test_etags_are_sent_and_honoured_with_the_redis_copy_off(app, publisher):
    _publish(app, publisher, "bo-etag", "Bộ dữ liệu", ["A"])
    first = app.get(SEARCH + "?q=etag")
    assert HIT not in first.headers
    assert app.get(SEARCH + "?q=etag", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    _publish(app, publisher, "bo-etag", "Đổi tiêu đề", ["A"])
    assert app.get(SEARCH + "?q=etag", headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


@ON
@PAGES_UNCACHED_ON_2_11
def test_languages_and_query_strings_get_entries_of_their_own(app, publisher):
    _publish(app, publisher, "bo-ngon-ngu", "Bộ dữ liệu", ["A"])
    vi = _twice(app, "/dataset/bo-ngon-ngu")
    en = app.get("/en/dataset/bo-ngon-ngu")
    assert en.headers.get(HIT) != "hit"
    assert 'lang="vi"' in vi.body and 'lang="en"' in en.body
    assert 'lang="en"' in _twice(app, "/en/dataset/bo-ngon-ngu").body
    assert 'lang="vi"' in app.get("/dataset/bo-ngon-ngu").body
    rows0 = _twice(app, SEARCH + "?q=bo&rows=0").json["result"]
    rows1 = app.get(SEARCH + "?q=bo&rows=1")
    assert rows1.headers.get(HIT) != "hit"
    assert rows0["results"] == [] and len(rows1.json["result"]["results"]) == 1
    # the same parameters in another order are the same question
    assert app.get(SEARCH + "?rows=0&q=bo").headers.get(HIT) == "hit"


@ON
def test_freshness_changes_at_midnight_so_does_the_key(app, publisher):
    _publish(app, publisher, "bo-ngay", "Bộ dữ liệu", ["A"])
    with freeze_time("2026-11-30 12:00:00"):
        _twice(app, SEARCH + "?q=ngay")
    with freeze_time("2026-12-01 12:00:00"):
        assert app.get(SEARCH + "?q=ngay").headers.get(HIT) != "hit"


@ON
@pytest.mark.ckan_config("ckanext.sonla.cache.max_entry_bytes", "200")
def test_an_answer_over_the_entry_size_is_not_stored(app, publisher):
    _publish(app, publisher, "bo-lon", "Bộ dữ liệu", ["A"])
    assert app.get(SEARCH).headers.get(HIT) == "miss"
    assert app.get(SEARCH).headers.get(HIT) == "miss"


@ON
@pytest.mark.ckan_config("ckanext.sonla.cache.max_total_bytes", "3000")
def test_the_total_is_bounded(app, publisher):
    _publish(app, publisher, "bo-tong", "Bộ dữ liệu", ["A"])
    outcomes = [app.get(f"{SEARCH}?q=bo&rows={n}").headers.get(HIT) for n in range(8)]
    assert "stored" in outcomes and outcomes[-1] == "miss", outcomes
    store = redis.Redis.from_url(config["ckan.redis.url"])
    stored = sum(len(store.get(k) or b"") for k in store.scan_iter("sonla:cache:*:entry:*"))
    assert 0 < stored <= 3000


@ON
def test_a_response_that_sets_a_cookie_is_not_stored(app):
    # A new browser session: CKAN's page sets the session cookie (CSRF token), so the page is not stored.
    fresh = app.get("/dataset/", extra_environ={"HTTP_COOKIE": ""})
    assert "Set-Cookie" in fresh.headers
    assert fresh.headers.get(HIT) is None
    assert app.get("/dataset/", extra_environ={"HTTP_COOKIE": ""}).headers.get(HIT) != "hit"


@ON
@PAGES_UNCACHED_ON_2_11
def test_a_cached_page_carries_the_clients_own_csrf_token(app, publisher):
    _publish(app, publisher, "bo-csrf", "Bộ dữ liệu", ["A"])
    page = _twice(app, "/dataset/bo-csrf")
    assert "sonla-cache-csrf-token-placeholder" not in page.body
    assert 'name="_csrf_token" content="' in page.body
