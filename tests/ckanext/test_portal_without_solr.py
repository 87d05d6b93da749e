"""The portal works without Solr: pages, dataset creation, DataStore."""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")
class TestPortalWithoutSolr:
    def test_public_pages_answer(self, app):
        org = factories.Organization(name="so-y-te", title="Sở Y tế")
        group = factories.Group(name="y-te", title="Y tế")
        factories.Dataset(name="co-so-y-te", title="Cơ sở y tế", notes="Mô tả",
                          update_frequency="annual", owner_org=org["id"],
                          groups=[{"name": group["name"]}])
        for url in ("/", "/dataset", "/dataset/co-so-y-te", "/organization",
                    "/organization/so-y-te", "/group", "/group/y-te", "/dataset?q=co+so+y+te"):
            response = app.get(url)
            assert response.status_code == 200, url
        search_page = app.get("/dataset?q=co+so+y+te").body
        assert "co-so-y-te" in search_page
        assert "co-so-y-te" in app.get("/organization/so-y-te").body

    def test_status_and_search_api(self, app):
        factories.Dataset(name="mot-bo", notes="x", update_frequency="annual",
                          owner_org=factories.Organization()["id"])
        assert app.get("/api/3/action/status_show").json["success"]
        result = app.get("/api/3/action/package_search",
                         query_string={"facet.field": '["organization","tags"]'}).json["result"]
        assert result["count"] == 1
        assert set(result["search_facets"]) == {"organization", "tags"}

    def test_datastore_create_and_search(self):
        org = factories.Organization()
        dataset = factories.Dataset(notes="x", update_frequency="annual", owner_org=org["id"])
        resource = factories.Resource(package_id=dataset["id"], url="http://example.invalid/x.csv",
                                      format="CSV")
        sysadmin = factories.Sysadmin()
        helpers.call_action("datastore_create", context={"user": sysadmin["name"]},
                            resource_id=resource["id"], force=True,
                            fields=[{"id": "ma_xa", "type": "text"}, {"id": "dan_so", "type": "int"}],
                            primary_key=["ma_xa"],
                            records=[{"ma_xa": "03646", "dan_so": 45210},
                                     {"ma_xa": "03664", "dan_so": 18003}])
        found = helpers.call_action("datastore_search", resource_id=resource["id"], q="03646")
        assert found["total"] == 1
        assert found["records"][0]["dan_so"] == 45210
        # the DataStore flag reaches the dataset through the index too
        shown = helpers.call_action("package_search", q="*:*")["results"][0]
        assert shown["resources"][0]["datastore_active"] is True
