"""ckanext-harvest indexes harvest sources with CKAN's Solr indexer, built by name.

``ckanext.harvest.logic.action.update`` does ``from ckan.lib.search.index import PackageSearchIndex``
and calls it at the end of every harvest job (``harvest_source_reindex``), past ``index_for``, which
``search_backend`` redirects: with sonla_search (no Solr) every harvest job then fails with
"Solr returned an error". ``install`` points that name, in CKAN's module and in ckanext-harvest's
if it is loaded, at the PostgreSQL index. Installed by the ``sonla_search`` plugin; a no-op without
ckanext-harvest (only harvesting portals run it, docs/dcat.md "Harvesting").

Upstream: none filed; ckanext-harvest could use ``ckan.lib.search.index_for`` instead (then this can go;
the canary in tests/ckanext/test_patches.py checks that it still imports the class by name).
"""
from __future__ import annotations

import importlib

from ckanext.sonla.compat import search

from ..search.index import PgPackageSearchIndex

HARVEST_MODULE = "ckanext.harvest.logic.action.update"


def install() -> bool:
    search.index.PackageSearchIndex = PgPackageSearchIndex  # for modules imported from now on
    try:
        harvest_update = importlib.import_module(HARVEST_MODULE)
    except ImportError:
        return False
    harvest_update.PackageSearchIndex = PgPackageSearchIndex  # type: ignore[attr-defined]
    return True
