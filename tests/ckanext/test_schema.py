"""The Vietnamese metadata schema: required fields, complete datasets, communes, agencies."""
from __future__ import annotations

import csv
import html
from pathlib import Path

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import yaml
from ckan.plugins import toolkit
from ckanext.sonla import helpers as sonla_helpers

REPO = Path(__file__).resolve().parents[2]
CODELIST = REPO / "dataset_specs" / "codelists" / "communes.csv"
SCHEMA = Path(sonla_helpers.__file__).parent / "schemas" / "dataset.yaml"
PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"

COMPLETE = {
    "name": "truong-hoc", "title": "Danh sách trường học", "title_en": "List of schools",
    "notes": "Các trường mầm non và phổ thông.", "tag_string": "giáo dục,trường học",
    "update_frequency": "quarterly", "data_last_updated": "2026-03-31",
    "temporal_coverage_from": "2025-09-01", "temporal_coverage_to": "2026-05-31",
    "spatial_coverage": ["03646", "03664"], "legal_basis": "Quyết định 978/QĐ-UBND ngày 21/4/2026",
    "catalogue_code": "SGD-01", "license_id": "cc-by-4.0", "contact_name": "Phòng Kế hoạch",
    "contact_email": "sgd@sonla.gov.vn", "contact_phone": "0212 3852 111", "language": "vi",
    "version": "2.1",
}


def test_commune_choices_match_the_code_list():
    with CODELIST.open(encoding="utf-8") as handle:
        expected = [(row["code"], row["name"], row["name_en"]) for row in csv.DictReader(handle)]
    choices = sonla_helpers.sonla_spatial_coverage_choices({})
    assert choices[0]["value"] == sonla_helpers.PROVINCE_CODE
    offered = [(c["value"], c["label"]["vi"], c["label"]["en"]) for c in choices[1:]]
    assert offered == expected
    assert len(offered) == 75


def _schema_fields() -> list[dict]:
    return yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))["dataset_fields"]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")
class TestDatasetSchema:
    @pytest.mark.parametrize(("field", "label"), [("update_frequency", "Tần suất cập nhật"), ("notes", "Mô tả")])
    def test_missing_required_field_is_named_in_vietnamese(self, field, label):
        org = factories.Organization()
        data = {**COMPLETE, "owner_org": org["id"]}
        del data[field]
        with pytest.raises(toolkit.ValidationError) as raised:
            helpers.call_action("package_create", context={"user": factories.Sysadmin()["name"]}, **data)
        message = raised.value.error_dict[field][0]
        assert label in message and "bắt buộc" in message, message

    def test_temporal_coverage_end_before_start_is_refused(self):
        org = factories.Organization()
        data = {**COMPLETE, "owner_org": org["id"], "temporal_coverage_to": "2024-01-01"}
        with pytest.raises(toolkit.ValidationError) as raised:
            helpers.call_action("package_create", context={"user": factories.Sysadmin()["name"]}, **data)
        assert "temporal_coverage_to" in raised.value.error_dict

    def test_spatial_coverage_accepts_only_official_codes(self):
        org = factories.Organization()
        data = {**COMPLETE, "owner_org": org["id"], "spatial_coverage": ["99999"]}
        with pytest.raises(toolkit.ValidationError) as raised:
            helpers.call_action("package_create", context={"user": factories.Sysadmin()["name"]}, **data)
        assert "spatial_coverage" in raised.value.error_dict


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestCompleteDatasetPage:
    def test_every_field_shows_in_both_languages(self, app):
        org = factories.Organization(name="so-giao-duc", title="Sở Giáo dục và Đào tạo")
        helpers.call_action("package_create", context={"user": factories.Sysadmin()["name"]},
                            owner_org=org["id"], **COMPLETE)
        hidden = {"name", "owner_org", "source_hash", "source_watermark", "license_id", "tag_string", "title", "notes"}
        for locale, prefix in (("vi", ""), ("en", "/en")):
            page = html.unescape(app.get(f"{prefix}/dataset/truong-hoc").body)
            for field in _schema_fields():
                if field["field_name"] in hidden:
                    continue
                assert field["label"][locale] in page, (locale, field["field_name"])
            # Dates dd/mm/yyyy in Vietnamese (freshness/dates.py), ISO in English.
            dates = (("31/03/2026", "01/09/2025", "31/05/2026") if locale == "vi"
                     else ("2026-03-31", "2025-09-01", "2026-05-31"))
            for value in ("Danh sách trường học", "Các trường mầm non", "List of schools",
                          "Quyết định 978/QĐ-UBND", "SGD-01", "Phòng Kế hoạch", "sgd@sonla.gov.vn",
                          "0212 3852 111", "2.1", "Sở Giáo dục và Đào tạo", "giáo dục", *dates):
                assert value in page, (locale, value)
        assert "Phường Tô Hiệu" in html.unescape(app.get("/dataset/truong-hoc").body)
        assert "To Hieu Ward" in html.unescape(app.get("/en/dataset/truong-hoc").body)
        assert "Hằng quý" in html.unescape(app.get("/dataset/truong-hoc").body)
        assert "Quarterly" in html.unescape(app.get("/en/dataset/truong-hoc").body)


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestAgencyPage:
    def test_details_written_as_extras_show_in_both_languages(self, app):
        """sonla-publish portal setup writes title_en, kind and code as extras; operators add the rest."""
        sysadmin = factories.Sysadmin()
        extras = {"code": "03646", "kind": "phuong", "title_en": "To Hieu Ward", "address": "Tô Hiệu, Sơn La",
                  "website": "https://tohieu.sonla.gov.vn", "contact_email": "tohieu@sonla.gov.vn",
                  "contact_phone": "0212 3852 000"}
        org = helpers.call_action("organization_create", context={"user": sysadmin["name"]},
                                  name="phuong-to-hieu", title="Phường Tô Hiệu",
                                  extras=[{"key": k, "value": v} for k, v in extras.items()])
        factories.Dataset(name="gia-cho", title="Giá chợ", notes="x", update_frequency="weekly",
                          owner_org=org["id"])
        vi = html.unescape(app.get("/organization/phuong-to-hieu").body)
        en = html.unescape(app.get("/en/organization/phuong-to-hieu").body)
        for value in ("03646", "To Hieu Ward", "Tô Hiệu, Sơn La", "https://tohieu.sonla.gov.vn",
                      "tohieu@sonla.gov.vn", "0212 3852 000", "Giá chợ"):
            assert value in vi and value in en, value
        assert "Phường" in vi and "Mã cơ quan" in vi and "Thông tin cơ quan" in vi
        assert "Ward" in en and "Official code" in en and "Agency details" in en


def test_update_frequencies_match_the_code_list_and_eu_vocabulary():
    with (REPO / "dataset_specs" / "codelists" / "frequencies.csv").open(encoding="utf-8") as handle:
        expected = [(r["code"], r["name"], r["name_en"], r["eu_uri"]) for r in csv.DictReader(handle)]
    field = next(f for f in _schema_fields() if f["field_name"] == "update_frequency")
    offered = [(c["value"], c["label"]["vi"], c["label"]["en"], c["uri"]) for c in field["choices"]]
    assert offered == expected
