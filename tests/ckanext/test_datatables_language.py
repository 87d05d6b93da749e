"""The DataTables preview speaks the page's language: its labels come from our catalogue."""
from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets datastore datatables_view"
# What DataTables 1.12 and its Buttons/Select extensions show in English when nothing translates them.
ENGLISH = {"info": "Showing _START_ to _END_ of _TOTAL_ entries", "lengthMenu": "Show _MENU_ entries",
           "loadingRecords": "Loading...", "emptyTable": "No data available in table", "search": "Search:",
           "zeroRecords": "No matching records found"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif value:
        yield value


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestDataTablesLanguage:
    def test_language_file_in_vietnamese_and_english(self, app):
        vi = json.loads(app.get("/sonla/datatables-language.json").body)
        en = json.loads(app.get("/en/sonla/datatables-language.json").body)
        assert vi["info"] == "Dòng _START_ đến _END_ trong tổng số _TOTAL_ dòng"
        assert vi["select"]["rows"]["1"] == "Đã chọn 1 dòng" and vi["aria"]["sortAscending"].startswith(": bấm")
        assert (vi["thousands"], vi["decimal"]) == (".", ",") and (en["thousands"], en["decimal"]) == (",", ".")
        assert {key: en[key] for key in ENGLISH} == ENGLISH
        english = set(_strings(en)) - {",", "."}
        assert not english & set(_strings(vi)), "untranslated in vi"

    def test_preview_page_loads_it(self, app):
        sysadmin = factories.Sysadmin()
        dataset = factories.Dataset(owner_org=factories.Organization(kind="provincial_agency")["id"],
                                    update_frequency="annual")
        resource = factories.Resource(package_id=dataset["id"], url="http://example.invalid/x.csv", format="CSV")
        context = {"user": sysadmin["name"]}
        helpers.call_action("datastore_create", context=context, resource_id=resource["id"], force=True,
                            fields=[{"id": "ten", "type": "text"}], records=[{"ten": "Phường Tô Hiệu"}])
        views = helpers.call_action("resource_view_list", context=context, id=resource["id"])
        view = next(v for v in views if v["view_type"] == "datatables_view")
        url = f"/dataset/{dataset['name']}/resource/{resource['id']}/view/{view['id']}"
        assert 'data-languagefile="/sonla/datatables-language.json"' in html.unescape(app.get(url).body)
        assert 'data-languagefile="/en/sonla/datatables-language.json"' in html.unescape(app.get("/en" + url).body)
