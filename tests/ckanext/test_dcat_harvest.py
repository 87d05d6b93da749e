"""The harvesting side of DCAT (issue #24): what a harvester reads back from our export.

Our RDF is fetched from the real endpoint and parsed with ckanext-dcat's own parser, the one its
``dcat_rdf_harvester`` uses: with ``euro_dcat_ap_3`` and CKAN's default licence list (a plain CKAN
such as the national portal's) and with our ``sonla_dcat_ap_3`` (a Sơn La portal harvesting
another; the parsed dict is then created through the action API, so the schema must accept it).
tests/e2e/test_harvest.py runs the whole harvester (gather, fetch, import) against a real portal.
"""
from __future__ import annotations

import json

import ckan.tests.helpers as helpers
import pytest
from ckan.plugins import toolkit
from ckanext.dcat.processors import RDFParser
from test_dcat import COMPLETE, MINIMAL, _context, _create, make_portal

PLUGINS = "sonla_search sonla scheming_datasets dcat"


@pytest.fixture
def portal() -> dict:
    return make_portal()


def _parse(app, name: str, profile: str) -> dict:
    response = app.get(f"/dataset/{name}.ttl")
    assert response.status_code == 200
    parser = RDFParser(profiles=[profile])
    parser.parse(response.body, _format="turtle")
    (dataset,) = list(parser.datasets())
    return dataset


def _plain_english_ckan(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harvester's side: CKAN's default licence list, English as its default language."""
    monkeypatch.setitem(toolkit.config, "licenses_group_url", "")
    monkeypatch.setitem(toolkit.config, "ckan.locale_default", "en")


def _extras(dataset: dict) -> dict:
    return {extra["key"]: extra["value"] for extra in dataset.get("extras") or []}


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestPlainCkanHarvester:
    """euro_dcat_ap_3 and CKAN's default licence list: what the national portal's harvester keeps."""

    def test_licence_formats_coverage_and_dates_survive(self, app, portal, monkeypatch):
        source = _create(portal, COMPLETE)
        _plain_english_ckan(monkeypatch)
        parsed = _parse(app, "co-so-y-te", "euro_dcat_ap_3")
        extras = _extras(parsed)

        # 1. The licence maps onto CKAN's list (by the title CKAN gives CC BY).
        assert parsed["license_id"] == "cc-by"
        assert parsed["title"] == "Health facilities"  # 5. one language per harvester: its own
        # 2. Plain formats and media types, not EU file-type IRIs.
        formats = {r["name"]: (r.get("format"), r.get("mimetype")) for r in parsed["resources"]}
        assert formats["Cơ sở y tế (CSV)"] == ("CSV", "text/csv")
        assert formats["Tệp gốc (XLSX)"][0] == "XLSX"
        # 3. Temporal coverage, and every commune in the one spatial value kept.
        assert (extras["temporal_start"], extras["temporal_end"]) == ("2025-01-01", "2025-12-31")
        assert extras["spatial_text"] == "Phường Tô Hiệu, Phường Chiềng An"
        # 4. dct:modified is the record's change date: not before dct:issued, and it is metadata_modified.
        assert extras["modified"] >= extras["issued"]
        assert extras["modified"][:19] == source["metadata_modified"][:19]
        # 7. The dataset IRI is the stable base URI, not the site URL.
        assert extras["uri"] == f"https://data.sonla.gov.vn/dataset/{source['id']}"

    @pytest.mark.parametrize(("licence", "english_ckan", "vietnamese_ckan_with_our_list"), [
        ("cc-by-4.0", "cc-by", "cc-by-4.0"), ("odc-by-1.0", "odc-by", "odc-by-1.0"),
        ("vn-open-data-1.0", "other-at", "vn-open-data-1.0")])
    def test_every_licence_maps(self, app, portal, monkeypatch, licence, english_ckan,
                                vietnamese_ckan_with_our_list):
        _create(portal, {**COMPLETE, "license_id": licence})
        # A Vietnamese harvester with our licence list (ckanext-sonla's licenses.json): by IRI or vi title.
        assert _parse(app, "co-so-y-te", "euro_dcat_ap_3")["license_id"] == vietnamese_ckan_with_our_list
        # An English harvester with CKAN's own list: by the English title.
        _plain_english_ckan(monkeypatch)
        assert _parse(app, "co-so-y-te", "euro_dcat_ap_3")["license_id"] == english_ckan

    def test_a_title_edit_changes_the_modified_date(self, app, portal):
        source = _create(portal, COMPLETE)
        before = _extras(_parse(app, "co-so-y-te", "euro_dcat_ap_3"))["modified"]
        helpers.call_action("package_patch", context=_context(portal["sysadmin"]), id=source["id"],
                            title="Danh sách cơ sở y tế (sửa)")
        after = _extras(_parse(app, "co-so-y-te", "euro_dcat_ap_3"))["modified"]
        assert after > before


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestSonlaHarvester:
    """sonla_dcat_ap_3 on the harvesting side: every field of our schema comes back."""

    def test_round_trip_keeps_every_field(self, app, portal):
        source = _create(portal, COMPLETE)
        parsed = _parse(app, "co-so-y-te", "sonla_dcat_ap_3")

        for field in ("title", "title_en", "notes", "update_frequency", "temporal_coverage_from",
                      "temporal_coverage_to", "spatial_coverage", "legal_basis", "catalogue_code", "license_id",
                      "contact_name", "contact_email", "language", "version", "data_last_updated"):
            assert parsed.get(field) == source[field], field
        assert parsed["contact_phone"].replace(" ", "") == source["contact_phone"].replace(" ", "")
        assert parsed["owner_org"] == portal["org"]["name"]
        assert sorted(g["name"] for g in parsed["groups"]) == sorted(g["name"] for g in source["groups"])
        assert sorted(t["name"] for t in parsed["tags"]) == sorted(t["name"] for t in source["tags"])
        got = {r["name"]: r for r in parsed["resources"]}
        assert len(got) == len(source["resources"])
        for resource in source["resources"]:
            copy = got[resource["name"]]
            assert (copy["url"], copy["format"], copy.get("description")) == (
                resource["url"], resource["format"], resource["description"])
            assert copy.get("content_hash") == resource.get("content_hash")

        # The schema takes the harvested dict as it is (a harvester adds the id and a name).
        created = helpers.call_action("package_create", context=_context(portal["sysadmin"]),
                                      **{**json.loads(json.dumps(parsed)), "name": "ban-sao"})
        assert created["update_frequency"] == "quarterly" and created["spatial_coverage"] == ["03646", "03664"]

    def test_minimal_dataset_round_trip(self, app, portal):
        source = _create(portal, MINIMAL)
        parsed = _parse(app, "gia-dat", "sonla_dcat_ap_3")
        assert (parsed["title"], parsed["notes"], parsed["update_frequency"]) == (
            source["title"], source["notes"], "annual")
        created = helpers.call_action("package_create", context=_context(portal["sysadmin"]),
                                      **{**parsed, "name": "ban-sao-gia-dat"})
        assert created["owner_org"] == portal["org"]["id"]

    def test_an_unknown_frequency_is_left_out_not_guessed(self, app, portal):
        _create(portal, MINIMAL)
        response = app.get("/dataset/gia-dat.ttl")
        text = response.body.replace("frequency/ANNUAL", "frequency/BIHOURLY")
        parser = RDFParser(profiles=["sonla_dcat_ap_3"])
        parser.parse(text, _format="turtle")
        (parsed,) = list(parser.datasets())
        assert "update_frequency" not in parsed
        with pytest.raises(toolkit.ValidationError) as error:
            helpers.call_action("package_create", context=_context(portal["sysadmin"]),
                                **{**parsed, "name": "ban-sao-gia-dat"})
        assert "update_frequency" in error.value.error_dict
