"""Quality score "đúng - đủ - sạch - sống": rules, and reasons on the portal for a complete and a poor dataset."""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckanext.sonla.quality import rules as quality
from freezegun import freeze_time

PLUGINS = "sonla_search sonla scheming_datasets activity"


def _complete(org):
    dataset = factories.Dataset(
        owner_org=org["id"], name="co-so-y-te", title="Cơ sở y tế", title_en="Health facilities",
        notes="Danh sách cơ sở y tế.", update_frequency="annual", data_last_updated="2026-01-15",
        temporal_coverage_from="2025-01-01", temporal_coverage_to="2025-12-31", spatial_coverage=["14"],
        legal_basis="Quyết định 978/QĐ-UBND", contact_email="syt@sonla.gov.vn", license_id="vn-open-data-1.0",
        tags=[{"name": "y tế"}], language="vi")
    factories.Resource(package_id=dataset["id"], name="Cơ sở y tế", url="http://example.invalid/co-so.csv",
                       format="CSV", row_count="120", validation_status="valid")
    factories.Resource(package_id=dataset["id"], name="Tệp gốc (XLSX)", url="http://example.invalid/co-so.xlsx",
                       format="XLSX")
    factories.Resource(package_id=dataset["id"], name="Từ điển dữ liệu", url="http://example.invalid/tu-dien.json",
                       format="JSON")
    return dataset


def _poor(org):
    dataset = factories.Dataset(owner_org=org["id"], name="bao-cao-cu", title="Báo cáo cũ", notes="Báo cáo.",
                                update_frequency="monthly", data_last_updated="2025-01-31")
    factories.Resource(package_id=dataset["id"], name="Báo cáo", url="http://example.invalid/bao-cao.pdf",
                       format="PDF")
    factories.Resource(package_id=dataset["id"], name="Bảng số liệu", url="", format="XLSX",
                       validation_status="invalid")
    return dataset


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestQualityOnThePortal:
    def test_complete_dataset_scores_full_marks(self, app):
        org = factories.Organization(name="so-y-te", title="Sở Y tế")
        _complete(org)
        with freeze_time("2026-06-01 03:00:00"):
            pkg = helpers.call_action("package_show", id="co-so-y-te")
            from ckanext.sonla.quality import display as dataset_status

            with app.flask_app.test_request_context():
                score = dataset_status.score(pkg)
            assert [r for r in score.reasons if not r.full] == []
            assert (score.total, score.grade) == (100, quality.GOOD)

            page = app.get("/dataset/co-so-y-te").body
            assert "Chất lượng dữ liệu" in page and "100/100 điểm" in page and "Tốt" in page
            assert "Cả 120 dòng đều hợp lệ." in page
            assert "Có từ điển dữ liệu mô tả các cột." in page
            assert "Dữ liệu được cập nhật đúng hạn." in page
            english = app.get("/en/dataset/co-so-y-te").body
            assert "All 120 rows are valid." in english and "100/100" in english

    def test_poor_dataset_says_what_is_missing(self, app):
        org = factories.Organization(name="so-y-te", title="Sở Y tế")
        _poor(org)
        with freeze_time("2026-06-01 03:00:00"):
            pkg = helpers.call_action("package_show", id="bao-cao-cu")
            from ckanext.sonla.quality import display as dataset_status

            with app.flask_app.test_request_context():
                score = dataset_status.score(pkg)
            points = {r.criterion: r.points for r in score.reasons}
            assert points == {
                "validation": 0, "valid_rows": 0,
                "required_metadata": 6,  # licence missing: 8 * 4 / 5
                "recommended_metadata": 0,  # only data_last_updated of 8: 7 * 1 / 8 rounds down to 0
                "data_dictionary": 0, "resource_urls": 0,
                "open_format": 0, "no_formula_cells": 0, "consistent_codes": 7,
                "freshness": 0,
            }
            assert (score.total, score.grade) == (13, quality.POOR)

            page = app.get("/dataset/bao-cao-cu").body
            assert "13/100 điểm" in page and "Cần cải thiện" in page
            assert "Kiểm tra phát hiện lỗi trong dữ liệu." in page
            assert "Thiếu thông tin bắt buộc: Giấy phép." in page
            assert "Thiếu thông tin nên có: Tên tiếng Anh, Từ khóa" in page
            assert "Tệp chưa có đường dẫn: Bảng số liệu." in page
            assert "Không có tệp định dạng mở, máy đọc được (CSV/JSON)." in page
            assert "Dữ liệu đã quá hạn cập nhật." in page

    def test_agency_average_on_the_report_and_agency_page(self, app):
        org = factories.Organization(name="so-y-te", title="Sở Y tế")
        _complete(org)
        _poor(org)
        with freeze_time("2026-06-01 03:00:00"):
            agencies = app.get("/bao-cao/cap-nhat.csv?table=agencies").body.lstrip("\ufeff").splitlines()
            assert agencies[1].split(",")[-1] == "56"  # (100 + 13) / 2, rounded
            assert "56/100 điểm" in app.get("/organization/so-y-te").body


def _reasons(pkg, status="on_time", codes=None):
    return {r.criterion: r for r in quality.score(pkg, status, codes).reasons}


def test_points_add_up_to_25_per_dimension():
    for dimension in quality.DIMENSIONS:
        assert sum(p for d, p in quality.POINTS.values() if d == dimension) == 25
    assert max(quality.LIVE_POINTS.values()) == quality.POINTS["freshness"][1]


def test_share_of_valid_rows_when_recorded():
    pkg = {"resources": [{"format": "CSV", "url": "x", "validation_status": "invalid",
                          "row_count": "200", "invalid_row_count": "50"}]}
    reason = _reasons(pkg)["valid_rows"]
    assert (reason.points, reason.params) == (8, {"percent": 75})


def test_unknown_codes_lose_the_consistency_points():
    pkg = {"spatial_coverage": ["14", "99999"], "update_frequency": "monthly"}
    codes = {"spatial_coverage": {"14"}, "update_frequency": {"monthly"}}
    reason = _reasons(pkg, codes=codes)["consistent_codes"]
    assert (reason.points, reason.params) == (0, {"codes": ["spatial_coverage=99999"]})


@pytest.mark.parametrize("status, points", [("on_time", 25), ("due_soon", 20), ("no_schedule", 15), ("overdue", 0)])
def test_live_points_follow_the_freshness_status(status, points):
    assert _reasons({}, status)["freshness"].points == points
