"""The freshness report keeps each dataset's row per version of its index row and day (issue #19 part 2).

The report reads every visible dataset on each request; rows are computed once per (dataset, row version,
day). A kept row must never outlive the dataset version or the day it was computed for.
"""
from __future__ import annotations

import csv
import io

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from freezegun import freeze_time

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _statuses(app) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(app.get("/bao-cao/cap-nhat.csv").body.lstrip("\ufeff"))))
    return {row[1]: row[2:] for row in rows[1:]}


def test_an_update_and_a_new_day_show_at_once(app):
    org = factories.Organization(title="Sở Y tế")
    factories.Dataset(owner_org=org["id"], name="gia-thuoc", title="Giá thuốc", notes="x",
                      update_frequency="monthly", data_last_updated="2026-01-31")
    with freeze_time("2026-02-10 03:00:00"):
        assert _statuses(app)["gia-thuoc"][-1] == "Đúng hạn"
        assert _statuses(app)["gia-thuoc"][-1] == "Đúng hạn"
    with freeze_time("2026-03-10 03:00:00"):  # the same dataset version, another day
        assert _statuses(app)["gia-thuoc"][-1] == "Quá hạn"
        helpers.call_action("package_patch", {"user": factories.Sysadmin()["name"]}, id="gia-thuoc",
                            data_last_updated="2026-03-01", title="Giá thuốc mới")
        row = _statuses(app)["gia-thuoc"]
        assert row[-1] == "Đúng hạn" and row[3] == "2026-03-01"


def test_a_dataset_made_private_or_deleted_leaves_the_anonymous_report(app):
    org = factories.Organization()
    factories.Dataset(owner_org=org["id"], name="a-bo", notes="x", update_frequency="monthly",
                      data_last_updated="2026-01-31")
    factories.Dataset(owner_org=org["id"], name="b-bo", notes="x", update_frequency="monthly",
                      data_last_updated="2026-01-31")
    assert set(_statuses(app)) == {"a-bo", "b-bo"}
    sysadmin = {"user": factories.Sysadmin()["name"]}
    helpers.call_action("package_patch", sysadmin, id="a-bo", private=True)
    helpers.call_action("package_delete", sysadmin, id="b-bo")
    assert set(_statuses(app)) == set()
