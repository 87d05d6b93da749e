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


def _overdue_catalogue(count: int) -> None:
    org = factories.Organization(title="Sở Công Thương")
    for n in range(count):
        factories.Dataset(owner_org=org["id"], name=f"cham-{n:03d}", title=f"Chậm {n:03d}", notes="x",
                          update_frequency="monthly", data_last_updated="2026-01-31")


def test_the_overdue_table_is_paged(app):
    # At 10,000 datasets the page listed every overdue one: 2.6 MB of HTML and seconds to render.
    _overdue_catalogue(53)
    with freeze_time("2026-06-10 03:00:00"):
        first = app.get("/bao-cao/cap-nhat").body
        assert first.count('href="/dataset/cham-') == 50
        assert "53 bộ dữ liệu quá hạn" in first
        assert "/bao-cao/cap-nhat?page=2" in first
        second = app.get("/bao-cao/cap-nhat?page=2").body
        assert second.count('href="/dataset/cham-') == 3
        english = app.get("/en/reports/freshness?page=2").body
        assert english.count('href="/en/dataset/cham-') == 3
        for bad in ("abc", "0", "-1", "1.5", "9999999"):
            response = app.get(f"/bao-cao/cap-nhat?page={bad}", status=400)
            assert "Số trang phải là số nguyên từ 1" in response.body
        # Every overdue dataset is still in the export.
        assert len([r for r in _statuses(app).values() if r[-1] == "Quá hạn"]) == 53


def test_the_report_and_its_exports_are_built_once_per_version_and_day(app, monkeypatch):
    from ckanext.sonla.freshness import memo, page

    builds = {"report": 0, "xlsx": 0}
    real_build, real_xlsx = page._build, page.to_xlsx

    def counted_build(*args, **kwargs):
        builds["report"] += 1
        return real_build(*args, **kwargs)

    def counted_xlsx(data):
        builds["xlsx"] += 1
        return real_xlsx(data)

    monkeypatch.setattr(page, "_build", counted_build)
    monkeypatch.setattr(page, "to_xlsx", counted_xlsx)
    _overdue_catalogue(2)
    with freeze_time("2026-06-10 03:00:00"):
        for _ in range(3):
            app.get("/bao-cao/cap-nhat")
            xlsx = app.get("/bao-cao/cap-nhat.xlsx").get_data()
        assert builds == {"report": 1, "xlsx": 1}
        memo.clear()  # as another web process sees it: the copies kept in Redis serve it
        app.get("/bao-cao/cap-nhat")
        assert app.get("/bao-cao/cap-nhat.xlsx").get_data() == xlsx
        assert builds == {"report": 1, "xlsx": 1}
        app.get("/en/reports/freshness.xlsx")  # the same report, an export in another language
        assert builds == {"report": 1, "xlsx": 2}
        helpers.call_action("package_patch", {"user": factories.Sysadmin()["name"]}, id="cham-001",
                            data_last_updated="2026-06-01")
        assert _statuses(app)["cham-001"][-1] == "Đúng hạn"
        assert builds["report"] == 2
    with freeze_time("2026-06-11 03:00:00"):
        app.get("/bao-cao/cap-nhat")
        assert builds["report"] == 3
