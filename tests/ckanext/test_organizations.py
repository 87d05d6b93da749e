"""The organization schema: agencies, communes and wards with kind, official code and contact."""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.plugins import toolkit
from ckanapi.common import reverse_apicontroller_action
from sonla_publisher.portal import setup as portal_setup

REPO = Path(__file__).resolve().parents[2]
PLUGINS = "sonla_search sonla scheming_datasets scheming_organizations activity datastore datatables_view"
WITHOUT_ORG_SCHEMA = "sonla_search sonla scheming_datasets activity"

WARD = {"name": "phuong-to-hieu", "title": "Phường Tô Hiệu", "title_en": "To Hieu Ward", "kind": "phuong",
        "code": "03646", "address": "Tổ 2, phường Tô Hiệu, tỉnh Sơn La", "website": "https://tohieu.sonla.gov.vn",
        "contact_email": "tohieu@sonla.gov.vn", "contact_phone": "0212 3852 000"}


def _create(**fields: Any) -> dict[str, Any]:
    return helpers.call_action("organization_create", context={"user": factories.Sysadmin()["name"]}, **fields)


def _errors(**fields: Any) -> dict[str, list[str]]:
    with pytest.raises(toolkit.ValidationError) as raised:
        _create(**fields)
    return raised.value.error_dict


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")
class TestOrganizationSchema:
    def test_fields_are_top_level_in_the_api_and_extras_in_the_database(self):
        org = _create(**WARD)
        shown = helpers.call_action("organization_show", id="phuong-to-hieu")
        for key, value in WARD.items():
            assert org[key] == value and shown[key] == value, key
        # the DCAT profile and sonla-publish read them there
        extras = model.Group.get("phuong-to-hieu").extras
        for key in ("title_en", "kind", "code", "website", "contact_email", "contact_phone", "address"):
            assert extras[key] == WARD[key], key

    def test_kind_is_a_choice(self):
        assert "kind" in _errors(**{**WARD, "kind": "huyen"})

    @pytest.mark.parametrize(("kind", "code", "ok"), [
        ("phuong", "03646", True), ("xa", "03646", True), ("phuong", "99999", False), ("phuong", "3646", False),
        ("provincial_agency", "000.00.15.H53", True), ("provincial_agency", "03646", False),
        ("provincial_agency", "SYT", False)])
    def test_official_code(self, kind, code, ok):
        fields = {**WARD, "kind": kind, "code": code}
        if ok:
            assert _create(**fields)["code"] == code
        else:
            message = _errors(**fields)["code"][0]
            assert code in message and "không phải mã" in message, message

    def test_website_and_email_are_checked(self):
        errors = _errors(**{**WARD, "website": "tohieu.sonla", "contact_email": "tohieu-at-sonla"})
        assert set(errors) == {"website", "contact_email"}
        assert "tohieu-at-sonla" in errors["contact_email"][0] and "định dạng" in errors["contact_email"][0]


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestOrganizationApi:
    @pytest.mark.parametrize(("field", "label"), [("kind", "Loại cơ quan"), ("title", "Tên cơ quan")])
    def test_missing_required_field_is_named_in_vietnamese(self, app, field, label):
        token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
        data = {key: value for key, value in WARD.items() if key != field}
        response = app.post("/api/3/action/organization_create", json=data,
                            headers={"Authorization": token}, status=409)
        error = response.json["error"]
        assert error["__type"] == "Validation Error"
        message = error[field][0]
        assert label in message and "bắt buộc" in message, message

    def test_agency_page_shows_the_fields_in_both_languages(self, app):
        _create(**WARD)
        factories.Dataset(name="gia-cho", title="Giá chợ", notes="x", update_frequency="weekly",
                          owner_org="phuong-to-hieu")
        vi = html.unescape(app.get("/organization/phuong-to-hieu").body)
        en = html.unescape(app.get("/en/organization/phuong-to-hieu").body)
        for value in ("03646", "To Hieu Ward", WARD["address"], WARD["website"], WARD["contact_email"],
                      WARD["contact_phone"], "Giá chợ"):
            assert value in vi and value in en, value
        for label in ("Loại cơ quan", "Phường", "Mã cơ quan", "Tên tiếng Anh", "Địa chỉ", "Trang thông tin điện tử",
                      "Email liên hệ", "Điện thoại"):
            assert label in vi, label
        for label in ("Kind", "Ward", "Official code", "English name", "Address", "Website", "Contact e-mail",
                      "Phone"):
            assert label in en, label
        assert f'href="mailto:{WARD["contact_email"]}"' in vi and f'href="{WARD["website"]}"' in vi

    def test_about_page_shows_labels_not_raw_codes(self, app):
        _create(**WARD, description="Phường trung tâm của tỉnh.")
        page = html.unescape(app.get("/organization/about/phuong-to-hieu").body)
        assert "Phường trung tâm của tỉnh." in page and "Mã cơ quan" in page
        assert "phuong</dd>" not in page and ">kind<" not in page

    def test_form_offers_the_schema_fields(self, app):
        token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
        page = html.unescape(app.get("/organization/new", headers={"Authorization": token}).body)
        for label in ("Tên cơ quan", "Loại cơ quan", "Cơ quan cấp tỉnh", "Mã cơ quan", "Quyết định 20/2020/QĐ-TTg",
                      "Email liên hệ", "Trang thông tin điện tử"):
            assert label in page, label
        assert 'name="kind"' in page and 'name="contact_phone"' in page


class AppCKAN:
    """A ckanapi-like client that sends each action as JSON through CKAN's own WSGI app."""

    address = "http://test.ckan.net"

    def __init__(self, app: Any, token: str) -> None:
        self.app, self.token = app, token

    def call_action(self, action: str, data_dict: dict[str, Any] | None = None) -> Any:
        response = self.app.post(f"/api/3/action/{action}", json=data_dict or {},
                                 headers={"Authorization": self.token})
        return reverse_apicontroller_action(action, response.status_code, response.get_data(as_text=True))


@pytest.fixture
def codelists(tmp_path: Path) -> Path:
    """An agency and a ward, as in dataset_specs/codelists."""
    (tmp_path / "agencies.csv").write_text(
        "slug,name,name_en,kind\nso-y-te,Sở Y tế,Department of Health,provincial_agency\n", encoding="utf-8")
    (tmp_path / "communes.csv").write_text(
        "code,slug,name,name_en,kind\n03646,phuong-to-hieu,Phường Tô Hiệu,To Hieu Ward,phuong\n", encoding="utf-8")
    (tmp_path / "themes.csv").write_text("slug,name,name_en\ny-te,Y tế,Health\n", encoding="utf-8")
    return tmp_path


def _set_up_twice(app: Any, codelists: Path) -> list[tuple[int, int, int]]:
    ckan = AppCKAN(app, factories.APIToken(user=factories.Sysadmin()["name"])["token"])
    counts = []
    for _run in range(2):
        for organizations in (True, False):
            plan = portal_setup.set_up(ckan, codelists, organizations=organizations)
            counts.append((len(plan.create), len(plan.update), len(plan.unchanged)))
    return counts


def _stored_extras(name: str) -> dict[str, str]:
    model.Session.remove()  # the app's requests committed in their own sessions
    return dict(model.Group.get(name).extras)


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestPortalSetup:
    @pytest.mark.ckan_config("ckan.plugins", PLUGINS)
    def test_with_the_organization_schema(self, app, codelists):
        assert _set_up_twice(app, codelists) == [(2, 0, 0), (1, 0, 0), (0, 0, 2), (0, 0, 1)]
        ward = json.loads(app.get("/api/3/action/organization_show?id=phuong-to-hieu").body)["result"]
        assert (ward["kind"], ward["code"], ward["title_en"]) == ("phuong", "03646", "To Hieu Ward")
        assert _stored_extras("so-y-te") == {"kind": "provincial_agency", "title_en": "Department of Health"}
        assert _stored_extras("y-te") == {"title_en": "Health"}

    @pytest.mark.ckan_config("ckan.plugins", WITHOUT_ORG_SCHEMA)
    def test_on_a_portal_without_it(self, app, codelists):
        assert _set_up_twice(app, codelists) == [(2, 0, 0), (1, 0, 0), (0, 0, 2), (0, 0, 1)]
        assert _stored_extras("phuong-to-hieu") == {"kind": "phuong", "code": "03646", "title_en": "To Hieu Ward"}
