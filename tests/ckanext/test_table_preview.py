"""The table preview (datatables_view) finds Vietnamese words as typed, with or without tone
marks, and shows numbers and dates the Vietnamese way (real CKAN, DataStore, PostgreSQL)."""
from __future__ import annotations

import json
from typing import Any

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets datastore datatables_view"

ROWS = [
    {"ten_xa": "Xã Chiềng Mai", "dan_so": 9120, "ty_le": "38.89", "nam_thanh_lap": 1997, "ngay": "2025-10-15"},
    {"ten_xa": "Phường Chiềng An", "dan_so": 29356, "ty_le": "100", "nam_thanh_lap": 2024, "ngay": "2026-01-02"},
    {"ten_xa": "Xã Đứa Mòn", "dan_so": 8100, "ty_le": "0.5", "nam_thanh_lap": 2001, "ngay": None},
    {"ten_xa": "Xã Mường Bú <b>", "dan_so": 1234567, "ty_le": None, "nam_thanh_lap": 2010, "ngay": "2024-02-29"},
]
FIELDS = [
    {"id": "ten_xa", "type": "text", "info": {"label": "Xã, phường"}},
    {"id": "dan_so", "type": "int8", "info": {"label": "Dân số"}},
    {"id": "ty_le", "type": "numeric", "info": {"label": "Tỷ lệ (%)"}},
    {"id": "nam_thanh_lap", "type": "int8", "info": {"label": "Năm thành lập"}},
    {"id": "ngay", "type": "date", "info": {"label": "Ngày"}},
]


@pytest.fixture
def view_id() -> str:
    sysadmin = factories.Sysadmin()
    dataset = factories.Dataset(owner_org=factories.Organization(kind="provincial_agency")["id"],
                                update_frequency="annual")
    resource = factories.Resource(package_id=dataset["id"], url="http://example.invalid/x.csv", format="CSV")
    context = {"user": sysadmin["name"]}
    helpers.call_action("datastore_create", context=context, resource_id=resource["id"], force=True,
                        fields=FIELDS, records=ROWS)
    views = helpers.call_action("resource_view_list", context=context, id=resource["id"])
    return next(v["id"] for v in views if v["view_type"] == "datatables_view")


def _rows(app: Any, view_id: str, prefix: str = "", status: int = 200, **form: Any) -> Any:
    data = {"draw": "1", "start": "0", "length": "20", "search[value]": "",
            "order[0][column]": "0", "order[0][dir]": "asc", **form}
    response = app.post(f"{prefix}/datatables/ajax/{view_id}", data=data, status=status)
    return json.loads(response.body)


def _names(answer: dict[str, Any]) -> list[str]:
    return [row["ten_xa"] for row in answer["data"]]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestSearch:
    @pytest.mark.parametrize("typed", ["Chiềng", "chieng", "CHIENG", "chiềng", "Chiề", "chie"])
    def test_the_search_box_finds_accented_and_unaccented_words(self, app, view_id, typed):
        answer = _rows(app, view_id, **{"search[value]": typed})
        assert _names(answer) == ["Xã Chiềng Mai", "Phường Chiềng An"]
        assert answer["recordsFiltered"] == 2 and answer["recordsTotal"] == 4

    @pytest.mark.parametrize("typed", ["Đứa", "dua mon", "đứa Mòn"])
    def test_d_with_stroke(self, app, view_id, typed):
        assert _names(_rows(app, view_id, **{"search[value]": typed})) == ["Xã Đứa Mòn"]

    @pytest.mark.parametrize("typed", ["chieng mai", "Chiềng M"])
    def test_every_word_must_match(self, app, view_id, typed):
        assert _names(_rows(app, view_id, **{"search[value]": typed})) == ["Xã Chiềng Mai"]

    @pytest.mark.parametrize("typed", ["chieng", "Chiềng"])
    def test_a_column_filter_folds_too(self, app, view_id, typed):
        answer = _rows(app, view_id, **{"columns[1][name]": "ten_xa", "columns[1][search][value]": typed})
        assert _names(answer) == ["Xã Chiềng Mai", "Phường Chiềng An"]

    @pytest.mark.parametrize("typed", ["(", "a & | !b", "'", ":*", "chieng:* | x", "\\", "<b>"])
    def test_query_syntax_is_only_words(self, app, view_id, typed):
        answer = _rows(app, view_id, **{"search[value]": typed})
        assert answer["draw"] == 1  # a page, never an error

    def test_sorting_by_a_column(self, app, view_id):
        answer = _rows(app, view_id, **{"order[0][column]": "2", "order[0][dir]": "desc"})
        assert _names(answer)[0] == "Xã Mường Bú &lt;b&gt;"


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestCells:
    def test_vietnamese_numbers_and_dates(self, app, view_id):
        rows = {row["ten_xa"]: row for row in _rows(app, view_id)["data"]}
        chieng_an, chieng_mai = rows["Phường Chiềng An"], rows["Xã Chiềng Mai"]
        assert (chieng_an["dan_so"], chieng_mai["ty_le"]) == ("29.356", "38,89")
        assert rows["Xã Mường Bú &lt;b&gt;"]["dan_so"] == "1.234.567"
        assert rows["Xã Đứa Mòn"]["ty_le"] == "0,5"
        assert chieng_mai["ngay"] == "15/10/2025" and rows["Xã Mường Bú &lt;b&gt;"]["ngay"] == "29/02/2024"
        # A year keeps its digits together.
        assert chieng_an["nam_thanh_lap"] == "2024"
        assert rows["Xã Đứa Mòn"]["ngay"] == "" and rows["Xã Mường Bú &lt;b&gt;"]["ty_le"] == ""

    def test_english_numbers_in_english(self, app, view_id):
        rows = {row["ten_xa"]: row for row in _rows(app, view_id, prefix="/en")["data"]}
        assert (rows["Phường Chiềng An"]["dan_so"], rows["Xã Chiềng Mai"]["ty_le"]) == ("29,356", "38.89")

    def test_text_is_escaped(self, app, view_id):
        assert "Xã Mường Bú &lt;b&gt;" in _names(_rows(app, view_id))


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestBadRequests:
    @pytest.mark.parametrize("form", [{"draw": "x"}, {"start": "-1"}, {"length": "100000"}, {"length": "1e9"},
                                      {"order[0][column]": "99"}, {"order[0][column]": "a"}])
    def test_a_clear_400_not_a_500(self, app, view_id, form):
        answer = _rows(app, view_id, status=400, **form)
        assert answer["error"].startswith("Không")

    def test_an_unknown_view_is_a_404(self, app):
        assert _rows(app, "no-such-view", status=404)["error"] == "Bảng này không còn nữa."
