"""End to end: `sonla-stack up` serves the portal with the demo catalogue, over real HTTP."""
from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import ckanapi
import pytest
import yaml

from .portal import REPO, alive

pytestmark = pytest.mark.e2e

DEMO_NAMES = sorted(
    yaml.safe_load(p.read_text(encoding="utf-8"))["name"]
    for p in (REPO / "dataset_specs" / "datasets").rglob("*.yaml")
)


def _count_rows(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()) - 1


@pytest.mark.parametrize("path", ["/", "/dataset", "/organization", "/group",
                                  "/api/3/action/status_show", "/dataset?q=truong+hoc"])
def test_pages_answer_200(portal, path):
    with urllib.request.urlopen(portal.url + path, timeout=30) as response:
        assert response.status == 200


def test_requests_are_in_the_access_log(portal):
    marker = f"access-log-check-{time.time_ns()}"
    with urllib.request.urlopen(f"{portal.url}/api/3/action/status_show?{marker}", timeout=30) as response:
        assert response.status == 200
    log = portal.run_dir / "logs" / "access.log"
    for _ in range(50):  # gunicorn writes the line after the response
        if log.exists() and marker in log.read_text(errors="replace"):
            return
        time.sleep(0.1)
    pytest.fail(f"no line for the request in {log}")


def test_demo_catalogue_is_listed_by_package_search(portal):
    client = ckanapi.RemoteCKAN(portal.url)
    result = client.action.package_search(rows=100, **{"facet.field": ["organization"]})
    assert sorted(d["name"] for d in result["results"]) == DEMO_NAMES
    assert result["count"] == len(DEMO_NAMES)
    assert sum(result["facets"]["organization"].values()) == len(DEMO_NAMES)


def test_organizations_come_from_the_code_lists(portal):
    import csv

    codelists = REPO / "dataset_specs" / "codelists"
    expected = set()
    for name in ("agencies.csv", "communes.csv"):
        with (codelists / name).open(encoding="utf-8") as handle:
            expected |= {row["slug"] for row in csv.DictReader(handle)}
    client = ckanapi.RemoteCKAN(portal.url)
    assert set(client.action.organization_list(limit=1000)) == expected
    assert len(expected) >= 75 + 13
    # fields of the organization schema (ckanext.sonla.schemas:organization.yaml), written by portal setup
    ward = client.action.organization_show(id="phuong-to-hieu")
    assert (ward["kind"], ward["code"], ward["title_en"]) == ("phuong", "03646", "To Hieu Ward")
    assert client.action.organization_show(id="so-y-te")["kind"] == "provincial_agency"


def test_demo_rows_are_in_the_datastore(portal):
    client = ckanapi.RemoteCKAN(portal.url)
    dataset = client.action.package_show(id="dan-so-dien-tich-don-vi-hanh-chinh-cap-xa")
    datastore = [r for r in dataset["resources"] if r.get("datastore_active")]
    assert datastore, "the cleaned CSV should be loaded into the DataStore"
    rows = client.action.datastore_search(resource_id=datastore[0]["id"], limit=0)
    assert rows["total"] == 75  # one row per commune/ward, the total row dropped
    found = client.action.datastore_search(resource_id=datastore[0]["id"], filters={"ma_xa": "03646"})
    assert found["records"][0]["ma_xa"] == "03646"


def test_demo_publish_fills_the_coverage_and_the_downloads(portal):
    """Issue 20: the demo publish sets spatial_coverage from the data and uploads the XLSX and the
    CSV for Excel; the whole catalogue's metadata lists every demo dataset."""
    import csv
    import io

    import openpyxl

    client = ckanapi.RemoteCKAN(portal.url)
    facet = client.action.package_search(rows=0, **{"facet.field": ["spatial_coverage"], "facet.limit": -1})
    assert "[]" not in facet["facets"]["spatial_coverage"]
    assert facet["facets"]["spatial_coverage"]["14"] >= 1  # province-wide datasets
    schools = client.action.package_show(id="danh-sach-truong-hoc")
    assert schools["spatial_coverage"] and "14" not in schools["spatial_coverage"]
    assert client.action.package_show(id="tai-nan-giao-thong-theo-thang")["spatial_coverage"] == ["14"]
    assert client.action.package_show(id="gia-hang-hoa-tai-cho-phuong-to-hieu")["spatial_coverage"] == ["03646"]
    resources = {r["name"]: r for r in schools["resources"]}
    with urllib.request.urlopen(resources["CSV cho Excel"]["url"], timeout=30) as response:
        assert response.read(3) == b"\xef\xbb\xbf"
    with urllib.request.urlopen(resources["Bảng dữ liệu (XLSX)"]["url"], timeout=30) as response:
        sheet = openpyxl.load_workbook(io.BytesIO(response.read())).active
    assert next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))[0] == "ma_truong"
    with urllib.request.urlopen(portal.url + "/danh-muc/sieu-du-lieu.csv", timeout=60) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    assert [row["name"] for row in rows] == DEMO_NAMES


def test_write_api_needs_the_token(portal):
    anonymous = ckanapi.RemoteCKAN(portal.url)
    with pytest.raises(ckanapi.NotAuthorized):
        anonymous.action.package_patch(id=DEMO_NAMES[0], version="2")
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    patched = admin.action.package_patch(id=DEMO_NAMES[0], version="2")
    assert patched["version"] == "2"
    assert admin.action.package_search(fq=f"name:{DEMO_NAMES[0]}")["results"][0]["version"] == "2"


def test_token_is_never_printed(portal):
    assert portal.token not in portal.first_up_output
    assert "credentials.ini" in portal.first_up_output


def test_stop_then_up_reuses_data_and_stop_leaves_no_process(portal):
    pids = portal.pids()
    assert len(pids) == 3
    result = portal.stack("stop")
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 30
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if alive(p)]

    result = portal.stack("up")
    assert result.returncode == 0, result.stderr
    assert "Publishing the demo catalogue" not in result.stderr  # data reused, not re-published
    assert "Database ready" not in result.stderr  # no migrations to run again
    client = ckanapi.RemoteCKAN(portal.url)
    assert client.action.package_search()["count"] == len(DEMO_NAMES)
