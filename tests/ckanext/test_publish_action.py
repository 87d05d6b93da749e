"""``sonla_dataset_publish`` over real HTTP (multipart), on real CKAN, PostgreSQL and DataStore."""
from __future__ import annotations

import io
import json

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
from ckan.plugins import toolkit
from ckanext.datastore.backend.postgres import get_write_engine

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("ckan.views.default_views", "datatables_view"),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

FIELDS = [
    {"id": "ma", "type": "text", "info": {"label": "Mã"}},
    {"id": "so_luong", "type": "int8", "info": {"label": "Số lượng"}},
    {"id": "ty_le", "type": "numeric"},
    {"id": "ngay", "type": "date"},
]
CSV_NAME = "Dữ liệu"


def _rows(*rows: tuple) -> bytes:
    """COPY text format: tab-separated, \\N for empty."""
    return "".join("\t".join("\\N" if v is None else str(v) for v in row) + "\n" for row in rows).encode()


def _post(app, token, name, org, rows, *, key=("ma",), package=None, status=200, source_hash="h1", fields=None):
    package = {"name": name, "title": "Bộ dữ liệu thử", "notes": "Mô tả", "owner_org": org,
               "update_frequency": "monthly", "data_last_updated": "2026-10-01", "state": "active",
               "source_hash": source_hash, **(package or {})}
    resources = [
        {"name": CSV_NAME, "format": "CSV", "file": "file0", "row_count": "2"},
        {"name": "Tệp gốc (XLSX)", "format": "XLSX", "file": "file1"},
        {"name": "Từ điển dữ liệu", "format": "JSON", "file": "file2"},
    ]
    data = {
        "package": json.dumps(package, ensure_ascii=False),
        "resources": json.dumps(resources, ensure_ascii=False),
        "datastore": json.dumps({"resource": 0, "fields": fields or FIELDS, "primary_key": list(key)}),
        "file0": (io.BytesIO(b"ma,so_luong\nA,1\n"), f"{name}.csv"),
        "file1": (io.BytesIO(b"PK\x03\x04 not really xlsx"), "nguon.xlsx"),
        "file2": (io.BytesIO(b'{"fields": []}'), "tu-dien.json"),
        "rows": (io.BytesIO(rows), "rows.tsv"),
    }
    headers = {"Authorization": token} if token else {}
    response = app.post("/api/3/action/sonla_dataset_publish", data=data, headers=headers,
                        content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


def _records(resource_id):
    result = helpers.call_action("datastore_search", resource_id=resource_id, sort="ma", limit=100)
    # numeric as float and dates as YYYY-MM-DD: the in-process answer, not the JSON one
    return [{k: (float(v) if k == "ty_le" and v is not None else str(v)[:10] if k == "ngay" and v else v)
             for k, v in r.items() if k != "_id"} for r in result["records"]]


def _datastore_tables() -> set[str]:
    with get_write_engine().connect() as connection:
        rows = connection.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                          "AND tablename NOT LIKE '\\_%'"))
        return {row[0] for row in rows}


@pytest.fixture
def publisher():
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org["name"], "user": user}


def test_creates_the_dataset_files_and_table_in_one_request(app, publisher):
    answer = _post(app, publisher["token"], "bo-du-lieu-moi", publisher["org"],
                   _rows(("A", 1, "12.50", "2026-01-31"), ("B", None, None, None)))["result"]
    assert answer["created"] is True and answer["rows"] == 2
    dataset = helpers.call_action("package_show", id="bo-du-lieu-moi")
    assert dataset["state"] == "active" and dataset["source_hash"] == "h1"
    assert [r["name"] for r in dataset["resources"]] == [CSV_NAME, "Tệp gốc (XLSX)", "Từ điển dữ liệu"]
    assert {r["id"] for r in dataset["resources"]} == {r["id"] for r in answer["resources"]}
    assert all(r["url_type"] == "upload" for r in dataset["resources"])
    table = dataset["resources"][0]
    assert table["datastore_active"] is True and table["url"].endswith("/bo-du-lieu-moi.csv")
    assert _records(table["id"]) == [
        {"ma": "A", "so_luong": 1, "ty_le": 12.5, "ngay": "2026-01-31"},
        {"ma": "B", "so_luong": None, "ty_le": None, "ngay": None},
    ]
    info = helpers.call_action("datastore_info", id=table["id"])
    assert [f["id"] for f in info["fields"]] == ["ma", "so_luong", "ty_le", "ngay"]
    assert app.get(table["url"]).body == "ma,so_luong\nA,1\n"
    # Searchable, in the activity stream, and the DataStore preview was made for the table.
    assert helpers.call_action("package_search", q="name:bo-du-lieu-moi")["count"] == 1
    activities = helpers.call_action("package_activity_list", id=dataset["id"])
    assert [a["activity_type"] for a in activities] == ["new package"]
    views = helpers.call_action("resource_view_list", id=table["id"])
    assert "datatables_view" in {v["view_type"] for v in views}


def test_update_upserts_changed_rows_deletes_removed_ones_and_keeps_the_rest(app, publisher):
    first = _post(app, publisher["token"], "cap-nhat", publisher["org"],
                  _rows(("A", 1, "1", None), ("B", 2, "2", None), ("C", 3, "3", None)))["result"]
    table_id = first["resources"][0]["id"]
    ids_before = {r["ma"]: r["_id"] for r in
                  helpers.call_action("datastore_search", resource_id=table_id, limit=10)["records"]}
    # A by-hand field and an extra resource, which the next publication must leave alone.
    sysadmin = factories.Sysadmin()
    helpers.call_action("package_patch", context={"user": sysadmin["name"]}, id="cap-nhat", version="2.0")
    helpers.call_action("resource_create", context={"user": sysadmin["name"]}, package_id="cap-nhat",
                        name="Ghi chú", url="https://example.org/ghi-chu.pdf")

    second = _post(app, publisher["token"], "cap-nhat", publisher["org"],
                   _rows(("A", 1, "1", None), ("B", 20, "2.5", "2026-02-01"), ("D", 4, "4", None)),
                   source_hash="h2")["result"]
    assert second["created"] is False and second["rows"] == 3
    assert {r["id"] for r in second["resources"]} == {r["id"] for r in first["resources"]}
    assert _records(table_id) == [
        {"ma": "A", "so_luong": 1, "ty_le": 1.0, "ngay": None},
        {"ma": "B", "so_luong": 20, "ty_le": 2.5, "ngay": "2026-02-01"},
        {"ma": "D", "so_luong": 4, "ty_le": 4.0, "ngay": None},
    ]
    ids_after = {r["ma"]: r["_id"] for r in
                 helpers.call_action("datastore_search", resource_id=table_id, limit=10)["records"]}
    assert ids_after["A"] == ids_before["A"] and ids_after["B"] == ids_before["B"]  # updated in place
    dataset = helpers.call_action("package_show", id="cap-nhat")
    assert dataset["source_hash"] == "h2" and dataset["version"] == "2.0"
    assert [r["name"] for r in dataset["resources"]] == [CSV_NAME, "Tệp gốc (XLSX)", "Từ điển dữ liệu", "Ghi chú"]
    assert dataset["resources"][0]["datastore_active"] is True


def test_a_table_without_key_is_replaced_whole(app, publisher):
    first = _post(app, publisher["token"], "khong-khoa", publisher["org"], _rows(("A", 1, None, None),
                  ("A", 1, None, None)), key=())["result"]
    _post(app, publisher["token"], "khong-khoa", publisher["org"], _rows(("B", 2, None, None)), key=(),
          source_hash="h2")
    assert _records(first["resources"][0]["id"]) == [{"ma": "B", "so_luong": 2, "ty_le": None, "ngay": None}]


def test_a_bad_row_creates_nothing(app, publisher):
    tables = _datastore_tables()
    error = _post(app, publisher["token"], "hang-loi", publisher["org"],
                  _rows(("A", 1, None, None), ("B", "mot", None, None)), status=409)["error"]
    assert "mot" in error["rows"][0] and "line 2" in error["rows"][0]
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="hang-loi")
    assert _datastore_tables() == tables
    assert helpers.call_action("package_search", q="name:hang-loi", include_drafts=True)["count"] == 0


def test_a_bad_row_on_update_changes_nothing(app, publisher):
    first = _post(app, publisher["token"], "giu-nguyen", publisher["org"], _rows(("A", 1, None, None)))["result"]
    error = _post(app, publisher["token"], "giu-nguyen", publisher["org"],
                  _rows(("A", 5, None, None), ("B", "hai", None, None)), source_hash="h2", status=409)["error"]
    assert "hai" in error["rows"][0]
    assert _records(first["resources"][0]["id"])[0]["so_luong"] == 1
    assert helpers.call_action("package_show", id="giu-nguyen")["source_hash"] == "h1"


def test_metadata_the_schema_rejects_leaves_the_rows_alone(app, publisher):
    first = _post(app, publisher["token"], "sai-tan-suat", publisher["org"], _rows(("A", 1, None, None)))["result"]
    error = _post(app, publisher["token"], "sai-tan-suat", publisher["org"], _rows(("A", 9, None, None)),
                  package={"update_frequency": "thinh-thoang"}, source_hash="h2", status=409)["error"]
    assert "update_frequency" in error
    assert _records(first["resources"][0]["id"])[0]["so_luong"] == 1


def test_repeated_key_is_a_clear_error(app, publisher):
    error = _post(app, publisher["token"], "trung-khoa", publisher["org"],
                  _rows(("A", 1, None, None), ("A", 2, None, None)), status=409)["error"]
    assert "ma" in error["rows"][0]
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="trung-khoa")


def test_rights_are_ckans(app, publisher):
    stranger = factories.APIToken(user=factories.User()["name"])["token"]
    _post(app, stranger, "khong-quyen", publisher["org"], _rows(("A", 1, None, None)), status=403)
    _post(app, None, "khong-quyen", publisher["org"], _rows(("A", 1, None, None)), status=403)
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="khong-quyen")
    _post(app, publisher["token"], "khong-quyen", publisher["org"], _rows(("A", 1, None, None)))
    _post(app, stranger, "khong-quyen", publisher["org"], _rows(("A", 7, None, None)), source_hash="h2",
          status=403)
    assert helpers.call_action("package_show", id="khong-quyen")["source_hash"] == "h1"


def test_table_resource_deleted_by_hand_comes_back(app, publisher):
    first = _post(app, publisher["token"], "mat-bang", publisher["org"], _rows(("A", 1, None, None)))["result"]
    sysadmin = factories.Sysadmin()
    helpers.call_action("resource_delete", context={"user": sysadmin["name"]}, id=first["resources"][0]["id"])
    second = _post(app, publisher["token"], "mat-bang", publisher["org"], _rows(("B", 2, None, None)),
                   source_hash="h2")["result"]
    dataset = helpers.call_action("package_show", id="mat-bang")
    assert dataset["source_hash"] == "h2" and len(dataset["resources"]) == 3
    table = next(r for r in dataset["resources"] if r["name"] == CSV_NAME)
    assert table["id"] == second["resources"][0]["id"] != first["resources"][0]["id"]
    assert _records(table["id"]) == [{"ma": "B", "so_luong": 2, "ty_le": None, "ngay": None}]


def test_a_dataset_left_without_resources_is_completed_and_its_date_moves(app, publisher):
    """A step-by-step push killed right after package_create leaves a dataset with no resources;
    the next publish adds them, and metadata_modified moves. (The e2e test of a killed sync hit
    this state at random and failed with "Resource was not found"; this test passes before and
    after the fix, which that e2e test covers.)"""
    sysadmin = factories.Sysadmin()
    helpers.call_action("package_create", context={"user": sysadmin["name"]}, name="bo-dang-do",
                        owner_org=publisher["org"], notes="Mô tả", update_frequency="monthly",
                        data_last_updated="2026-10-01")
    before = helpers.call_action("package_show", id="bo-dang-do")["metadata_modified"]
    result = _post(app, publisher["token"], "bo-dang-do", publisher["org"], _rows(("A", 1, None, None)))["result"]
    dataset = helpers.call_action("package_show", id="bo-dang-do")
    assert len(dataset["resources"]) == 3 and dataset["source_hash"] == "h1"
    assert _records(result["resources"][0]["id"]) == [{"ma": "A", "so_luong": 1, "ty_le": None, "ngay": None}]
    assert dataset["metadata_modified"] > before


@pytest.mark.parametrize(("field", "value"), [("package", "{not json"), ("resources", "{}"),
                                              ("datastore", json.dumps({"resource": 5, "fields": FIELDS}))])
def test_malformed_requests_are_validation_errors(app, publisher, field, value):
    package = json.dumps({"name": "hong", "owner_org": publisher["org"]})
    data = {"package": package, "resources": "[]", field: value}
    response = app.post("/api/3/action/sonla_dataset_publish", data=data,
                        headers={"Authorization": publisher["token"]}, status=409)
    assert field in response.json["error"]


def test_text_written_by_the_publisher_comes_back_exactly(app, publisher):
    """The publisher's COPY encoding (sonla_publisher.portal.datastore.copy_text) read by the portal."""
    from sonla_publisher.portal.datastore import copy_text

    tricky = ["tab\there", "line\nbreak", "back\\slash \\N", "\\.", "Đ/đ — “quoted”, comma", "\r"]
    records = [{"ma": text, "so_luong": index, "ty_le": None, "ngay": None} for index, text in enumerate(tricky)]
    answer = _post(app, publisher["token"], "chu-kho", publisher["org"],
                   copy_text(records, ["ma", "so_luong", "ty_le", "ngay"]))["result"]
    assert answer["rows"] == len(tricky)
    found = helpers.call_action("datastore_search", resource_id=answer["resources"][0]["id"], sort="so_luong")
    assert [r["ma"] for r in found["records"]] == tricky


def test_a_column_whose_type_changed_is_retyped_and_reloaded(app, publisher):
    first = _post(app, publisher["token"], "doi-kieu", publisher["org"], _rows(("A", 1, None, None)))["result"]
    retyped = [dict(field) for field in FIELDS]
    retyped[1] = {"id": "so_luong", "type": "text"}
    _post(app, publisher["token"], "doi-kieu", publisher["org"],
          _rows(("A", "một", None, None), ("B", "2", None, None)), source_hash="h2", fields=retyped)
    table_id = first["resources"][0]["id"]
    assert [r["so_luong"] for r in _records(table_id)] == ["một", "2"]
    info = helpers.call_action("datastore_info", id=table_id)
    assert next(f["type"] for f in info["fields"] if f["id"] == "so_luong") == "text"


def test_a_stray_cr_added_in_transit_is_undone_and_other_damage_refused(app, publisher):
    """Werkzeug's parser may append a CR to a part (pallets/werkzeug#3285); sizes catch it."""
    rows = _rows(("A", 1, None, None))
    package = {"name": "kich-thuoc", "title": "Bộ dữ liệu thử", "notes": "Mô tả", "owner_org": publisher["org"],
               "update_frequency": "monthly", "source_hash": "h1"}
    resources = [{"name": CSV_NAME, "format": "CSV", "file": "file0"}]

    def post(rows_sent: bytes, sizes: dict, status: int):
        data = {"package": json.dumps(package), "resources": json.dumps(resources),
                "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ma"]}),
                "sizes": json.dumps(sizes), "file0": (io.BytesIO(b"ma\nA\n"), "a.csv"),
                "rows": (io.BytesIO(rows_sent), "rows.tsv")}
        return app.post("/api/3/action/sonla_dataset_publish", data=data, content_type="multipart/form-data",
                        headers={"Authorization": publisher["token"]}, status=status).json

    error = post(rows + b"x", {"file0": 5, "rows": len(rows)}, 409)["error"]
    assert "rows" in error and str(len(rows)) in error["rows"][0]
    answer = post(rows + b"\r", {"file0": 5, "rows": len(rows)}, 200)["result"]
    assert answer["rows"] == 1
    assert _records(answer["resources"][0]["id"]) == [{"ma": "A", "so_luong": 1, "ty_le": None, "ngay": None}]


def _full_texts(resource_id: str) -> dict[int, str]:
    with get_write_engine().connect() as connection:
        return dict(connection.execute(sa.text(
            f'SELECT _id, _full_text::text FROM "{resource_id}" ORDER BY _id')).all())


def _found(resource_id: str, q: str) -> list[str]:
    result = helpers.call_action("datastore_search", resource_id=resource_id, q=q, sort="ma")
    return [r["ma"] for r in result["records"]]


TEXT_FIELDS = [*FIELDS, {"id": "ten", "type": "text"}, {"id": "dung", "type": "bool"}]


def test_the_full_text_computed_on_load_is_the_one_ckans_trigger_computes(app, publisher):
    """The loader fills ``_full_text`` itself (the trigger then skips the row): same words."""
    answer = _post(app, publisher["token"], "toan-van", publisher["org"],
                   _rows(("A", 1, "12.50", "2026-01-31", "An toàn giao thông do Sở cấp", "true"),
                         ("B", None, None, None, None, None)), fields=TEXT_FIELDS)["result"]
    table_id = answer["resources"][0]["id"]
    loaded = _full_texts(table_id)
    assert "'an'" in loaded[1] and "'do'" in loaded[1] and "'12.50'" in loaded[1] and "'true'" in loaded[1]
    with get_write_engine().begin() as connection:  # NULL: CKAN's trigger computes it again
        connection.execute(sa.text(f'UPDATE "{table_id}" SET _full_text = NULL'))
    assert _full_texts(table_id) == loaded
    # Short Vietnamese words that are English stop words ("an", "do") are found.
    assert _found(table_id, "an toàn") == ["A"]
    assert _found(table_id, "do") == ["A"]


def test_a_changed_row_is_found_by_its_new_words_only(app, publisher):
    first = _post(app, publisher["token"], "tim-lai", publisher["org"],
                  _rows(("A", 1, None, None, "Trường học", None), ("B", 2, None, None, "Bệnh viện", None)),
                  fields=TEXT_FIELDS)["result"]
    table_id = first["resources"][0]["id"]
    _post(app, publisher["token"], "tim-lai", publisher["org"],
          _rows(("A", 1, None, None, "Chợ trung tâm", None), ("B", 2, None, None, "Bệnh viện", None),
                ("C", 3, None, None, "Chợ phiên", None)), fields=TEXT_FIELDS, source_hash="h2")
    assert _found(table_id, "chợ") == ["A", "C"]
    assert _found(table_id, "trường") == []
    assert _found(table_id, "bệnh viện") == ["B"]


def test_a_column_added_by_hand_stays_searchable_when_its_row_changes(app, publisher):
    """Rows that do not fill every column leave ``_full_text`` to CKAN's trigger."""
    first = _post(app, publisher["token"], "cot-them", publisher["org"],
                  _rows(("A", 1, None, None, "Trường học", None)), fields=TEXT_FIELDS)["result"]
    table_id = first["resources"][0]["id"]
    sysadmin = factories.Sysadmin()
    helpers.call_action("datastore_create", context={"user": sysadmin["name"]}, resource_id=table_id,
                        force=True, fields=[*TEXT_FIELDS, {"id": "ghi_chu", "type": "text"}])
    helpers.call_action("datastore_upsert", context={"user": sysadmin["name"]}, resource_id=table_id,
                        force=True, method="upsert", records=[{"ma": "A", "ghi_chu": "khẩn"}])
    _post(app, publisher["token"], "cot-them", publisher["org"],
          _rows(("A", 2, None, None, "Trường mầm non", None), ("B", 3, None, None, "Chợ", None)),
          fields=TEXT_FIELDS, source_hash="h2")
    assert _found(table_id, "khẩn mầm") == ["A"]
    assert _found(table_id, "chợ") == ["B"]


# --- All or nothing (issue #16, point 3) -------------------------------------------------------

def _storage_files() -> dict[str, bytes]:
    """Every file under the storage directory, with its content."""
    import os
    from pathlib import Path

    from ckan.common import config

    root = Path(config["ckan.storage_path"])
    if not root.exists():
        return {}
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*")
            if path.is_file() and not os.path.islink(path)}


def _table_state(resource_id: str) -> tuple[int, list[str]]:
    """The DataStore table's row count and columns, read from PostgreSQL itself."""
    with get_write_engine().connect() as connection:
        count = connection.execute(sa.text(f'SELECT count(*) FROM "{resource_id}"')).scalar_one()
        columns = connection.execute(sa.text(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(:t) AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum"), {"t": f'"{resource_id}"'}).scalars().all()
    return count, list(columns)


def _everything(name: str) -> dict:
    dataset = helpers.call_action("package_show", id=name)
    table_id = next(r["id"] for r in dataset["resources"] if r["name"] == CSV_NAME)
    return {"metadata": {k: dataset[k] for k in ("source_hash", "metadata_modified", "groups")},
            "resources": [{k: r.get(k) for k in ("id", "url", "size", "row_count", "last_modified")}
                          for r in dataset["resources"]],
            "rows": _records(table_id), "table": _table_state(table_id),
            "tables": _datastore_tables(), "files": _storage_files()}


def test_a_group_that_is_not_a_theme_is_refused_before_any_write(app, publisher):
    """The editor's 403 (a theme group they are not a member of) used to come after the rows.
    Editors now publish the catalogue's themes (tests/ckanext/test_publish_themes.py); what is
    refused is a group that is no theme, here an organization, before anything is written."""
    _post(app, publisher["token"], "chu-de-la", publisher["org"], _rows(("A", 1, None, None), ("B", 2, None, None)))
    not_a_theme = factories.Organization(name="giao-thong")
    before = _everything("chu-de-la")
    error = _post(app, publisher["token"], "chu-de-la", publisher["org"],
                  _rows(("A", 1, None, None), ("B", 2, None, None), ("C", 3, None, None)),
                  package={"groups": [{"name": not_a_theme["name"]}]}, source_hash="h2", status=409)["error"]
    assert error["__type"] == "Validation Error" and "giao-thong" in error["groups"][0]
    assert _everything("chu-de-la") == before
    # A new dataset with that group: refused, nothing made.
    _post(app, publisher["token"], "chu-de-moi", publisher["org"], _rows(("A", 1, None, None)),
          package={"groups": [{"name": not_a_theme["name"]}]}, status=409)
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="chu-de-moi")
    assert _datastore_tables() == before["tables"] and _storage_files() == before["files"]


def test_refused_publishes_leave_no_files_in_storage(app, publisher):
    """Two refused (409) publishes used to leave their uploads in storage."""
    files = _storage_files()
    _post(app, publisher["token"], "tep-mo-coi", publisher["org"], _rows(("A", 1, None, None), ("B", "x", None, None)),
          status=409)
    _post(app, publisher["token"], "tep-mo-coi", publisher["org"], _rows(("A", 1, None, None), ("A", 2, None, None)),
          status=409)
    assert _storage_files() == files
    _post(app, publisher["token"], "tep-mo-coi", publisher["org"], _rows(("A", 1, None, None)))
    before = _everything("tep-mo-coi")
    _post(app, publisher["token"], "tep-mo-coi", publisher["org"], _rows(("A", "y", None, None)), source_hash="h2",
          status=409)
    _post(app, publisher["token"], "tep-mo-coi", publisher["org"], _rows(("A", 2, None, None)), source_hash="h2",
          package={"update_frequency": "thinh-thoang"}, status=409)
    assert _everything("tep-mo-coi") == before


def test_a_failed_metadata_commit_leaves_rows_and_files_as_they_were(app, publisher, monkeypatch):
    """The database stopping between the rows and the metadata used to leave new rows and a
    new CSV under the old metadata. Here the metadata's commit fails (as it does when
    PostgreSQL stops); the rows and files must be the old ones, with nothing staged left."""
    import ckan.model as model

    _post(app, publisher["token"], "dung-giua-chung", publisher["org"], _rows(("A", 1, None, None)))
    before = _everything("dung-giua-chung")
    real_commit = model.repo.commit

    def failing_commit():
        model.repo.commit = real_commit  # once
        raise sa.exc.OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(model.repo, "commit", failing_commit)
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps({"name": "dung-giua-chung", "owner_org": publisher["org"], "title": "Mới",
                               "source_hash": "h2"}),
        "resources": json.dumps([{"name": CSV_NAME, "format": "CSV", "file": "file0"}]),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ma"]}),
        "file0": (io.BytesIO(b"ma,so_luong\nA,9\nB,2\n"), "moi.csv"),
        "rows": (io.BytesIO(_rows(("A", 9, None, None), ("B", 2, None, None))), "rows.tsv"),
    }, headers={"Authorization": publisher["token"]}, content_type="multipart/form-data", expect_errors=True)
    assert response.status_code >= 500 or response.json["success"] is False
    monkeypatch.setattr(model.repo, "commit", real_commit)
    model.Session.rollback()
    assert _everything("dung-giua-chung") == before


def test_a_line_holding_only_backslash_period_is_refused_not_cut_short(app, publisher):
    """COPY's text format ends the data at a line ``\\.``: the rows after it were dropped silently."""
    tables, files = _datastore_tables(), _storage_files()
    rows = b"A\t1\t\\N\t\\N\n\\.\nB\t2\t\\N\t\\N\n"
    error = _post(app, publisher["token"], "dau-cham", publisher["org"], rows, status=409)["error"]
    assert "rows" in error and "2" in error["rows"][0] and "\\." in error["rows"][0]
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="dau-cham")
    assert _datastore_tables() == tables and _storage_files() == files
    # On update too: the table keeps its rows.
    first = _post(app, publisher["token"], "dau-cham", publisher["org"], _rows(("A", 1, None, None)))["result"]
    _post(app, publisher["token"], "dau-cham", publisher["org"], rows + b"\\.\n", key=(), source_hash="h2",
          status=409)
    assert _records(first["resources"][0]["id"]) == [{"ma": "A", "so_luong": 1, "ty_le": None, "ngay": None}]


def test_values_with_backslashes_and_line_breaks_written_by_the_publisher_load_whole(app, publisher):
    """``table_copy_text`` (what sonla-publish sends) round trip with every character COPY treats specially."""
    from types import SimpleNamespace

    from sonla_publisher.portal.datastore import table_copy_text

    tricky = ["\\.", "a\n\\.\nb", "\\", "\\\\.", "tab\there", "cr\rcr", "crlf\r\n", "\\N", "end\\"]
    # What table_copy_text reads of a spec and a cleaned table.
    spec = SimpleNamespace(fields=[{"name": "ma", "type": "string"}, {"name": "so_luong", "type": "integer"}])
    table = SimpleNamespace(rows=[SimpleNamespace(values=(text, str(index))) for index, text in enumerate(tricky)])
    fields = [{"id": "ma", "type": "text"}, {"id": "so_luong", "type": "int8"}]
    answer = _post(app, publisher["token"], "ky-tu-dac-biet", publisher["org"], table_copy_text(table, spec),
                   fields=fields)["result"]
    assert answer["rows"] == len(tricky)
    found = helpers.call_action("datastore_search", resource_id=answer["resources"][0]["id"], sort="so_luong")
    assert [r["ma"] for r in found["records"]] == tricky


def _fail_next_commit(monkeypatch) -> None:
    """The next ``model.repo.commit`` fails as it does when PostgreSQL stops (once)."""
    import ckan.model as model

    real_commit = model.repo.commit

    def failing_commit():
        model.repo.commit = real_commit
        raise sa.exc.OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(model.repo, "commit", failing_commit)


def test_a_failed_commit_of_a_new_dataset_leaves_no_file_in_storage(app, publisher, monkeypatch):
    """The sonla plugin's uploader (a ResourceUpload subclass) was not staged: its files were
    written to their final paths before the commit and left behind when it failed."""
    import ckan.model as model

    tables, files = _datastore_tables(), _storage_files()
    _fail_next_commit(monkeypatch)
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps({"name": "mo-coi-moi", "owner_org": publisher["org"], "title": "Mới",
                               "notes": "Mô tả", "update_frequency": "monthly", "source_hash": "h1"}),
        "resources": json.dumps([{"name": CSV_NAME, "format": "CSV", "file": "file0"},
                                 {"name": "Tệp gốc (XLSX)", "format": "XLSX", "file": "file1"}]),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ma"]}),
        "file0": (io.BytesIO(b"ma,so_luong\nA,9\n"), "moi.csv"),
        "file1": (io.BytesIO(b"PK\x03\x04"), "goc.xlsx"),
        "rows": (io.BytesIO(_rows(("A", 9, None, None))), "rows.tsv"),
    }, headers={"Authorization": publisher["token"]}, content_type="multipart/form-data", expect_errors=True)
    assert response.status_code >= 500 or response.json["success"] is False
    monkeypatch.undo()
    model.Session.rollback()
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="mo-coi-moi")
    assert _storage_files() == files
    assert _datastore_tables() == tables


def test_published_files_are_private_when_created_and_when_replaced(app, publisher):
    """Staged files are moved into place: they must be 0600 as direct uploads are, in 0700 folders."""
    import os
    import stat
    from pathlib import Path

    from ckan.common import config

    old_umask = os.umask(0o022)  # the usual umask, which made files 0644
    try:
        first = _post(app, publisher["token"], "rieng-tu-cap-nhat", publisher["org"],
                      _rows(("A", 1, None, None)))["result"]
        created = _storage_files()
        _post(app, publisher["token"], "rieng-tu-cap-nhat", publisher["org"], _rows(("A", 2, None, None)),
              source_hash="h2")
    finally:
        os.umask(old_umask)
    root = Path(config["ckan.storage_path"]) / "resources"
    for resource in first["resources"]:
        stored = root / resource["id"][:3] / resource["id"][3:6] / resource["id"][6:]
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600, (resource["name"], oct(stored.stat().st_mode))
        for folder in (root, stored.parent.parent, stored.parent):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, (folder, oct(folder.stat().st_mode))
    assert set(created) == set(_storage_files())  # replaced in place, nothing staged left


def _info(resource_id: str) -> list[tuple[str, str, dict]]:
    fields = helpers.call_action("datastore_info", id=resource_id)["fields"]
    return [(f["id"], f["type"], f.get("info") or {}) for f in fields]


def _indexes(resource_id: str) -> set[str]:
    with get_write_engine().connect() as connection:
        return set(connection.execute(sa.text(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = to_regclass(:t)"),
            {"t": f'"{resource_id}"'}).scalars().all())


@pytest.mark.parametrize("refusal", ["repeated key", "bad value", "failed commit"])
def test_a_refused_publish_leaves_the_tables_columns_as_they_were(app, publisher, monkeypatch, refusal):
    """datastore_create committed the new columns, descriptions and key before the rows were refused."""
    import ckan.model as model

    first = _post(app, publisher["token"], "cot-moi", publisher["org"], _rows(("A", 1, None, None)))["result"]
    table_id = first["resources"][0]["id"]
    before = _everything("cot-moi")
    columns, indexes = _info(table_id), _indexes(table_id)
    changed = [{**f, "info": {"label": f"Nhãn mới {f['id']}", "notes": "100% mới: 'x'"}} for f in FIELDS]
    changed.append({"id": "ghi_chu", "type": "text", "info": {"label": "Ghi chú"}})
    rows = {"repeated key": _rows(("B", 1, None, None, "x"), ("B", 1, None, None, "y")),
            "bad value": _rows(("B", "hai", None, None, "x")),
            "failed commit": _rows(("B", 2, None, None, "x"))}[refusal]
    if refusal == "failed commit":
        _fail_next_commit(monkeypatch)
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps({"name": "cot-moi", "owner_org": publisher["org"], "source_hash": "h2"}),
        "resources": json.dumps([{"name": CSV_NAME, "format": "CSV", "file": "file0"}]),
        # a new key too: its unique index must not stay either
        "datastore": json.dumps({"resource": 0, "fields": changed, "primary_key": ["ma", "so_luong"]}),
        "file0": (io.BytesIO(b"ma\nB\n"), "moi.csv"),
        "rows": (io.BytesIO(rows), "rows.tsv"),
    }, headers={"Authorization": publisher["token"]}, content_type="multipart/form-data", expect_errors=True)
    if refusal == "failed commit":
        assert response.status_code >= 500 or response.json["success"] is False
    else:
        assert response.status_code == 409, response.body
    monkeypatch.undo()
    model.Session.rollback()
    assert _info(table_id) == columns
    assert _indexes(table_id) == indexes
    assert _everything("cot-moi") == before
    # The same change, accepted, still applies.
    _post(app, publisher["token"], "cot-moi", publisher["org"], _rows(("B", 2, None, None, "x")),
          source_hash="h3", fields=changed)
    assert [c[0] for c in _info(table_id)] == ["ma", "so_luong", "ty_le", "ngay", "ghi_chu"]


def _dataset_state(name: str) -> dict:
    dataset = helpers.call_action("package_show", id=name)
    return {"source_hash": dataset["source_hash"], "metadata_modified": dataset["metadata_modified"],
            "resources": [(r["id"], r["name"], r.get("url")) for r in dataset["resources"]],
            "tables": _datastore_tables(), "files": _storage_files()}


@pytest.mark.parametrize("refusal", ["bad value", "failed commit"])
def test_a_refused_publish_of_a_table_deleted_by_hand_adds_nothing(app, publisher, monkeypatch, refusal):
    """The table's resource used to be committed first (source_hash cleared), and stayed
    without a table when the rows were then refused."""
    import ckan.model as model

    first = _post(app, publisher["token"], "mat-bang-loi", publisher["org"], _rows(("A", 1, None, None)))["result"]
    sysadmin = factories.Sysadmin()
    helpers.call_action("resource_delete", context={"user": sysadmin["name"]}, id=first["resources"][0]["id"])
    before = _dataset_state("mat-bang-loi")
    if refusal == "failed commit":
        _fail_next_commit(monkeypatch)
        rows, status = _rows(("B", 2, None, None)), None
    else:
        rows, status = _rows(("B", "hai", None, None)), 409
    package = {"name": "mat-bang-loi", "title": "Bộ dữ liệu thử", "notes": "Mô tả", "owner_org": publisher["org"],
               "update_frequency": "monthly", "source_hash": "h2"}
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps(package), "resources": json.dumps([
            {"name": CSV_NAME, "format": "CSV", "file": "file0"},
            {"name": "Tệp gốc (XLSX)", "format": "XLSX", "file": "file1"}]),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ma"]}),
        "file0": (io.BytesIO(b"ma\nB\n"), "moi.csv"), "file1": (io.BytesIO(b"PK\x03\x04 moi"), "goc.xlsx"),
        "rows": (io.BytesIO(rows), "rows.tsv"),
    }, headers={"Authorization": publisher["token"]}, content_type="multipart/form-data", expect_errors=True)
    if status:
        assert response.status_code == status, response.body
    else:
        assert response.status_code >= 500 or response.json["success"] is False
    monkeypatch.undo()
    model.Session.rollback()
    assert _dataset_state("mat-bang-loi") == before


def test_a_table_deleted_by_hand_comes_back_with_its_rows_loaded_once(app, publisher, monkeypatch):
    from ckanext.sonla.publish import table_load

    first = _post(app, publisher["token"], "mot-lan", publisher["org"], _rows(("A", 1, None, None)))["result"]
    sysadmin = factories.Sysadmin()
    helpers.call_action("resource_delete", context={"user": sysadmin["name"]}, id=first["resources"][0]["id"])
    loads = []
    real_stage = table_load.stage

    def counted_stage(*args, **kwargs):
        loads.append(args[0])
        return real_stage(*args, **kwargs)

    monkeypatch.setattr(table_load, "stage", counted_stage)
    second = _post(app, publisher["token"], "mot-lan", publisher["org"],
                   _rows(("B", 2, None, None), ("C", 3, None, None)), source_hash="h2")["result"]
    table_id = second["resources"][0]["id"]
    assert loads == [table_id] and second["rows"] == 2
    dataset = helpers.call_action("package_show", id="mot-lan")
    assert dataset["source_hash"] == "h2"
    table = next(r for r in dataset["resources"] if r["name"] == CSV_NAME)
    assert table["id"] == table_id and table["datastore_active"] is True
    assert [r["ma"] for r in _records(table_id)] == ["B", "C"]
    assert helpers.call_action("package_search", q="name:mot-lan")["results"][0]["source_hash"] == "h2"
    views = helpers.call_action("resource_view_list", id=table_id)
    assert "datatables_view" in {v["view_type"] for v in views}
    assert not [path for path in _storage_files() if "~sonla-" in path]
