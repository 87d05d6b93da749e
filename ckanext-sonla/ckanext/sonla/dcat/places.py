"""Places of the spatial coverage field as DCAT locations with stable URIs.

A URI is built from the official administrative-unit code (``<uri_base>commune/03646``,
``<uri_base>province/14``), never from a name: names change when units merge, codes are
the national statistics office's identifiers.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ..helpers import COMMUNES_FILE, PROVINCE_CODE
from . import vocabularies

PROVINCE_LABELS = {"vi": "Tỉnh Sơn La", "en": "Sơn La province"}
PROVINCE_SCHEME_TITLES = {"vi": "Tỉnh, thành phố (mã đơn vị hành chính)", "en": "Provinces (administrative unit codes)"}
COMMUNE_SCHEME_TITLES = {"vi": "Xã, phường tỉnh Sơn La (mã đơn vị hành chính)",
                         "en": "Communes and wards of Sơn La (administrative unit codes)"}


@lru_cache(maxsize=1)
def _commune_labels() -> dict[str, dict[str, str]]:
    # A file shipped with the package, read once per process; never changes at run time.
    with COMMUNES_FILE.open(encoding="utf-8") as handle:
        return {row["code"]: {"vi": row["name"], "en": row["name_en"]} for row in csv.DictReader(handle)}


def known_codes() -> set[str]:
    """The province's code and every commune's and ward's (the schema's spatial coverage choices)."""
    return {PROVINCE_CODE} | set(_commune_labels())


def place_uri(uri_base: str, code: str) -> URIRef:
    kind = "province" if code == PROVINCE_CODE else "commune"
    return URIRef(f"{uri_base}{kind}/{code}")


def add_place(graph: Graph, uri_base: str, code: str) -> URIRef:
    """A ``dct:Location`` for the province or a commune/ward code, with its code and names."""
    uri = place_uri(uri_base, code)
    if code == PROVINCE_CODE:
        labels, scheme, titles = PROVINCE_LABELS, URIRef(f"{uri_base}province"), PROVINCE_SCHEME_TITLES
    else:
        labels, scheme, titles = _labels(code), URIRef(f"{uri_base}commune"), COMMUNE_SCHEME_TITLES
    graph.add((uri, RDF.type, DCTERMS.Location))
    graph.add((uri, DCTERMS.identifier, Literal(code)))
    vocabularies.add_concept(graph, uri, scheme, labels, titles)
    if code != PROVINCE_CODE:
        graph.add((uri, DCTERMS.isPartOf, place_uri(uri_base, PROVINCE_CODE)))
    return uri


def add_coverage(graph: Graph, uri_base: str, codes: list[str]) -> URIRef | BNode | None:
    """The spatial coverage as ONE ``dct:Location`` (ckanext-dcat's parser keeps one ``dct:spatial``).

    One code: that place. Several: a location made of them (``dct:hasPart`` each place), labelled
    with all their names, so a harvester that keeps one value and its label keeps every commune.
    Each place ``dct:isPartOf`` the province, the province part of Việt Nam (the EU country IRI).
    The ``rdfs:label`` (vi) is the one text ckanext-dcat reads back (it prefers it to prefLabels).
    """
    if not codes:
        return None
    places = [add_place(graph, uri_base, code) for code in codes]
    names = [_labels(code)["vi"] for code in codes]
    if len(places) == 1:
        coverage: URIRef | BNode = places[0]
    else:
        coverage = BNode()
        graph.add((coverage, RDF.type, DCTERMS.Location))
        for place in places:
            graph.add((coverage, DCTERMS.hasPart, place))
    graph.add((coverage, RDFS.label, Literal(", ".join(names), lang="vi")))
    graph.add((place_uri(uri_base, PROVINCE_CODE), DCTERMS.isPartOf, add_country(graph)))
    return coverage


def _labels(code: str) -> dict[str, str]:
    return PROVINCE_LABELS if code == PROVINCE_CODE else _commune_labels().get(code, {"vi": code})


def add_country(graph: Graph) -> URIRef:
    """Việt Nam in the EU country table, so harvesters that only know EU places still place the data."""
    graph.add((vocabularies.VIETNAM, RDF.type, DCTERMS.Location))
    return vocabularies.add_concept(graph, vocabularies.VIETNAM, vocabularies.COUNTRY_SCHEME,
                                    vocabularies.VIETNAM_LABELS)
