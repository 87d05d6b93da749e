"""DCAT-AP 3 export (profile ``sonla_dcat_ap_3``): real CKAN, real HTTP endpoints, SHACL-validated.

Datasets are made through the action API; their RDF is fetched from ``/dataset/<name>.<format>``
and ``/catalog.<format>?page=N`` and checked triple by triple, then validated with pyshacl
against the official DCAT-AP 3.0.1 shapes (skipped when ``../shared`` is not beside the clone).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.plugins import toolkit
from dcat_shacl import findings, require_shapes
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = "sonla_search sonla scheming_datasets dcat"
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
EU = "http://publications.europa.eu/resource/authority/"
DEF = "https://data.sonla.gov.vn/def/"
CSV_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
RDF_FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}

COMPLETE = {
    "name": "co-so-y-te", "title": "Danh sách cơ sở y tế", "title_en": "Health facilities",
    "notes": "Bệnh viện, trạm y tế xã, phường trên địa bàn tỉnh.", "tag_string": "y tế,bệnh viện",
    "update_frequency": "quarterly", "data_last_updated": "2026-03-31",
    "temporal_coverage_from": "2025-01-01", "temporal_coverage_to": "2025-12-31",
    "spatial_coverage": ["03646", "03664"], "legal_basis": "Quyết định 978/QĐ-UBND ngày 21/4/2026",
    "catalogue_code": "SYT-01", "license_id": "cc-by-4.0", "contact_name": "Phòng Kế hoạch - Tài chính",
    "contact_email": "syt@sonla.gov.vn", "contact_phone": "0212 3852 111", "language": "vi-en",
    "version": "2.1", "source_hash": "b" * 64, "groups": [{"name": "y-te"}, {"name": "co-so-ha-tang"}],
    "resources": [
        {"url": "https://data.sonla.gov.vn/files/co-so-y-te.csv", "name": "Cơ sở y tế (CSV)", "format": "CSV",
         "description": "Dữ liệu đã làm sạch", "row_count": "412", "content_hash": CSV_HASH, "size": 52311,
         "validation_status": "valid", "data_dictionary_url": "https://data.sonla.gov.vn/files/tu-dien.json",
         "validation_report_url": "https://data.sonla.gov.vn/files/bao-cao.html"},
        {"url": "https://data.sonla.gov.vn/files/goc.xlsx", "name": "Tệp gốc (XLSX)", "format": "XLSX",
         "description": "Tệp do Sở gửi"},
        {"url": "https://syt.sonla.gov.vn/co-so", "name": "Trang của Sở", "format": "HTML",
         "description": "Tra cứu trên trang của Sở"},
    ],
}
MINIMAL = {"name": "gia-dat", "title": "Bảng giá đất", "notes": "Giá đất.", "update_frequency": "annual"}


def _context(sysadmin: dict) -> dict:
    return {"user": sysadmin["name"]}


@pytest.fixture
def portal():
    return make_portal()


def make_portal() -> dict:
    """An agency and two themes written as sonla-publish portal setup writes them (extras)."""
    sysadmin = factories.Sysadmin()
    org = helpers.call_action(
        "organization_create", context=_context(sysadmin), name="so-y-te", title="Sở Y tế",
        extras=[{"key": "kind", "value": "provincial_agency"}, {"key": "title_en", "value": "Department of Health"},
                {"key": "code", "value": "000.00.15.H53"}, {"key": "website", "value": "https://syt.sonla.gov.vn"}])
    for name, title, title_en in (("y-te", "Y tế", "Health"), ("co-so-ha-tang", "Cơ sở hạ tầng", "Infrastructure")):
        helpers.call_action("group_create", context=_context(sysadmin), name=name, title=title,
                            extras=[{"key": "title_en", "value": title_en}])
    return {"sysadmin": sysadmin, "org": org}


def _create(portal: dict, fields: dict) -> dict:
    return helpers.call_action("package_create", context=_context(portal["sysadmin"]),
                               owner_org=portal["org"]["id"], **json.loads(json.dumps(fields)))


def _graph(app, url: str, rdf_format: str = "turtle") -> Graph:
    response = app.get(url)
    assert response.status_code == 200, url
    return Graph().parse(data=response.body, format=rdf_format)


def _dataset_ref(graph: Graph) -> URIRef:
    (ref,) = graph.subjects(RDF.type, DCAT.Dataset)
    return ref


def _only(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestDatasetEndpoint:
    def test_complete_dataset_maps_every_schema_field(self, app, portal):
        dataset = _create(portal, COMPLETE)
        g = _graph(app, "/dataset/co-so-y-te.ttl")
        ds = _dataset_ref(g)
        # ckanext.dcat.base_uri (config/base.ini), not the site URL (http://test.ckan.net here).
        assert str(ds) == f"https://data.sonla.gov.vn/dataset/{dataset['id']}"

        assert set(g.objects(ds, DCTERMS.title)) == {Literal("Danh sách cơ sở y tế", lang="vi"),
                                                     Literal("Health facilities", lang="en")}
        assert _only(g, ds, DCTERMS.description) == Literal(COMPLETE["notes"], lang="vi")
        assert set(g.objects(ds, DCAT.keyword)) == {Literal("y tế", lang="vi"), Literal("bệnh viện", lang="vi")}
        assert _only(g, ds, DCTERMS.identifier) == Literal("SYT-01")
        assert _only(g, ds, DCAT.version) == Literal("2.1")
        # dct:modified is the record's change date (harvesters detect edits by it), never before dct:issued;
        # the data's date is on the distributions (test_resources_are_distributions_...).
        modified, issued = _only(g, ds, DCTERMS.modified).toPython(), _only(g, ds, DCTERMS.issued).toPython()
        assert str(modified)[:19] == dataset["metadata_modified"][:19].replace("T", " ")
        assert modified >= issued
        assert str(_only(g, ds, DCAT.landingPage)).endswith("/dataset/co-so-y-te")

        frequency = _only(g, ds, DCTERMS.accrualPeriodicity)
        assert frequency == URIRef(EU + "frequency/QUARTERLY")
        assert (frequency, SKOS.prefLabel, Literal("Hằng quý", lang="vi")) in g

        assert set(g.objects(ds, DCTERMS.language)) == {URIRef(EU + "language/VIE"), URIRef(EU + "language/ENG")}

        themes = set(g.objects(ds, DCAT.theme))
        assert themes == {URIRef(DEF + "theme/y-te"), URIRef(DEF + "theme/co-so-ha-tang"),
                          URIRef(EU + "data-theme/HEAL"), URIRef(EU + "data-theme/TRAN")}
        assert (URIRef(DEF + "theme/y-te"), SKOS.prefLabel, Literal("Health", lang="en")) in g

        # One dct:spatial (ckanext-dcat's parser keeps one), made of the communes, labelled with all of them.
        coverage = _only(g, ds, DCTERMS.spatial)
        assert (coverage, RDF.type, DCTERMS.Location) in g
        assert set(g.objects(coverage, DCTERMS.hasPart)) == {URIRef(DEF + "commune/03646"),
                                                             URIRef(DEF + "commune/03664")}
        assert _only(g, coverage, RDFS.label) == Literal("Phường Tô Hiệu, Phường Chiềng An", lang="vi")
        assert (URIRef(DEF + "province/14"), DCTERMS.isPartOf, URIRef(EU + "country/VNM")) in g
        commune = URIRef(DEF + "commune/03646")
        assert _only(g, commune, DCTERMS.identifier) == Literal("03646")
        assert (commune, SKOS.prefLabel, Literal("Phường Tô Hiệu", lang="vi")) in g
        assert (commune, SKOS.prefLabel, Literal("To Hieu Ward", lang="en")) in g
        assert (commune, RDF.type, DCTERMS.Location) in g

        period = _only(g, ds, DCTERMS.temporal)
        assert (period, RDF.type, DCTERMS.PeriodOfTime) in g
        assert _only(g, period, DCAT.startDate) == Literal("2025-01-01", datatype=XSD.date)
        assert _only(g, period, DCAT.endDate) == Literal("2025-12-31", datatype=XSD.date)

        publisher = _only(g, ds, DCTERMS.publisher)
        assert str(publisher).endswith(f"/organization/{portal['org']['id']}")
        assert set(g.objects(publisher, FOAF.name)) == {Literal("Sở Y tế", lang="vi"),
                                                        Literal("Department of Health", lang="en")}
        assert _only(g, publisher, DCTERMS.type) == URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
        assert _only(g, publisher, DCTERMS.identifier) == Literal("000.00.15.H53")

        contact = _only(g, ds, DCAT.contactPoint)
        assert _only(g, contact, VCARD.fn) == Literal("Phòng Kế hoạch - Tài chính", lang="vi")
        assert _only(g, contact, VCARD.hasEmail) == URIRef("mailto:syt@sonla.gov.vn")
        assert _only(g, contact, VCARD.hasTelephone) == URIRef("tel:+842123852111")

        legislation = _only(g, ds, DCATAP.applicableLegislation)
        assert legislation == URIRef(DEF + "legal/quyet-dinh-978-qd-ubnd-ngay-21-4-2026")
        assert _only(g, legislation, DCTERMS.title) == Literal(COMPLETE["legal_basis"], lang="vi")
        assert _only(g, ds, DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")

    def test_resources_are_distributions_with_formats_checksum_and_licence(self, app, portal):
        dataset = _create(portal, COMPLETE)
        g = _graph(app, "/dataset/co-so-y-te.ttl")
        distributions = {str(_only(g, d, DCTERMS.title)): d for d in g.objects(_dataset_ref(g), DCAT.distribution)}
        assert set(distributions) == {r["name"] for r in COMPLETE["resources"]}
        csv_resource = next(r for r in dataset["resources"] if r["format"] == "CSV")

        dist = distributions["Cơ sở y tế (CSV)"]
        assert _only(g, dist, DCTERMS["format"]) == URIRef(EU + "file-type/CSV")
        assert _only(g, dist, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/text/csv")
        assert _only(g, dist, DCAT.byteSize) == Literal(52311, datatype=XSD.nonNegativeInteger)
        assert _only(g, dist, DCAT.downloadURL) == URIRef(COMPLETE["resources"][0]["url"])
        assert str(_only(g, dist, DCAT.accessURL)).endswith(f"/dataset/co-so-y-te/resource/{csv_resource['id']}")
        checksum = _only(g, dist, SPDX.checksum)
        assert _only(g, checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert _only(g, checksum, SPDX.checksumValue) == Literal(CSV_HASH, datatype=XSD.hexBinary)
        licence = URIRef("https://creativecommons.org/licenses/by/4.0/")
        assert _only(g, dist, DCTERMS.license) == licence
        assert _only(g, _dataset_ref(g), DCTERMS.license) == licence  # on the dataset too
        # Titles a harvester matches against its licence list: ours, and CKAN's default list's.
        assert set(g.objects(licence, DCTERMS.title)) == {
            Literal("Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)", lang="vi"),
            Literal("Creative Commons Attribution", lang="en")}
        # The media type's label is what ckanext-dcat reads back as the mimetype (then format CSV).
        assert _only(g, _only(g, dist, DCAT.mediaType), RDFS.label) == Literal("text/csv")
        # The data's date (data_last_updated) is each distribution's dct:modified.
        assert _only(g, dist, DCTERMS.modified) == Literal("2026-03-31", datatype=XSD.date)
        assert _only(g, dist, DCATAP.availability) == URIRef(EU + "planned-availability/AVAILABLE")

        xlsx = distributions["Tệp gốc (XLSX)"]
        assert _only(g, xlsx, DCTERMS["format"]) == URIRef(EU + "file-type/XLSX")
        assert (xlsx, SPDX.checksum, None) not in g  # no content hash, no checksum

        page = distributions["Trang của Sở"]
        assert _only(g, page, DCAT.accessURL) == URIRef("https://syt.sonla.gov.vn/co-so")
        assert (page, DCAT.downloadURL, None) not in g  # a web page is accessed, not downloaded

    def test_the_three_formats_carry_the_same_graph(self, app, portal):
        _create(portal, COMPLETE)
        graphs = {ext: _graph(app, f"/dataset/co-so-y-te.{ext}", rdf_format) for ext, rdf_format in RDF_FORMATS.items()}
        sizes = {ext: len(graph) for ext, graph in graphs.items()}
        assert len(set(sizes.values())) == 1, sizes
        for graph in graphs.values():
            assert (_dataset_ref(graph), DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/QUARTERLY")) in graph

    def test_whole_province_and_national_terms_licence(self, app, portal):
        _create(portal, {**COMPLETE, "spatial_coverage": ["14"], "license_id": "vn-open-data-1.0"})
        g = _graph(app, "/dataset/co-so-y-te.ttl")
        province = URIRef(DEF + "province/14")
        assert set(g.objects(_dataset_ref(g), DCTERMS.spatial)) == {province}
        assert _only(g, province, RDFS.label) == Literal("Tỉnh Sơn La", lang="vi")
        assert (province, SKOS.prefLabel, Literal("Tỉnh Sơn La", lang="vi")) in g
        licences = {lic for d in g.objects(_dataset_ref(g), DCAT.distribution) for lic in g.objects(d, DCTERMS.license)}
        assert len(licences) == 1 and str(next(iter(licences))).endswith("/terms")

    def test_minimal_dataset_falls_back_to_portal_contact(self, app, portal):
        dataset = _create(portal, MINIMAL)
        g = _graph(app, "/dataset/gia-dat.ttl")
        ds = _dataset_ref(g)
        assert _only(g, ds, DCTERMS.identifier) == Literal(dataset["id"])
        assert _only(g, ds, DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/ANNUAL")
        assert _only(g, ds, DCTERMS.title) == Literal("Bảng giá đất", lang="vi")
        contact = _only(g, ds, DCAT.contactPoint)
        assert _only(g, contact, VCARD.hasEmail) == URIRef("mailto:sokhcn@sonla.gov.vn")
        assert (ds, DCAT.distribution, None) not in g

    def test_private_dataset_is_not_served_to_anonymous(self, app, portal):
        _create(portal, {**MINIMAL, "private": True})
        assert app.get("/dataset/gia-dat.ttl").status_code in (403, 404)


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestCatalogEndpoint:
    def test_pages_cover_every_public_dataset_once(self, app, portal):
        names = ["bo-du-lieu-1", "bo-du-lieu-2", "bo-du-lieu-3"]
        ids = {_create(portal, {**MINIMAL, "name": name})["id"] for name in names}
        _create(portal, {**MINIMAL, "name": "rieng-tu", "private": True})
        seen = []
        for page in (1, 2):
            g = _graph(app, f"/catalog.ttl?page={page}")
            (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
            seen += [str(ref).rsplit("/", 1)[-1] for ref in g.objects(catalog, DCAT.dataset)]
            (paging,) = g.subjects(RDF.type, HYDRA.PagedCollection)
            assert _only(g, paging, HYDRA.totalItems).toPython() == 3
            assert str(_only(g, paging, HYDRA.last)).endswith("page=2")
        assert sorted(seen) == sorted(ids)

    def test_catalogue_metadata_from_config(self, app, portal):
        _create(portal, MINIMAL)
        g = _graph(app, "/catalog.jsonld", "json-ld")
        (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
        titles = set(g.objects(catalog, DCTERMS.title))
        assert Literal("Cổng dữ liệu mở tỉnh Sơn La", lang="vi") in titles
        assert Literal("Sơn La Open Data Portal", lang="en") in titles
        publisher = _only(g, catalog, DCTERMS.publisher)
        assert Literal("Ủy ban nhân dân tỉnh Sơn La", lang="vi") in set(g.objects(publisher, FOAF.name))
        assert set(g.objects(catalog, DCTERMS.language)) == {URIRef(EU + "language/VIE"), URIRef(EU + "language/ENG")}
        assert URIRef(EU + "data-theme") in set(g.objects(catalog, DCAT.themeTaxonomy))
        assert (catalog, FOAF.homepage, None) in g and (catalog, DCTERMS.issued, None) in g

    def test_search_filters_pass_through_our_search_backend(self, app, portal):
        """The catalog's q/fq/modified_since become package_search queries that sonla_search must parse."""
        _create(portal, MINIMAL)
        _create(portal, {**COMPLETE, "resources": []})
        for query, expected in (("q=dat", 1), ("fq=groups:y-te", 1),
                                ("modified_since=2020-01-01", 2), ("modified_since=2999-01-01", 0)):
            g = _graph(app, f"/catalog.ttl?{query}")
            (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
            assert len(list(g.objects(catalog, DCAT.dataset))) == expected, query

    def test_query_with_spaces_and_vietnamese_letters(self, app, portal):
        """ckanext-dcat puts q unencoded into the hydra page URIs: patches/dcat_paging.py encodes them."""
        for name in ("bang-gia-dat-1", "bang-gia-dat-2", "bang-gia-dat-3"):
            _create(portal, {**MINIMAL, "name": name})
        for query, encoded in (("q=gia dat", "q=gia+dat"), ("q=giá đất", "q=gi%C3%A1+%C4%91%E1%BA%A5t"),
                               ('q="gia dat"&fq=name:bang-gia-dat-1', "q=%22gia+dat%22&fq=name%3Abang-gia-dat-1")):
            g = _graph(app, f"/catalog.ttl?{query}")
            (paging,) = g.subjects(RDF.type, HYDRA.PagedCollection)
            assert str(paging).endswith(f"?{encoded}&page=1"), (query, paging)
            assert str(_only(g, paging, HYDRA.first)).endswith(f"?{encoded}&page=1")

    def test_bad_page_is_a_clear_error(self, app):
        assert app.get("/catalog.ttl?page=0").status_code == 409


# --- SHACL ---------------------------------------------------------------------------------------

# Where our output knowingly differs from what the split DCAT-AP shapes ask, and why (docs/dcat.md):
# - the controlled-vocabulary shapes warn for every concept outside the EU tables; we keep our own
#   theme, commune/province and agency URIs next to the EU ones on purpose;
# - a coverage of several communes is one blank-node location (ckanext-dcat's parser keeps one dct:spatial);
# - no geometry is published for communes yet (dcat:bbox / dcat:centroid are recommended);
# - the vocabulary shape for spdx:algorithm expects an https://spdx.org/rdf/terms URI, but SPDX's
#   namespace (and the DCAT-AP 3.0.1 release shapes) use http://spdx.org/rdf/terms#.
NON_EU_CONCEPT = ("http://purl.org/dc/terms/publisher", "http://purl.org/dc/terms/spatial",
                  "http://www.w3.org/ns/dcat#theme")
NO_GEOMETRY = ("http://www.w3.org/ns/dcat#bbox", "http://www.w3.org/ns/dcat#centroid")
# Recommended dataset properties a minimal dataset (only the required fields) does not have.
MINIMAL_GAPS = ("http://www.w3.org/ns/dcat#distribution", "http://www.w3.org/ns/dcat#keyword",
                "http://purl.org/dc/terms/spatial", "http://purl.org/dc/terms/temporal",
                "http://www.w3.org/ns/dcat#theme")


def _known(finding, allowed_gaps: tuple[str, ...] = ()) -> bool:
    agencies = toolkit.config["ckanext.dcat.base_uri"].rstrip("/") + "/organization/"
    if finding.severity == "Warning" and finding.path in NON_EU_CONCEPT and finding.value.startswith((DEF, agencies)):
        return True
    # A coverage of several communes is one blank-node dct:Location made of them (docs/dcat.md, "Coverage").
    if finding.severity == "Warning" and finding.path == str(DCTERMS.spatial) and not finding.value.startswith("http"):
        return True
    missing = "Less than 1" in finding.message
    if finding.severity == "Warning" and finding.path in NO_GEOMETRY + allowed_gaps and missing:
        return True
    return (finding.severity == "Violation" and finding.path == str(SPDX.algorithm)
            and finding.value == str(SPDX.checksumAlgorithm_sha256))


def _assert_conforms(graph: Graph, allowed_gaps: tuple[str, ...] = ()) -> None:
    found, text = findings(graph, release=True)
    assert found == [], text
    found, text = findings(graph)
    unexpected = [str(f) for f in found if not _known(f, allowed_gaps)]
    assert unexpected == [], "\n".join(unexpected) + "\n\n" + text


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestShaclConformance:
    @pytest.fixture(autouse=True)
    def _shapes(self):
        require_shapes()

    def test_complete_dataset_conforms_with_every_recommended_property(self, app, portal):
        _create(portal, COMPLETE)
        for ext, rdf_format in RDF_FORMATS.items():
            _assert_conforms(_graph(app, f"/dataset/co-so-y-te.{ext}", rdf_format))

    def test_minimal_dataset_conforms(self, app, portal):
        _create(portal, MINIMAL)
        _assert_conforms(_graph(app, "/dataset/gia-dat.ttl"), allowed_gaps=MINIMAL_GAPS)

    def test_catalog_page_conforms(self, app, portal):
        _create(portal, COMPLETE)
        _create(portal, MINIMAL)
        _assert_conforms(_graph(app, "/catalog.ttl?page=1"), allowed_gaps=MINIMAL_GAPS)

    def test_a_broken_graph_is_caught(self, app, portal):
        """The validation is real: drop a mandatory property and the shapes report it."""
        _create(portal, MINIMAL)
        g = _graph(app, "/dataset/gia-dat.ttl")
        g.remove((_dataset_ref(g), DCTERMS.description, None))
        found, _text = findings(g, release=True)
        assert any(f.severity == "Violation" and f.path == str(DCTERMS.description) for f in found)


def test_every_theme_has_an_eu_mapping_decision():
    from ckanext.sonla.dcat import vocabularies

    with (ROOT / "dataset_specs" / "codelists" / "themes.csv").open(encoding="utf-8") as handle:
        slugs = {row["slug"] for row in csv.DictReader(handle)}
    assert set(vocabularies.EU_DATA_THEMES) == slugs
    assert set(vocabularies.EU_DATA_THEMES.values()) <= set(vocabularies.EU_DATA_THEME_LABELS)


# --- our own IRIs resolve (issue #24, point 6) -------------------------------------------------

@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestOwnIris:
    def test_a_commune_iri_answers_html_and_rdf(self, app):
        page = app.get("/def/commune/03646")
        assert page.status_code == 200 and "Phường Tô Hiệu" in page.body and "To Hieu Ward" in page.body
        iri = URIRef(DEF + "commune/03646")
        for ext, rdf_format in RDF_FORMATS.items():
            g = _graph(app, f"/def/commune/03646.{ext}", rdf_format)
            assert (iri, SKOS.prefLabel, Literal("Phường Tô Hiệu", lang="vi")) in g
            assert (iri, DCTERMS.isPartOf, URIRef(DEF + "province/14")) in g
        by_accept = app.get("/def/province/14", headers={"Accept": "text/turtle"})
        assert by_accept.headers["Content-Type"].startswith("text/turtle")
        assert (URIRef(DEF + "province/14"), DCTERMS.identifier, Literal("14")) in Graph().parse(
            data=by_accept.body, format="turtle")

    def test_a_theme_iri_answers_html_and_rdf_with_its_eu_theme(self, app, portal):
        assert "Cơ sở hạ tầng" in app.get("/def/theme/co-so-ha-tang").body
        g = _graph(app, "/def/theme/co-so-ha-tang.ttl")
        iri = URIRef(DEF + "theme/co-so-ha-tang")
        assert (iri, SKOS.prefLabel, Literal("Infrastructure", lang="en")) in g
        assert (iri, SKOS.exactMatch, URIRef(EU + "data-theme/TRAN")) in g

    def test_a_legal_basis_iri_answers_while_a_public_dataset_names_it(self, app, portal):
        path = "/def/legal/quyet-dinh-978-qd-ubnd-ngay-21-4-2026"
        assert app.get(path).status_code == 404  # no dataset names it yet
        dataset = _create(portal, COMPLETE)
        page = app.get(path)
        assert page.status_code == 200 and COMPLETE["legal_basis"] in page.body and "Căn cứ pháp lý" in page.body
        iri = URIRef(DEF + "legal/quyet-dinh-978-qd-ubnd-ngay-21-4-2026")
        for ext, rdf_format in RDF_FORMATS.items():
            g = _graph(app, f"{path}.{ext}", rdf_format)
            assert (iri, DCTERMS.title, Literal(COMPLETE["legal_basis"], lang="vi")) in g
            assert (iri, RDF.type, URIRef("http://data.europa.eu/eli/ontology#LegalResource")) in g
        # The IRI the export gives is the one that resolves.
        exported_graph = _graph(app, "/dataset/co-so-y-te.ttl")
        exported = _only(exported_graph, _dataset_ref(exported_graph), DCATAP.applicableLegislation)
        assert exported == iri
        helpers.call_action("package_patch", context=_context(portal["sysadmin"]), id=dataset["id"], private=True)
        assert app.get(path).status_code == 404  # a private dataset's text is not shown

    def test_unknown_names_are_404(self, app, portal):
        for path in ("/def/commune/99999", "/def/province/03646", "/def/theme/khong-co", "/def/commune/03646.exe"):
            assert app.get(path).status_code == 404, path
