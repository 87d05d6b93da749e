"""End to end (issue 18): freshness follows the period the published data covers.

A monthly dataset published now with data up to last month is on time, whatever old date a spec
once carried; one whose latest month is old is overdue, and `push` (and `sync`'s line for the
dataset) says so, with the latest month, the frequency and the due date that has passed.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import ckanapi
import pytest
import yaml

from .portal import REPO

pytestmark = pytest.mark.e2e

PUBLISH = str(Path(sys.executable).with_name("sonla-publish"))
PREFIX = "e2e-fresh-"


def months_back(day: dt.date, count: int) -> dt.date:
    """The first day of the month ``count`` months before ``day``'s."""
    index = day.year * 12 + day.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def spec(name: str) -> dict:
    return {
        "name": name,
        "metadata": {
            "title": f"Tai nạn giao thông theo tháng ({name})", "notes": "Số vụ tai nạn giao thông theo tháng.",
            "owner_org": "cong-an-tinh", "themes": ["xa-hoi"], "update_frequency": "monthly",
            "license_id": "vn-open-data-1.0",
        },
        "freshness": {"period_column": "thang"},
        "schema": {
            "fields": [
                {"name": "thang", "title": "Tháng", "type": "string",
                 "constraints": {"required": True, "pattern": "^(0[1-9]|1[0-2])/20[0-9]{2}$"}},
                {"name": "so_vu", "title": "Số vụ tai nạn", "type": "integer", "constraints": {"minimum": 0}},
            ],
            "primaryKey": ["thang"],
        },
        "source": {"file": f"cong-an-tinh/{name}.csv"},
    }


@pytest.fixture
def admin(portal) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(portal.url, apikey=portal.token)


@pytest.fixture
def catalogue(tmp_path: Path, admin: ckanapi.RemoteCKAN) -> Iterator[Path]:
    root = tmp_path / "specs"
    shutil.copytree(REPO / "dataset_specs" / "codelists", root / "codelists")
    yield root
    for path in (root / "datasets").rglob("*.yaml"):
        try:
            admin.action.dataset_purge(id=path.stem)
        except ckanapi.NotFound:
            pass


def write_dataset(root: Path, name: str, latest: dt.date, months: int = 6) -> None:
    path = root / "datasets" / "cong-an-tinh" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(spec(name), allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = root / "sources" / "cong-an-tinh" / f"{name}.csv"
    source.parent.mkdir(parents=True, exist_ok=True)
    rows = [f"{months_back(latest, n):%m/%Y},{10 + n}" for n in range(months)]
    source.write_text("Tháng,Số vụ tai nạn\n" + "\n".join(rows) + "\n", encoding="utf-8")


def publisher(portal, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SONLA_CKAN_URL=portal.url, SONLA_CKAN_TOKEN=portal.token)
    return subprocess.run([PUBLISH, *args], env=env, capture_output=True, text=True, timeout=600)


def status_of(admin: ckanapi.RemoteCKAN, name: str) -> dict:
    rows = admin.action.sonla_freshness_list(dataset=name)["datasets"]
    return next(row for row in rows if row["name"] == name)


def test_current_data_is_on_time_and_old_data_is_overdue_with_a_warning(portal, admin, catalogue) -> None:
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    last_month, old_month = months_back(today, 1), months_back(today, 4)
    write_dataset(catalogue, f"{PREFIX}current", last_month)
    write_dataset(catalogue, f"{PREFIX}old", old_month)

    result = publisher(portal, "push", f"{PREFIX}current", "--specs", str(catalogue), "--lang", "vi")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "quá hạn" not in (result.stdout + result.stderr).lower()
    current = status_of(admin, f"{PREFIX}current")
    assert current["status"] in ("on_time", "due_soon"), current
    # The publish day in Sơn La, whatever the publishing computer's zone (province_clock.py); midnight in
    # Vietnam may have passed since ``today`` was read.
    publish_day = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert current["data_last_updated"] in (today.isoformat(), publish_day.isoformat())
    dataset = admin.action.package_show(id=f"{PREFIX}current")
    assert dataset["temporal_coverage_to"][:7] == f"{last_month:%Y-%m}"

    result = publisher(portal, "push", f"{PREFIX}old", "--specs", str(catalogue), "--lang", "vi")
    assert result.returncode == 0, result.stdout + result.stderr
    old = status_of(admin, f"{PREFIX}old")
    assert old["status"] == "overdue", old
    due = dt.date.fromisoformat(old["next_due"])
    warning = result.stderr
    assert "vẫn quá hạn" in warning, result.stdout + result.stderr
    assert f"tháng {old_month:%m/%Y}" in warning and "Hằng tháng" in warning and f"{due:%d/%m/%Y}" in warning

    # sync says it on the dataset's own line; the up-to-date dataset has no warning.
    write_dataset(catalogue, f"{PREFIX}old", old_month, months=7)  # changed data, same latest month
    result = publisher(portal, "sync", str(catalogue), "--lang", "en")
    lines = {line.split(": ", 1)[1].split(" ", 1)[0]: line for line in result.stdout.splitlines()
             if line.startswith("[") and ": " in line}
    assert "still overdue" in lines[f"{PREFIX}old"] and f"month {old_month:%m/%Y}" in lines[f"{PREFIX}old"], lines
    assert "overdue" not in lines.get(f"{PREFIX}current", "")
