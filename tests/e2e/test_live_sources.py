"""End to end: a dataset published straight from a PostgreSQL "warehouse" (issue 23).

The warehouse is a second database on the test portal's own embedded PostgreSQL, read through
a connection alias whose password is in the environment only. Its table has
$SONLA_E2E_WAREHOUSE_ROWS rows (20,000 by default, to keep the suite short; the benchmark
``make bench-live`` publishes 1,000,000).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import ckanapi
import pytest
import requests
import yaml

from .flaky_proxy import FlakyProxy
from .test_sync import PUBLISH, publisher_env, requests_made

pytestmark = pytest.mark.e2e

ROWS = int(os.environ.get("SONLA_E2E_WAREHOUSE_ROWS", "20000"))
QUERY = "SELECT ma_co_so, ten_co_so, so_giuong, ngay_cap_nhat FROM co_so ORDER BY ma_co_so"
FIELDS = [
    {"name": "ma_co_so", "title": "Mã cơ sở", "type": "string",
     "constraints": {"required": True, "pattern": "^[0-9]{7}$"}},
    {"name": "ten_co_so", "title": "Tên cơ sở", "type": "string", "constraints": {"required": True}},
    {"name": "so_giuong", "title": "Số giường bệnh", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "ngay_cap_nhat", "title": "Ngày cập nhật", "type": "date"},
]


class Warehouse:
    def __init__(self, portal) -> None:
        from sonla_stack.postgres import psql, socket_dir

        self.socket = socket_dir(portal.run_dir / "pgdata")
        self.database = f"kho_{uuid.uuid4().hex[:8]}"
        self.role = f"doc_{uuid.uuid4().hex[:8]}"
        self.password = f"Kho-Mat-Khau-{uuid.uuid4().hex}"
        self.psql = lambda sql: psql(self.socket, sql, self.database)
        psql(self.socket, f"CREATE DATABASE {self.database}")
        psql(self.socket, f"CREATE ROLE {self.role} LOGIN PASSWORD '{self.password}'")
        self.psql(
            "CREATE TABLE co_so AS SELECT lpad(i::text, 7, '0') AS ma_co_so,"
            " 'Trạm y tế số ' || i AS ten_co_so, mod(i, 300) AS so_giuong,"
            f" date '2025-01-01' + mod(i, 365) AS ngay_cap_nhat FROM generate_series(1, {ROWS}) i;"
            " ALTER TABLE co_so ADD PRIMARY KEY (ma_co_so);"
            f" GRANT SELECT ON co_so TO {self.role};"
        )

    @property
    def url(self) -> str:
        return f"postgresql://{self.role}:{self.password}@/{self.database}?host={self.socket}"

    def drop(self) -> None:
        from sonla_stack.postgres import psql

        psql(self.socket, f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        psql(self.socket, f"DROP ROLE IF EXISTS {self.role}")


@pytest.fixture
def warehouse(portal) -> Iterator[Warehouse]:
    warehouse = Warehouse(portal)
    yield warehouse
    warehouse.drop()


@pytest.fixture
def live(tmp_path: Path, warehouse: Warehouse, portal) -> Iterator[dict]:
    """A catalogue with one live spec; its dataset is purged afterwards."""
    name = f"e2e-live-{uuid.uuid4().hex[:8]}"
    root = tmp_path / "specs"
    (root / "codelists").mkdir(parents=True)
    demo = Path(__file__).resolve().parents[2] / "dataset_specs" / "codelists"
    for path in demo.glob("*.csv"):
        (root / "codelists" / path.name).write_bytes(path.read_bytes())
    spec = {
        "name": name,
        "metadata": {
            "title": "Cơ sở y tế (trực tiếp từ kho dữ liệu)", "notes": "Kiểm thử nguồn trực tiếp.",
            "owner_org": "so-y-te", "themes": ["y-te"], "update_frequency": "daily",
            "license_id": "vn-open-data-1.0",
        },
        "schema": {"fields": FIELDS, "primaryKey": ["ma_co_so"]},
        "source": {"kind": "sql", "connection": "kho", "query": QUERY, "batch_rows": 2000},
    }
    path = root / "datasets" / "so-y-te" / f"{name}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    yield {"name": name, "root": root, "live_dir": tmp_path / "live"}
    try:
        ckanapi.RemoteCKAN(portal.url, apikey=portal.token).action.dataset_purge(id=name)
    except ckanapi.NotFound:
        pass


def env_of(portal, warehouse: Warehouse, live: dict, url: str | None = None) -> dict[str, str]:
    return {**publisher_env(url or portal.url, portal.token), "SONLA_SOURCE_KHO_URL": warehouse.url,
            "SONLA_LIVE_DIR": str(live["live_dir"])}


def sync(portal, warehouse: Warehouse, live: dict, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PUBLISH, "sync", str(live["root"]), "--lang", "en", "--workers", "1", *args],
                          env=env_of(portal, warehouse, live), capture_output=True, text=True, timeout=900)


def table_of(admin: ckanapi.RemoteCKAN, name: str) -> tuple[dict, dict]:
    dataset = admin.action.package_show(id=name)
    resource = next(r for r in dataset["resources"] if r.get("datastore_active"))
    return dataset, resource


def test_a_warehouse_table_is_published_then_left_alone_then_updated(portal, warehouse, live):
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    outputs: list[str] = []

    first = sync(portal, warehouse, live)
    outputs.append(first.stdout + first.stderr)
    assert first.returncode == 0, outputs[-1]
    assert "Created: " + live["name"] in first.stdout
    dataset, resource = table_of(admin, live["name"])
    assert admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"] == ROWS

    # no change in the warehouse: nothing is sent (one request, the portal's state)
    again = sync(portal, warehouse, live)
    outputs.append(again.stdout + again.stderr)
    assert again.returncode == 0, outputs[-1]
    assert "nothing to publish" in again.stdout
    assert requests_made(again.stdout) == 1
    assert admin.action.package_show(id=live["name"])["metadata_modified"] == dataset["metadata_modified"]

    # ten rows change: the dataset is published again, with the new values
    warehouse.psql("UPDATE co_so SET so_giuong = 999 WHERE ma_co_so IN"
                   " (SELECT ma_co_so FROM co_so ORDER BY ma_co_so LIMIT 10)")
    changed = sync(portal, warehouse, live)
    outputs.append(changed.stdout + changed.stderr)
    assert changed.returncode == 0, outputs[-1]
    assert "Updated: " + live["name"] in changed.stdout
    _, resource = table_of(admin, live["name"])
    assert admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"] == ROWS
    found = admin.action.datastore_search(resource_id=resource["id"], filters={"so_giuong": 999}, limit=0)
    assert found["total"] == 10

    # a column dropped in the warehouse: a clear error, the portal keeps the last good copy
    before = admin.action.package_show(id=live["name"])
    warehouse.psql("ALTER TABLE co_so DROP COLUMN so_giuong")
    dropped = sync(portal, warehouse, live)
    outputs.append(dropped.stdout + dropped.stderr)
    assert dropped.returncode == 2, outputs[-1]
    assert "Source failed" in dropped.stdout
    assert "so_giuong" in dropped.stdout
    assert "no longer has" in dropped.stdout and "Nothing was published" in dropped.stdout
    after = admin.action.package_show(id=live["name"])
    assert after["source_hash"] == before["source_hash"]
    assert after["metadata_modified"] == before["metadata_modified"]

    # the credentials reached no output, no portal field and no table
    portal_text = json.dumps(after, ensure_ascii=False)
    portal_text += json.dumps(admin.action.datastore_search(resource_id=resource["id"], limit=5))
    for text in [*outputs, portal_text, *(p.read_text("utf-8") for p in live["live_dir"].iterdir())]:
        assert warehouse.password not in text
        assert warehouse.url not in text


def test_a_live_sync_killed_half_way_is_completed_by_the_next_run(portal, warehouse, live):
    """kill -9 while the live dataset's publish request is with the portal; run again: the
    dataset is there once, whole, with every row once."""
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    proxy = FlakyProxy(portal.url)
    try:
        sent = proxy.on_sent("sonla_dataset_publish", 1)
        process = subprocess.Popen(
            [PUBLISH, "sync", str(live["root"]), "--workers", "1"],
            env=env_of(portal, warehouse, live, url=proxy.url),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert sent.wait(timeout=600), "the sync never sent its publish request"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        proxy.wait_idle(timeout=300)
    finally:
        proxy.close()
    rerun = sync(portal, warehouse, live)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    dataset, resource = table_of(admin, live["name"])
    assert len({r["name"] for r in dataset["resources"]}) == len(dataset["resources"]) == 5
    assert admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"] == ROWS
    keys = admin.action.datastore_search_sql(
        sql=f'SELECT count(DISTINCT ma_co_so) AS n FROM "{resource["id"]}"'
    )["records"][0]["n"]
    assert int(keys) == ROWS
    found = admin.action.package_search(fq=f"name:{live['name']}", include_private=True)
    assert found["count"] == 1


def test_the_stack_timer_publishes_the_example_live_sources(portal, monkeypatch):
    """What `make run` does (here with a 2-second timer): the warehouse database, the 0600
    configuration file, `sync --due` of dataset_specs/examples/live in the background; both
    examples end up published, the sql one from the warehouse, the http one from the portal's
    own API. `stop` ends the timer."""
    import time

    from sonla_stack import live_demo, processes
    from sonla_stack.postgres import socket_dir
    from sonla_stack.settings import Settings

    for key in ("SONLA_RUN_DIR", "SONLA_PORT", "SONLA_REDIS_PORT"):
        monkeypatch.setenv(key, portal.env[key])
    settings = Settings()
    config = live_demo.prepare(settings, socket_dir(settings.pgdata), portal.url, portal.token)
    assert oct(config.stat().st_mode & 0o777) == "0o600"
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    names = ["co-so-y-te-tu-kho-du-lieu", "danh-muc-bo-du-lieu-tu-api"]
    pid = live_demo.start(settings, 2)
    try:
        deadline = time.monotonic() + 600
        published: set[str] = set()
        while time.monotonic() < deadline and len(published) < 2:
            for name in names:
                try:
                    if admin.action.package_show(id=name).get("source_hash"):
                        published.add(name)
                except ckanapi.NotFound:
                    pass
            # Longer than gunicorn's 2 s keep-alive: at about 2 s the server could close the idle connection
            # just as the next poll reuses it (CI: "Remote end closed connection without response")
            time.sleep(3)
        assert published == set(names), (settings.logs / "live-sources.log").read_text()
        _, resource = table_of(admin, names[0])
        assert admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"] == live_demo.ROWS
        assert processes.read_pid(live_demo.pid_file(settings)) == pid
    finally:
        assert live_demo.stop(settings)
        for name in names:
            try:
                admin.action.dataset_purge(id=name)
            except ckanapi.NotFound:
                pass
    assert processes.read_pid(live_demo.pid_file(settings)) is None
    log = (settings.logs / "live-sources.log").read_text()
    assert "sync --due" in log
    password = next(line for line in config.read_text().splitlines() if "kho_du_lieu_doc:" in line)
    secret = password.split("kho_du_lieu_doc:")[1].split("@")[0]
    assert secret not in log


class RecordingProxy(FlakyProxy):
    """A FlakyProxy that also keeps each request's path and body: what the portal was sent."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.bodies: list[tuple[str, bytes]] = []

    def handle(self, request) -> None:  # type: ignore[no-untyped-def]
        import io

        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        with self.lock:
            self.bodies.append((request.path, body))
        request.rfile = io.BytesIO(body)
        super().handle(request)

    def sent_to(self, action: str) -> list[bytes]:
        return [body for path, body in self.bodies if path.endswith("/" + action)]


def incremental(live: dict) -> None:
    """The live fixture's spec, made incremental on the warehouse's ngay_cap_nhat column."""
    path = next((live["root"] / "datasets").rglob("*.yaml"))
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["source"]["changed_since"] = "ngay_cap_nhat"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")


def status_of(portal) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PUBLISH, "status", "--lang", "vi"], env=publisher_env(portal.url, portal.token),
                          capture_output=True, text=True, timeout=300)


def watermark_of(dataset: dict) -> dict:
    return json.loads(dataset["source_watermark"])


def test_an_incremental_source_sends_only_its_changed_rows(portal, warehouse, live):
    """changed_since: the first run publishes the table whole; ten rows change, a run killed -9
    after their upsert and before its watermark, then a rerun: those ten rows alone are sent,
    once more, by key (no duplicate, nothing half-updated); a run without change sends nothing;
    a dropped column is a clear error and nothing is published."""
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    incremental(live)
    first = sync(portal, warehouse, live)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Created: " + live["name"] in first.stdout
    dataset, resource = table_of(admin, live["name"])
    assert admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"] == ROWS
    mark = watermark_of(dataset)
    assert mark["column"] == "ngay_cap_nhat" and mark["value"] == "2025-12-31"

    quiet = sync(portal, warehouse, live)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert requests_made(quiet.stdout) == 1  # the portal's state; no row read, none sent

    changed_keys = [f"{i:07d}" for i in range(101, 1101, 100)]
    keys = ", ".join(f"'{key}'" for key in changed_keys)
    warehouse.psql(f"UPDATE co_so SET so_giuong = 777, ngay_cap_nhat = date '2026-01-15'"
                   f" WHERE ma_co_so IN ({keys})")

    # killed after the upsert, before the watermark: the upsert is whole, the watermark old
    proxy = FlakyProxy(portal.url)
    try:
        proxy.hold_after("datastore_upsert")
        process = subprocess.Popen(
            [PUBLISH, "sync", str(live["root"]), "--workers", "1"],
            env=env_of(portal, warehouse, live, url=proxy.url),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert proxy.holding.wait(timeout=600), "the sync never upserted its rows"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        proxy.release()
        proxy.wait_idle(timeout=300)
    finally:
        proxy.close()
    assert watermark_of(admin.action.package_show(id=live["name"]))["value"] == "2025-12-31"
    found = admin.action.datastore_search(resource_id=resource["id"], filters={"so_giuong": 777},
                                          limit=0)
    assert found["total"] == 10

    recording = RecordingProxy(portal.url)
    try:
        rerun = subprocess.run(
            [PUBLISH, "sync", str(live["root"]), "--lang", "en", "--workers", "1"],
            env=env_of(portal, warehouse, live, url=recording.url), capture_output=True, text=True,
            timeout=900,
        )
    finally:
        recording.close()
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"Changed rows upserted: {live['name']} (10 rows)" in rerun.stdout
    upserts = [json.loads(body) for body in recording.sent_to("datastore_upsert")]
    assert len(upserts) == 1 and upserts[0]["method"] == "upsert"
    assert sorted(record["ma_co_so"] for record in upserts[0]["records"]) == changed_keys
    assert {(r["so_giuong"], r["ngay_cap_nhat"]) for r in upserts[0]["records"]} == {(777, "2026-01-15")}
    for action in ("sonla_dataset_publish", "resource_patch", "resource_create", "datastore_create",
                   "datastore_delete"):
        assert not recording.sent_to(action), action
    after = admin.action.package_show(id=live["name"])
    assert watermark_of(after)["value"] == "2026-01-15"
    assert admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"] == ROWS
    distinct = admin.action.datastore_search_sql(
        sql=f'SELECT count(DISTINCT ma_co_so) AS n FROM "{resource["id"]}"')["records"][0]["n"]
    assert int(distinct) == ROWS
    rows = admin.action.datastore_search(resource_id=resource["id"], filters={"so_giuong": 777},
                                         limit=20)["records"]
    assert sorted(row["ma_co_so"] for row in rows) == changed_keys
    assert {row["ngay_cap_nhat"][:10] for row in rows} == {"2026-01-15"}

    again = sync(portal, warehouse, live)
    assert again.returncode == 0, again.stdout + again.stderr
    assert requests_made(again.stdout) == 1

    warehouse.psql("ALTER TABLE co_so DROP COLUMN so_giuong")
    dropped = sync(portal, warehouse, live)
    assert dropped.returncode == 2, dropped.stdout + dropped.stderr
    assert "Source failed" in dropped.stdout and "so_giuong" in dropped.stdout
    assert "Nothing was published" in dropped.stdout
    last = admin.action.package_show(id=live["name"])
    assert last["metadata_modified"] == after["metadata_modified"]
    assert last["source_watermark"] == after["source_watermark"]

    # the failure is on the portal: `status` (on any computer) and the report page show it
    shown = status_of(portal)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "Nguồn trực tiếp bị lỗi ở lần chạy trước (1)" in shown.stdout
    line = next(row for row in shown.stdout.splitlines() if "trực tiếp từ kho dữ liệu" in row)
    assert "so_giuong" in line and "không còn" in line
    page = requests.get(f"{portal.url}/bao-cao/cap-nhat", timeout=60).text
    assert "Nguồn trực tiếp bị lỗi" in page and "so_giuong" in page

    # a wrong password: the reason changes, no credential reaches the portal or the output
    wrong = f"Sai-Mat-Khau-{uuid.uuid4().hex}"
    bad_env = {**env_of(portal, warehouse, live),
               "SONLA_SOURCE_KHO_URL": warehouse.url.replace(warehouse.password, wrong)}
    refused = subprocess.run([PUBLISH, "sync", str(live["root"]), "--lang", "en", "--workers", "1"],
                             env=bad_env, capture_output=True, text=True, timeout=900)
    assert refused.returncode == 2 and "Source failed" in refused.stdout, refused.stdout + refused.stderr
    shown = status_of(portal)
    listed = admin.action.sonla_freshness_list(dataset=live["name"])["datasets"][0]["source_failure"]
    page = requests.get(f"{portal.url}/bao-cao/cap-nhat", timeout=60).text
    for text in (refused.stdout + refused.stderr, shown.stdout, json.dumps(listed, ensure_ascii=False), page):
        assert wrong not in text and warehouse.password not in text
    assert warehouse.role in listed["reason"] or "kho" in listed["reason"]
    assert listed["reason"] != listed["reason_en"]

    # the source is well again: the next run clears it everywhere
    warehouse.psql("ALTER TABLE co_so ADD COLUMN so_giuong integer")
    well = sync(portal, warehouse, live)
    assert well.returncode == 0, well.stdout + well.stderr
    assert admin.action.sonla_freshness_list(dataset=live["name"])["datasets"][0]["source_failure"] is None
    assert "Nguồn trực tiếp bị lỗi" not in status_of(portal).stdout
    assert "Nguồn trực tiếp bị lỗi" not in requests.get(f"{portal.url}/bao-cao/cap-nhat", timeout=60).text
