"""Plug the PostgreSQL index into CKAN in place of Solr.

CKAN reaches its search backend through module-level names in
``ckan.lib.search``: the ``_INDICES``/``_QUERIES`` registries behind
``index_for``/``query_for``, ``PackageSearchQuery`` built directly for
organization/group dataset counts, and ``check_solr_schema_version`` called at
start-up. Replacing those names is the whole integration; CKAN has no
search-backend interface to implement instead. Installed by the ``sonla_search`` plugin only.

Upstream: https://github.com/ckan/ckan/issues/8441 (open: an ``ISearchProvider`` interface for
pluggable search back ends; also ckan/ckan#7552). The canary in tests/ckanext/test_patches.py
fails, saying this can go, the day CKAN ships such an interface.
"""
from __future__ import annotations

from ckanext.sonla.compat import search

from ..search.index import PgPackageSearchIndex
from ..search.query import PgPackageSearchQuery

# Placeholder for CKAN's required solr_url; .invalid never resolves (RFC 2606).
NO_SOLR_URL = "http://solr-not-used.invalid/solr"


def _no_solr_schema_check(schema_file: str | None = None) -> bool:
    """Solr's schema check does not apply: there is no Solr."""
    return False


def install() -> bool:
    """Route CKAN's dataset indexing and searching to PostgreSQL (idempotent)."""
    search._INDICES["package"] = PgPackageSearchIndex
    search._QUERIES["package"] = PgPackageSearchQuery
    search.PackageSearchQuery = PgPackageSearchQuery
    search.PackageSearchIndex = PgPackageSearchIndex
    search.check_solr_schema_version = _no_solr_schema_check
    return True
