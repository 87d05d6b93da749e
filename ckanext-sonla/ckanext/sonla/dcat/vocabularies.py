"""Controlled vocabularies the DCAT export points to, and how our codes map onto them.

The EU vocabularies are the ones DCAT-AP 3 asks for (Publications Office authority tables,
ADMS types, IANA media types, SPDX). Each concept we reference is also described in the
output (``a skos:Concept; skos:inScheme <scheme>``) so a harvester, and the DCAT-AP
vocabulary shapes, can tell which scheme it comes from without loading the whole table.
"""
from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
FREQUENCY_SCHEME = URIRef(EU_AUTHORITY + "frequency")
LANGUAGE_SCHEME = URIRef(EU_AUTHORITY + "language")
FILE_TYPE_SCHEME = URIRef(EU_AUTHORITY + "file-type")
DATA_THEME_SCHEME = URIRef(EU_AUTHORITY + "data-theme")
ACCESS_RIGHT_SCHEME = URIRef(EU_AUTHORITY + "access-right")
COUNTRY_SCHEME = URIRef(EU_AUTHORITY + "country")
PUBLISHER_TYPE_SCHEME = URIRef("http://purl.org/adms/publishertype/1.0")
LICENCE_TYPE_SCHEME = URIRef("http://purl.org/adms/licencetype/1.0")

ELI = Namespace("http://data.europa.eu/eli/ontology#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

VIETNAM = URIRef(EU_AUTHORITY + "country/VNM")
PUBLIC_ACCESS = URIRef(EU_AUTHORITY + "access-right/PUBLIC")
NON_PUBLIC_ACCESS = URIRef(EU_AUTHORITY + "access-right/NON_PUBLIC")
# SPDX's own namespace is http://spdx.org/rdf/terms# (see docs/dcat.md on the DCAT-AP shape that expects https).
SHA256 = SPDX.checksumAlgorithm_sha256
ATTRIBUTION_LICENCE = URIRef("http://purl.org/adms/licencetype/Attribution")

# Portal language codes (schema field ``language`` and ``ckan.locales_offered``) -> EU language table.
LANGUAGES = {"vi": ("VIE",), "en": ("ENG",), "vi-en": ("VIE", "ENG")}

# The 12 themes of data.gov.vn (our CKAN groups) -> EU data-theme, where the meaning matches.
# "Cơ sở hạ tầng" (infrastructure: roads, construction, telecoms) has no single EU theme.
EU_DATA_THEMES = {
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
REGIONAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")

# Licence ids of licenses.json -> canonical licence document, when the licence list has no URL.
LICENCE_URIS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "odc-by-1.0": "https://opendatacommons.org/licenses/by/1-0/",
}
ATTRIBUTION_LICENCES = {"vn-open-data-1.0", "cc-by-4.0", "odc-by-1.0"}


def add_concept(graph: Graph, concept: URIRef, scheme: URIRef, labels: dict[str, str] | None = None) -> URIRef:
    """Describe ``concept`` as a member of ``scheme`` (and the scheme as a scheme)."""
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang, label in (labels or {}).items():
        if label:
            graph.add((concept, SKOS.prefLabel, Literal(label, lang=lang)))
    return concept


def language_uris(code: str | None) -> list[URIRef]:
    return [URIRef(f"{EU_AUTHORITY}language/{eu}") for eu in LANGUAGES.get(code or "", ())]


def add_language(graph: Graph, subject: URIRef, code: str) -> None:
    for uri in language_uris(code):
        graph.add((subject, DCTERMS.language, uri))
        graph.add((uri, RDF.type, DCTERMS.LinguisticSystem))
        add_concept(graph, uri, LANGUAGE_SCHEME)


def eu_data_theme(slug: str) -> URIRef | None:
    code = EU_DATA_THEMES.get(slug)
    return URIRef(f"{EU_AUTHORITY}data-theme/{code}") if code else None


def file_type(resource_format: str | None) -> tuple[URIRef | None, URIRef | None]:
    """The EU file-type URI and IANA media-type URI for a CKAN resource format."""
    codes = FILE_TYPES.get((resource_format or "").strip().lstrip(".").upper())
    if not codes:
        return None, None
    eu_code, media_type = codes
    return (URIRef(f"{EU_AUTHORITY}file-type/{eu_code}"),
            URIRef(IANA_MEDIA_TYPES + media_type) if media_type else None)


def media_type_uri(mimetype: str | None) -> URIRef | None:
    """A ``type/subtype`` string as an IANA media-type URI (parameters dropped)."""
    value = (mimetype or "").split(";")[0].strip().lower()
    if value.count("/") != 1 or " " in value:
        return None
    return URIRef(IANA_MEDIA_TYPES + value)


def publisher_type(kind: str | None) -> URIRef | None:
    code = PUBLISHER_TYPES.get(kind or "")
    return URIRef(f"http://purl.org/adms/publishertype/{code}") if code else None
