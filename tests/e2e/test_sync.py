"""End to end: `sonla-publish sync` and `push` against the real test portal.

Each test publishes copies of a few demo specs under its own names (prefix ``e2e-sync-``) and
purges them afterwards, so the demo catalogue the other tests count stays as it was.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import ckanapi
import pytest
import requests
import yaml
from sonla_publisher.portal.package import source_hash
from sonla_publisher.specs.spec import load_spec

from .flaky_proxy import FlakyProxy
from .portal import REPO

pytestmark = pytest.mark.e2e

PUBLISH = str(Path(sys.executable).with_name("sonla-publish"))
DEMO = REPO / "dataset_specs"
PREFIX = "e2e-sync-"
# A CSV with a three-column key, an xlsx with a one-column key, an xlsx with merged cells.
DEMO_SPECS = ["gia-hang-hoa-tai-cho-phuong-to-hieu", "danh-sach-truong-hoc", "tuyen-xe-buyt"]


class Catalogue:
    """Copies of demo specs under test names, with their source files, in a temp directory."""

    def __init__(self, root: Path, demo_names: list[str], with_demo: bool = False) -> None:
        self.root = root
        shutil.copytree(DEMO / "codelists", root / "codelists")
        if with_demo:
            shutil.copytree(DEMO / "datasets", root / "datasets")
            shutil.copytree(DEMO / "sources", root / "sources")
        self.names: list[str] = []
        self.specs: dict[str, Path] = {}
        self.sources: dict[str, Path] = {}
        for demo_name in demo_names:
            self.add(demo_name)

    def add(self, demo_name: str) -> str:
        spec_path = next((DEMO / "datasets").rglob(f"{demo_name}.yaml"))
        text = spec_path.read_text(encoding="utf-8")
        name = PREFIX + demo_name
        data = yaml.safe_load(text)
        path = self.root / "datasets" / data["metadata"]["owner_org"] / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M), encoding="utf-8")
        source = self.root / "sources" / data["source"]["file"]
        source.parent.mkdir(parents=True, exist_ok=True)
        if not source.exists():  # a copy of the whole demo catalogue already has it
            shutil.copyfile(DEMO / "sources" / data["source"]["file"], source)
        self.names.append(name)
        self.specs[name], self.sources[name] = path, source
        return name

    def expected_hash(self, name: str) -> str:
        return source_hash(load_spec(self.specs[name]), self.sources[name].read_bytes())


@pytest.fixture
def admin(portal) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(portal.url, apikey=portal.token)


@pytest.fixture
def catalogue(tmp_path: Path, admin: ckanapi.RemoteCKAN) -> Iterator[Catalogue]:
    catalogue = Catalogue(tmp_path / "specs", DEMO_SPECS)
    yield catalogue
    for name in catalogue.names:
        try:
            admin.action.dataset_purge(id=name)
        except ckanapi.NotFound:
            pass


def sync_command(catalogue: Catalogue, *args: str) -> list[str]:
    return [PUBLISH, "sync", str(catalogue.root), "--lang", "en", *args]


def publisher_env(url: str, token: str) -> dict[str, str]:
    return dict(os.environ, SONLA_CKAN_URL=url, SONLA_CKAN_TOKEN=token, SONLA_RETRY_BACKOFF="0.1")


def run_sync(portal, catalogue: Catalogue, *args: str, url: str | None = None,
             token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = publisher_env(url or portal.url, token or portal.token)
    return subprocess.run(sync_command(catalogue, *args), env=env, capture_output=True, text=True,
                          timeout=600)


def requests_made(output: str) -> int:
    return int(re.search(r"(\d+) HTTP requests", output).group(1))


def csv_resource(dataset: dict) -> dict:
    return next(r for r in dataset["resources"] if r.get("datastore_active"))


def assert_complete(admin: ckanapi.RemoteCKAN, catalogue: Catalogue, name: str) -> dict:
    """Published in full: active, five distinct resources (clean CSV, XLSX, CSV for Excel, original,
    dictionary), the hash written last, every row loaded."""
    dataset = admin.action.package_show(id=name)
    assert dataset["state"] == "active"
    names = [resource["name"] for resource in dataset["resources"]]
    assert len(names) == 5 == len(set(names)), names
    assert dataset["source_hash"] == catalogue.expected_hash(name)
    resource = csv_resource(dataset)
    total = admin.action.datastore_search(resource_id=resource["id"], limit=0)["total"]
    assert total == int(resource["row_count"]) > 0
    return dataset


def test_sync_publishes_a_small_catalogue_then_has_nothing_to_do(portal, admin, catalogue):
    dry = run_sync(portal, catalogue, "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert dry.stdout.count("Create ") == len(DEMO_SPECS)
    for name in catalogue.names:
        with pytest.raises(ckanapi.NotFound):
            admin.action.package_show(id=name)

    first = run_sync(portal, catalogue)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.count("Created: ") == len(DEMO_SPECS)
    for name in catalogue.names:
        assert_complete(admin, catalogue, name)

    again = run_sync(portal, catalogue)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "nothing to publish" in again.stdout
    assert requests_made(again.stdout) == 1  # the portal's state, read in one package_search
    assert portal.token not in first.stdout + first.stderr + again.stdout + again.stderr


def test_changed_data_is_updated_and_removed_rows_leave_the_datastore(portal, admin, catalogue):
    assert run_sync(portal, catalogue).returncode == 0
    name = PREFIX + "gia-hang-hoa-tai-cho-phuong-to-hieu"
    before = admin.action.package_show(id=name)
    source = catalogue.sources[name]
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    header_index = next(i for i, line in enumerate(lines) if line.startswith("Ngày;"))
    removed = lines.pop(header_index + 1)  # the first data row goes away
    lines[header_index + 1] = re.sub(r";[\d.]+;([\d.]+)$", r";1.000;\1", lines[header_index + 1])
    source.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")

    result = run_sync(portal, catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Updated: " + name in result.stdout
    assert result.stdout.count("Updated: ") == 1  # the other datasets are unchanged
    after = assert_complete(admin, catalogue, name)
    assert [r["id"] for r in after["resources"]] == [r["id"] for r in before["resources"]]
    resource = csv_resource(after)
    assert int(resource["row_count"]) == int(csv_resource(before)["row_count"]) - 1
    day, market, item = next(csv.reader([removed], delimiter=";"))[:3]
    day_iso = "-".join(reversed(day.split("/")))
    gone = admin.action.datastore_search(resource_id=resource["id"],
                                         filters={"ngay": day_iso, "cho": market, "mat_hang": item})
    assert gone["total"] == 0
    cheapest = admin.action.datastore_search(resource_id=resource["id"], filters={"gia_thap_nhat": 1000})
    assert cheapest["total"] == 1


def complete_or_absent(admin: ckanapi.RemoteCKAN, catalogue: Catalogue) -> set[str]:
    """Assert that every dataset of the catalogue is either absent or complete; the complete ones."""
    present = set()
    for name in catalogue.names:
        try:
            admin.action.package_show(id=name)
        except ckanapi.NotFound:
            continue
        assert_complete(admin, catalogue, name)
        present.add(name)
    return present


def assert_a_rerun_completes(portal, admin: ckanapi.RemoteCKAN, catalogue: Catalogue, *args: str) -> None:
    """Run the sync again: every dataset complete, none twice."""
    result = run_sync(portal, catalogue, "--workers", "1", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert complete_or_absent(admin, catalogue) == set(catalogue.names)
    found = admin.action.package_search(q="*:*", fq="name:" + PREFIX + "*", rows=50, include_private=True)
    assert sorted(d["name"] for d in found["results"]) == sorted(catalogue.names)


def test_a_sync_killed_half_way_finishes_on_the_next_run(portal, admin, catalogue):
    """Step by step, a dataset is half-written for a while: kill -9 then, and run again.

    A proxy holds the request after the first package_create, so the kill always lands right
    there (a watcher polling package_show could miss the window when the sync is fast)."""
    proxy = FlakyProxy(portal.url)
    try:
        proxy.hold_after("package_create")
        env = publisher_env(proxy.url, portal.token)
        process = subprocess.Popen(sync_command(catalogue, "--workers", "1", "--mode", "step-by-step"), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        held = proxy.holding.wait(timeout=120)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        proxy.release()
    finally:
        proxy.close()
    assert held, "the sync never got past its first package_create"
    first = catalogue.names[0]  # the catalogue is pushed in spec-file order: this one first
    assert not admin.action.package_show(id=first).get("source_hash")
    for name in catalogue.names[1:]:
        with pytest.raises(ckanapi.NotFound):
            admin.action.package_show(id=name)

    assert_a_rerun_completes(portal, admin, catalogue)


def test_in_one_request_a_dataset_is_never_seen_half_written_even_when_killed(portal, admin, catalogue):
    """Watch the portal while a one-request sync runs; kill -9 it while the second dataset's
    request is with the portal. Every dataset seen at any moment is either absent or complete."""
    proxy = FlakyProxy(portal.url)
    try:
        second_sent = proxy.on_sent("sonla_dataset_publish", 2)
        env = publisher_env(proxy.url, portal.token)
        process = subprocess.Popen(sync_command(catalogue, "--workers", "1", "--mode", "one-request"), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen: set[str] = set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not second_sent.is_set():
            seen |= complete_or_absent(admin, catalogue)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert second_sent.is_set(), "the sync ended or hung before its second dataset"
        # The request the client left behind still ends, all or nothing: watch until the portal answered it.
        deadline = time.monotonic() + 120
        while not proxy.wait_idle(timeout=0) and time.monotonic() < deadline:
            seen |= complete_or_absent(admin, catalogue)
        assert proxy.wait_idle(timeout=0), "the portal did not answer the request left behind"
    finally:
        proxy.close()
    seen |= complete_or_absent(admin, catalogue)
    assert catalogue.names[0] in seen

    assert_a_rerun_completes(portal, admin, catalogue, "--mode", "one-request")


def portal_keeps_the_spec(portal, name: str) -> bool:
    """The agency page has the dataset's spec (it then offers the template and the upload)."""
    response = requests.get(f"{portal.url}/co-quan/du-lieu/{name}", headers={"Authorization": portal.token},
                            timeout=60)
    assert response.status_code == 200, response.text[:500]
    return "Cổng chưa có đặc tả" not in response.text and "tai-len" in response.text


def test_step_by_step_mode_publishes_and_updates_like_one_request(portal, admin, catalogue):
    """The way that works on any CKAN: create, then an update of changed data; the portal keeps
    the spec for its agency page either way."""
    first = run_sync(portal, catalogue, "--mode", "step-by-step")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.count("Created: ") == len(DEMO_SPECS)
    for name in catalogue.names:
        assert_complete(admin, catalogue, name)
        assert portal_keeps_the_spec(portal, name)
    name = catalogue.names[1]
    spec = catalogue.specs[name]  # a changed spec file is a change to publish
    spec.write_text(spec.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    again = run_sync(portal, catalogue, "--mode", "step-by-step")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("Updated: ") == 1
    assert_complete(admin, catalogue, name)


@pytest.mark.parametrize("mode", ["step-by-step", "one-request"])
def test_a_column_whose_type_the_spec_changed_is_retyped(portal, admin, catalogue, mode):
    """CKAN's datastore_create keeps a column's old type: both ways retype it and reload the rows."""
    name = PREFIX + "danh-sach-truong-hoc"
    first = run_sync(portal, catalogue, "--mode", mode)
    assert first.returncode == 0, first.stdout + first.stderr
    spec = catalogue.specs[name]
    text = spec.read_text(encoding="utf-8")
    retyped = text.replace("{name: so_lop, title: Số lớp, type: integer, constraints: {minimum: 0}}",
                           "{name: so_lop, title: Số lớp, type: string}")
    assert retyped != text
    spec.write_text(retyped, encoding="utf-8")
    again = run_sync(portal, catalogue, "--mode", mode)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("Updated: ") == 1
    dataset = assert_complete(admin, catalogue, name)
    info = admin.action.datastore_info(id=csv_resource(dataset)["id"])
    types = {field["id"]: field["type"] for field in info["fields"]}
    assert types["so_lop"] == "text" and types["so_hoc_sinh"] == "int8"


def test_a_token_without_rights_gets_a_clear_error_and_nothing_is_written(portal, admin, catalogue):
    user = admin.action.user_create(name=f"e2e-sync-{uuid.uuid4().hex[:8]}", email="khach@example.org",
                                    password=uuid.uuid4().hex)
    token = admin.action.api_token_create(user=user["id"], name="e2e")["token"]
    try:
        result = run_sync(portal, catalogue, "--lang", "vi", token=token)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "không có quyền ghi bộ dữ liệu" in result.stdout
        assert token not in result.stdout + result.stderr
        for name in catalogue.names:
            with pytest.raises(ckanapi.NotFound):
                admin.action.package_show(id=name)
    finally:
        admin.action.user_delete(id=user["id"])


def _set_themes(spec_path: Path, themes: str) -> None:
    text = spec_path.read_text(encoding="utf-8")
    spec_path.write_text(re.sub(r"^(\s*)themes: .*$", rf"\1themes: {themes}", text, count=1, flags=re.M),
                         encoding="utf-8")


def _editor_token(admin: ckanapi.RemoteCKAN, org: str) -> tuple[dict, str]:
    """A user with editor capacity on ``org`` (made by the portal's own actions), and a token."""
    login = f"e2e-sync-{uuid.uuid4().hex[:8]}"
    user = admin.action.user_create(name=login, email=f"{login}@example.org", password=uuid.uuid4().hex)
    admin.action.organization_member_create(id=org, username=user["name"], role="editor")
    return user, admin.action.api_token_create(user=user["id"], name="e2e")["token"]


def _themes_of(admin: ckanapi.RemoteCKAN, name: str) -> set[str]:
    return {group["name"] for group in admin.action.package_show(id=name)["groups"]}


def _dataset_state(admin: ckanapi.RemoteCKAN, name: str) -> dict:
    dataset = admin.action.package_show(id=name)
    rows = admin.action.datastore_search(resource_id=csv_resource(dataset)["id"], limit=1000)["records"]
    return {"dataset": dataset, "rows": rows}


@pytest.mark.parametrize("mode", ["one-request", "step-by-step"])
def test_an_organization_editor_publishes_with_the_catalogues_themes(portal, admin, tmp_path, mode):
    """An agency's editor is no member of the theme groups; their publish used to be refused
    (403, the message blaming the token or the role). Now the portal sets the catalogue's
    themes: created with its theme, then a theme added and one removed. An editor of another
    organization is refused, naming the organization, and a theme the portal lacks is refused
    naming the theme; in both cases nothing is written."""
    catalogue = Catalogue(tmp_path / "specs", ["danh-sach-truong-hoc"])
    name = catalogue.names[0]
    spec_path = catalogue.specs[name]
    org = yaml.safe_load(spec_path.read_text(encoding="utf-8"))["metadata"]["owner_org"]
    other_org = next(o for o in admin.action.organization_list() if o != org)
    editor, token = _editor_token(admin, org)
    stranger, stranger_token = _editor_token(admin, other_org)
    try:
        _set_themes(spec_path, "[giao-duc-dao-tao]")
        created = run_sync(portal, catalogue, "--mode", mode, "--workers", "1", token=token)
        assert created.returncode == 0, created.stdout + created.stderr
        assert_complete(admin, catalogue, name)
        assert _themes_of(admin, name) == {"giao-duc-dao-tao"}

        _set_themes(spec_path, "[kinh-te-thuong-mai, xa-hoi]")
        updated = run_sync(portal, catalogue, "--mode", mode, "--workers", "1", token=token)
        assert updated.returncode == 0, updated.stdout + updated.stderr
        assert_complete(admin, catalogue, name)
        assert _themes_of(admin, name) == {"kinh-te-thuong-mai", "xa-hoi"}
        found = admin.action.package_search(fq=f"groups:xa-hoi AND name:{name}")
        assert found["count"] == 1  # the index has the new themes too

        before = _dataset_state(admin, name)
        _set_themes(spec_path, "[y-te]")
        refused = run_sync(portal, catalogue, "--mode", mode, "--workers", "1", "--lang", "vi",
                           token=stranger_token)
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "không có quyền ghi bộ dữ liệu" in refused.stdout and org in refused.stdout, refused.stdout
        assert _dataset_state(admin, name) == before

        _set_themes(spec_path, "[y-te, khong-co-chu-de-nay]")
        missing = run_sync(portal, catalogue, "--mode", mode, "--workers", "1", token=token)
        assert missing.returncode == 1, missing.stdout + missing.stderr
        assert "has no theme khong-co-chu-de-nay" in missing.stdout, missing.stdout
        assert "Nothing was written" in missing.stdout
        assert _dataset_state(admin, name) == before
    finally:
        for user in (editor, stranger):
            admin.action.user_delete(id=user["id"])
        try:
            admin.action.dataset_purge(id=name)
        except ckanapi.NotFound:
            pass


@pytest.mark.parametrize(("command", "mode"), [("sync", "one-request"), ("sync", "step-by-step"),
                                               ("push", "one-request"), ("push", "step-by-step")])
def test_changed_data_moves_metadata_modified_and_comes_first_in_recent(portal, admin, tmp_path, command, mode):
    """A publish that changed a dataset's data left its metadata_modified as it was (the
    sysadmin token's package_update kept the date passed on to it), so updated datasets never
    reached "Mới cập nhật" / sort=metadata_modified desc."""
    catalogue = Catalogue(tmp_path / "specs", ["gia-hang-hoa-tai-cho-phuong-to-hieu", "tuyen-xe-buyt"])
    name, other = catalogue.names
    try:
        assert run_sync(portal, catalogue, "--mode", mode).returncode == 0
        admin.action.package_patch(id=other, notes="Mô tả mới")  # the most recent one, for now
        first = admin.action.package_show(id=name)["metadata_modified"]
        source = catalogue.sources[name]
        text = source.read_text(encoding="utf-8-sig")
        changed = re.sub(r";17000$", ";17500", text, count=1, flags=re.M)  # the first row's highest price
        assert changed != text
        source.write_text("\ufeff" + changed, encoding="utf-8")
        env = publisher_env(portal.url, portal.token)
        if command == "sync":
            args = sync_command(catalogue, "--mode", mode)
        else:
            args = [PUBLISH, "push", name, str(source), "--specs", str(catalogue.root), "--lang", "en",
                    "--mode", mode]
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        assert_complete(admin, catalogue, name)
        assert admin.action.package_show(id=name)["metadata_modified"] > first
        recent = ckanapi.RemoteCKAN(portal.url).action.package_search(sort="metadata_modified desc", rows=1)
        assert recent["results"][0]["name"] == name
    finally:
        for dataset in catalogue.names:
            try:
                admin.action.dataset_purge(id=dataset)
            except ckanapi.NotFound:
                pass


def test_retries_ride_out_a_short_outage(portal, admin, catalogue):
    proxy = FlakyProxy(portal.url)
    try:
        proxy.fail_later(1, [503, 502])  # the plan's read passes, the next two requests fail
        result = run_sync(portal, catalogue, "--workers", "1", url=proxy.url)
    finally:
        proxy.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert proxy.failed == 2
    assert "(after 3 attempts)" in result.stdout
    for name in catalogue.names:
        assert_complete(admin, catalogue, name)


def test_a_server_error_while_reading_the_portal_is_retried_and_named(portal, admin, catalogue):
    """Planning used to give up at once on a 5xx page, calling it "not a CKAN portal… Check --url"."""
    proxy = FlakyProxy(portal.url)
    try:
        proxy.fail_later(0, [500, 503])  # the plan's first two reads fail, the third passes
        result = run_sync(portal, catalogue, "--workers", "1", url=proxy.url)
        assert proxy.failed == 2
        proxy.go_down_after(0)
        down = run_sync(portal, catalogue, "--workers", "1", "--retries", "1", url=proxy.url)
    finally:
        proxy.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.count("Could not read the portal's datasets") == 2
    assert "server error (HTTP 500)" in result.stderr
    for name in catalogue.names:
        assert_complete(admin, catalogue, name)
    assert down.returncode == 2, down.stdout + down.stderr
    assert proxy.failed == 4  # two attempts (--retries 1), then the real cause
    assert "server error (HTTP 502)" in down.stderr and "database" in down.stderr
    assert "Check --url" not in down.stderr + down.stdout


# first_dataset: the requests of the first dataset, including the two asked once per run
# (push_rights: whether the portal sets themes, and its theme groups); step by step, its themes
# are set by sonla_dataset_set_themes and its spec kept by sonla_dataset_spec_save (asked once per
# run whether the portal offers it, then called); five files: the clean CSV, XLSX, CSV for Excel,
# the original and the data dictionary.
@pytest.mark.parametrize(("mode", "first_dataset"), [("one-request", 3), ("step-by-step", 13)])
def test_portal_down_mid_sync_stops_cleanly_and_the_rerun_completes(portal, admin, catalogue, mode,
                                                                     first_dataset):
    proxy = FlakyProxy(portal.url)
    try:
        # The plan (1 request) and the first dataset (its writes), then the portal is gone.
        proxy.go_down_after(1 + first_dataset)
        down = run_sync(portal, catalogue, "--workers", "1", "--retries", "2", "--mode", mode, url=proxy.url)
        assert down.returncode == 2, down.stdout + down.stderr
        assert "not answering" in down.stderr
        assert "Not attempted: " in down.stdout
        assert_complete(admin, catalogue, catalogue.names[0])
        proxy.come_back()
        rerun = run_sync(portal, catalogue, "--workers", "1", "--mode", mode, url=proxy.url)
    finally:
        proxy.close()
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert catalogue.names[0] not in rerun.stdout.split("Summary:")[0].split("Publishing")[-1]
    for name in catalogue.names:
        assert_complete(admin, catalogue, name)


def test_prune_deletes_only_what_the_publisher_made_and_only_when_confirmed(portal, admin, tmp_path):
    # The whole demo catalogue is part of this one (unchanged on the portal: no writes), so
    # that only the dataset removed from it is "no longer in the catalogue".
    catalogue = Catalogue(tmp_path / "specs", [], with_demo=True)
    names = [catalogue.add(demo_name) for demo_name in DEMO_SPECS]
    try:
        first = run_sync(portal, catalogue)
        assert first.returncode == 0, first.stdout + first.stderr
        assert first.stdout.count("Created: ") == len(DEMO_SPECS)
        gone = names[-1]
        catalogue.specs[gone].unlink()
        unattended = run_sync(portal, catalogue, "--prune")  # no keyboard and no --yes: refused
        assert unattended.returncode == 2
        assert "--yes" in unattended.stderr
        assert admin.action.package_show(id=gone)["state"] == "active"

        pruned = run_sync(portal, catalogue, "--prune", "--yes")
        assert pruned.returncode == 0, pruned.stdout + pruned.stderr
        assert pruned.stdout.count("Deleted: ") == 1
        assert "Deleted: " + gone in pruned.stdout
        assert admin.action.package_show(id=gone)["state"] == "deleted"
        for name in names[:-1] + DEMO_SPECS:
            assert admin.action.package_show(id=name)["state"] == "active"
    finally:
        for name in names:
            admin.action.dataset_purge(id=name)
