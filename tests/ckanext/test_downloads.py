"""Downloads people expect (issue 20, part 4): labelled buttons, the catalogue's metadata in bulk."""
from __future__ import annotations

import csv
import html
import io
import json
import re

import ckan.tests.factories as factories
import pytest
from ckanext.sonla import metadata_export

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"


def _dataset(org: dict, name: str, **fields) -> dict:
    return factories.Dataset(owner_org=org["id"], name=name, notes="Dữ liệu thử nghiệm",
                             update_frequency="annual", **fields)


@pytest.fixture
def catalogue():
    org = factories.Organization(name="so-y-te", title="Sở Y tế")
    public = [_dataset(org, f"cong-khai-{n:02d}", title=f"Công khai {n}", spatial_coverage=["03646", "03664"],
                       data_last_updated="2026-03-31") for n in range(3)]
    private = _dataset(org, "rieng-tu", private=True)
    return {"public": public, "private": private}


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestDownloads:
    def test_buttons_name_the_excel_csv_and_the_original_last(self, app):
        org = factories.Organization()
        dataset = _dataset(org, "ba-tep")
        for name, fmt in (("Tệp gốc (XLSX)", "XLSX"), ("Bảng (CSV)", "CSV"), ("Bảng dữ liệu (XLSX)", "XLSX"),
                          ("CSV cho Excel", "CSV")):
            factories.Resource(package_id=dataset["id"], name=name, format=fmt,
                               url=f"http://example.invalid/{len(name)}.{fmt.lower()}")
        page = html.unescape(app.get("/dataset/ba-tep").body)
        section = re.search(r'<section class="sonla-downloads">(.*?)</section>', page, re.S)
        assert section is not None
        labels = [" ".join(label.split()) for label in
                  re.findall(r'</i>\s*(.*?)\s*<span class="visually-hidden">', section.group(1), re.S)]
        assert labels == ["CSV", "XLSX", "CSV cho Excel", "Tệp gốc (XLSX)"]

    def test_the_dataset_list_links_the_bulk_metadata(self, app, catalogue):
        page = app.get("/dataset/").body
        assert 'href="/danh-muc/sieu-du-lieu.csv"' in page and 'href="/danh-muc/sieu-du-lieu.json"' in page

    def test_bulk_csv_has_every_public_dataset_and_no_private_one(self, app, catalogue):
        response = app.get("/danh-muc/sieu-du-lieu.csv")
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        assert [row["name"] for row in rows] == ["cong-khai-00", "cong-khai-01", "cong-khai-02"]
        first = rows[0]
        assert first["organization"] == "so-y-te" and first["spatial_coverage"] == "03646;03664"
        assert first["data_last_updated"] == "2026-03-31"  # ISO: for programs (metadata_export.py)
        assert first["url"].endswith("/dataset/cong-khai-00")

    def test_bulk_json_has_every_public_dataset_and_no_private_one(self, app, catalogue):
        response = app.get("/catalogue/metadata.json")
        items = json.loads(response.get_data(as_text=True))
        assert [item["name"] for item in items] == ["cong-khai-00", "cong-khai-01", "cong-khai-02"]
        assert items[0]["spatial_coverage"] == ["03646", "03664"]
        assert "rieng-tu" not in response.get_data(as_text=True)

    def test_a_signed_in_editor_gets_no_private_dataset_either(self, app, catalogue):
        sysadmin = factories.SysadminWithToken()
        response = app.get("/danh-muc/sieu-du-lieu.json", headers={"Authorization": sysadmin["token"]})
        assert "rieng-tu" not in response.get_data(as_text=True)
        assert len(json.loads(response.get_data(as_text=True))) == 3

    def test_the_export_pages_through_the_catalogue(self, app, catalogue, monkeypatch):
        monkeypatch.setattr(metadata_export, "PAGE_SIZE", 2)  # 3 datasets: two pages
        items = json.loads(app.get("/catalogue/metadata.json").get_data(as_text=True))
        assert [item["name"] for item in items] == ["cong-khai-00", "cong-khai-01", "cong-khai-02"]
        monkeypatch.setattr(metadata_export, "MAX_DATASETS", 2)  # the bound holds
        items = json.loads(app.get("/catalogue/metadata.json").get_data(as_text=True))
        assert len(items) == 2
