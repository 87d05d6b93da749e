"""Harvested without loss (issue #24): real harvesters collect the demo portal through DCAT.

Two harvesting CKANs run beside the e2e portal, each on its own database of the portal's PostgreSQL
and its own Redis databases (harvest queues):
- "national": CKAN with ckanext-harvest and ckanext-dcat's ``dcat_rdf_harvester``, profile
  ``euro_dcat_ap_3``, CKAN's default licence list, English as its language: a plain CKAN as the
  national portal runs it. (sonla_search stands in for Solr, which the test machines do not have;
  it takes no part in what is harvested.)
- "province": a Sơn La portal (our extension, schema and ``sonla_dcat_ap_3``) with the same harvester.
Each harvest runs all stages in one process (ckanext-harvest's ``run_test_harvester``, as
``ckan harvester run-test``): deterministic, no queue consumers. Both harvest ``/catalog.ttl`` and
every dataset is compared field by field with the portal's own; a second harvest of the unchanged
source changes nothing; an edited title on the source arrives as an update.
"""
from __future__ import annotations

import csv
import json
import secrets
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ckanapi
import pytest
import yaml

from .portal import REPO, Portal

pytestmark = pytest.mark.e2e

DRIVER = str(Path(__file__).with_name("harvest_driver.py"))
CKAN = str(Path(sys.executable).with_name("ckan"))
BASE_URI = "https://data.sonla.gov.vn"
DEF = BASE_URI + "/def/"
EU = "http://publications.europa.eu/resource/authority/"
SCHEMA = REPO / "ckanext-sonla" / "ckanext" / "sonla" / "schemas"
# Our licences -> CKAN's default licence list (by the English dct:title our export gives them).
CKAN_LICENCES = {"cc-by-4.0": "cc-by", "odc-by-1.0": "odc-by", "vn-open-data-1.0": "other-at"}
LOGGING = """
[loggers]
keys = root
[handlers]
keys = console
[formatters]
keys = generic
[logger_root]
level = WARNING
handlers = console
[handler_console]
class = StreamHandler
args = (sys.stderr,)
formatter = generic
[formatter_generic]
format = %(levelname)s [%(name)s] %(message)s
"""


@dataclass
class Harvester:
    ini: Path
    env: dict[str, str]
    first: dict | None = None  # the first harvest's result

    def call(self, *args: str) -> Any:
        result = subprocess.run([sys.executable, DRIVER, str(self.ini), *args], env=self.env, capture_output=True,
                                text=True, timeout=900, cwd=REPO)
        assert result.returncode == 0, result.stderr[-5000:]
        return json.loads(result.stdout.strip().splitlines()[-1])


def _start_harvester(portal: Portal, name: str, options: dict[str, str], *, copy: bool) -> Harvester:
    from sonla_stack import postgres

    socket = postgres.socket_dir(portal.run_dir / "pgdata")
    postgres.ensure_roles_and_databases(socket, postgres.Databases(name, f"{name}_datastore"))
    redis_port = portal.env["SONLA_REDIS_PORT"]
    redis_db = 3 if name == "national" else 5
    values = {
        "sqlalchemy.url": postgres.url(socket, postgres.MAIN_USER, postgres.MAIN_PASSWORD, name),
        "ckan.site_url": f"http://{name}.harvester.invalid",
        "ckan.storage_path": str(portal.run_dir / f"{name}-storage"),
        "ckan.redis.url": f"redis://127.0.0.1:{redis_port}/{redis_db}",
        "ckan.harvest.mq.type": "redis",
        "ckan.harvest.mq.hostname": "127.0.0.1",
        "ckan.harvest.mq.port": redis_port,
        "ckan.harvest.mq.redis_db": str(redis_db + 1),
        "SECRET_KEY": secrets.token_urlsafe(24),
        **options,
    }
    ini = portal.run_dir / f"{name}.ini"
    ini.write_text("[app:main]\n" + "".join(f"{key} = {value}\n" for key, value in values.items()) + LOGGING,
                   encoding="utf-8")
    env = {key: value for key, value in portal.env.items() if not key.startswith("CKAN_")}
    migrated = subprocess.run([CKAN, "-c", str(ini), "db", "upgrade"], env=env, capture_output=True, text=True,
                              timeout=600, cwd=REPO)
    assert migrated.returncode == 0, migrated.stderr[-5000:]
    harvester = Harvester(ini=ini, env=env)
    harvester.first = harvester.call("setup", portal.url, f"{portal.url}/catalog.ttl", *(["copy"] if copy else []))
    return harvester


@pytest.fixture(scope="module")
def national(portal: Portal) -> Iterator[Harvester]:
    yield _start_harvester(portal, "national", {
        "use": "egg:ckan",
        "ckan.site_id": "national",
        "ckan.plugins": "sonla_search harvest dcat dcat_rdf_harvester",
        "ckanext.dcat.rdf.profiles": "euro_dcat_ap_3",
        "ckan.locale_default": "en",
        "api_token.jwt.encode.secret": "string:%(SECRET_KEY)s",
        "api_token.jwt.decode.secret": "string:%(SECRET_KEY)s",
    }, copy=False)


@pytest.fixture(scope="module")
def province(portal: Portal) -> Iterator[Harvester]:
    yield _start_harvester(portal, "province", {
        "use": f"config:{portal.run_dir / 'portal.ini'}",
        "ckan.site_id": "province",
        "ckan.plugins": "sonla_search sonla scheming_datasets scheming_organizations dcat activity harvest "
                        "dcat_rdf_harvester",
    }, copy=True)


@pytest.fixture(scope="module")
def source(portal: Portal) -> dict[str, dict]:
    """The demo portal's public datasets by id, with their organizations and themes."""
    client = ckanapi.RemoteCKAN(portal.url)
    datasets = client.action.package_search(rows=1000)["results"]
    assert len(datasets) > 10
    organizations = {o["id"]: o for o in client.action.organization_list(all_fields=True, include_extras=True)}
    return {"datasets": {d["id"]: d for d in datasets}, "organizations": organizations, "edited": set()}


def _extras(dataset: dict) -> dict[str, str]:
    return {extra["key"]: extra["value"] for extra in dataset.get("extras") or []}


def _source_id(harvested: dict) -> str:
    uri = _extras(harvested).get("guid") or _extras(harvested)["uri"]
    assert uri.startswith(f"{BASE_URI}/dataset/"), uri  # the stable base URI, not the site URL
    return uri.rsplit("/", 1)[-1]


def _frequency_uris() -> dict[str, str]:
    schema = yaml.safe_load((SCHEMA / "dataset.yaml").read_text(encoding="utf-8"))
    field = next(f for f in schema["dataset_fields"] if f["field_name"] == "update_frequency")
    return {choice["value"]: choice["uri"] for choice in field["choices"]}


def _place_names() -> dict[str, str]:
    with (SCHEMA / "communes.csv").open(encoding="utf-8") as handle:
        return {"14": "Tỉnh Sơn La"} | {row["code"]: row["name"] for row in csv.DictReader(handle)}


def _answers_200(url: str) -> bool:
    with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=30) as response:
        return response.status == 200


def _compare_resources(copy: dict, original: dict, checked_urls: set[str]) -> None:
    assert len(copy["resources"]) == len(original["resources"]), original["name"]
    originals = {r["url"]: r for r in original["resources"]}
    for resource in copy["resources"]:
        expected = originals[resource["url"]]
        assert resource["format"] == expected["format"], (original["name"], resource["format"])
        checksum = resource.get("content_hash") or resource.get("hash") or None
        assert checksum == (expected.get("content_hash") or None), original["name"]
        if resource["url"] not in checked_urls and len(checked_urls) < 20:  # bounded: a sample of downloads
            assert _answers_200(resource["url"]), resource["url"]
            checked_urls.add(resource["url"])


def _compare_national(copy: dict, original: dict, organization: dict) -> None:
    extras = _extras(copy)
    name = original["name"]
    # A harvester keeps one language: its own (English here) where the source has it.
    assert copy["title"] == (original.get("title_en") or original["title"]), name
    assert copy["notes"] == original["notes"], name
    assert sorted(t["name"] for t in copy["tags"]) == sorted(t["name"] for t in original["tags"]), name
    assert copy["license_id"] == CKAN_LICENCES[original["license_id"]], name
    assert extras["publisher_name"] in (organization["title"], organization.get("title_en")), name
    if original.get("contact_email"):
        assert extras["contact_email"] == original["contact_email"], name
    else:
        assert extras.get("contact_email"), name
    assert extras["frequency"] == _frequency_uris()[original["update_frequency"]], name
    for ours, theirs in (("temporal_coverage_from", "temporal_start"), ("temporal_coverage_to", "temporal_end")):
        assert (extras.get(theirs) or "")[:10] == (original.get(ours) or ""), (name, ours)
    codes = original.get("spatial_coverage") or []
    if codes:
        assert extras["spatial_text"] == ", ".join(_place_names()[code] for code in codes), name
    themes = json.loads(extras.get("theme") or "[]")
    assert {DEF + f"theme/{group['name']}" for group in original["groups"]} <= set(themes), name
    assert extras["modified"][:19] == original["metadata_modified"][:19], name
    assert extras["issued"][:19] == original["metadata_created"][:19], name
    if original.get("data_last_updated") and copy["resources"]:
        assert {r.get("modified", "")[:10] for r in copy["resources"]} == {original["data_last_updated"]}, name


def _compare_province(copy: dict, original: dict) -> None:
    name = original["name"]
    for field in ("title", "title_en", "notes", "license_id", "update_frequency", "temporal_coverage_from",
                  "temporal_coverage_to", "spatial_coverage", "language", "legal_basis", "catalogue_code",
                  "data_last_updated", "version"):
        assert (copy.get(field) or None) == (original.get(field) or None), (name, field, copy.get(field))
    assert sorted(t["name"] for t in copy["tags"]) == sorted(t["name"] for t in original["tags"]), name
    assert copy["organization"]["name"] == original["organization"]["name"], name  # the publisher
    assert sorted(g["name"] for g in copy["groups"]) == sorted(g["name"] for g in original["groups"]), name
    for field in ("contact_name", "contact_email"):
        if original.get(field):
            assert copy.get(field) == original[field], (name, field)
    if original.get("contact_phone"):
        assert copy["contact_phone"].replace(" ", "") == original["contact_phone"].replace(" ", ""), name


def _by_source(result: dict) -> dict[str, dict]:
    return {_source_id(dataset): dataset for dataset in result["datasets"]}


@pytest.fixture(scope="module")
def national_first(national: Harvester) -> dict:
    assert national.first is not None
    return national.first


@pytest.fixture(scope="module")
def province_first(province: Harvester) -> dict:
    assert province.first is not None
    return province.first


def test_national_harvester_keeps_every_field(national_first: dict, source: dict) -> None:
    assert national_first["errors"] == []
    harvested = _by_source(national_first)
    assert set(harvested) == set(source["datasets"])
    checked: set[str] = set()
    for source_id, copy in harvested.items():
        original = source["datasets"][source_id]
        _compare_national(copy, original, source["organizations"][original["owner_org"]])
        _compare_resources(copy, original, checked)


def test_sonla_portal_harvests_another_without_loss(province_first: dict, source: dict) -> None:
    assert province_first["errors"] == []
    harvested = _by_source(province_first)
    assert set(harvested) == set(source["datasets"])
    checked: set[str] = set()
    for source_id, copy in harvested.items():
        original = source["datasets"][source_id]
        _compare_province(copy, original)
        _compare_resources(copy, original, checked)


@pytest.mark.parametrize("harvester_name", ["national", "province"])
def test_second_harvest_changes_nothing_and_an_edit_arrives(request: pytest.FixtureRequest, portal: Portal,
                                                            source: dict, harvester_name: str) -> None:
    first = request.getfixturevalue(f"{harvester_name}_first")
    harvester: Harvester = request.getfixturevalue(harvester_name)
    again = _by_source(harvester.call("run"))
    before = _by_source(first)
    assert set(again) == set(before)
    # Datasets edited on the source since the first harvest (by the other harvester's test) may update.
    same = set(before) - source["edited"]
    assert {key: again[key]["metadata_modified"] for key in same} == {
        key: before[key]["metadata_modified"] for key in same}
    before = again

    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    edited_id = sorted(source["datasets"])[0]
    original = source["datasets"][edited_id]
    edit = {"title": f"{original['title']} (sửa)"}
    if original.get("title_en"):
        edit["title_en"] = f"{original['title_en']} (edited)"
    admin.action.package_patch(id=edited_id, **edit)
    try:
        after = _by_source(harvester.call("run"))
    finally:
        admin.action.package_patch(id=edited_id, **{key: original[key] for key in edit})
        source["edited"].add(edited_id)
    # The national harvester keeps its own language (English where the source has it).
    expected = edit["title"] if harvester_name == "province" else edit.get("title_en", edit["title"])
    assert after[edited_id]["title"] == expected
    if harvester_name == "province" and "title_en" in edit:
        assert after[edited_id]["title_en"] == edit["title_en"]
    assert after[edited_id]["metadata_modified"] > before[edited_id]["metadata_modified"]
    unchanged = {key for key in after if key != edited_id}
    assert {key: after[key]["metadata_modified"] for key in unchanged} == {
        key: before[key]["metadata_modified"] for key in unchanged}
    assert len(after) == len(before)

