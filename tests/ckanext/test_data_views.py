"""Chart and map views: made by ``sonla_dataset_publish`` from the request's ``views`` part (all or
nothing), and their pages, on real CKAN, PostgreSQL and DataStore over HTTP."""
from __future__ import annotations

import io
import json
import re

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.plugins import toolkit

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view sonla_chart_view sonla_map_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("ckan.views.default_views", "datatables_view"),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

FIELDS = [
    {"id": "ten", "type": "text", "info": {"label": "Tên điểm"}},
    {"id": "dan_so", "type": "int8", "info": {"label": "Dân số"}},
    {"id": "vi_do", "type": "numeric", "info": {"label": "Vĩ độ"}},
    {"id": "kinh_do", "type": "numeric", "info": {"label": "Kinh độ"}},
]
ROWS = [
    ("Chiềng An", 29356, "21.3274", "103.9144"),
    ("<b>Bản</b> & \"Mường\"", 1200, "21.05", "104.1"),
    ("Không tọa độ", 38, None, None),
]
CHART = {"resource": 0, "view_type": "sonla_chart", "chart_type": "bar", "x": "ten", "y": "dan_so",
         "title": "Dân số theo điểm"}
MAP = {"resource": 0, "view_type": "sonla_map", "latitude": "vi_do", "longitude": "kinh_do", "popup": ["ten", "dan_so"]}
CSV_NAME = "Dữ liệu"


def _copy_text(rows) -> bytes:
    return "".join("\t".join("\\N" if v is None else str(v) for v in row) + "\n" for row in rows).encode()


def _post(app, publisher, name, views, *, rows=ROWS, status=200, title="Bộ dữ liệu thử"):
    package = {"name": name, "title": title, "notes": "Mô tả", "owner_org": publisher["org"],
               "update_frequency": "monthly", "data_last_updated": "2026-10-01", "state": "active",
               "source_hash": "h1"}
    data = {
        "package": json.dumps(package, ensure_ascii=False),
        "resources": json.dumps([{"name": CSV_NAME, "format": "CSV", "file": "file0"}], ensure_ascii=False),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ten"]}),
        "file0": (io.BytesIO(b"ten\nA\n"), f"{name}.csv"),
        "rows": (io.BytesIO(_copy_text(rows)), "rows.tsv"),
    }
    if views is not None:
        data["views"] = json.dumps(views, ensure_ascii=False)
    response = app.post("/api/3/action/sonla_dataset_publish", data=data,
                        headers={"Authorization": publisher["token"]},
                        content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


@pytest.fixture
def publisher():
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org["name"]}


def _views(name):
    table = helpers.call_action("package_show", id=name)["resources"][0]
    return table, {v["view_type"]: v for v in helpers.call_action("resource_view_list", id=table["id"])}


def _page_data(app, name, view, element):
    table, _ = _views(name)
    page = app.get(f"/dataset/{name}/resource/{table['id']}/view/{view['id']}").body
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', page, re.S)
    assert found, page
    return page, json.loads(found.group(1))


def test_publish_makes_the_chart_and_map_views_of_the_table(app, publisher):
    _post(app, publisher, "co-bieu-do", [CHART, MAP])
    _, views = _views("co-bieu-do")
    assert {"datatables_view", "sonla_chart", "sonla_map"} <= set(views)
    chart, map_view = views["sonla_chart"], views["sonla_map"]
    assert (chart["title"], chart["chart_type"], chart["x"], chart["y"]) == ("Dân số theo điểm", "bar", "ten", "dan_so")
    assert (map_view["title"], map_view["latitude"], map_view["popup"]) == ("Bản đồ", "vi_do", ["ten", "dan_so"])


def test_the_chart_page_carries_the_rows_in_vietnamese_and_says_what_it_leaves_out(app, publisher):
    _post(app, publisher, "trang-bieu-do", [CHART],
          rows=[*ROWS, ("Chưa có số", None, None, None)])
    _, views = _views("trang-bieu-do")
    page, data = _page_data(app, "trang-bieu-do", views["sonla_chart"], "sonla-chart-data")
    assert data["locale"] == "vi-VN" and data["chart_type"] == "bar"
    assert data["y_label"] == "Dân số" and data["x_label"] == "Tên điểm"
    assert dict(zip(data["labels"], data["values"], strict=True)) == {
        "Chiềng An": 29356, "<b>Bản</b> & \"Mường\"": 1200, "Không tọa độ": 38}
    assert "29.356" in page  # the table of the numbers, under the chart
    assert "<b>Bản</b>" not in page  # the label is text, never HTML
    assert "1 dòng" in page and "Dân số" in page  # the row without a number is said, not dropped silently
    # The chart library comes from the portal's own assets, not from another site.
    assert not re.search(r'<script[^>]+src="https?://(?!localhost|127\.0\.0\.1)', page)


@pytest.mark.ckan_config("ckanext.sonla.chart.max_rows", "2")
def test_the_chart_reads_a_bounded_number_of_rows_and_says_so(app, publisher):
    _post(app, publisher, "bieu-do-gioi-han", [CHART])
    _, views = _views("bieu-do-gioi-han")
    page, data = _page_data(app, "bieu-do-gioi-han", views["sonla_chart"], "sonla-chart-data")
    assert len(data["values"]) == 2
    assert "2" in page and "3" in page and "sonla-view-truncated" in page


def test_the_map_page_has_a_point_per_row_with_coordinates_and_no_tile_layer_by_default(app, publisher):
    _post(app, publisher, "trang-ban-do", [MAP])
    _, views = _views("trang-ban-do")
    page, data = _page_data(app, "trang-ban-do", views["sonla_map"], "sonla-map-data")
    assert data["tile_url"] == "" and data["locale"] == "vi-VN"
    assert [(p["lat"], p["lon"]) for p in data["points"]] == [(21.3274, 103.9144), (21.05, 104.1)]
    assert data["points"][1]["cells"] == [["Tên điểm", "<b>Bản</b> & \"Mường\""], ["Dân số", 1200]]
    assert "<b>Bản</b>" not in page
    assert "sonla-view-skipped" in page  # the row without coordinates is said


@pytest.mark.ckan_config("ckanext.sonla.map.tile_url", "https://tiles.example.org/{z}/{x}/{y}.png")
def test_the_tile_server_is_configurable(app, publisher):
    _post(app, publisher, "ban-do-lop-nen", [MAP])
    _, views = _views("ban-do-lop-nen")
    _, data = _page_data(app, "ban-do-lop-nen", views["sonla_map"], "sonla-map-data")
    assert data["tile_url"] == "https://tiles.example.org/{z}/{x}/{y}.png"


def test_republishing_updates_the_views_in_place_and_removes_those_no_longer_asked(app, publisher):
    _post(app, publisher, "doi-bieu-do", [CHART, MAP])
    _, before = _views("doi-bieu-do")
    _post(app, publisher, "doi-bieu-do", [dict(CHART, chart_type="line", title="Đường")])
    _, after = _views("doi-bieu-do")
    assert "sonla_map" not in after and "datatables_view" in after
    assert after["sonla_chart"]["id"] == before["sonla_chart"]["id"]
    assert (after["sonla_chart"]["chart_type"], after["sonla_chart"]["title"]) == ("line", "Đường")
    # Without the part (an older publisher), the views are left as they are.
    _post(app, publisher, "doi-bieu-do", None)
    assert _views("doi-bieu-do")[1]["sonla_chart"]["id"] == before["sonla_chart"]["id"]


@pytest.mark.parametrize("views, words", [
    ([dict(CHART, y="khong_co")], "khong_co"),
    ([dict(MAP, popup=["ten", "sai"])], "sai"),
    ([dict(CHART, chart_type="pie")], "bar, line"),
    ([CHART, dict(CHART)], "sonla_chart"),
    ([dict(CHART, view_type="webpage_view")], "sonla_chart"),
    ([dict(CHART, resource=1)], "resource"),
])
def test_a_bad_view_refuses_the_whole_publication_before_any_write(app, publisher, views, words):
    answer = _post(app, publisher, "bieu-do-sai", views, status=409)
    assert answer["success"] is False
    message = json.dumps(answer["error"], ensure_ascii=False)
    assert "views" in message and words in message
    assert helpers.call_action("package_search", q="name:bieu-do-sai")["count"] == 0
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="bieu-do-sai")


def test_the_refusal_is_in_vietnamese(app, publisher):
    answer = _post(app, publisher, "bieu-do-sai-cot", [dict(CHART, y="khong_co")], status=409)
    message = " ".join(answer["error"]["views"])
    assert "khong_co" in message and "không có trong bảng" in message


def test_a_failed_update_leaves_the_views_as_they_were(app, publisher, monkeypatch):
    """The views are written before the metadata (in its transaction): a failure after them, before
    the commit, must leave the old views (a view action that commits on its own would keep the new)."""
    from ckanext.sonla.publish import action

    _post(app, publisher, "cap-nhat-loi", [CHART, MAP])
    _, before = _views("cap-nhat-loi")

    def failing(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(action, "_save_spec", failing)  # called after the views, before package_update
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps({"name": "cap-nhat-loi", "owner_org": publisher["org"], "source_hash": "h2"}),
        "resources": json.dumps([{"name": CSV_NAME, "format": "CSV", "file": "file0"}]),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ten"]}),
        "views": json.dumps([dict(CHART, title="Mới", chart_type="line")]),
        "file0": (io.BytesIO(b"ten\nA\n"), "moi.csv"),
        "rows": (io.BytesIO(_copy_text(ROWS)), "rows.tsv"),
    }, headers={"Authorization": publisher["token"]}, content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == 500
    _, after = _views("cap-nhat-loi")
    assert after == before


def test_a_failed_new_dataset_leaves_no_view(app, publisher, monkeypatch):
    from ckanext.sonla.publish import action

    def failing(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(action, "_save_spec", failing)
    response = app.post("/api/3/action/sonla_dataset_publish", data={
        "package": json.dumps({"name": "moi-loi", "title": "T", "notes": "N", "owner_org": publisher["org"],
                               "update_frequency": "monthly", "data_last_updated": "2026-10-01"}),
        "resources": json.dumps([{"name": CSV_NAME, "format": "CSV", "file": "file0"}]),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ten"]}),
        "views": json.dumps([CHART, MAP]),
        "file0": (io.BytesIO(b"ten\nA\n"), "moi.csv"),
        "rows": (io.BytesIO(_copy_text(ROWS)), "rows.tsv"),
    }, headers={"Authorization": publisher["token"]}, content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == 500
    import ckan.model as model

    assert model.Session.query(model.ResourceView).filter(
        model.ResourceView.view_type.in_(["sonla_chart", "sonla_map"])).count() == 0
