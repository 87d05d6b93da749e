"""Plug the PostgreSQL index into CKAN in place of Solr.

CKAN reaches its search backend through module-level names in
``ckan.lib.search``: the ``_INDICES``/``_QUERIES`` registries behind
``index_for``/``query_for``, ``PackageSearchQuery`` built directly for
organization/group dataset counts, and ``check_solr_schema_version`` called at
start-up. Replacing those names is the whole integration; CKAN has no
search-backend interface to implement instead. Installed when the ``sonla_search`` plugin is
loaded (its ``update_config``) and removed again when it is unloaded (see ``_no_solr_schema_check``):
a CKAN app without the plugin, even in the same process, uses CKAN's own backend.

Upstream: https://github.com/ckan/ckan/issues/8441 (open: an ``ISearchProvider`` interface for
pluggable search back ends; also ckan/ckan#7552). The canary in tests/ckanext/test_patches.py
fails, saying this can go, the day CKAN ships such an interface.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
from ckanext.sonla.compat import search

from ..search.index import PgPackageSearchIndex
from ..search.query import PgPackageSearchQuery

PLUGIN = "sonla_search"
# Placeholder for CKAN's required solr_url; .invalid never resolves (RFC 2606).
NO_SOLR_URL = "http://solr-not-used.invalid/solr"

# CKAN's own names, kept while ours are in place so that unloading the plugin gives them back.
_ckan_originals: dict[str, Any] | None = None


def _no_solr_schema_check(schema_file: str | None = None) -> bool:
    """Solr's schema check does not apply while sonla_search is loaded: there is no Solr.

    CKAN calls this name at the end of every plugin load and unload (``environment.update_config``),
    also when sonla_search itself was just unloaded; that is the moment to hand CKAN its own
    backend back, since a plugin hears of no unload of its own (``IPluginObserver`` is asked only
    of plugins still loaded).
    """
    if plugins.plugin_loaded(PLUGIN):
        return False
    originals = _ckan_originals
    uninstall()
    check: Any = originals["check_solr_schema_version"] if originals else search.check_solr_schema_version
    return bool(check(schema_file))


def installed() -> bool:
    """Whether CKAN's dataset search goes to PostgreSQL at the moment."""
    return _ckan_originals is not None


def install() -> bool:
    """Route CKAN's dataset indexing and searching to PostgreSQL (idempotent)."""
    global _ckan_originals
    if _ckan_originals is None:
        _ckan_originals = {
            "index": search._INDICES["package"],
            "query": search._QUERIES["package"],
            "PackageSearchQuery": search.PackageSearchQuery,
            "PackageSearchIndex": search.PackageSearchIndex,
            "check_solr_schema_version": search.check_solr_schema_version,
        }
    search._INDICES["package"] = PgPackageSearchIndex
    search._QUERIES["package"] = PgPackageSearchQuery
    search.PackageSearchQuery = PgPackageSearchQuery
    search.PackageSearchIndex = PgPackageSearchIndex
    search.check_solr_schema_version = _no_solr_schema_check
    return True


def uninstall() -> None:
    """Give CKAN its own (Solr) search backend back (idempotent)."""
    global _ckan_originals
    originals, _ckan_originals = _ckan_originals, None
    if originals is None:
        return
    search._INDICES["package"] = originals["index"]
    search._QUERIES["package"] = originals["query"]
    search.PackageSearchQuery = originals["PackageSearchQuery"]
    search.PackageSearchIndex = originals["PackageSearchIndex"]
    search.check_solr_schema_version = originals["check_solr_schema_version"]
