"""Bad input gets a clear 4xx with a message, never a 500 (issue #16, point 5); bounded searches.

Real CKAN, PostgreSQL and DataStore through the ``app`` fixture (real WSGI requests).
"""
from __future__ import annotations

import io
import json
import logging

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

API = "/api/3/action/"
DEEP = 1300


def _dataset(org, **fields):
    return factories.Dataset(owner_org=org["id"], notes="Dữ liệu thử nghiệm", update_frequency="monthly",
                             data_last_updated="2026-01-31", **fields)


def _error_text(response) -> str:
    body = response.json
    assert body["success"] is False
    return json.dumps(body["error"], ensure_ascii=False)


def _assert_vi_en(response) -> None:
    """The portal's language (Vietnamese) at /api; the English catalogue is tested below."""
    text = _error_text(response)
    assert "Tham số" in text, text


@pytest.mark.parametrize("params", [
    {"fq": "tags:a\x00b"},
    {"q": "nuoc\x00"},
    {"q": "x", "sort": "name\x00 asc"},
    {"q": "x", "facet.field": '["tags\x00"]'},
])
def test_a_nul_byte_in_any_search_parameter_is_a_400(app, params):
    response = app.get(API + "package_search", query_string=params, status=400)
    _assert_vi_en(response)


@pytest.mark.parametrize("path", [
    "/dataset/%00", "/dataset/x%00y", "/dataset/x/resource/%00", "/organization/%00", "/group/%00", "/user/%00",
    "/yeu-cau-du-lieu/%00", "/bao-loi-du-lieu/%00", "/ung-dung/%00", "/api/3/action/package_show%00",
])
def test_a_nul_byte_in_the_path_is_a_400_on_every_page(app, path):
    # Path segments reach views as ids and names; PostgreSQL refuses NUL, which used to be a 500.
    def text(response) -> str:
        return _error_text(response) if path.startswith("/api/") else response.body

    assert "Địa chỉ chứa ký tự NUL" in text(app.get(path, status=400))
    assert "The address contains a NUL character" in text(app.get("/en" + path, status=400))


def test_the_message_follows_the_language_of_the_url(app):
    response = app.get("/en" + API + "package_search", query_string={"q": "nuoc\x00"}, status=400)
    assert "Parameter q contains a NUL character" in _error_text(response)
    response = app.post("/en" + API + "package_search", data='{"q": ' + "[" * 100 + "]" * 100 + "}",
                        content_type="application/json", status=400)
    assert "nested too deep" in _error_text(response)


def test_a_nul_byte_in_a_json_body_is_a_400(app):
    response = app.post(API + "package_search", json={"fq": "name:a\u0000"}, status=400)
    _assert_vi_en(response)
    response = app.post(API + "datastore_search", json={"resource_id": "x", "filters": {"a\u0000": "b"}},
                        status=400)
    _assert_vi_en(response)


def test_a_nul_byte_in_freshness_list_organization_is_a_400(app):
    response = app.get(API + "sonla_freshness_list", query_string={"organization": "so\x00"}, status=400)
    _assert_vi_en(response)


@pytest.mark.parametrize("field", ["q", "fq"])
def test_deep_parentheses_in_a_query_are_a_400(app, field):
    response = app.get(API + "package_search", query_string={field: "(" * DEEP + "a" + ")" * DEEP},
                       status=400)
    assert "Search" in _error_text(response)
    # A web page search too: the search page shows an error, not a server error.
    page = app.get("/dataset/", query_string={"q": "(" * DEEP + "a" + ")" * DEEP})
    assert page.status_code in (200, 400), page.status_code


def test_a_json_body_nested_10000_deep_is_a_400(app):
    body = '{"q": ' + "[" * 10000 + "]" * 10000 + "}"
    response = app.post(API + "package_search", data=body, content_type="application/json", status=400)
    _assert_vi_en(response)
    response = app.post(API + "datastore_search", data='{"resource_id": "x", "filters": ' + "{\"a\": " * 10000
                        + "1" + "}" * 10000 + "}", content_type="application/json", status=400)
    _assert_vi_en(response)


def _cpu_seconds_in_a_child(check, document, timeout: float = 20.0) -> float:
    """CPU seconds ``check(document)`` takes, run in a forked child so a runaway check is killed.

    Without the child a regression would hold the test run for an hour instead of failing.
    """
    import multiprocessing
    import time

    def run(connection) -> None:
        from ckanext.sonla.guard import input_check

        started = time.process_time()
        try:
            check(document)
        except input_check.BadInput:  # a 400 for the input is as good as passing it on
            pass
        connection.send(time.process_time() - started)

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=run, args=(sending,))
    child.start()
    try:
        if not receiving.poll(timeout):
            pytest.fail(f"the check of {len(document):,} characters ran for over {timeout} s")
        return receiving.recv()
    finally:
        child.kill()
        child.join()


def _check_body(document: bytes) -> None:
    from ckanext.sonla.guard import input_check

    input_check.check_json_body(document, 32)


def _check_form(document: str) -> None:
    from ckanext.sonla.guard import input_check

    input_check.check_pairs([("fields", [document]), (document, [""])], 32)


@pytest.mark.parametrize(("check", "document"), [
    (_check_body, b'"\\' * 200_000),  # a quote and a backslash, repeated: every quote was a new start
    (_check_body, b'["' + b"a" * 500_000),  # an unclosed string
    (_check_body, b'{"a": ' + b'"\\"' * 150_000),
    (_check_body, b'"' * 400_000),
    (_check_form, "[" + '"\\' * 200_000),
    (_check_form, '{"a": "' + "\\u00e9" * 300_000),
])
def test_malformed_json_is_checked_in_linear_time(check, document):
    assert _cpu_seconds_in_a_child(check, document) < 0.5


def test_one_malformed_json_request_costs_little_cpu(app):
    import time

    started = time.process_time()
    response = app.post(API + "package_search", data=b'"\\' * 50_000, content_type="application/json")
    assert time.process_time() - started < 2, "100 KB of malformed JSON took seconds of CPU"
    assert response.status_code == 400


@pytest.mark.parametrize("value", [[1], {"a": 1}, "ten", -1])
def test_rows_that_is_not_a_number_is_a_400(app, value):
    response = app.post(API + "package_search", json={"rows": value})
    assert response.status_code in (400, 409), response.status_code
    assert "rows" in _error_text(response)


def test_rows_over_the_maximum_is_a_400_or_capped(app):
    org = factories.Organization()
    for i in range(3):
        _dataset(org, name=f"bo-du-lieu-{i}")
    result = app.post(API + "package_search", json={"rows": 10 ** 9}, status=200).json
    assert result["result"]["count"] == 3
    assert len(result["result"]["results"]) == 3


def test_datastore_dump_in_an_unknown_format_is_a_400(app):
    org = factories.Organization()
    dataset = _dataset(org)
    resource = helpers.call_action("resource_create", context={"user": factories.Sysadmin()["name"]},
                                   package_id=dataset["id"], url="http://example.com/a.csv", name="a")
    sysadmin = factories.Sysadmin()
    helpers.call_action("datastore_create", context={"user": sysadmin["name"]}, resource_id=resource["id"], force=True,
                        fields=[{"id": "a", "type": "text"}], records=[{"a": "1"}])
    for fmt in ("xlsx", "XLS", "../csv"):
        response = app.get(f"/datastore/dump/{resource['id']}", query_string={"format": fmt}, status=400)
        assert "csv, tsv" in response.body
    response = app.get(f"/datastore/dump/{resource['id']}", query_string={"format": "csv\x00"}, status=400)
    assert "NUL" in response.body
    assert app.get(f"/datastore/dump/{resource['id']}", query_string={"format": "csv"}).body.startswith("_id")


@pytest.fixture
def publisher():
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org["name"]}


def _publish(app, publisher, package: str, status):
    data = {
        "package": package,
        "resources": json.dumps([{"name": "Tệp", "format": "CSV", "file": "file0"}]),
        "file0": (io.BytesIO(b"a\n1\n"), "a.csv"),
    }
    return app.post(API + "sonla_dataset_publish", data=data, headers={"Authorization": publisher["token"]},
                    content_type="multipart/form-data", status=status)


def test_a_nul_byte_in_a_publish_name_is_a_400(app, publisher):
    package = json.dumps({"name": "bo-du-lieu\u0000", "title": "T", "owner_org": publisher["org"]})
    _assert_vi_en(_publish(app, publisher, package, status=400))


def test_a_publish_field_nested_10000_deep_is_a_400(app, publisher):
    package = '{"name": "x", "extra": ' + "[" * 10000 + "]" * 10000 + "}"
    _assert_vi_en(_publish(app, publisher, package, status=400))


def test_a_failed_request_logs_a_bounded_amount(app, caplog):
    caplog.set_level(logging.DEBUG)
    body = {"name": "x" * 200_000}
    app.post(API + "package_create", json=body)
    app.get(API + "package_search", query_string={"q": "(" * DEEP + "a" + ")" * DEEP}, status=400)
    logged = sum(len(r.getMessage()) + len(r.exc_text or "") for r in caplog.records)
    assert logged < 20_000, logged


@pytest.fixture
def record_factory():
    """The log record factory as it is now, put back after the test."""
    factory = logging.getLogRecordFactory()
    yield factory
    logging.setLogRecordFactory(factory)


def test_installing_the_log_bounds_again_after_another_library_wrapped_the_factory(record_factory):
    from ckanext.sonla.guard import log_bounds

    limits = dict(log_bounds._limits)
    log_bounds.install(2000, 8000)  # the plugin's first configure() (already done in a test run)
    made_by_the_library: list[str] = []
    ours = logging.getLogRecordFactory()

    def library_factory(*args, **kwargs):  # e.g. a tracing library adding its ids to records
        record = ours(*args, **kwargs)
        made_by_the_library.append(record.name)
        return record

    logging.setLogRecordFactory(library_factory)
    log_bounds.install(300, 1000)  # configure() again: CKAN calls it on each app made
    record = logging.getLogRecordFactory()("sonla.test", logging.INFO, __file__, 1, "x" * 5000, None, None)
    assert made_by_the_library == ["sonla.test"]
    assert len(record.getMessage()) < 400  # the new limit holds
    log_bounds._limits.update(limits)


SQL = API + "datastore_search_sql"


@pytest.mark.ckan_config("ckanext.sonla.datastore.statement_timeout", "300")
def test_datastore_sql_is_stopped_at_the_timeout(app):
    import time

    started = time.monotonic()
    response = app.get(SQL, query_string={"sql": "SELECT count(*) FROM generate_series(1, 2000000000)"})
    assert time.monotonic() - started < 10
    assert response.status_code == 409
    assert "too long" in _error_text(response)


def test_datastore_sql_returns_at_most_the_row_limit(app):
    result = app.get(SQL, query_string={"sql": "SELECT * FROM generate_series(1, 20000) AS n"}, status=200).json
    assert len(result["result"]["records"]) == 10000
    assert result["result"]["records_truncated"] is True


@pytest.mark.parametrize("value", [[1], {"a": 1}, "mười"])
def test_datastore_search_limit_that_is_not_a_number_is_a_409(app, value):
    response = app.post(API + "datastore_search", json={"resource_id": "x", "limit": value})
    assert response.status_code in (400, 409), response.status_code
    assert "limit" in _error_text(response)


def test_datastore_sql_past_the_per_process_cap_is_a_503_at_once(app):
    from ckanext.sonla.guard import concurrency

    slot = concurrency.slots(1)  # the default cap: one SQL call at a time per web process
    assert slot.acquire(blocking=False)  # another request's SQL is running
    try:
        response = app.get(SQL, query_string={"sql": "SELECT 1 AS a"})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "2"
        assert "vui lòng thử lại sau 2 giây" in _error_text(response)
        assert app.get(API + "status_show").status_code == 200  # other actions are not held up
    finally:
        slot.release()
    assert app.get(SQL, query_string={"sql": "SELECT 1 AS a"}).status_code == 200
    # Every call gave its slot back, a failed one too.
    app.get(SQL, query_string={"sql": "SELECT nosuchcolumn"})
    assert app.get(SQL, query_string={"sql": "SELECT 1 AS a"}).status_code == 200
