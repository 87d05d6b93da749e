"""The portal's own DCAT IRIs resolve: ``/def/theme/<slug>``, ``/def/commune/<code>``, ``/def/province/<code>``,
``/def/legal/<slug>``.

The DCAT export names themes and places by IRIs under ``ckanext.sonla.dcat.uri_base``
(``https://data.sonla.gov.vn/def/``, served by the portal itself in production). Each answers
HTML for people and RDF for machines: ``.ttl``/``.jsonld``/``.rdf`` suffix, or an ``Accept`` header
asking for Turtle, JSON-LD or RDF/XML. The RDF is the concept as the export describes it (labels,
scheme, code, the province it is part of, the matching EU data theme). Unknown names: 404.
A legal act's IRI is minted from its text ("Quyết định 978/QĐ-UBND …" ->
``legal/quyet-dinh-978-qd-ubnd-…``, :func:`.profile.legal_slug`): it resolves while a public dataset
names that text as its legal basis, and answers the text (``dct:title``) as the export does.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import Blueprint, Response, request
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS

from ..helpers import PROVINCE_CODE
from . import catalog, places, vocabularies
from .vocabularies import ELI

sonla_def = Blueprint("sonla_def", __name__)

RDF_FORMATS = {"ttl": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json"),
               "rdf": ("xml", "application/rdf+xml")}


def _rdf_format(suffix: str | None) -> str | None:
    if suffix:
        return suffix if suffix in RDF_FORMATS else None
    best = request.accept_mimetypes.best_match(["text/html", *(media for _f, media in RDF_FORMATS.values())])
    return next((key for key, (_f, media) in RDF_FORMATS.items() if media == best), None)


def _answer(graph: Graph, subject: URIRef, suffix: str | None, kind: str, details: dict[str, str]) -> Response | str:
    rdf_format = _rdf_format(suffix)
    if suffix and rdf_format is None:
        toolkit.abort(404)
    if rdf_format:
        serialisation, media_type = RDF_FORMATS[rdf_format]
        return Response(graph.serialize(format=serialisation), mimetype=media_type)
    labels = {label.language or "": str(label) for label in graph.objects(subject, SKOS.prefLabel)
              if isinstance(label, Literal)}
    return toolkit.render("sonla/def_concept.html", {
        "iri": str(subject), "kind": kind, "label_vi": labels.get("vi", ""), "label_en": labels.get("en", ""),
        "details": details, "rdf_links": {key: f"{request.path.rsplit('.', 1)[0] if suffix else request.path}.{key}"
                                          for key in RDF_FORMATS},
    })


def theme(slug: str, suffix: str | None = None) -> Response | str:
    if not _theme_exists(slug):
        toolkit.abort(404)
    group: dict[str, Any] = toolkit.get_action("group_show")({"ignore_auth": True},
                                                             {"id": slug, "include_datasets": False})
    graph = Graph()
    iri = URIRef(f"{catalog.uri_base()}theme/{slug}")
    vocabularies.add_concept(graph, iri, URIRef(f"{catalog.uri_base()}theme"),
                             {"vi": group["title"], "en": group.get("title_en") or _extra(group, "title_en")},
                             catalog.THEME_SCHEME_TITLES)
    eu_theme = vocabularies.add_eu_data_theme(graph, slug)
    details = {"page": toolkit.url_for("group.read", id=slug)}
    if eu_theme is not None:
        graph.add((iri, SKOS.exactMatch, eu_theme))
        details["eu"] = str(eu_theme)
    graph.bind("dcat", DCAT)
    return _answer(graph, iri, suffix, "theme", details)


def place(kind: str, code: str, suffix: str | None = None) -> Response | str:
    known = places.known_codes()
    if code not in known or (kind == "province") != (code == PROVINCE_CODE):
        toolkit.abort(404)
    graph = Graph()
    iri = places.add_place(graph, catalog.uri_base(), code)
    details = {"code": code, "page": toolkit.url_for("dataset.search", spatial_coverage=code)}
    return _answer(graph, iri, suffix, kind, details)


def legal(slug: str, suffix: str | None = None) -> Response | str:
    text = _legal_text(slug)
    if text is None:
        toolkit.abort(404)
    graph = Graph()
    iri = URIRef(f"{catalog.uri_base()}legal/{slug}")
    graph.add((iri, RDF.type, ELI.LegalResource))
    graph.add((iri, DCTERMS.title, Literal(text, lang="vi")))
    graph.add((iri, SKOS.prefLabel, Literal(text, lang="vi")))
    details = {"page": toolkit.url_for("dataset.search", q=text)}
    return _answer(graph, iri, suffix, "legal", details)


def _legal_text(slug: str) -> str | None:
    """The legal-basis text of a public dataset whose IRI slug is ``slug`` (None if none)."""
    import sqlalchemy as sa
    from ckanext.sonla.compat import model, package_extra

    from .profile import legal_slug

    if len(slug) > 300:
        return None
    package = model.package_table
    text = package_extra("legal_basis")
    query = (sa.select(text).distinct()
             .where(package.c.state == "active", package.c.private.is_(False), text.isnot(None)))
    for (value,) in model.Session.execute(query):
        value = str(value).strip()
        if value and not value.startswith(("http://", "https://")) and legal_slug(value) == slug:
            return value
    return None


def _theme_exists(slug: str) -> bool:
    from ckanext.sonla.compat import model

    group = model.Group.get(slug)
    return group is not None and group.state == "active" and not group.is_organization


def _extra(group: dict[str, Any], key: str) -> str | None:
    return next((extra["value"] for extra in group.get("extras") or [] if extra["key"] == key), None)


for _suffix_rule, _suffix in (("", None), (".<suffix>", "")):
    sonla_def.add_url_rule(f"/def/theme/<slug>{_suffix_rule}", view_func=theme,
                           endpoint="theme" + ("_rdf" if _suffix_rule else ""))
    sonla_def.add_url_rule(f"/def/<any(commune, province):kind>/<code>{_suffix_rule}", view_func=place,
                           endpoint="place" + ("_rdf" if _suffix_rule else ""))
    sonla_def.add_url_rule(f"/def/legal/<slug>{_suffix_rule}", view_func=legal,
                           endpoint="legal" + ("_rdf" if _suffix_rule else ""))
