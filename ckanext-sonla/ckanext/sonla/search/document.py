"""Turn a CKAN dataset dict into a search document (no database access here)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ckanext.sonla.compat import model

from . import boilerplate, text

# Fields that Solr's CKAN schema treats as multi-valued: results keep lists.
MULTI_VALUED_PREFIXES = ("res_", "vocab_")
MULTI_VALUED = {"tags", "groups", "permission_labels", "urls", "spatial_coverage"}

# Where a field's words go in the weighted full-text vector (ranking.py weighs A > B > C > D):
# what a dataset is called and tagged with, then what its description says, then who publishes it and
# the other metadata, last the resources (names, descriptions): they describe files, not the subject.
WEIGHT_A_FIELDS = ("title", "title_en", "name", "tags")
WEIGHT_B_FIELDS = ("notes", "groups", "group_titles")
WEIGHT_D_PREFIXES = ("res_",)
# Keys whose values are never useful as words (ids, hashes, internal state).
NOT_TEXT = {
    "id", "owner_org", "state", "type", "dataset_type", "capacity", "private", "site_id",
    "metadata_created", "metadata_modified", "creator_user_id", "license_id", "res_url",
    "res_type", "url", "source_hash", "index_id", "entity_type", "num_tags", "num_resources",
    "isopen", "permission_labels", "version", "views_total", "views_recent",
}
# Long text that only full-text search needs: kept out of the stored field map, which
# every filter and facet reads (a small map is read much faster).
TEXT_ONLY_FIELDS = {"notes", "res_description", "res_url", "urls", "group_titles", "organization_title"}
FACET_VALUE_MAX = 100
# Text fields a query can scope words to (``notes:zebra``); "text" is the whole document.
SCOPED_TEXT_FIELDS = frozenset({"title", "title_en", "notes", "res_name", "res_description",
                                "organization_title", "group_titles"})
_MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
_MAX_WORDS = 2000  # distinct words kept for typo tolerance


@dataclass(frozen=True)
class SearchDocument:
    fields: dict[str, list[str]]
    vector: str
    rank_vector: str
    title_sort: str
    words: list[str]


def is_multi_valued(field: str) -> bool:
    return field in MULTI_VALUED or field.startswith(MULTI_VALUED_PREFIXES)


def _as_strings(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            out.extend(_as_strings(item))
        return out
    if isinstance(value, dict):
        return [json.dumps(value, ensure_ascii=False, sort_keys=True)]
    return [str(value)]


def flatten(pkg: dict[str, Any], validated: dict[str, Any]) -> dict[str, list[str]]:
    """The Solr-like flat field map CKAN would index for ``pkg``.

    ``pkg`` is the dataset in CKAN's default schema, ``validated`` the same
    dataset through the active (scheming) schema: custom fields are top-level
    there, and in ``extras`` in ``pkg``.
    """
    fields: dict[str, list[str]] = {}

    def put(key: str, value: Any) -> None:
        values = _as_strings(value)
        if values:
            fields.setdefault(key, [])
            fields[key].extend(v for v in values if v not in fields[key])

    skip = {"resources", "tags", "groups", "organization", "extras", "relationships_as_subject",
            "relationships_as_object", "tracking_summary"}
    # The schema-validated dict wins: scheming fields there are typed (lists stay lists),
    # while CKAN's default dict repeats them as JSON strings in "extras".
    for source in (validated, pkg):
        for key, value in source.items():
            if key in skip or key in fields or isinstance(value, dict):
                continue
            if isinstance(value, list) and value and isinstance(value[0], dict):
                continue
            put(key, value)
    for extra in pkg.get("extras") or []:
        # A schema field left empty is in ``validated`` as [] or "", and in "extras" as its
        # stored JSON text ("[]"): that text is no value (the "Xã, phường" facet showed "[]").
        if extra["key"] not in fields and extra["key"] not in validated:
            put(extra["key"], extra.get("value"))
        put("extras_" + extra["key"], extra.get("value"))

    for tag in pkg.get("tags") or []:
        if tag.get("vocabulary_id"):
            put("vocab_" + tag["vocabulary_id"], tag["name"])
        else:
            put("tags", tag["name"])
    for group in pkg.get("groups") or []:
        put("groups", group.get("name"))
        put("group_titles", group.get("title") or group.get("display_name"))
    org = pkg.get("organization") or {}
    put("organization", org.get("name"))
    put("organization_title", org.get("title"))

    for resource in pkg.get("resources") or []:
        put("res_name", resource.get("name"))
        put("res_description", resource.get("description"))
        put("res_format", resource.get("format"))
        put("res_url", resource.get("url"))
        put("res_type", resource.get("resource_type"))
        # As CKAN's Solr index: the resource extras named in ckan.extra_resource_fields.
        for key in model.Resource.get_extra_columns():
            put("res_extras_" + key, resource.get(key))

    put("entity_type", "package")  # CKAN's organization lists filter on it
    put("dataset_type", pkg.get("type"))
    put("capacity", "private" if pkg.get("private") else "public")
    if pkg.get("title"):
        fields["title_string"] = [pkg["title"].strip()]
    return fields


def _weight_of(key: str) -> str:
    if key in WEIGHT_A_FIELDS:
        return "A"
    if key in WEIGHT_B_FIELDS:
        return "B"
    if key.startswith(WEIGHT_D_PREFIXES):
        return "D"
    return "C"


def _tsvector_literal(weighted_words: Iterable[tuple[str, str, int]]) -> str:
    """Build a tsvector literal ('word':1A 'other':2C …) from (word, weight, value number) triples.

    Tokenising here rather than with PostgreSQL's parser keeps Vietnamese
    letters whole whatever the database locale is. A position is left free
    between two values, so that a phrase ("trường học", ranking.py) never
    spans the end of one value and the start of the next.
    """
    positions: dict[str, list[str]] = {}
    pos = 0
    previous = None
    for word, weight, value_number in weighted_words:
        pos += 1 if value_number == previous else 2
        previous = value_number
        p = min(pos, _MAX_POSITION)
        positions.setdefault(word, []).append(f"{p}{weight if weight != 'D' else ''}")
    parts = []
    for word, pos_list in positions.items():
        escaped = word.replace("\\", "\\\\").replace("'", "''")
        parts.append(f"'{escaped}':{','.join(pos_list[:256])}")
    return " ".join(parts)


def _text_items(fields: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    order = {"A": 0, "B": 1, "C": 2, "D": 3}
    items: list[tuple[str, str, str]] = []
    for key, values in fields.items():
        if key in NOT_TEXT or key.startswith("extras_") or key == "title_string":
            continue
        weight = _weight_of(key)
        for value in values:
            if boilerplate.is_generated(key, value):
                continue  # the publisher's own words, in every dataset (boilerplate.py)
            items.append((weight, value.replace("-", " ") if key == "name" else value, key))
    items.sort(key=lambda item: order[item[0]])
    return [(value, weight, key) for weight, value, key in items]


def scoped_lexeme(field: str, word: str) -> str:
    """The lexeme of ``word`` in ``field`` alone, for field-scoped queries (``title:foo``)."""
    return f"{field}:{word}"


def to_lists(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Normalise a field map that plugins may have edited back to lists of strings."""
    return {key: values for key, value in doc.items() if (values := _as_strings(value))}


def to_solr_like(fields: dict[str, list[str]]) -> dict[str, Any]:
    """Single-valued fields as scalars, the shape plugins and clients expect.

    A field that holds several values keeps them all, whatever its name: a scheming
    multiple_select (the communes of ``spatial_coverage``) lost all but its first value here.
    """
    return {key: values if is_multi_valued(key) or len(values) > 1 else values[0]
            for key, values in fields.items()}


def stored_fields(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """The field map kept in the index row: everything but long text-only fields."""
    return {key: values for key, values in fields.items()
            if key not in TEXT_ONLY_FIELDS and not key.startswith("extras_")}


def facet_terms(fields: dict[str, list[str]], facet_fields: Iterable[str]) -> list[str]:
    """``field=value`` terms of the configured facet fields, for counting them in one pass.

    Each term once: a dataset counts once per value, as with Solr, even if a plugin's
    ``before_dataset_index`` repeats a value.
    """
    return list(dict.fromkeys(f"{key}={value}" for key in facet_fields for value in fields.get(key, ())
                              if len(value) <= FACET_VALUE_MAX))


def build(fields: dict[str, list[str]], title: str) -> SearchDocument:
    items = _text_items(fields)
    folded = [(w, weight, n) for n, (value, weight, _) in enumerate(items) for w in text.folded_words(value)]
    # Accented forms go in the same vector (one vector keeps index rows small); a folded
    # query never matches them, an accented query ranks higher where they occur.
    accented = [(w, weight, len(items) + n) for n, (value, weight, _) in enumerate(items)
                for w in text.words(value) if w != text.fold(w)]
    # The words of each text field once more, under the field's name: title:x, notes:y search
    # that field only, as in Solr (weight D: free words never match these lexemes, so they rank nothing).
    scoped = [(scoped_lexeme(key, w), "D", 2 * len(items) + n) for n, (value, _, key) in enumerate(items)
              if key in SCOPED_TEXT_FIELDS for w in text.folded_words(value)]
    return SearchDocument(
        fields=fields,
        vector=_tsvector_literal(folded + accented + scoped),
        # Same positions as in ``vector``: the scoped words come last there.
        rank_vector=_tsvector_literal(folded + accented),
        title_sort=text.fold(title.strip()),
        # Numbers are left out of the typo vocabulary: "053762" must not be "corrected" to a
        # neighbouring code, and codes would otherwise make up most of the vocabulary.
        words=[w for w in dict.fromkeys(w for w, _, _ in folded) if len(w) <= 40 and not w.isdigit()][:_MAX_WORDS],
    )
