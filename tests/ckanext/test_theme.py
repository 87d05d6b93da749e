"""Sơn La theme: identity, home page counts, dataset page, preview views, text pages."""
from __future__ import annotations

import html

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"


@pytest.fixture
def published():
    org = factories.Organization(name="so-noi-vu", title="Sở Nội vụ")
    factories.Group(name="xa-hoi", title="Xã hội")
    dataset = factories.Dataset(name="dan-so", title="Dân số các xã, phường", notes="Dân số.",
                                update_frequency="annual", data_last_updated="2025-12-31",
                                legal_basis="Quyết định 978/QĐ-UBND", owner_org=org["id"],
                                groups=[{"name": "xa-hoi"}])
    csv = factories.Resource(package_id=dataset["id"], url="http://example.invalid/dan-so.csv", format="CSV",
                             name="Dân số (CSV)")
    factories.Resource(package_id=dataset["id"], url="http://example.invalid/schema.json", format="JSON",
                       name="Từ điển dữ liệu")
    helpers.call_action("datastore_create", context={"user": factories.Sysadmin()["name"]},
                        resource_id=csv["id"], force=True,
                        fields=[{"id": "ma_xa", "type": "text", "info": {"label": "Mã đơn vị hành chính"}},
                                {"id": "dan_so", "type": "int", "info": {"label": "Dân số (người)"}}],
                        records=[{"ma_xa": "03646", "dan_so": 45210}])
    return {"dataset": dataset, "csv": csv}


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.ckan_config("ckanext.sonla.contact_email", "lienhe@sonla.example")
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestTheme:
    def test_header_and_footer_carry_the_province_identity(self, app):
        page = html.unescape(app.get("/").body)
        assert "Ủy ban nhân dân tỉnh Sơn La" in page
        assert "Sở Khoa học và Công nghệ tỉnh Sơn La" in page
        assert 'href="mailto:lienhe@sonla.example"' in page
        assert '<html lang="vi"' in page

    def test_home_page_counts_and_themes(self, app, published):
        page = html.unescape(app.get("/").body)
        assert "<strong>1</strong> bộ dữ liệu" in page
        assert "<strong>1</strong> cơ quan" in page
        assert "<strong>1</strong> lĩnh vực" in page
        assert "<strong>2</strong> tệp và bảng dữ liệu" in page
        assert "Xã hội" in page and "Dân số các xã, phường" in page

    def test_dataset_page(self, app, published):
        page = html.unescape(app.get("/dataset/dan-so").body)
        assert "Sở Nội vụ" in page and "Hằng năm" in page and "Quyết định 978/QĐ-UBND" in page
        assert "Mã đơn vị hành chính" in page and "Dân số (người)" in page  # data dictionary
        assert 'href="http://example.invalid/dan-so.csv"' in page  # download button
        assert "/api/3/action/package_show?id=dan-so" in page
        assert f"/api/3/action/datastore_search?resource_id={published['csv']['id']}" in page

    def test_empty_fields_are_not_listed(self, app, published):
        page = html.unescape(app.get("/dataset/dan-so").body)
        assert "Căn cứ pháp lý" in page
        assert "Điện thoại liên hệ" not in page and "Phiên bản" not in page

    def test_loaded_table_gets_a_preview(self, published):
        views = helpers.call_action("resource_view_list", id=published["csv"]["id"])
        assert "datatables_view" in {view["view_type"] for view in views}

    @pytest.mark.parametrize(("url", "text"), [
        ("/terms", "kể cả mục đích thương mại"), ("/help", "truong hoc"), ("/about", "Ủy ban nhân dân tỉnh Sơn La"),
        ("/en/terms", "including commercial use"), ("/en/help", "For developers"),
    ])
    def test_text_pages(self, app, url, text):
        assert text in html.unescape(app.get(url).body)
