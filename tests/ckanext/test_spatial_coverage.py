"""The communes and wards a dataset covers: facet, filter and dataset page (issue 20, part 2)."""
from __future__ import annotations

import html
import re

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckanext.sonla.search import document

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
MANY = ["03646", "03664", "03670", "03679", "03688", "03694", "03703", "03712", "03721", "03724", "03727"]


def _dataset(org: dict, name: str, **fields) -> dict:
    return factories.Dataset(owner_org=org["id"], name=name, notes="Dữ liệu thử nghiệm",
                             update_frequency="annual", **fields)


@pytest.fixture
def datasets():
    org = factories.Organization(name="so-y-te", title="Sở Y tế")
    return {
        "two": _dataset(org, "hai-phuong", spatial_coverage=["03646", "03664"]),
        "province": _dataset(org, "toan-tinh", spatial_coverage=["14"]),
        "none": _dataset(org, "chua-co"),  # no coverage: stored as "[]" in the extras
        "many": _dataset(org, "nhieu-xa", spatial_coverage=MANY),
    }


def _facet_items(**params) -> dict[str, str]:
    params = {"facet.field": ["spatial_coverage"], "facet.limit": 100, **params}
    result = helpers.call_action("package_search", **params)
    items = result["search_facets"]["spatial_coverage"]["items"]
    return {item["name"]: item["display_name"] for item in items}


def _names(**params) -> list[str]:
    return sorted(d["name"] for d in helpers.call_action("package_search", **params)["results"])


def test_an_empty_coverage_is_no_value_in_the_index():
    pkg = {"name": "x", "extras": [{"key": "spatial_coverage", "value": "[]"}]}
    assert "spatial_coverage" not in document.flatten(pkg, {"name": "x", "spatial_coverage": []})
    assert document.flatten(pkg, {"name": "x", "spatial_coverage": ["14"]})["spatial_coverage"] == ["14"]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestSpatialCoverage:
    def test_facet_counts_codes_and_never_lists_an_empty_value(self, datasets):
        items = _facet_items()
        assert "[]" not in items
        assert set(items) == {"14", *MANY}

    def test_facet_filter_finds_the_datasets_of_a_commune(self, datasets):
        assert _names(fq='spatial_coverage:"03664"') == ["hai-phuong", "nhieu-xa"]
        assert _names(fq='spatial_coverage:"14"') == ["toan-tinh"]
        assert _names(fq='spatial_coverage:"04246"') == []

    def test_dataset_list_shows_the_communes_by_name(self, app, datasets):
        page = html.unescape(app.get("/dataset/", headers={"Accept-Language": "vi"}).body)
        assert "Xã, phường" in page
        assert "Phường Chiềng An" in page and "Toàn tỉnh Sơn La" in page
        assert "[]" not in re.sub(r"<script.*?</script>", "", page, flags=re.S)
        filtered = html.unescape(app.get("/dataset/?spatial_coverage=03664").body)
        assert "hai-phuong" in filtered and "toan-tinh" not in filtered
        assert "Phường Chiềng An" in filtered  # the applied filter's pill reads the name

    def test_dataset_page_lists_the_communes(self, app, datasets):
        page = html.unescape(app.get("/dataset/hai-phuong").body)
        row = re.search(r'<tr class="sonla-spatial-coverage">(.*?)</tr>', page, re.S)
        assert row is not None
        assert "Phường Tô Hiệu, Phường Chiềng An" in row.group(1)

    def test_dataset_page_says_whole_province(self, app, datasets):
        page = html.unescape(app.get("/dataset/toan-tinh").body)
        row = re.search(r'<tr class="sonla-spatial-coverage">(.*?)</tr>', page, re.S)
        assert row is not None and "Toàn tỉnh Sơn La" in row.group(1)

    def test_many_communes_are_folded(self, app, datasets):
        page = html.unescape(app.get("/dataset/nhieu-xa").body)
        row = re.search(r'<tr class="sonla-spatial-coverage">(.*?)</tr>', page, re.S)
        assert row is not None and "<details" in row.group(1)
        assert "11 xã, phường (xem tất cả)" in row.group(1)

    def test_no_coverage_no_row(self, app, datasets):
        assert "sonla-spatial-coverage" not in app.get("/dataset/chua-co").body
