"""Uploaded files readable by the service user only (issue #16, point 9): files 0600, folders 0700."""
from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import ckan.tests.factories as factories
import pytest

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


@pytest.fixture
def storage(ckan_config, monkeypatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    old = os.umask(0o022)  # the usual umask, which made uploads 0644
    yield tmp_path
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_private(storage: Path, resource_id: str) -> None:
    folder = storage / "resources" / resource_id[:3] / resource_id[3:6]
    stored = folder / resource_id[6:]
    assert stored.read_bytes()  # the file is there
    assert _mode(stored) == 0o600, oct(_mode(stored))
    for directory in (storage / "resources", folder.parent, folder):
        assert _mode(directory) == 0o700, (directory, oct(_mode(directory)))


@pytest.fixture
def editor(app):
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org}


def test_a_file_uploaded_to_a_private_dataset_is_readable_by_the_service_user_only(app, storage, editor):
    with app.flask_app.test_request_context():
        dataset = factories.Dataset(owner_org=editor["org"]["id"], private=True, update_frequency="monthly",
                                    data_last_updated="2026-10-01")
    response = app.post("/api/3/action/resource_create", headers={"Authorization": editor["token"]},
                        data={"package_id": dataset["id"], "name": "Tệp", "format": "CSV",
                              "upload": (io.BytesIO(b"ma,ten\n1,A\n"), "bi-mat.csv")},
                        content_type="multipart/form-data", status=200)
    _assert_private(storage, response.json["result"]["id"])


def test_files_of_sonla_dataset_publish_are_private_too(app, storage, editor):
    package = {"name": "rieng-tu", "title": "Thử", "notes": "Mô tả", "owner_org": editor["org"]["name"],
               "update_frequency": "monthly", "data_last_updated": "2026-10-01", "private": True}
    data = {"package": json.dumps(package), "resources": json.dumps([
        {"name": "Dữ liệu", "format": "CSV", "file": "file0"}, {"name": "Tệp gốc (XLSX)", "format": "XLSX",
                                                               "file": "file1"}]),
            "file0": (io.BytesIO(b"a\n1\n"), "rieng-tu.csv"), "file1": (io.BytesIO(b"PK\x03\x04"), "goc.xlsx")}
    answer = app.post("/api/3/action/sonla_dataset_publish", data=data, headers={"Authorization": editor["token"]},
                      content_type="multipart/form-data", status=200).json["result"]
    for resource in answer["resources"]:
        _assert_private(storage, resource["id"])
