"""``kind: http`` sources against a real HTTP API (Flask, on a local port): paging styles,
nested records, a token from the environment, retries on 503, and data that changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sonla_publisher.errors import ReadError
from sonla_publisher.portal.package import source_hash
from sonla_publisher.reading.table import read_table
from sonla_publisher.sources import http_source
from sonla_publisher.sources.snapshot import take_snapshot
from sonla_publisher.specs.spec import load_spec, structure_problems
from sonla_publisher.validation.validator import validate_table

from tests.publisher.live_helpers import live_catalogue, live_spec, run_cli

pytest.importorskip("flask")

from tests.publisher.live_api import TOKEN, ApiState, RunningApi, serve

MAPPING = {"ma_co_so": "ma", "ten_co_so": "$.ten.vi", "so_giuong": "giuong[0].so",
           "ngay_cap_nhat": "cap_nhat"}
STYLES: dict[str, dict[str, Any]] = {
    "page": {"path": "/api/page", "records": "data.items",
             "paging": {"style": "page", "size_param": "size", "size": 7}},
    "offset": {"path": "/api/offset", "records": "$[*]",
               "paging": {"style": "offset", "param": "offset", "size_param": "size", "size": 7}},
    "cursor": {"path": "/api/cursor", "records": "items",
               "paging": {"style": "cursor", "param": "cursor", "cursor": "meta.next",
                          "size_param": "size", "size": 7}},
    "next-link": {"path": "/api/next", "records": "results",
                  "paging": {"style": "next-link", "next": "links.next"}},
}


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_source, "BACKOFF_SECONDS", 0.01)


@pytest.fixture
def api() -> Iterator[RunningApi]:
    state = ApiState()
    state.set_rows(40)
    yield from serve(state)


def spec_for(tmp_path: Path, source: dict[str, Any], name: str = "co-so-api"):  # type: ignore[no-untyped-def]
    root = live_catalogue(tmp_path / f"specs-{name}",
                          live_spec(name, {"kind": "http", "connection": "api-y-te", **source}))
    return load_spec(root / "datasets" / "so-y-te" / f"{name}.yaml"), root


def env_for(api: RunningApi, tmp_path: Path, token: str = TOKEN) -> dict[str, str]:
    return {"SONLA_SOURCE_API_Y_TE_URL": api.url, "SONLA_SOURCE_API_Y_TE_TOKEN": token,
            "SONLA_LIVE_DIR": str(tmp_path / "live")}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_paging_style_reads_every_record_despite_503s(
    style: str, api: RunningApi, tmp_path: Path
) -> None:
    spec, root = spec_for(tmp_path, {**STYLES[style], "fields": MAPPING})
    assert structure_problems(spec) == []
    snapshot = take_snapshot(spec, None, environ=env_for(api, tmp_path))
    assert snapshot.rows == 40
    assert api.state.failures >= 1  # the API did fail, and the pages were retried
    table = read_table(snapshot.path, spec, root / "codelists")
    assert validate_table(table, spec, root / "codelists").valid
    assert [row.values for row in table.rows[:2]] == [
        ("14000", "Trạm y tế 0", "10", "2025-03-01"),
        ("14001", "Trạm y tế 1", "11", "2025-03-02"),
    ]
    assert snapshot.source_hash == source_hash(spec, snapshot.path.read_bytes())


def test_a_csv_endpoint(api: RunningApi, tmp_path: Path) -> None:
    spec, _ = spec_for(tmp_path, {"path": "/api/csv", "format": "csv"})
    assert take_snapshot(spec, None, environ=env_for(api, tmp_path)).rows == 40


def test_the_data_changes_between_runs(api: RunningApi, tmp_path: Path) -> None:
    spec, _ = spec_for(tmp_path, {**STYLES["page"], "fields": MAPPING})
    env = env_for(api, tmp_path)
    first = take_snapshot(spec, None, environ=env).source_hash
    assert take_snapshot(spec, None, environ=env).source_hash == first  # unchanged: same hash
    api.state.set_rows(40, beds=12)
    assert take_snapshot(spec, None, environ=env).source_hash != first


def test_a_wrong_token_is_a_clear_error_that_never_shows_it(api: RunningApi,
                                                            tmp_path: Path) -> None:
    _, root = spec_for(tmp_path, {**STYLES["page"], "fields": MAPPING})
    wrong = "Sai-Token-0000"
    result = run_cli(["validate", "co-so-api", "--specs", str(root)],
                     env_for(api, tmp_path, token=wrong))
    assert result.exit_code == 2
    assert "401" in result.output and "api-y-te" in result.output
    assert wrong not in result.output and TOKEN not in result.output


def test_a_next_link_to_another_site_is_refused(api: RunningApi, tmp_path: Path) -> None:
    spec, _ = spec_for(tmp_path, {"path": "/api/elsewhere", "records": "results",
                                  "paging": {"style": "next-link", "next": "links.next"}})
    with pytest.raises(ReadError) as raised:
        take_snapshot(spec, None, environ=env_for(api, tmp_path))
    assert raised.value.message_id == "source.http_other_site"


def test_an_api_that_always_fails_gives_up_after_the_retries(api: RunningApi,
                                                             tmp_path: Path) -> None:
    api.state.fail_every = 1
    spec, _ = spec_for(tmp_path, {**STYLES["page"], "fields": MAPPING, "retries": 2})
    with pytest.raises(ReadError) as raised:
        take_snapshot(spec, None, environ=env_for(api, tmp_path))
    assert raised.value.message_id == "source.http_status"
    assert raised.value.params["status"] == 503
    assert api.state.requests == 3  # the first try and two retries
    assert not (tmp_path / "live" / "co-so-api.csv").exists()


def test_a_page_limit_stops_an_endless_api(api: RunningApi, tmp_path: Path) -> None:
    spec, _ = spec_for(tmp_path, {**STYLES["page"], "fields": MAPPING, "max_pages": 2})
    with pytest.raises(ReadError) as raised:
        take_snapshot(spec, None, environ=env_for(api, tmp_path))
    assert raised.value.message_id == "source.http_too_many_pages"


def test_no_credential_reaches_any_output(api: RunningApi, tmp_path: Path) -> None:
    """The token (environment) and a header value (0600 config file) appear in no output:
    terminal, JSON and HTML reports, cleaned file, snapshot."""
    header_secret = "Khoa-Phu-8842"
    config = tmp_path / "config.ini"
    config.write_text(f"[source api-y-te]\nheader = X-Api-Key: {header_secret}\n",
                      encoding="utf-8")
    config.chmod(0o600)
    _, root = spec_for(tmp_path, {**STYLES["cursor"], "fields": MAPPING})
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    env = {**env_for(api, tmp_path), "SONLA_CONFIG": str(config)}
    results = [
        run_cli(["validate", "co-so-api", "--specs", str(root), "--json",
                 str(outputs / "r.json"), "--html", str(outputs / "r.html"), "-o",
                 str(outputs / "clean.csv")], env),
        run_cli(["validate", "co-so-api", "--specs", str(root), "--lang", "en"], env),
        # a failing run prints the most: the URL of the page that failed
        run_cli(["validate", "co-so-api", "--specs", str(root)], {**env,
                "SONLA_SOURCE_API_Y_TE_TOKEN": "x"}),
    ]
    assert results[0].exit_code == 0, results[0].output
    assert results[1].exit_code == 0, results[1].output
    assert results[2].exit_code == 2
    texts = [result.output for result in results]
    texts += [path.read_text(encoding="utf-8") for path in outputs.iterdir()]
    texts += [path.read_text(encoding="utf-8") for path in (tmp_path / "live").iterdir()]
    texts += [path.read_text(encoding="utf-8") for path in root.rglob("*.yaml")]
    assert len(texts) >= 7
    for text in texts:
        assert TOKEN not in text
        assert header_secret not in text


def test_a_password_in_the_api_address_is_never_shown(api: RunningApi, tmp_path: Path) -> None:
    """The failing page's address is printed (to say which page failed): the password the
    alias's URL holds is masked in it."""
    _, root = spec_for(tmp_path, {**STYLES["page"], "fields": MAPPING})
    secret = "Mat-Khau-Trong-Dia-Chi-5521"
    address = api.url.replace("http://", f"http://nguoi-doc:{secret}@")
    env = {**env_for(api, tmp_path, token="sai"), "SONLA_SOURCE_API_Y_TE_URL": address}
    result = run_cli(["validate", "co-so-api", "--specs", str(root)], env)
    assert result.exit_code == 2
    assert "401" in result.output and "/api/page" in result.output
    assert secret not in result.output


@pytest.mark.parametrize(
    "source, message",
    [
        ({"path": "/api/html"}, "không trả về JSON"),
        ({"path": "/api/page", "records": "data.khong_co"}, "không có danh sách bản ghi ở data.khong_co"),
        ({"path": "/api/csv-1258", "format": "csv"}, "không phải văn bản UTF-8"),
    ],
)
def test_hostile_answers_are_clear_errors(source: dict[str, Any], message: str, api: RunningApi,
                                          tmp_path: Path) -> None:
    api.state.fail_every = 0
    _, root = spec_for(tmp_path, source)
    result = run_cli(["validate", "co-so-api", "--specs", str(root)], env_for(api, tmp_path))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_incremental_api_is_asked_for_the_records_changed_since_the_watermark(
    api: RunningApi, tmp_path: Path
) -> None:
    """source.changed_since with source.since_param: each page is asked with the watermark."""
    source = {**STYLES["page"], "fields": MAPPING, "changed_since": "ngay_cap_nhat",
              "since_param": "updated_since"}
    spec, _ = spec_for(tmp_path, source)
    assert structure_problems(spec) == []
    env = env_for(api, tmp_path)
    full = take_snapshot(spec, None, environ=env)
    assert (full.rows, full.newest) == (40, "2025-03-28")
    assert set(api.state.since_asked) == {None}
    for record in api.state.records[5:15]:  # two pages of 7 once filtered
        record["cap_nhat"] = "2025-04-02"
    api.state.since_asked.clear()
    changes = take_snapshot(spec, None, environ=env, since=full.newest)
    assert (changes.rows, changes.newest, changes.path.name) == (10, "2025-04-02", "co-so-api.changes.csv")
    assert set(api.state.since_asked) == {"2025-03-28"} and len(api.state.since_asked) >= 2
