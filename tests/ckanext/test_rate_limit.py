"""Per-client API rate limits counted in the test Redis (issue #16): 429, JSON, Retry-After."""
from __future__ import annotations

import ckan.tests.factories as factories
import pytest
import redis
from ckan.common import config

PLUGINS = "sonla_search sonla scheming_datasets datastore"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("ckanext.sonla.ratelimit.enabled", "true"),
    pytest.mark.ckan_config("ckanext.sonla.ratelimit.anonymous", "3 per minute"),
    pytest.mark.ckan_config("ckanext.sonla.ratelimit.user", "8 per minute"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "empty_counters"),
]
STATUS = "/api/3/action/status_show"


@pytest.fixture
def empty_counters():
    """Counters live for a minute in the shared test Redis: start every test from zero."""
    store = redis.Redis.from_url(config["ckan.redis.url"])
    for key in store.scan_iter("*sonla-ratelimit*"):
        store.delete(key)
    yield
    for key in store.scan_iter("*sonla-ratelimit*"):
        store.delete(key)


def _statuses(app, path, n, **kwargs) -> list[int]:
    return [app.get(path, **kwargs).status_code for _ in range(n)]


def test_an_anonymous_client_over_its_limit_gets_a_429_in_json_with_retry_after(app):
    assert _statuses(app, STATUS, 3) == [200, 200, 200]
    response = app.get(STATUS)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    error = response.json["error"]
    assert response.json["success"] is False
    assert "Quá nhiều yêu cầu (tối đa 3 yêu cầu trong 60 giây)" in error["message"], error["message"]
    english = app.get("/en" + STATUS)
    assert english.status_code == 429
    assert "Too many requests (at most 3 in 60 seconds)" in english.json["error"]["message"]


def test_the_limit_is_kept_in_redis_so_a_new_process_sees_it(app, make_app):
    assert _statuses(app, STATUS, 3) == [200, 200, 200]
    other_worker = make_app()  # a second app: its own Limiter, the same Redis
    assert other_worker.get(STATUS).status_code == 429


def test_token_users_get_their_higher_limit_and_sysadmins_none(app):
    user = factories.User()
    token = factories.APIToken(user=user["name"])["token"]
    assert _statuses(app, STATUS, 8, headers={"Authorization": token}) == [200] * 8
    assert app.get(STATUS, headers={"Authorization": token}).status_code == 429
    sysadmin = factories.Sysadmin()
    admin_token = factories.APIToken(user=sysadmin["name"])["token"]
    assert set(_statuses(app, STATUS, 12, headers={"Authorization": admin_token})) == {200}
    # Each signed-in user and the anonymous clients are counted apart.
    assert app.get(STATUS).status_code == 200


@pytest.mark.ckan_config("ckanext.sonla.ratelimit.expensive_cost", "3")
def test_datastore_sql_costs_more_than_a_lookup(app):
    sql = "/api/3/action/datastore_search_sql"
    assert app.get(sql, query_string={"sql": "SELECT 1 AS a"}).status_code == 200
    # The one SQL call used the whole allowance of 3.
    assert app.get(STATUS).status_code == 429


def test_pages_are_not_limited(app):
    assert set(_statuses(app, "/dataset/", 5)) == {200}


@pytest.mark.ckan_config("ckanext.sonla.ratelimit.trusted_proxies", "1")
def test_behind_a_trusted_proxy_each_forwarded_address_is_a_client(app):
    for address in ("203.0.113.7", "203.0.113.8"):
        forwarded = {"X-Forwarded-For": address}
        assert _statuses(app, STATUS, 3, headers=forwarded) == [200, 200, 200]
        assert app.get(STATUS, headers=forwarded).status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_cannot_dodge_the_limit(app):
    statuses = [app.get(STATUS, headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
