"""DCAT → a Sơn La dataset dict: the harvesting side of the ``sonla_dcat_ap_3`` profile.

ckanext-dcat's ``euro_dcat_ap_3`` parser gives a plain CKAN dict (one title, frequency and language
as extras...). This module maps what our own export writes (docs/dcat.md, the mapping table) back
onto the Sơn La schema, so a Sơn La portal that harvests another one with this profile keeps every
field. A value with no mapping is left out, never guessed: a required field left out makes the
harvester record a validation error for that dataset (docs/dcat.md, "Harvesting").
"""
from __future__ import annotations

from typing import Any

from ckanext.dcat.profiles import VCARD
from ckanext.sonla.compat import model
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

from . import places, vocabularies
from .vocabularies import DCATAP

# Keys of the base parser's dict our schema stores in fields of its own (or has no use for).
_BASE_EXTRAS = {"frequency", "language", "temporal_start", "temporal_end", "spatial_uri", "spatial_text",
                "publisher_uri", "publisher_name", "publisher_email", "publisher_url", "publisher_type",
                "publisher_identifier", "contact_uri", "contact_name", "contact_email", "identifier",
                "issued", "modified", "access_rights", "theme", "homepage", "uri", "dcat_type",
                "applicable_legislation"}
_RESOURCE_KEYS = ("url", "name", "description", "format", "mimetype", "size", "uri")


def to_schema(graph: Graph, dataset_ref: URIRef, parsed: dict[str, Any],
              schema: dict[str, Any]) -> dict[str, Any]:
    """``parsed`` (the base parser's dict) with our schema's fields filled from the graph."""
    extras = {extra["key"]: extra["value"] for extra in parsed.get("extras") or []}
    dataset: dict[str, Any] = {key: value for key, value in parsed.items() if key not in ("extras", "resources")}
    # ckanext-dcat's repeating subfields for schemas that have them; ours keeps the contact and the
    # agency in fields of its own (filled below), and CKAN 2.11 refuses unknown keys.
    fields = {field["field_name"] for field in schema.get("dataset_fields", [])}
    for key in ("contact", "publisher", "creator"):
        if key not in fields:
            dataset.pop(key, None)
    # The harvester identifies a dataset by this (it adds its own guid extra later).
    dataset["extras"] = [{"key": "uri", "value": extras.get("uri") or str(dataset_ref)}]

    for field, predicate in (("title", DCTERMS.title), ("notes", DCTERMS.description)):
        texts = _by_language(graph, dataset_ref, predicate)
        if texts.get("vi") or texts.get(""):
            dataset[field] = texts.get("vi") or texts[""]
        if field == "title" and texts.get("en"):
            dataset["title_en"] = texts["en"]
    dataset["update_frequency"] = _choice_by_uri(schema, "update_frequency",
                                                 graph.value(dataset_ref, DCTERMS.accrualPeriodicity))
    dataset["language"] = _language(graph, dataset_ref)
    dataset["temporal_coverage_from"] = _date(extras.get("temporal_start"))
    dataset["temporal_coverage_to"] = _date(extras.get("temporal_end"))
    dataset["spatial_coverage"] = _spatial_codes(graph, dataset_ref)
    dataset["catalogue_code"] = extras.get("identifier")
    dataset["legal_basis"] = _legal_basis(graph, dataset_ref)
    dataset.update(_contact(graph, dataset_ref))
    dataset["license_id"] = _licence(graph, dataset_ref) or parsed.get("license_id") or None
    owner = _organization(graph, graph.value(dataset_ref, DCTERMS.publisher))
    if owner:
        dataset["owner_org"] = owner
    dataset["groups"] = _themes(graph, dataset_ref)
    dataset["resources"] = [_resource(graph, resource) for resource in parsed.get("resources") or []]
    dates = sorted(r.pop("_data_date") for r in dataset["resources"] if r.get("_data_date"))
    for resource in dataset["resources"]:
        resource.pop("_data_date", None)
    if dates:
        dataset["data_last_updated"] = dates[-1]
    return {key: value for key, value in dataset.items() if value not in (None, "", [])}


def _by_language(graph: Graph, subject: Any, predicate: URIRef) -> dict[str, str]:
    return {value.language or "": str(value) for value in graph.objects(subject, predicate)
            if isinstance(value, Literal)}


def _choice_by_uri(schema: dict[str, Any], field_name: str, uri: Any) -> str | None:
    for field in schema.get("dataset_fields", []):
        if field["field_name"] == field_name:
            return next((choice["value"] for choice in field.get("choices") or []
                         if uri is not None and choice.get("uri") == str(uri)), None)
    return None


def _language(graph: Graph, dataset_ref: URIRef) -> str | None:
    found = {str(uri).rsplit("/", 1)[-1] for uri in graph.objects(dataset_ref, DCTERMS.language)}
    return next((code for code, eu_codes in vocabularies.LANGUAGES.items() if set(eu_codes) == found), None)


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _spatial_codes(graph: Graph, dataset_ref: URIRef) -> list[str]:
    """Official unit codes of the coverage: the place itself, or the places it is made of."""
    known = places.known_codes()
    codes: list[str] = []
    for coverage in graph.objects(dataset_ref, DCTERMS.spatial):
        for place in [coverage, *graph.objects(coverage, DCTERMS.hasPart)]:
            code = str(graph.value(place, DCTERMS.identifier) or "")
            if code in known and code not in codes:
                codes.append(code)
    return codes


def _legal_basis(graph: Graph, dataset_ref: URIRef) -> str | None:
    legislation = graph.value(dataset_ref, DCATAP.applicableLegislation)
    if legislation is None:
        return None
    titles = _by_language(graph, legislation, DCTERMS.title)
    return titles.get("vi") or titles.get("") or str(legislation)


def _contact(graph: Graph, dataset_ref: URIRef) -> dict[str, str]:
    contact = graph.value(dataset_ref, DCAT.contactPoint)
    if contact is None:
        return {}
    names = _by_language(graph, contact, VCARD.fn)
    email = str(graph.value(contact, VCARD.hasEmail) or "").removeprefix("mailto:")
    phone = str(graph.value(contact, VCARD.hasTelephone) or "").removeprefix("tel:")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]  # the national form the portal's editors write
    values = {"contact_name": names.get("vi") or names.get(""), "contact_email": email, "contact_phone": phone}
    return {key: value for key, value in values.items() if value}


def _licence(graph: Graph, dataset_ref: URIRef) -> str | None:
    """The licence in this portal's licence list with the dataset's licence IRI, else its title."""
    register = model.Package.get_license_register()
    by_url = {licence.url: licence_id for licence_id, licence in register.items() if licence.url}
    by_title = {licence.title: licence_id for licence_id, licence in register.items()}
    for document in graph.objects(dataset_ref, DCTERMS.license):
        if str(document) in by_url:
            return by_url[str(document)]
        for title in graph.objects(document, DCTERMS.title):
            if str(title) in by_title:
                return by_title[str(title)]
    return None


def _organization(graph: Graph, agent: Any) -> str | None:
    """The organization here with the publisher's code (``dct:identifier``), else its Vietnamese name."""
    if agent is None:
        return None
    code = str(graph.value(agent, DCTERMS.identifier) or "")
    names = {str(name) for name in graph.objects(agent, FOAF.name)}
    organizations = model.Session.query(model.Group).filter(
        model.Group.is_organization.is_(True), model.Group.state == "active").all()
    if code:
        for organization in organizations:
            if (organization.extras or {}).get("code") == code:
                return str(organization.name)
    for organization in organizations:
        if organization.title in names:
            return str(organization.name)
    return None


def _themes(graph: Graph, dataset_ref: URIRef) -> list[dict[str, str]]:
    """Our own theme IRIs (``<uri_base>theme/<slug>``) as the groups of that name that exist here."""
    slugs = []
    for theme in graph.objects(dataset_ref, DCAT.theme):
        if (theme, RDF.type, SKOS.Concept) in graph and "/theme/" in str(theme):
            slugs.append(str(theme).rsplit("/", 1)[-1])
    existing = {group.name for group in model.Session.query(model.Group).filter(
        model.Group.name.in_(slugs), model.Group.is_organization.is_(False), model.Group.state == "active")}
    return [{"name": slug} for slug in slugs if slug in existing]


def _resource(graph: Graph, parsed: dict[str, Any]) -> dict[str, Any]:
    resource = {key: parsed[key] for key in _RESOURCE_KEYS if parsed.get(key) not in (None, "")}
    distribution = URIRef(parsed["uri"]) if parsed.get("uri") else None
    file_type = graph.value(distribution, DCTERMS["format"]) if distribution is not None else None
    if isinstance(file_type, URIRef) and str(file_type).startswith(str(vocabularies.FILE_TYPE_SCHEME) + "/"):
        resource["format"] = vocabularies.ckan_format(str(file_type).rsplit("/", 1)[-1])
    if parsed.get("hash") and str(parsed.get("hash_algorithm", "")).endswith("sha256"):
        resource["content_hash"] = parsed["hash"]
    if parsed.get("modified"):
        resource["_data_date"] = _date(parsed["modified"])
    if distribution is not None:
        for title in graph.objects(distribution, DCTERMS.title):
            if isinstance(title, Literal) and title.language in ("vi", None):
                resource["name"] = str(title)
    return resource

