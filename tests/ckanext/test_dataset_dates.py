"""One meaning, one label and one value for each date, on every page that shows it (issue 18).

"Dữ liệu đến" is the end of the latest period of the data, "Công bố lần cuối" the last publish
of the data, "Siêu dữ liệu cập nhật" the last change of any field: the home page, the dataset
page, the resource page and the freshness report take them from ``freshness/dates.py``.
"""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from bs4 import BeautifulSoup
from freezegun import freeze_time

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _dates(html: str) -> dict[str, list[str]]:
    """Each date class on the page -> the texts of its elements (label and value)."""
    found: dict[str, list[str]] = {}
    for key in ("temporal_coverage_to", "data_last_updated", "metadata_modified"):
        for element in BeautifulSoup(html, "html.parser").select(f".sonla-date-{key}"):
            found.setdefault(key, []).append(" ".join(element.get_text(" ").split()))
    return found


def test_home_dataset_resource_and_report_show_the_same_dates():
    org = factories.Organization(name="cong-an-tinh", title="Công an tỉnh")
    sysadmin = factories.Sysadmin()
    # The metadata was edited on 06/12/2026, long after the data of 08/2026 was published: the
    # home page said "cập nhật 6/12/2026" for a dataset the report lists as overdue.
    with freeze_time("2026-12-06 03:00:00"):
        dataset = factories.Dataset(
            owner_org=org["id"], name="tai-nan", title="Tai nạn giao thông", notes="Số vụ.",
            update_frequency="monthly", data_last_updated="2026-09-05",
            temporal_coverage_from="2025-01-01", temporal_coverage_to="2026-08-31")
        resource = helpers.call_action("resource_create", context={"user": sysadmin["name"]},
                                       package_id=dataset["id"], name="Bảng (CSV)",
                                       url="https://data.sonla.gov.vn/tep.csv", format="CSV")
        app = helpers._get_test_app()
        pages = {
            "home": app.get("/").body,
            "dataset": app.get("/dataset/tai-nan").body,
            "resource": app.get(f"/dataset/tai-nan/resource/{resource['id']}").body,
            "report": app.get("/bao-cao/cap-nhat").body,
        }
    expected = {"temporal_coverage_to": ("Dữ liệu đến", "31/08/2026"),
                "data_last_updated": ("Công bố lần cuối", "05/09/2026")}
    for page, html in pages.items():
        shown = _dates(html)
        for key, (label, value) in expected.items():
            texts = shown.get(key)
            assert texts, (page, key)
            for text in texts:
                assert value in text, (page, key, text)
                if page != "report":  # the report names its dates in the column headers
                    assert label in text, (page, key, text)
        assert "06/12/2026" not in " ".join(shown.get("data_last_updated", [])), page
    for page in ("dataset", "resource"):
        assert any("Siêu dữ liệu cập nhật 06/12/2026" in text
                   for text in _dates(pages[page]).get("metadata_modified", [])), page
    # CKAN's own resource rows (the file's upload and edit times) are gone: one date per meaning.
    assert "Data last updated" not in pages["resource"] and "Metadata last updated" not in pages["resource"]
    resource_text = BeautifulSoup(pages["resource"], "html.parser").get_text(" ")
    assert "Dữ liệu cập nhật lần cuối" not in resource_text
