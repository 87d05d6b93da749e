"""Write datasets into the PostgreSQL search index (replaces CKAN's Solr index)."""
from __future__ import annotations

import json
import logging
from typing import Any

import ckan.lib.navl.dictization_functions as dictization_functions
import ckan.lib.plugins as lib_plugins
import ckan.model as model
import ckan.plugins as plugins
import sqlalchemy as sa
from ckan.common import config
from ckan.lib.search.index import SearchIndex
from sqlalchemy.dialects.postgresql import insert

from . import document
from .table import search_index

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
        model.Session.commit()

    def commit(self) -> None:
        model.Session.commit()

    def get_all_entity_ids(self) -> list[str]:  # type: ignore[override]
        rows = model.Session.execute(sa.select(search_index.c.package_id))
        return [row[0] for row in rows]

    def index_package(self, pkg_dict: dict[str, Any] | None) -> None:
        if pkg_dict is None:
            return
        pkg_dict = dict(pkg_dict)
        validated = pkg_dict.pop("with_custom_schema", None) or pkg_dict
        if config.get("ckan.search.remove_deleted_packages") and pkg_dict.get("state") in (
            None,
            "deleted",
        ):
            self.remove_dict(pkg_dict)
            return

        fields = document.flatten(pkg_dict, validated)
        fields["site_id"] = [config.get("ckan.site_id")]
        solr_like = document.to_solr_like(fields)
        for item in plugins.PluginImplementations(plugins.IPackageController):
            solr_like = item.before_dataset_index(solr_like)
        fields = document.to_lists(solr_like)
        doc = document.build(fields, pkg_dict.get("title") or pkg_dict.get("name") or "")

        dataset = model.Package.get(pkg_dict["id"])
        labels = lib_plugins.get_permission_labels().get_dataset_labels(dataset) if dataset else []

        row = {
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
            "fields": fields,
            "data_dict": json.dumps(pkg_dict),
            "validated_data_dict": json.dumps(
                validated, cls=dictization_functions.MissingNullEncoder
            ),
        }
        # tsvector literals are cast in SQL: bind them as text.
        statement = insert(search_index).values(
            **row,
            search_vector=sa.cast(sa.literal(doc.vector, sa.UnicodeText), search_index.c.search_vector.type),
            search_vector_exact=sa.cast(
                sa.literal(doc.vector_exact, sa.UnicodeText), search_index.c.search_vector_exact.type
            ),
        )
        updates = {c.name: statement.excluded[c.name] for c in search_index.c if c.name != "package_id"}
        updates["indexed_at"] = sa.func.now()
        model.Session.execute(
            statement.on_conflict_do_update(index_elements=["package_id"], set_=updates)
        )
        log.debug("Indexed dataset %s", pkg_dict["name"])


def _utc(value: str | None) -> str | None:
    """CKAN's metadata timestamps are naive UTC strings."""
    if not value:
        return None
    return value if value.endswith(("Z", "+00:00")) else value + "+00:00"
