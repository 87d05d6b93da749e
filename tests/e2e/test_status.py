"""End to end: `sonla-publish status` reads the portal's freshness report (action sonla_freshness_list)."""
from __future__ import annotations

import csv
import datetime
import os
import subprocess
import sys
from pathlib import Path

import ckanapi
import openpyxl
import pytest

pytestmark = pytest.mark.e2e

PUBLISH = str(Path(sys.executable).with_name("sonla-publish"))


def status(portal, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SONLA_CKAN_URL=portal.url)
    env.pop("SONLA_CKAN_TOKEN", None)  # anonymous: public datasets only
    return subprocess.run([PUBLISH, "status", *args], env=env, capture_output=True, text=True, timeout=120)


def test_status_tables_and_exports_match_the_portal(portal, tmp_path: Path) -> None:
    report = ckanapi.RemoteCKAN(portal.url).action.sonla_freshness_list()
    assert report["datasets"] and report["agencies"]
    csv_path, xlsx_path = tmp_path / "tinh-trang.csv", tmp_path / "tinh-trang.xlsx"
    result = status(portal, "--lang", "en", "--csv", str(csv_path), "--xlsx", str(xlsx_path))
    assert result.returncode == 0, result.stdout + result.stderr
    today = datetime.date.fromisoformat(report["today"]).strftime("%d/%m/%Y")
    assert f"Data update status on {today}" in result.stdout  # dd/mm/yyyy on screen (issue 18)
    for agency in report["agencies"]:
        assert agency["title"] in result.stdout
    late = [d for d in report["datasets"] if d["status"] in ("overdue", "due_soon")]
    if late:
        assert f"{len(late)} datasets overdue or due soon" in result.stdout

    rows = list(csv.DictReader(csv_path.open(encoding="utf-8-sig")))
    assert sorted(row["Dataset id"] for row in rows) == sorted(d["name"] for d in report["datasets"])
    by_name = {d["name"]: d for d in report["datasets"]}
    for row in rows:
        assert row["Next due"] == (by_name[row["Dataset id"]]["next_due"] or "")
    workbook = openpyxl.load_workbook(xlsx_path)
    summary = list(workbook["Summary"].values)[1:]
    assert sum(row[2] for row in summary) == len(report["datasets"])


def test_status_of_one_agency_and_one_status(portal) -> None:
    report = ckanapi.RemoteCKAN(portal.url).action.sonla_freshness_list(organization="so-y-te")
    result = status(portal, "--org", "so-y-te", "--status", "on_time", "--lang", "vi")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Sở Y tế" in result.stdout
    assert [a["name"] for a in report["agencies"]] == ["so-y-te"]


def test_an_unknown_agency_is_a_clear_error(portal) -> None:
    result = status(portal, "--org", "so-khong-co", "--lang", "vi")
    assert result.returncode == 1
    assert "Không có tổ chức «so-khong-co» trên cổng." in result.stdout + result.stderr


def test_verbose_shows_each_request_and_never_the_token(portal) -> None:
    """`--verbose` against a real portal, as an authenticated user (issue 18)."""
    env = dict(os.environ, SONLA_CKAN_URL=portal.url, SONLA_CKAN_TOKEN=portal.token)
    result = subprocess.run([PUBLISH, "status", "--verbose", "--lang", "en"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HTTP POST /api/action/sonla_freshness_list → 200 (" in result.stderr
    assert portal.token not in result.stdout + result.stderr
