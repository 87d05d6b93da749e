"""sonla_search on ckanext-harvest's indexing path (issue #24).

ckanext-harvest's ``before_dataset_index`` reads and extends the stored dicts (``data_dict``,
``validated_data_dict``) as CKAN's Solr indexer hands them over; sonla_search must do the same,
or indexing a harvested dataset fails with ``KeyError: 'data_dict'`` and the harvest with it.
"""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan import model

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context"),
]


def test_a_harvested_dataset_is_indexed_with_the_harvest_extras(migrate_db_for) -> None:  # type: ignore[no-untyped-def]
    from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestSource

    migrate_db_for("harvest")
    sysadmin = factories.Sysadmin()
    org = factories.Organization(kind="provincial_agency")
    dataset = helpers.call_action("package_create", context={"user": sysadmin["name"]}, name="thu-hoach",
                                  title="Bộ dữ liệu thu hoạch", notes="Thu hoạch.", update_frequency="annual",
                                  owner_org=org["id"])
    source = HarvestSource(url="http://127.0.0.1:9/catalog.ttl", type="dcat_rdf", title="Nguồn thử")
    source.save()
    job = HarvestJob(source=source)
    job.save()
    harvested = HarvestObject(guid="urn:thu-hoach", job=job, source=source, package_id=dataset["id"], current=True)
    harvested.save()
    model.Session.commit()

    # Indexing runs ckanext-harvest's before_dataset_index; it read pkg_dict["data_dict"] (KeyError).
    helpers.call_action("package_patch", context={"user": sysadmin["name"]}, id=dataset["id"], title="Đã sửa")

    (found,) = helpers.call_action("package_search", q="name:thu-hoach")["results"]
    extras = {extra["key"]: extra["value"] for extra in found.get("extras") or []}
    assert extras["harvest_object_id"] == harvested.id
    assert extras["harvest_source_id"] == source.id
    assert found["title"] == "Đã sửa"


def test_ckanext_harvest_reindexes_sources_in_our_index() -> None:
    """Its harvest_source_reindex builds CKAN's Solr indexer by name (patches/harvest_index.py)."""
    from ckanext.harvest.logic.action import update
    from ckanext.sonla import patches
    from ckanext.sonla.search.index import PgPackageSearchIndex

    assert "harvest_index" in patches.install("sonla_search")
    assert update.PackageSearchIndex is PgPackageSearchIndex
