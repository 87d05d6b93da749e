"""``sync`` with live sources: read at plan time, a failed source marks only its dataset,
``--due`` reads a live source only when its frequency says so."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sonla_publisher.sync.due import is_due
from sonla_publisher.sync.plan import Action, make_plan
from sonla_publisher.sync.report import exit_code, print_plan

from tests.publisher.live_helpers import live_catalogue, live_spec

pytest.importorskip("sqlalchemy")

QUERY = "SELECT ma_co_so, ten_co_so, so_giuong, ngay_cap_nhat FROM co_so"
TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    database = tmp_path / "kho.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE co_so (ma_co_so TEXT, ten_co_so TEXT, so_giuong INTEGER,"
                           " ngay_cap_nhat TEXT)")
        connection.execute("INSERT INTO co_so VALUES ('14001', 'Trạm 1', 3, '2026-12-01')")
    monkeypatch.setenv("SONLA_SOURCE_KHO_URL", f"sqlite:///{database}")
    monkeypatch.setenv("SONLA_LIVE_DIR", str(tmp_path / "live"))
    monkeypatch.delenv("SONLA_SOURCE_HONG_URL", raising=False)
    return live_catalogue(
        tmp_path / "dataset_specs",
        live_spec("hang-ngay", {"kind": "sql", "connection": "kho", "query": QUERY}),
        live_spec("hang-thang", {"kind": "sql", "connection": "kho", "query": QUERY},
                  frequency="monthly"),
        live_spec("nguon-hong", {"kind": "sql", "connection": "hong", "query": QUERY}),
    )


def test_a_failed_source_marks_only_its_own_dataset(catalogue: Path) -> None:
    plan = make_plan(catalogue, catalogue / "sources", {})
    actions = {item.name: item.action for item in plan.items}
    assert actions == {"hang-ngay": Action.CREATE, "hang-thang": Action.CREATE,
                       "nguon-hong": Action.SOURCE_FAILED}
    failed = plan.of(Action.SOURCE_FAILED)[0]
    assert failed.problem is not None and failed.problem.message_id == "source.unknown_alias"
    assert exit_code([], plan) == 2


def test_the_plan_lists_the_failed_source_with_its_reason(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    print_plan(make_plan(catalogue, catalogue / "sources", {}), "vi", detailed=False)
    printed = capsys.readouterr().out
    assert "Nguồn bị lỗi" in printed and "nguon-hong" in printed
    assert "SONLA_SOURCE_HONG_URL" in printed
    assert "hang-ngay" not in printed  # creates are listed only with --dry-run


def test_due_reads_a_live_source_only_when_its_frequency_says_so(catalogue: Path) -> None:
    published = {"state": "active", "data_last_updated": "2026-12-01", "source_hash": "cu"}
    portal = {name: dict(published) for name in ("hang-ngay", "hang-thang", "nguon-hong")}
    plan = make_plan(catalogue, catalogue / "sources", portal, due=TODAY)
    actions = {item.name: item.action for item in plan.items}
    # daily: due five days after; monthly: not before 29/12; the broken one is not due either
    assert actions == {"hang-ngay": Action.UPDATE, "hang-thang": Action.NOT_DUE,
                       "nguon-hong": Action.SOURCE_FAILED}
    forced = make_plan(catalogue, catalogue / "sources", portal, due=TODAY, force=True)
    assert {item.action for item in forced.items if item.name == "hang-thang"} == {Action.UPDATE}


@pytest.mark.parametrize(
    "frequency, last, due",
    [
        ("daily", "2026-12-05", True),
        ("daily", "2026-12-06", False),
        ("weekly", "2026-11-30", False),
        ("weekly", "2026-11-29", True),
        ("monthly", "2026-11-08", True),
        ("annual", "2026-01-01", False),
        ("irregular", "2026-12-06", True),
        ("on_change", "2026-12-06", True),
    ],
)
def test_is_due(frequency: str, last: str, due: bool) -> None:
    assert is_due(frequency, {"data_last_updated": last}, TODAY) is due


def test_a_dataset_not_on_the_portal_is_always_due() -> None:
    assert is_due("annual", None, TODAY)
    assert is_due("annual", {"state": "deleted", "data_last_updated": "2026-12-06"}, TODAY)
