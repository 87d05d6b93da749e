"""Plug the PostgreSQL index into CKAN in place of Solr.

CKAN reaches its search backend through module-level names in
``ckan.lib.search``: the ``_INDICES``/``_QUERIES`` registries behind
``index_for``/``query_for``, ``PackageSearchQuery`` built directly for
organization/group dataset counts, and ``check_solr_schema_version`` called at
start-up. Replacing those names is the whole integration; CKAN has no
search-backend interface to implement instead.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.lib.search as search

from .index import PgPackageSearchIndex
from .query import PgPackageSearchQuery

log = logging.getLogger(__name__)

_ORIGINALS: dict[str, Any] = {}

# Placeholder for CKAN's required solr_url; .invalid never resolves (RFC 2606).
NO_SOLR_URL = "http://solr-not-used.invalid/solr"


def _no_solr_schema_check(schema_file: str | None = None) -> bool:
    """Solr's schema check does not apply: there is no Solr."""
    return False


def install() -> None:
    """Route CKAN's dataset indexing and searching to PostgreSQL (idempotent)."""
    if not _ORIGINALS:
        _ORIGINALS.update(
            index=search._INDICES["package"],
            query=search._QUERIES["package"],
            query_class=search.PackageSearchQuery,
            index_class=search.PackageSearchIndex,
            schema_check=search.check_solr_schema_version,
        )
    search._INDICES["package"] = PgPackageSearchIndex
    search._QUERIES["package"] = PgPackageSearchQuery
    search.PackageSearchQuery = PgPackageSearchQuery
    search.PackageSearchIndex = PgPackageSearchIndex
    search.check_solr_schema_version = _no_solr_schema_check
    log.debug("sonla_search: dataset search served by PostgreSQL")


def uninstall() -> None:
    """Give CKAN back its Solr backend (used when the plugin is unloaded)."""
    if not _ORIGINALS:
        return
    search._INDICES["package"] = _ORIGINALS["index"]
    search._QUERIES["package"] = _ORIGINALS["query"]
    search.PackageSearchQuery = _ORIGINALS["query_class"]
    search.PackageSearchIndex = _ORIGINALS["index_class"]
    search.check_solr_schema_version = _ORIGINALS["schema_check"]
