"""A portal without the chart and map plugins refuses a publication that asks for those views with a
clear Vietnamese 409 before any write, instead of failing half-way in ``resource_view_create``."""
from __future__ import annotations

import io
import json

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.plugins import toolkit

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def test_views_without_their_plugin_are_refused_before_any_write(app):
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    token = factories.APIToken(user=user["name"])["token"]
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps({"name": "khong-co-plugin", "title": "T", "notes": "N", "owner_org": org["name"],
                               "update_frequency": "monthly", "data_last_updated": "2026-10-01"}),
        "resources": json.dumps([{"name": "Bảng", "format": "CSV", "file": "file0"}]),
        "datastore": json.dumps({"resource": 0, "fields": [{"id": "ten", "type": "text"},
                                                           {"id": "so", "type": "int8"}]}),
        "views": json.dumps([{"resource": 0, "view_type": "sonla_chart", "x": "ten", "y": "so"}]),
        "file0": (io.BytesIO(b"ten,so\nA,1\n"), "bang.csv"),
        "rows": (io.BytesIO(b"A\t1\n"), "rows.tsv"),
    }, headers={"Authorization": token}, content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == 409, response.body
    assert "Cổng chưa bật plugin sonla_chart_view" in " ".join(response.json["error"]["views"])
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="khong-co-plugin")
