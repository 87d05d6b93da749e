"""Incremental live sources (``source.changed_since``): after a first full read, only the rows
changed since the portal's watermark are read; nothing changed, nothing read; the source is
read whole again with ``--full``, when the full refresh is due, or when the spec changed."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sonla_publisher.sources import watermark
from sonla_publisher.specs.spec import load_spec, structure_problems
from sonla_publisher.sync.plan import Action, PlanItem, make_plan
from sonla_publisher.sync.report import plan_line

from tests.publisher.live_helpers import LIVE_FIELDS, live_catalogue, live_spec

pytest.importorskip("sqlalchemy")

QUERY = "SELECT ma_co_so, ten_co_so, so_giuong, ngay_cap_nhat FROM co_so ORDER BY ma_co_so"
TODAY = dt.date(2026, 12, 6)
SOURCE = {"kind": "sql", "connection": "kho", "query": QUERY, "changed_since": "ngay_cap_nhat"}


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "kho.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE co_so (ma_co_so TEXT PRIMARY KEY, ten_co_so TEXT,"
                           " so_giuong INTEGER, ngay_cap_nhat TEXT)")
        connection.executemany(
            "INSERT INTO co_so VALUES (?, ?, ?, ?)",
            [(f"{14000 + i}", f"Trạm {i}", i, f"2026-11-{1 + i % 20:02d}") for i in range(1, 41)],
        )
    monkeypatch.setenv("SONLA_SOURCE_KHO_URL", f"sqlite:///{path}")
    monkeypatch.setenv("SONLA_LIVE_DIR", str(tmp_path / "live"))
    return path


def catalogue_of(tmp_path: Path, source: dict[str, Any] = SOURCE) -> Path:
    return live_catalogue(tmp_path / "dataset_specs", live_spec("co-so", dict(source)))


def published(plan_item: PlanItem) -> dict[str, Any]:
    """The portal's dataset once ``plan_item`` was published (what package_search returns)."""
    assert plan_item.spec is not None
    portal = dict(plan_item.portal or {"id": "p1", "state": "active"})
    portal.setdefault("resources", [{"id": "r1", "name": plan_item.spec.resource_name,
                                     "datastore_active": True}])
    if plan_item.action is not Action.INCREMENT:
        portal["source_hash"] = plan_item.source_hash
    portal[watermark.FIELD] = plan_item.watermark
    return portal


def only(plan_items: list[PlanItem]) -> PlanItem:
    assert len(plan_items) == 1
    return plan_items[0]


def test_after_a_full_read_only_the_changed_rows_are_read(database: Path, tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path)
    first = only(make_plan(catalogue, catalogue / "sources", {}, due=TODAY).items)
    assert first.action is Action.CREATE
    mark = watermark.parse(first.watermark)
    assert mark is not None and mark.column == "ngay_cap_nhat"
    assert (mark.value, mark.full) == ("2026-11-20", TODAY.isoformat())
    portal = {"co-so": published(first)}

    # nothing changed at the source: nothing is read, nothing is planned
    again = only(make_plan(catalogue, catalogue / "sources", portal, due=TODAY).items)
    assert again.action is Action.UNCHANGED and again.source is None

    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE co_so SET so_giuong = 999, ngay_cap_nhat = '2026-12-05'"
                           " WHERE ma_co_so IN ('14003', '14017')")
        connection.execute("INSERT INTO co_so VALUES ('14099', 'Trạm mới', 5, '2026-12-04')")
    changed = only(make_plan(catalogue, catalogue / "sources", portal, due=TODAY).items)
    assert changed.action is Action.INCREMENT and changed.changed_rows == 3
    assert changed.source is not None and changed.source.name == "co-so.changes.csv"
    lines = changed.source.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ma_co_so,ten_co_so,so_giuong,ngay_cap_nhat"
    assert sorted(lines[1:]) == ["14003,Trạm 3,999,2026-12-05", "14017,Trạm 17,999,2026-12-05",
                                 "14099,Trạm mới,5,2026-12-04"]
    new_mark = watermark.parse(changed.watermark)
    assert new_mark is not None and new_mark.value == "2026-12-05"
    assert new_mark.full == mark.full  # still the day of the last full read
    assert "3 rows changed since 2026-11-20" in plan_line(changed, "en")

    # once published, the next run reads nothing again
    portal = {"co-so": published(changed)}
    assert only(make_plan(catalogue, catalogue / "sources", portal, due=TODAY).items).action \
        is Action.UNCHANGED


def test_a_failed_publish_leaves_the_watermark_so_the_same_rows_are_read_again(
    database: Path, tmp_path: Path
) -> None:
    catalogue = catalogue_of(tmp_path)
    portal = {"co-so": published(only(make_plan(catalogue, catalogue / "sources", {},
                                                due=TODAY).items))}
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE co_so SET ngay_cap_nhat = '2026-12-05' WHERE ma_co_so = '14003'")
    for _ in range(2):  # the publish never happened: the portal's watermark did not move
        item = only(make_plan(catalogue, catalogue / "sources", portal, due=TODAY).items)
        assert item.action is Action.INCREMENT and item.changed_rows == 1


def test_the_source_is_read_whole_with_full_when_due_or_when_the_spec_changed(
    database: Path, tmp_path: Path
) -> None:
    catalogue = catalogue_of(tmp_path)
    first = only(make_plan(catalogue, catalogue / "sources", {}, due=TODAY).items)
    portal = {"co-so": published(first)}
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM co_so WHERE ma_co_so = '14005'")  # unseen by "changed since"
    assert only(make_plan(catalogue, catalogue / "sources", portal, due=TODAY).items).action \
        is Action.UNCHANGED
    full = only(make_plan(catalogue, catalogue / "sources", portal, due=TODAY, full=True).items)
    assert full.action is Action.UPDATE and full.source is not None
    assert full.source.name == "co-so.csv" and "14005" not in full.source.read_text("utf-8")
    # seven days after the last full read (source.full_refresh_days' default), a full read again
    later = only(make_plan(catalogue, catalogue / "sources", portal,
                           due=TODAY + dt.timedelta(days=7)).items)
    assert later.action is Action.UPDATE
    mark = watermark.parse(later.watermark)
    assert mark is not None and mark.full == (TODAY + dt.timedelta(days=7)).isoformat()
    # another spec (here: a longer full-refresh period) may read other columns: read whole
    other = catalogue_of(tmp_path, {**SOURCE, "full_refresh_days": 30})
    assert only(make_plan(other, other / "sources", portal, due=TODAY).items).action \
        is Action.UPDATE


def test_an_unchanged_full_read_still_records_its_day(database: Path, tmp_path: Path) -> None:
    """Otherwise every later run would read the whole source again."""
    catalogue = catalogue_of(tmp_path)
    portal = {"co-so": published(only(make_plan(catalogue, catalogue / "sources", {},
                                                due=TODAY).items))}
    later = only(make_plan(catalogue, catalogue / "sources", portal,
                           due=TODAY + dt.timedelta(days=8)).items)
    assert later.action is Action.INCREMENT and later.source is None
    mark = watermark.parse(later.watermark)
    assert mark is not None and mark.full == (TODAY + dt.timedelta(days=8)).isoformat()


def test_the_watermark_is_a_bound_parameter_not_sql(database: Path, tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path)
    first = only(make_plan(catalogue, catalogue / "sources", {}, due=TODAY).items)
    portal = published(first)
    mark = json.loads(portal[watermark.FIELD])
    mark["value"] = "x' OR '1'='1"
    portal[watermark.FIELD] = json.dumps(mark)
    item = only(make_plan(catalogue, catalogue / "sources", {"co-so": portal}, due=TODAY).items)
    assert item.action is Action.UNCHANGED  # no text sorts after that one: nothing read


@pytest.mark.parametrize(
    "source, primary_key, message_id",
    [
        ({**SOURCE, "changed_since": "khong_co"}, True, "spec.source_bad_changed_since"),
        ({**SOURCE, "changed_since": 'x" OR 1=1 --'}, True, "spec.source_bad_changed_since"),
        (SOURCE, False, "spec.source_incremental_needs_key"),
        ({**SOURCE, "full_refresh_days": 0}, True, "spec.source_bad_number"),
        ({k: v for k, v in SOURCE.items() if k != "changed_since"} | {"full_refresh_days": 3},
         True, "spec.missing_key"),
        ({"kind": "http", "connection": "api", "changed_since": "ngay_cap_nhat"}, True,
         "spec.missing_key"),
    ],
)
def test_incremental_source_blocks_are_checked(
    tmp_path: Path, source: dict[str, Any], primary_key: bool, message_id: str
) -> None:
    data = live_spec("co-so", source, LIVE_FIELDS)
    if not primary_key:
        del data["schema"]["primaryKey"]
    catalogue = live_catalogue(tmp_path / "dataset_specs", data)
    spec = load_spec(next((catalogue / "datasets").rglob("*.yaml")))
    assert message_id in [problem[0] for problem in structure_problems(spec)]


def test_the_portal_is_told_which_sources_failed_and_which_recovered(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sync tells the portal (sonla_dataset_source_status) of a failed source, in Vietnamese
    and English, without the connection's password; a source read again whose failure the
    portal shows is cleared; the others cost no request."""
    from sonla_publisher.portal.source_status import changes, connection_secrets

    secret = "Mat-Khau-Rat-Bi-Mat"
    catalogue = live_catalogue(
        tmp_path / "dataset_specs",
        live_spec("hong", {"kind": "sql", "connection": "hong", "query": QUERY}),
        live_spec("tot", {"kind": "sql", "connection": "kho", "query": QUERY}),
        live_spec("van-tot", {"kind": "sql", "connection": "kho", "query": QUERY}),
        live_spec("moi-hong", {"kind": "sql", "connection": "hong", "query": QUERY}),
    )
    # a driver that quotes the address it could not reach
    monkeypatch.setenv("SONLA_SOURCE_HONG_URL", f"sqlite:////khong/co/{secret}/kho.sqlite")
    portal = {
        "hong": {"id": "1", "state": "active", "source_hash": "cu"},
        "tot": {"id": "2", "state": "active", "source_hash": "cu",
                "source_failure": {"reason": "cũ", "reason_en": "old"}},
        "van-tot": {"id": "3", "state": "active", "source_hash": "cu"},
    }
    plan = make_plan(catalogue, catalogue / "sources", portal, due=TODAY)
    assert {i.name: i.action for i in plan.items}["hong"] is Action.SOURCE_FAILED
    found = {change.name: change for change in changes(plan, connection_secrets)}
    assert set(found) == {"hong", "tot"}  # "moi-hong" is not on the portal; "van-tot" had no failure
    assert found["tot"].failed is False
    failed = found["hong"]
    assert failed.failed and "«hong»" in failed.reason
    assert "«hong»" in failed.reason_en and failed.reason != failed.reason_en
    assert secret not in failed.reason + failed.reason_en
    # a driver that quotes the connection's address in its error: scrubbed before it is sent
    from dataclasses import replace

    from sonla_publisher.i18n.messages import Ref
    from sonla_publisher.sync.plan import Plan

    item = next(i for i in plan.items if i.name == "hong")
    quoted = replace(item, problem=Ref("source.sql_failed", {
        "alias": "hong", "reason": f"unable to open sqlite:////khong/co/{secret}/kho.sqlite"}))
    sent = changes(Plan(items=[quoted]), connection_secrets)[0]
    assert "«hong»" in sent.reason and "***" in sent.reason and "***" in sent.reason_en
    assert secret not in sent.reason + sent.reason_en
