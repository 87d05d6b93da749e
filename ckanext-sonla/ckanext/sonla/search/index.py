"""Write datasets into the PostgreSQL search index (replaces CKAN's Solr index)."""
from __future__ import annotations

import json
import logging
from typing import Any

import ckan.plugins as plugins
import sqlalchemy as sa
from ckanext.sonla.compat import SearchIndex, config, custom_schema_dict, dictization_functions, lib_plugins, model
from sqlalchemy.dialects.postgresql import insert

from . import document, freshness_status
from .table import search_index, search_words

log = logging.getLogger(__name__)


class PgPackageSearchIndex(SearchIndex):
    """Keeps ``sonla_search_index`` in step with datasets.

    Writes go through CKAN's own session, so an index row is committed (or
    rolled back) in the same transaction as the dataset change itself.
    """

    def update_dict(self, data: dict[str, Any], defer_commit: bool = False) -> None:
        self.index_package(data)

    def remove_dict(self, data: dict[str, Any]) -> None:
        ref = data.get("id")
        model.Session.execute(
            sa.delete(search_index).where(
                sa.or_(search_index.c.package_id == ref, search_index.c.name == ref)
            )
        )

    def clear(self) -> None:
        model.Session.execute(
            sa.delete(search_index).where(search_index.c.site_id == config.get("ckan.site_id"))
        )
        model.Session.execute(sa.delete(search_words))
        model.Session.commit()

    def commit(self) -> None:
        model.Session.commit()

    def get_all_entity_ids(self) -> list[str]:
        rows = model.Session.execute(sa.select(search_index.c.package_id))
        return [row[0] for row in rows]

    def index_package(self, pkg_dict: dict[str, Any] | None, defer_commit: bool = False) -> None:
        # defer_commit: CKAN 2.11's bulk updates pass it; the row is written in CKAN's session either way.
        if pkg_dict is None:
            return
        pkg_dict = dict(pkg_dict)
        validated = custom_schema_dict(pkg_dict)
        if config.get("ckan.search.remove_deleted_packages") and pkg_dict.get("state") in (
            None,
            "deleted",
        ):
            self.remove_dict(pkg_dict)
            return

        dataset = model.Package.get(pkg_dict["id"])
        if dataset is not None and "private" in pkg_dict and bool(dataset.private) != bool(pkg_dict["private"]):
            # CKAN 2.11's bulk_update_private/public change the rows with a bulk UPDATE and index the
            # changed dicts: the session's copy of the dataset is older than the dict, and the
            # permission labels must come from what the database now holds.
            model.Session.refresh(dataset)
        labels = lib_plugins.get_permission_labels().get_dataset_labels(dataset) if dataset else []
        row = index_row(pkg_dict, validated, labels)
        model.Session.execute(upsert_statement(), row)
        remember_words([row])
        log.debug("Indexed dataset %s", pkg_dict["name"])


def index_row(pkg_dict: dict[str, Any], validated: dict[str, Any], labels: list[str]) -> dict[str, Any]:
    """The index row of one dataset, ready for :func:`upsert_statement`.

    Plugins' ``before_dataset_index`` hooks see and may change the flat field
    map, as they would with Solr.
    """
    fields = document.flatten(pkg_dict, validated)
    fields["site_id"] = [config.get("ckan.site_id")]
    solr_like = document.to_solr_like(fields)
    # CKAN's Solr indexer hands the hooks the stored dicts as JSON too; ckanext-harvest reads and
    # extends them (its harvest_* extras), so they are stored as the hooks leave them.
    solr_like["data_dict"] = json.dumps(pkg_dict)
    solr_like["validated_data_dict"] = json.dumps(validated, cls=dictization_functions.MissingNullEncoder)
    for item in plugins.PluginImplementations(plugins.IPackageController):
        solr_like = item.before_dataset_index(solr_like)
    data_dict_json = solr_like.pop("data_dict", None) or json.dumps(pkg_dict)
    validated_json = solr_like.pop("validated_data_dict", None) or json.dumps(
        validated, cls=dictization_functions.MissingNullEncoder)
    fields = document.to_lists(solr_like)
    doc = document.build(fields, pkg_dict.get("title") or pkg_dict.get("name") or "")
    return {
        "package_id": pkg_dict["id"],
        "site_id": config.get("ckan.site_id"),
        "name": pkg_dict["name"],
        "title_sort": doc.title_sort,
        "search_words": doc.words,
        "state": pkg_dict.get("state") or "active",
        "private": bool(pkg_dict.get("private")),
        "dataset_type": pkg_dict.get("type") or "dataset",
        "owner_org": pkg_dict.get("owner_org"),
        "permission_labels": labels,
        "metadata_created": _utc(pkg_dict.get("metadata_created")),
        "metadata_modified": _utc(pkg_dict.get("metadata_modified")),
        "fields": document.stored_fields(fields),
        "facet_terms": document.facet_terms(fields, config.get("ckanext.sonla.search.facet_fields")),
        "data_dict": data_dict_json,
        "validated_data_dict": validated_json,
        "search_vector": doc.vector,
        "rank_vector": doc.rank_vector,
        "words": doc.words,
        "views_recent": _count(fields.get("views_recent")),
        "views_total": _count(fields.get("views_total")),
        **freshness_status.index_values(pkg_dict, validated),
    }


def upsert_statement() -> Any:
    """INSERT … ON CONFLICT UPDATE for rows from :func:`index_row` (one or many)."""
    values: dict[str, sa.ColumnElement[Any]] = {
        c.name: sa.bindparam(c.name, type_=c.type) for c in search_index.c if c.name != "indexed_at"
    }
    # The tsvector literals travel as text and are cast by PostgreSQL.
    for name in ("search_vector", "rank_vector"):
        values[name] = sa.cast(sa.bindparam(name, type_=sa.UnicodeText), search_index.c[name].type)
    statement = insert(search_index).values(values)
    updates: dict[str, sa.ColumnElement[Any]] = {
        c.name: statement.excluded[c.name] for c in search_index.c if c.name != "package_id"
    }
    updates["indexed_at"] = sa.func.now()
    return statement.on_conflict_do_update(index_elements=["package_id"], set_=updates)


def remember_words(rows: list[dict[str, Any]]) -> None:
    """Add the rows' words to the vocabulary used for typo tolerance."""
    words = sorted({w for row in rows for w in row["words"]})
    if words:
        statement = insert(search_words).values([{"word": w} for w in words])
        model.Session.execute(statement.on_conflict_do_nothing(index_elements=["word"]))


def _count(values: list[str] | None) -> int:
    """A page-view count as the tracking plugin indexes it (0 when absent)."""
    try:
        return int(values[0]) if values else 0
    except ValueError:
        return 0


def _utc(value: str | None) -> str | None:
    """CKAN's metadata timestamps are naive UTC strings."""
    if not value:
        return None
    return value if value.endswith(("Z", "+00:00")) else value + "+00:00"
