"""Controlled vocabularies the DCAT export points to, and how our codes map onto them.

The EU vocabularies are the ones DCAT-AP 3 asks for (Publications Office authority tables,
ADMS types, IANA media types, SPDX). Each concept we reference is also described in the
output (``a skos:Concept; skos:inScheme <scheme>``) so a harvester, and the DCAT-AP
vocabulary shapes, can tell which scheme it comes from without loading the whole table.
"""
from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
FREQUENCY_SCHEME = URIRef(EU_AUTHORITY + "frequency")
LANGUAGE_SCHEME = URIRef(EU_AUTHORITY + "language")
FILE_TYPE_SCHEME = URIRef(EU_AUTHORITY + "file-type")
DATA_THEME_SCHEME = URIRef(EU_AUTHORITY + "data-theme")
ACCESS_RIGHT_SCHEME = URIRef(EU_AUTHORITY + "access-right")
AVAILABILITY_SCHEME = URIRef(EU_AUTHORITY + "planned-availability")
COUNTRY_SCHEME = URIRef(EU_AUTHORITY + "country")
PUBLISHER_TYPE_SCHEME = URIRef("http://purl.org/adms/publishertype/1.0")
LICENCE_TYPE_SCHEME = URIRef("http://purl.org/adms/licencetype/1.0")

# DCAT-AP asks every concept for a skos:prefLabel and every scheme for a dct:title.
SCHEME_TITLES = {
    FREQUENCY_SCHEME: "Frequency",
    LANGUAGE_SCHEME: "Language",
    FILE_TYPE_SCHEME: "File type",
    DATA_THEME_SCHEME: "Data theme",
    ACCESS_RIGHT_SCHEME: "Access right",
    AVAILABILITY_SCHEME: "Planned availability",
    COUNTRY_SCHEME: "Country",
    PUBLISHER_TYPE_SCHEME: "Publisher type",
    LICENCE_TYPE_SCHEME: "Licence type",
}

ELI = Namespace("http://data.europa.eu/eli/ontology#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

VIETNAM = URIRef(EU_AUTHORITY + "country/VNM")
VIETNAM_LABELS = {"vi": "Việt Nam", "en": "Viet Nam"}
PUBLIC_ACCESS = URIRef(EU_AUTHORITY + "access-right/PUBLIC")
NON_PUBLIC_ACCESS = URIRef(EU_AUTHORITY + "access-right/NON_PUBLIC")
ACCESS_LABELS = {PUBLIC_ACCESS: {"vi": "Công khai", "en": "public"},
                 NON_PUBLIC_ACCESS: {"vi": "Không công khai", "en": "non-public"}}
# Published data stays online for the foreseeable future; the portal makes no longer-term promise.
AVAILABLE = URIRef(EU_AUTHORITY + "planned-availability/AVAILABLE")
AVAILABLE_LABELS = {"vi": "Sẵn có", "en": "available"}
# SPDX's own namespace is http://spdx.org/rdf/terms# (see docs/dcat.md on the DCAT-AP shape that expects https).
SHA256 = SPDX.checksumAlgorithm_sha256
ATTRIBUTION_LICENCE = URIRef("http://purl.org/adms/licencetype/Attribution")
ATTRIBUTION_LABELS = {"vi": "Ghi công", "en": "Attribution"}

# Portal language codes (schema field ``language`` and ``ckan.locales_offered``) -> EU language table.
LANGUAGES = {"vi": ("VIE",), "en": ("ENG",), "vi-en": ("VIE", "ENG")}
LANGUAGE_LABELS = {"VIE": {"vi": "Tiếng Việt", "en": "Vietnamese"}, "ENG": {"vi": "Tiếng Anh", "en": "English"}}

# The 12 themes of data.gov.vn (our CKAN groups) -> EU data-theme, where the meaning matches.
# "Cơ sở hạ tầng" (infrastructure: roads, bridges, construction, telecoms) has no EU theme of its own;
# its data are mostly transport networks, so it maps to TRAN (docs/dcat.md).
EU_DATA_THEMES = {
    "co-so-ha-tang": "TRAN",
    "y-te": "HEAL",
    "lao-dong": "SOCI",
    "cong-nghe": "TECH",
    "nong-nghiep": "AGRI",
    "kinh-te-thuong-mai": "ECON",
    "tai-chinh": "ECON",
    "nang-luong": "ENER",
    "giao-duc-dao-tao": "EDUC",
    "xa-hoi": "SOCI",
    "moi-truong": "ENVI",
    "dia-phuong": "REGI",
}
# English labels of those EU data themes, as the EU table gives them.
EU_DATA_THEME_LABELS = {
    "AGRI": "Agriculture, fisheries, forestry and food",
    "ECON": "Economy and finance",
    "EDUC": "Education, culture and sport",
    "ENER": "Energy",
    "ENVI": "Environment",
    "HEAL": "Health",
    "REGI": "Regions and cities",
    "SOCI": "Population and society",
    "TECH": "Science and technology",
    "TRAN": "Transport",
}

# Resource format (as CKAN stores it, upper-cased) -> EU file-type code and IANA media type.
FILE_TYPES = {
    "CSV": ("CSV", "text/csv"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "XLS": ("XLS", "application/vnd.ms-excel"),
    "ODS": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "JSON": ("JSON", "application/json"),
    "GEOJSON": ("GEOJSON", "application/geo+json"),
    "XML": ("XML", "application/xml"),
    "PDF": ("PDF", "application/pdf"),
    "ZIP": ("ZIP", "application/zip"),
    "HTML": ("HTML", "text/html"),
    "TXT": ("TXT", "text/plain"),
    "DOCX": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "DOC": ("DOC", "application/msword"),
    "KML": ("KML", "application/vnd.google-earth.kml+xml"),
    "SHP": ("SHP", None),
    "GPKG": ("GPKG", "application/geopackage+sqlite3"),
    "PARQUET": ("PARQUET", None),
    "PNG": ("PNG", "image/png"),
    "JPEG": ("JPEG", "image/jpeg"),
    "JPG": ("JPEG", "image/jpeg"),
    "TTL": ("RDF_TURTLE", "text/turtle"),
    "JSONLD": ("JSON_LD", "application/ld+json"),
    "JSON-LD": ("JSON_LD", "application/ld+json"),
    "RDF": ("RDF_XML", "application/rdf+xml"),
}

# Organization extra ``kind`` (written by sonla-publish portal setup) -> ADMS publisher type.
PUBLISHER_TYPES = {
    "provincial_agency": "RegionalAuthority",
    "xa": "LocalAuthority",
    "phuong": "LocalAuthority",
}
PUBLISHER_TYPE_LABELS = {
    "RegionalAuthority": {"vi": "Cơ quan cấp tỉnh", "en": "Regional authority"},
    "LocalAuthority": {"vi": "Chính quyền cấp xã", "en": "Local authority"},
}

# Licence ids of licenses.json -> canonical licence document, when the licence list has no URL.
LICENCE_URIS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "odc-by-1.0": "https://opendatacommons.org/licenses/by/1-0/",
}
ATTRIBUTION_LICENCES = {"vn-open-data-1.0", "cc-by-4.0", "odc-by-1.0"}
# The title of the matching licence in CKAN's default licence list, which ckanext-dcat's parser
# matches dct:title against when it does not know the IRI (a plain CKAN's harvester).
CKAN_LICENCE_TITLES = {
    "cc-by-4.0": "Creative Commons Attribution",
    "odc-by-1.0": "Open Data Commons Attribution License",
    "vn-open-data-1.0": "Other (Attribution)",
}


def label_media_type(graph: Graph, media_type: object) -> None:
    """``rdfs:label "text/csv"`` on an IANA media-type IRI: ckanext-dcat's parser reads the label as
    the resource's mimetype and derives a plain format (``CSV``) from it, not the IRI."""
    if isinstance(media_type, URIRef) and str(media_type).startswith(IANA_MEDIA_TYPES):
        graph.add((media_type, RDFS.label, Literal(str(media_type)[len(IANA_MEDIA_TYPES):])))


def add_scheme(graph: Graph, scheme: URIRef, titles: dict[str, str] | None = None) -> URIRef:
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang, title in (titles or {"en": SCHEME_TITLES[scheme]}).items():
        graph.add((scheme, DCTERMS.title, Literal(title, lang=lang)))
    return scheme


def add_concept(graph: Graph, concept: URIRef, scheme: URIRef, labels: Mapping[str, str | None],
                scheme_titles: dict[str, str] | None = None) -> URIRef:
    """Describe ``concept`` as a labelled member of ``scheme`` (and the scheme as a titled scheme)."""
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    add_scheme(graph, scheme, scheme_titles)
    for lang, label in labels.items():
        if label:
            graph.add((concept, SKOS.prefLabel, Literal(label, lang=lang)))
    return concept


def add_language(graph: Graph, subject: URIRef, code: str) -> None:
    for eu_code in LANGUAGES.get(code or "", ()):
        uri = URIRef(f"{EU_AUTHORITY}language/{eu_code}")
        graph.add((subject, DCTERMS.language, uri))
        graph.add((uri, RDF.type, DCTERMS.LinguisticSystem))
        add_concept(graph, uri, LANGUAGE_SCHEME, LANGUAGE_LABELS[eu_code])


def add_eu_data_theme(graph: Graph, slug: str) -> URIRef | None:
    code = EU_DATA_THEMES.get(slug)
    if not code:
        return None
    return add_concept(graph, URIRef(f"{EU_AUTHORITY}data-theme/{code}"), DATA_THEME_SCHEME,
                       {"en": EU_DATA_THEME_LABELS[code]})


def file_type(resource_format: str | None) -> tuple[URIRef | None, URIRef | None]:
    """The EU file-type URI and IANA media-type URI for a CKAN resource format."""
    codes = FILE_TYPES.get((resource_format or "").strip().lstrip(".").upper())
    if not codes:
        return None, None
    eu_code, media_type = codes
    return (URIRef(f"{EU_AUTHORITY}file-type/{eu_code}"),
            URIRef(IANA_MEDIA_TYPES + media_type) if media_type else None)


def ckan_format(eu_code: str) -> str:
    """The resource format CKAN shows for an EU file-type code (``RDF_TURTLE`` -> ``TTL``)."""
    names = [name for name, (code, _media) in FILE_TYPES.items() if code == eu_code]
    return eu_code if eu_code in names or not names else names[0]


def media_type_uri(mimetype: str | None) -> URIRef | None:
    """A ``type/subtype`` string as an IANA media-type URI (parameters dropped)."""
    value = (mimetype or "").split(";")[0].strip().lower()
    if value.count("/") != 1 or " " in value:
        return None
    return URIRef(IANA_MEDIA_TYPES + value)


def add_publisher_type(graph: Graph, code: str | None) -> URIRef | None:
    """An ADMS publisher type by its code (``RegionalAuthority``, ``LocalAuthority``)."""
    if not code:
        return None
    return add_concept(graph, URIRef(f"http://purl.org/adms/publishertype/{code}"), PUBLISHER_TYPE_SCHEME,
                       PUBLISHER_TYPE_LABELS[code])
