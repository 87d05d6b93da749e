"""ckanext-harvest indexes harvest sources with CKAN's Solr indexer, built by name.

``ckanext.harvest.logic.action.update`` does ``from ckan.lib.search.index import PackageSearchIndex``
and calls it at the end of every harvest job (``harvest_source_reindex``), past ``index_for``, which
``search_backend`` redirects: with sonla_search (no Solr) every harvest job then fails with
"Solr returned an error". ``install`` imports that module and points its name at the PostgreSQL
index. Installed by the ``sonla_search`` plugin when the ``harvest`` plugin is on too (only harvesting
portals run it, docs/dcat.md "Harvesting"); a no-op otherwise.

Upstream: none filed; ckanext-harvest could use ``ckan.lib.search.index_for`` instead (then this can go;
the canary in tests/ckanext/test_patches.py checks that it still imports the class by name).
"""
from __future__ import annotations

import importlib

import ckan.plugins.toolkit as toolkit

from ..search.index import PgPackageSearchIndex

HARVEST_MODULE = "ckanext.harvest.logic.action.update"


def install() -> bool:
    # Only when the harvest plugin is on: importing its module registers its tables with CKAN's.
    if "harvest" not in toolkit.aslist(toolkit.config.get("ckan.plugins")):
        return False
    # Only ckanext-harvest's name: CKAN's own stays, for code (and CKAN's tests) that means Solr's.
    try:
        harvest_update = importlib.import_module(HARVEST_MODULE)
    except ImportError:
        return False
    harvest_update.PackageSearchIndex = PgPackageSearchIndex  # type: ignore[attr-defined]
    return True
