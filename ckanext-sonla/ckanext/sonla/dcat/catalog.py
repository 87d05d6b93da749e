"""Catalogue-level DCAT metadata and the agents and licences shared by datasets.

Every value comes from the config (``ckanext.sonla.dcat.*``, ``ckan.site_*``), declared in
``config_declaration.yaml`` with the province's defaults.
"""
from __future__ import annotations

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from ..helpers import PROVINCE_CODE
from . import places, vocabularies

TERMS_LICENCE_ID = "vn-open-data-1.0"
THEME_SCHEME_TITLES = {"vi": "Lĩnh vực dữ liệu (Cổng dữ liệu quốc gia data.gov.vn)",
                       "en": "Data themes (national data portal data.gov.vn)"}


def uri_base() -> str:
    """Base of the URIs we mint for themes, places and legal acts (ends with ``/``)."""
    base = toolkit.config["ckanext.sonla.dcat.uri_base"]
    return base if base.endswith("/") else base + "/"


def site_url() -> str:
    return toolkit.config["ckan.site_url"].rstrip("/")


def base_uri() -> str:
    """Base of dataset and agency IRIs: ``ckanext.dcat.base_uri`` (stable), else the site URL.

    The same base ckanext-dcat uses for dataset IRIs, so a move of the site to another address
    changes no IRI and harvesters do not delete and re-create every dataset (docs/dcat.md).
    """
    return (toolkit.config.get("ckanext.dcat.base_uri") or site_url()).rstrip("/")


def add_agent(graph: Graph, agent: URIRef, names: dict[str, str | None], agent_type: str | None,
              identifier: str | None = None, homepage: str | None = None) -> URIRef:
    """A ``foaf:Agent`` with names per language, an ADMS publisher type (by code), code and homepage."""
    graph.add((agent, RDF.type, FOAF.Agent))
    for lang, name in names.items():
        if name:
            graph.add((agent, FOAF.name, Literal(name, lang=lang)))
    type_uri = vocabularies.add_publisher_type(graph, agent_type)
    if type_uri is not None:
        graph.add((agent, DCTERMS.type, type_uri))
    if identifier:
        graph.add((agent, DCTERMS.identifier, Literal(identifier)))
    if homepage and homepage.startswith(("http://", "https://")):
        page = URIRef(homepage)
        graph.add((agent, FOAF.homepage, page))
        graph.add((page, RDF.type, FOAF.Document))
    return agent


def licence_document(graph: Graph, license_id: str | None, license_url: str | None) -> URIRef | None:
    """The licence as a ``dct:LicenseDocument``: the licence list's URL, our terms page, or the canonical one."""
    url: str | None
    if license_id == TERMS_LICENCE_ID:
        url = f"{site_url()}/terms"
    else:
        url = license_url or vocabularies.LICENCE_URIS.get(license_id or "")
    if not url:
        return None
    licence = URIRef(url)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    # Titles a harvester can match against its licence list: ours (vi) and CKAN's own list's (en).
    for lang, title in licence_titles(license_id).items():
        graph.add((licence, DCTERMS.title, Literal(title, lang=lang)))
    if license_id in vocabularies.ATTRIBUTION_LICENCES:
        graph.add((licence, DCTERMS.type, vocabularies.ATTRIBUTION_LICENCE))
        vocabularies.add_concept(graph, vocabularies.ATTRIBUTION_LICENCE, vocabularies.LICENCE_TYPE_SCHEME,
                                 vocabularies.ATTRIBUTION_LABELS)
    return licence


def licence_titles(license_id: str | None) -> dict[str, str]:
    """A licence's titles by language: ours from the portal's licence list (vi), CKAN's (en)."""
    titles: dict[str, str] = {}
    licence = model.Package.get_license_register().get(license_id or "")
    if licence is not None and licence.title:
        titles["vi"] = licence.title
    if license_id in vocabularies.CKAN_LICENCE_TITLES:
        titles["en"] = vocabularies.CKAN_LICENCE_TITLES[license_id]
    return titles


def add_catalog(graph: Graph, catalog_ref: URIRef) -> None:
    """Title, description, publisher, homepage, languages, licence, coverage and theme schemes."""
    config = toolkit.config
    for predicate, vi, en in (
        (DCTERMS.title, config["ckan.site_title"], config["ckanext.sonla.dcat.catalog_title_en"]),
        (DCTERMS.description, config["ckan.site_description"], config["ckanext.sonla.dcat.catalog_description_en"]),
    ):
        for lang, text in (("vi", vi), ("en", en)):
            if text:
                graph.add((catalog_ref, predicate, Literal(text, lang=lang)))

    publisher = URIRef(config["ckanext.sonla.dcat.publisher_uri"])
    graph.add((catalog_ref, DCTERMS.publisher, publisher))
    add_agent(graph, publisher, {"vi": config["ckanext.sonla.dcat.publisher_name"],
                                 "en": config["ckanext.sonla.dcat.publisher_name_en"]},
              "RegionalAuthority", homepage=config["ckanext.sonla.dcat.publisher_homepage"])

    first = _first_published()
    if first:
        graph.add((catalog_ref, DCTERMS.issued, Literal(first[:10], datatype=XSD.date)))

    homepage = URIRef(site_url() + "/")
    graph.add((catalog_ref, FOAF.homepage, homepage))
    graph.add((homepage, RDF.type, FOAF.Document))
    for locale in toolkit.aslist(config["ckan.locales_offered"]):
        vocabularies.add_language(graph, catalog_ref, locale)

    licence = licence_document(graph, TERMS_LICENCE_ID, None)
    if licence is not None:
        graph.add((catalog_ref, DCTERMS.license, licence))

    graph.add((catalog_ref, DCTERMS.spatial, places.add_place(graph, uri_base(), PROVINCE_CODE)))
    graph.add((catalog_ref, DCTERMS.spatial, places.add_country(graph)))

    graph.add((catalog_ref, DCAT.themeTaxonomy, vocabularies.add_scheme(graph, vocabularies.DATA_THEME_SCHEME)))
    graph.add((catalog_ref, DCAT.themeTaxonomy,
               vocabularies.add_scheme(graph, URIRef(f"{uri_base()}theme"), THEME_SCHEME_TITLES)))


def _first_published() -> str | None:
    """When the first public dataset was created: the catalogue's dct:issued."""
    result = toolkit.get_action("package_search")(
        {"ignore_auth": False, "user": ""}, {"rows": 1, "sort": "metadata_created asc", "fl": "metadata_created"})
    return result["results"][0]["metadata_created"] if result["results"] else None
