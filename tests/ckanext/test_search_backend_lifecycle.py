"""The search backend follows the sonla_search plugin's load and unload (issue 19).

Installed only while the plugin is loaded; once it is unloaded, CKAN's own backend is back, so a
CKAN app without sonla_search in the same process does not search sonla_search's index.
"""
from __future__ import annotations

import ckan.lib.search as ckan_search
import ckan.plugins as plugins
import pytest
from ckan.tests import helpers


def _ckan_own_backend() -> bool:
    """Whether every name the patch replaces is CKAN's own (Solr) again."""
    from ckan.lib.search.index import PackageSearchIndex
    from ckan.lib.search.query import PackageSearchQuery

    return (type(ckan_search.index_for("package")) is PackageSearchIndex
            and type(ckan_search.query_for("package")) is PackageSearchQuery
            and ckan_search.PackageSearchQuery is PackageSearchQuery
            and ckan_search.PackageSearchIndex is PackageSearchIndex
            and ckan_search.check_solr_schema_version.__module__ == "ckan.lib.search")


@pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets")
@pytest.mark.usefixtures("with_plugins")
def test_search_backend_follows_the_plugin_load_and_unload() -> None:
    """Issue 19: installed only while sonla_search is loaded, CKAN's own backend once it is not."""
    from ckanext.sonla.search.query import PgPackageSearchQuery

    assert isinstance(ckan_search.query_for("package"), PgPackageSearchQuery)
    plugins.unload("sonla_search")
    try:
        assert _ckan_own_backend()
    finally:
        plugins.load("sonla_search")
    assert isinstance(ckan_search.query_for("package"), PgPackageSearchQuery)
    assert not _ckan_own_backend()


@pytest.mark.ckan_config("ckan.plugins", "sonla scheming_datasets")
@pytest.mark.usefixtures("with_plugins")
def test_an_app_without_sonla_search_in_the_same_process_uses_ckan_search() -> None:
    """After sonla_search was loaded once in this process, an app without it searches with CKAN's
    own backend: here, with no Solr reachable, package_search fails instead of answering from
    sonla_search's index."""
    plugins.load("sonla_search")  # as an earlier app of this process did
    plugins.unload("sonla_search")
    assert _ckan_own_backend()
    with pytest.raises(ckan_search.SolrConnectionError):
        helpers.call_action("package_search", q="*:*")
