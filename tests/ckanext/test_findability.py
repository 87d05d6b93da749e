"""Findable from web search: /sitemap.xml, /robots.txt, the pages' description and Open Graph tags
(real CKAN and PostgreSQL)."""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets scheming_organizations dcat structured_data datastore datatables_view"
SITE = "http://sonla.test"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("ckan.site_url", SITE),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _catalogue() -> dict[str, Any]:
    org = factories.Organization(kind="provincial_agency")
    other = factories.Organization(kind="provincial_agency")
    theme = factories.Group()
    public = factories.Dataset(owner_org=org["id"], update_frequency="annual", groups=[{"name": theme["name"]}])
    second = factories.Dataset(owner_org=org["id"], update_frequency="annual")
    private = factories.Dataset(owner_org=org["id"], update_frequency="annual", private=True)
    deleted = factories.Dataset(owner_org=org["id"], update_frequency="annual")
    helpers.call_action("package_delete", context={"user": factories.Sysadmin()["name"]}, id=deleted["id"])
    return {"org": org, "other": other, "theme": theme, "public": public, "second": second,
            "private": private, "deleted": deleted}


def _urls(body: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(body)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {url.findtext("s:loc", namespaces=NS) or "": url for url in root.findall("s:url", NS)}


def test_the_sitemap_lists_every_public_dataset_agency_and_theme(app):
    made = _catalogue()
    response = app.get("/sitemap.xml")
    assert response.headers["Content-Type"].startswith("application/xml")
    assert "max-age" in response.headers["Cache-Control"]
    urls = _urls(response.data)
    assert set(urls) == {f"{SITE}/", f"{SITE}/organization/{made['org']['name']}",
                         f"{SITE}/organization/{made['other']['name']}", f"{SITE}/group/{made['theme']['name']}",
                         f"{SITE}/dataset/{made['public']['name']}", f"{SITE}/dataset/{made['second']['name']}"}
    dataset = urls[f"{SITE}/dataset/{made['public']['name']}"]
    shown = helpers.call_action("package_show", id=made["public"]["id"])
    assert dataset.findtext("s:lastmod", namespaces=NS) == shown["metadata_modified"][:10]
    alternates = {link.get("hreflang"): link.get("href") for link in dataset.findall("x:link", NS)}
    assert alternates == {"vi": f"{SITE}/dataset/{made['public']['name']}",
                          "en": f"{SITE}/en/dataset/{made['public']['name']}"}
    # An agency or theme changed when its newest public dataset did.
    theme = urls[f"{SITE}/group/{made['theme']['name']}"]
    assert theme.findtext("s:lastmod", namespaces=NS) == shown["metadata_modified"][:10]


def test_a_large_catalogue_gets_a_sitemap_index(app, monkeypatch):
    from ckanext.sonla.findability import sitemap

    made = _catalogue()
    monkeypatch.setattr(sitemap, "MAX_URLS", 2)
    index = ET.fromstring(app.get("/sitemap.xml").data)
    files = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert files == [f"{SITE}/sitemap-{n}.xml" for n in (1, 2, 3)]  # 6 URLs, 2 a file
    seen: list[str] = []
    for n in (1, 2, 3):
        seen += list(_urls(app.get(f"/sitemap-{n}.xml").data))
    assert len(seen) == len(set(seen)) == 6
    assert f"{SITE}/dataset/{made['second']['name']}" in seen
    app.get("/sitemap-4.xml", status=404)
    app.get("/sitemap-0.xml", status=404)


def test_robots_txt_points_at_the_sitemap(app):
    response = app.get("/robots.txt")
    assert response.headers["Content-Type"].startswith("text/plain")
    lines = response.body.splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /api/" in lines and "Disallow: /dataset/?" in lines
    assert "Disallow: /dataset/" not in lines  # dataset pages themselves are crawled


def _meta(page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page):
        found.setdefault(key, []).append(html.unescape(value))
    return found


def test_every_page_has_a_description_and_open_graph(app):
    meta = _meta(app.get("/").body)
    assert meta["description"] == ["Dữ liệu mở của các cơ quan nhà nước tỉnh Sơn La"]
    assert meta["og:site_name"] == ["Cổng dữ liệu mở tỉnh Sơn La"] and meta["og:locale"] == ["vi_VN"]
    assert meta["og:title"] and meta["og:url"] == [f"{SITE}/"]
    english = _meta(app.get("/en/").body)
    assert english["og:locale"] == ["en_US"] and english["description"] == [
        "Open data of the state agencies of Sơn La province"]


def test_a_dataset_page_describes_the_dataset_once(app):
    org = factories.Organization(kind="provincial_agency")
    dataset = factories.Dataset(owner_org=org["id"], update_frequency="annual", title="Dân số các xã",
                                notes='Dân số **75 xã**, phường. "Trích" <b>đậm</b>')
    page = app.get(f"/dataset/{dataset['name']}").body
    meta = _meta(page)
    assert meta["description"] == ['Dân số 75 xã, phường. "Trích" đậm']
    assert len(meta["og:title"]) == 1 and meta["og:title"][0].startswith("Dân số các xã")
    assert len(meta["og:description"]) == 1


def test_a_description_cannot_break_out_of_its_attribute(app):
    """A quote in the notes or the description never ends the attribute (which would let a script in)."""
    org = factories.Organization(kind="provincial_agency", description='Sở "><script>alert(1)</script>')
    dataset = factories.Dataset(owner_org=org["id"], update_frequency="annual",
                                notes='x "><script>alert(2)</script> <img src=x onerror=alert(3)>')
    for path, start in ((f"/dataset/{dataset['name']}", 'x ">'), (f"/organization/{org['name']}", 'Sở ">')):
        head = app.get(path).body.split("</head>")[0]
        assert "<script>alert" not in head and "<img" not in head
        description, = _meta(head)["description"]
        assert description.startswith(start)


def test_an_agency_page_describes_the_agency(app):
    org = factories.Organization(kind="provincial_agency", title="Sở Y tế",
                                 description="Cơ quan chuyên môn về y tế của tỉnh.")
    meta = _meta(app.get(f"/organization/{org['name']}").body)
    assert meta["description"] == ["Cơ quan chuyên môn về y tế của tỉnh."]
    assert meta["og:description"] == ["Cơ quan chuyên môn về y tế của tỉnh."]


def _json_ld(page: str) -> dict[str, Any]:
    """The schema.org Dataset node of the page's JSON-LD."""
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1, "one JSON-LD block"
    document = json.loads(scripts[0])
    nodes = document.get("@graph", [document])
    by_id = {node.get("@id"): node for node in nodes}
    dataset, = (node for node in nodes if node.get("@type") == "schema:Dataset")
    return {"dataset": dataset, "by_id": by_id}


def _value(node: Any) -> Any:
    return node.get("@value", node.get("@id")) if isinstance(node, dict) else node


def test_a_dataset_page_carries_schema_org_json_ld(app):
    org = factories.Organization(kind="provincial_agency", title="Sở Y tế")
    dataset = factories.Dataset(
        owner_org=org["id"], update_frequency="annual", title="Cơ sở y tế", notes="Danh sách cơ sở y tế.",
        license_id="cc-by-4.0", temporal_coverage_from="2025-01-01", temporal_coverage_to="2025-12-31",
        spatial_coverage=["03664", "03670"],
        resources=[{"url": "http://sonla.test/files/co-so-y-te.csv", "format": "CSV", "name": "Cơ sở y tế"}])
    found = _json_ld(app.get(f"/dataset/{dataset['name']}").body)
    node, by_id = found["dataset"], found["by_id"]
    assert _value(node["schema:name"]) == "Cơ sở y tế"
    assert _value(node["schema:description"]) == "Danh sách cơ sở y tế."
    assert "creativecommons.org/licenses/by/4.0" in str(_value(node["schema:license"]))
    assert _value(node["schema:temporalCoverage"]) == "2025-01-01/2025-12-31"
    place = by_id[node["schema:spatialCoverage"]["@id"]]
    assert _value(place["schema:description"]) == "Phường Chiềng An, Phường Chiềng Cơi"
    creator = by_id[node["schema:creator"]["@id"]]
    assert _value(creator["schema:name"]) == "Sở Y tế"
    distribution = node["schema:distribution"]
    distribution = by_id[(distribution[0] if isinstance(distribution, list) else distribution)["@id"]]
    assert _value(distribution["schema:contentUrl"]) == "http://sonla.test/files/co-so-y-te.csv"
    assert _value(distribution["schema:encodingFormat"]) == "CSV"


def test_without_communes_the_coverage_is_the_province(app):
    org = factories.Organization(kind="provincial_agency")
    dataset = factories.Dataset(owner_org=org["id"], update_frequency="annual")
    found = _json_ld(app.get(f"/dataset/{dataset['name']}").body)
    place = found["by_id"][found["dataset"]["schema:spatialCoverage"]["@id"]]
    assert _value(place["schema:description"]) == "Tỉnh Sơn La, Việt Nam"
