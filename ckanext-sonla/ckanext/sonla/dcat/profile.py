"""The ``sonla_dcat_ap_3`` RDF profile: our scheming schema as DCAT-AP 3.0.

Layered on ckanext-dcat's ``euro_dcat_ap_3``: that profile writes what it already knows
(dataset type and identifier, dates, version, keywords, temporal coverage, distributions with
URLs, formats, sizes and checksums) from a dataset dict we prepare for it; this profile then
adds what only our schema has (language-tagged titles, EU frequency, themes, communes,
publisher, contact point, licence, legal basis, languages) with the types and vocabulary
memberships the DCAT-AP 3.0.1 SHACL shapes check. docs/dcat.md has the field → property table.
"""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.dcat.profiles import VCARD, EuropeanDCATAP3Profile
from ckanext.sonla.compat import model
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from ..search.text import folded_words
from . import catalog, parsing, places, vocabularies
from .vocabularies import DCATAP, ELI

SPATIAL_FIELD = "spatial_coverage"
# The dataset fields the base profile must not see: we write them ourselves, with lang tags and
# vocabularies (the base would write untagged literals, plain "vi" as a language, or, for the list
# of commune codes, expect dicts and fail).
_OWN_FIELDS = ("title", "title_en", "notes", "tags", "language", "organization", "owner_org",
               "contact_name", "contact_email", "contact_phone", SPATIAL_FIELD, "license_id",
               "license_url", "license_title", "url", "maintainer", "maintainer_email",
               "author", "author_email", "extras")
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


class SonlaDCATAP3Profile(EuropeanDCATAP3Profile):
    """DCAT-AP 3 for data.sonla.gov.vn (``ckanext.dcat.rdf.profiles = sonla_dcat_ap_3``)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        super().graph_from_dataset(self._base_dataset_dict(dataset_dict), dataset_ref)
        # Our writers are named _sonla_*: ckanext-dcat's parser calls base methods named _spatial,
        # _access_rights and _distributions with other arguments (a harvester parses with this class).
        self._sonla_frequency(dataset_dict, dataset_ref)
        self._sonla_themes(dataset_dict, dataset_ref)
        self._sonla_spatial(dataset_dict, dataset_ref)
        self._sonla_publisher(dataset_dict, dataset_ref)
        self._sonla_contact_point(dataset_dict, dataset_ref)
        self._sonla_legal_basis(dataset_dict, dataset_ref)
        self._sonla_access_rights(dataset_dict, dataset_ref)
        vocabularies.add_language(self.g, dataset_ref, dataset_dict.get("language") or "")
        self._sonla_licence(dataset_dict, dataset_ref)
        self._sonla_distributions(dataset_dict, dataset_ref)

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> dict[str, Any]:
        """A harvested dataset as our schema wants it (docs/dcat.md, "Harvesting")."""
        parsed = parsing.to_schema(self.g, dataset_ref, super().parse_dataset(dataset_dict, dataset_ref),
                                   self._dataset_schema or {})
        # The parser yields the dict it passed in, not what profiles return.
        dataset_dict.clear()
        dataset_dict.update(parsed)
        return dataset_dict

    def _extras_of(self, group_id_or_name: str) -> dict[str, str]:
        """An organization's or theme group's extras (English title, kind, code, contact).

        Read from the model, not ``organization_show``/``group_show``, which also count datasets
        and list members: a catalogue page of 100 datasets spent most of its time there. Cached
        for the life of this profile, i.e. one serialisation (one request).
        """
        cache: dict[str, dict[str, str]] = self.__dict__.setdefault("_sonla_extras", {})
        if group_id_or_name not in cache:
            group = model.Group.get(group_id_or_name)
            extras = group.extras if group is not None and group.state == "active" else None
            cache[group_id_or_name] = {key: value for key, value in (extras or {}).items() if value}
        return cache[group_id_or_name]

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: URIRef) -> None:
        # Only the type and dct:modified from the base; its title/language would be untagged literals.
        self._graph_from_catalog_base({"title": None, "description": None, "homepage": None,
                                       "language": None}, catalog_ref)
        catalog.add_catalog(self.g, catalog_ref)

    # --- what the base profile writes, from a dict prepared for it --------------------------------

    def _base_dataset_dict(self, dataset_dict: dict[str, Any]) -> dict[str, Any]:
        prepared = {key: value for key, value in dataset_dict.items() if key not in _OWN_FIELDS}
        prepared["title_translated"] = _translations(vi=dataset_dict.get("title"),
                                                     en=dataset_dict.get("title_en"))
        prepared["notes_translated"] = _translations(vi=dataset_dict.get("notes"))
        tags = [tag["name"] for tag in dataset_dict.get("tags") or []]
        if tags:
            prepared["tags_translated"] = {"vi": tags}
        # The catalogue code is the dataset's identifier in the approved catalogue; fall back to the CKAN id.
        prepared["identifier"] = dataset_dict.get("catalogue_code") or dataset_dict.get("id")
        prepared["url"] = _dataset_page(dataset_dict)
        prepared["temporal_start"] = dataset_dict.get("temporal_coverage_from")
        prepared["temporal_end"] = dataset_dict.get("temporal_coverage_to")
        # dct:modified is the record's change date (metadata_modified, the base's default): harvesters
        # detect edits by it. The data's own date goes on each distribution (_base_resource_dict).
        prepared["resources"] = [self._base_resource_dict(dataset_dict, resource)
                                 for resource in dataset_dict.get("resources") or []]
        return prepared

    @staticmethod
    def _base_resource_dict(dataset_dict: dict[str, Any], resource: dict[str, Any]) -> dict[str, Any]:
        # No metadata_modified: a distribution's dct:modified is the data's date only (below).
        prepared = {key: resource.get(key) for key in ("id", "package_id", "created", "size")}
        prepared["package_id"] = prepared["package_id"] or dataset_dict.get("id")
        if dataset_dict.get("data_last_updated"):
            # When the data were last published: the distribution's dct:modified (docs/dcat.md).
            prepared["modified"] = dataset_dict["data_last_updated"]
        prepared["name_translated"] = _translations(vi=resource.get("name"))
        prepared["description_translated"] = _translations(vi=resource.get("description"))
        url = resource.get("url") or ""
        eu_format, format_media_type = vocabularies.file_type(resource.get("format"))
        if url and (resource.get("url_type") == "upload" or (eu_format and resource["format"].upper() != "HTML")):
            # A file: the file is the download, its portal page (preview, dictionary) the access point.
            prepared["download_url"] = url
            prepared["access_url"] = _resource_page(dataset_dict, resource)
        else:
            # A web page or service: where the data is accessed.
            prepared["access_url"] = url or _resource_page(dataset_dict, resource)
        media_type = vocabularies.media_type_uri(resource.get("mimetype")) or format_media_type
        prepared["format"] = str(eu_format) if eu_format else None
        prepared["mimetype"] = str(media_type) if media_type else None
        content_hash = (resource.get("content_hash") or "").strip().lower()
        if _SHA256_HEX.match(content_hash):
            prepared["hash"] = content_hash
            prepared["hash_algorithm"] = str(vocabularies.SHA256)
        return prepared

    # --- what only our schema has -----------------------------------------------------------------

    def _sonla_frequency(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        choice = self._choice("update_frequency", dataset_dict.get("update_frequency"))
        if choice and choice.get("uri"):
            uri = URIRef(choice["uri"])
            self.g.add((dataset_ref, DCTERMS.accrualPeriodicity, uri))
            self.g.add((uri, RDF.type, DCTERMS.Frequency))
            vocabularies.add_concept(self.g, uri, vocabularies.FREQUENCY_SCHEME, choice["label"])

    def _choice(self, field_name: str, value: str | None) -> dict[str, Any] | None:
        """A schema choice with its ``uri`` and labels (the schema is the one place that mapping lives)."""
        for field in (self._dataset_schema or {}).get("dataset_fields", []):
            if field["field_name"] == field_name:
                return next((choice for choice in field.get("choices") or [] if choice["value"] == value), None)
        return None

    def _sonla_themes(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        uri_base = catalog.uri_base()
        scheme = URIRef(f"{uri_base}theme")
        for group in dataset_dict.get("groups") or []:
            extras = self._extras_of(group["name"])
            own = URIRef(f"{uri_base}theme/{group['name']}")
            self.g.add((dataset_ref, DCAT.theme, own))
            vocabularies.add_concept(self.g, own, scheme,
                                     {"vi": group.get("title") or group["name"], "en": extras.get("title_en")},
                                     catalog.THEME_SCHEME_TITLES)
            eu_theme = vocabularies.add_eu_data_theme(self.g, group["name"])
            if eu_theme:
                self.g.add((dataset_ref, DCAT.theme, eu_theme))

    def _sonla_spatial(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """One ``dct:spatial``: ckanext-dcat's parser keeps only one value (docs/dcat.md, "Coverage")."""
        coverage = places.add_coverage(self.g, catalog.uri_base(), _as_list(dataset_dict.get(SPATIAL_FIELD)))
        if coverage is not None:
            self.g.add((dataset_ref, DCTERMS.spatial, coverage))

    def _sonla_publisher(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        organization = dataset_dict.get("organization")
        if not organization:
            return
        extras = self._extras_of(organization["id"])
        agent = URIRef(f"{catalog.base_uri()}/organization/{organization['id']}")
        self.g.add((dataset_ref, DCTERMS.publisher, agent))
        catalog.add_agent(self.g, agent, {"vi": organization.get("title") or organization["name"],
                                          "en": extras.get("title_en")},
                          vocabularies.PUBLISHER_TYPES.get(extras.get("kind", "")),
                          identifier=extras.get("code"), homepage=extras.get("website"))

    def _sonla_contact_point(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """The dataset's contact, else its agency's, else the portal operator's (DCAT-AP recommends one)."""
        name, email, phone = (dataset_dict.get(f"contact_{key}") for key in ("name", "email", "phone"))
        if not (name or email or phone) and dataset_dict.get("organization"):
            extras = self._extras_of(dataset_dict["organization"]["id"])
            name, email, phone = (dataset_dict["organization"].get("title"), extras.get("contact_email"),
                                  extras.get("contact_phone"))
        if not (email or phone):
            name, email = toolkit.config["ckanext.sonla.operator_name"], toolkit.config["ckanext.sonla.contact_email"]
        contact = BNode()
        self.g.add((dataset_ref, DCAT.contactPoint, contact))
        self.g.add((contact, RDF.type, VCARD.Kind))
        if name:
            self.g.add((contact, VCARD.fn, Literal(name, lang="vi")))
        if email:
            self.g.add((contact, VCARD.hasEmail, URIRef("mailto:" + email.strip().removeprefix("mailto:"))))
        telephone = _tel_uri(phone)
        if telephone:
            self.g.add((contact, VCARD.hasTelephone, telephone))

    def _sonla_legal_basis(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """dcatap:applicableLegislation: the legislation that mandates the dataset (an IRI, eli:LegalResource)."""
        text = (dataset_dict.get("legal_basis") or "").strip()
        if not text:
            return
        if text.startswith(("http://", "https://")):
            uri = URIRef(text)
        else:
            uri = URIRef(f"{catalog.uri_base()}legal/{legal_slug(text)}")
            self.g.add((uri, DCTERMS.title, Literal(text, lang="vi")))
        self.g.add((dataset_ref, DCATAP.applicableLegislation, uri))
        self.g.add((uri, RDF.type, ELI.LegalResource))

    def _sonla_access_rights(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        uri = vocabularies.NON_PUBLIC_ACCESS if dataset_dict.get("private") else vocabularies.PUBLIC_ACCESS
        self.g.add((dataset_ref, DCTERMS.accessRights, uri))
        self.g.add((uri, RDF.type, DCTERMS.RightsStatement))
        vocabularies.add_concept(self.g, uri, vocabularies.ACCESS_RIGHT_SCHEME, vocabularies.ACCESS_LABELS[uri])

    def _sonla_licence(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        licence = catalog.licence_document(self.g, dataset_dict.get("license_id"), dataset_dict.get("license_url"))
        if licence is not None:
            self.g.add((dataset_ref, DCTERMS.license, licence))

    def _sonla_distributions(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """Licence and vocabulary memberships on each distribution the base profile wrote."""
        licence = catalog.licence_document(self.g, dataset_dict.get("license_id"), dataset_dict.get("license_url"))
        for distribution in self.g.objects(dataset_ref, DCAT.distribution):
            if licence is not None:
                self.g.add((distribution, DCTERMS.license, licence))
            self.g.add((distribution, DCATAP.availability, vocabularies.AVAILABLE))
            vocabularies.add_concept(self.g, vocabularies.AVAILABLE, vocabularies.AVAILABILITY_SCHEME,
                                     vocabularies.AVAILABLE_LABELS)
            for file_type in self.g.objects(distribution, DCTERMS["format"]):
                if isinstance(file_type, URIRef):
                    code = file_type.rsplit("/", 1)[-1]
                    vocabularies.add_concept(self.g, file_type, vocabularies.FILE_TYPE_SCHEME, {"en": code})
            for media_type in self.g.objects(distribution, DCAT.mediaType):
                vocabularies.label_media_type(self.g, media_type)


def _translations(**values: str | None) -> dict[str, str]:
    return {lang: value for lang, value in values.items() if value}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in re.split(r"[,\s]+", value.strip("{}[]\"")) if part]
    return [str(item) for item in value or []]


def _dataset_page(dataset_dict: dict[str, Any]) -> str:
    return f"{catalog.site_url()}/dataset/{dataset_dict.get('name') or dataset_dict.get('id')}"


def _resource_page(dataset_dict: dict[str, Any], resource: dict[str, Any]) -> str:
    return f"{_dataset_page(dataset_dict)}/resource/{resource.get('id')}"


def _tel_uri(phone: str | None) -> URIRef | None:
    """``0212 3852 123`` -> ``tel:+842123852123`` (RFC 3966, Vietnam's +84 instead of the trunk 0)."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if not digits:
        return None
    if digits.startswith("0"):
        digits = "+84" + digits[1:]
    return URIRef("tel:" + digits)


def legal_slug(text: str) -> str:
    """"Quyết định 978/QĐ-UBND" -> "quyet-dinh-978-qd-ubnd": the same text always gives the same URI."""
    return "-".join(folded_words(text))
