"""CSV injection (issue #16, point 8): the portal's DataStore dumps defuse formula-like text."""
from __future__ import annotations

import csv
import io
import json

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

FORMULAS = ['=HYPERLINK("http://x","Bấm")', "+1+1", "@SUM(A1)", "-2+3", "\t=1+1"]
PLAIN = ["Trạm Y tế", "-", "-12,5", "+84 212 3852 123", ""]


@pytest.fixture
def table(app):
    with app.flask_app.test_request_context():
        dataset = factories.Dataset(owner_org=factories.Organization()["id"], update_frequency="monthly",
                                    data_last_updated="2026-10-01")
    records = [{"ten": value, "so": -5 if index == 0 else index, "ghi_chu": None}
               for index, value in enumerate(FORMULAS + PLAIN)]
    user = factories.Sysadmin()["name"]
    resource = helpers.call_action("resource_create", context={"user": user}, package_id=dataset["id"], name="Bảng",
                                   url="https://example.org/bang.csv")
    result = helpers.call_action(
        "datastore_create", context={"user": user}, resource_id=resource["id"],
        fields=[{"id": "ten", "type": "text"}, {"id": "so", "type": "int"}, {"id": "=cot", "type": "text"},
                {"id": "ghi_chu", "type": "text"}],
        records=records, force=True)
    return result["resource_id"]


@pytest.mark.parametrize(("fmt", "dialect"), [("csv", "excel"), ("tsv", "excel-tab")])
def test_dump_defuses_formula_text_cells_and_names(app, table, fmt, dialect):
    body = app.get(f"/datastore/dump/{table}", query_string={"format": fmt}).body
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"), newline=""), dialect=dialect))
    assert rows[0] == ["_id", "ten", "so", "'=cot", "ghi_chu"]
    names = [row[1] for row in rows[1:]]
    assert names == ["'" + value for value in FORMULAS] + PLAIN
    assert [row[2] for row in rows[1:]][:2] == ["-5", "1"]  # numbers are never prefixed
    assert len(rows) == 1 + len(FORMULAS) + len(PLAIN)


def test_json_dump_and_the_api_keep_the_values(app, table):
    """Only files a spreadsheet opens are defused; the data itself is unchanged."""
    body = json.loads(app.get(f"/datastore/dump/{table}", query_string={"format": "json"}).body)
    assert [record[1] for record in body["records"]] == FORMULAS + PLAIN
    records = helpers.call_action("datastore_search", resource_id=table, sort="_id")["records"]
    assert [record["ten"] for record in records] == FORMULAS + PLAIN
