"""Stored XSS through URLs (issue #16, point 2): only http(s)/ftp links are stored and shown as links."""
from __future__ import annotations

import html
import io
import json
import re

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.lib import search
from ckan.plugins import toolkit
from ckanext.sonla import safe_urls

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"

UNSAFE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "javascript&#58;alert(1)", "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)", "\u00a0javascript:alert(1)",
    "file:///etc/passwd",
]
SAFE = ["https://example.org/a.csv", "HTTP://example.org/a.csv", "ftp://ftp.example.org/a.csv"]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_schemes_are_not_links(url):
    assert not safe_urls.is_safe_link(url)


@pytest.mark.parametrize("url", SAFE)
def test_http_and_ftp_are_links(url):
    assert safe_urls.is_safe_link(url)


def _hrefs(body: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'\bhref\s*=\s*"([^"]*)"', body)]


def _dataset(app, **fields) -> dict:
    # The schema's validators read the request (language); API calls below then make their own.
    with app.flask_app.test_request_context():
        return factories.Dataset(owner_org=factories.Organization()["id"], update_frequency="monthly",
                                 data_last_updated="2026-10-01", **fields)


def _assert_no_unsafe_href(body: str) -> None:
    for href in _hrefs(body):
        scheme = safe_urls.scheme_of(href)
        assert scheme in (None, "http", "https", "ftp", "mailto"), href
    assert "alert(1)" not in " ".join(_hrefs(body))


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestStoredUrls:
    @pytest.mark.parametrize("url", UNSAFE)
    def test_resource_create_refuses_the_url_with_a_vietnamese_409(self, app, url):
        user = factories.Sysadmin()
        dataset = _dataset(app)
        token = factories.APIToken(user=user["name"])["token"]
        response = app.post("/api/3/action/resource_create", headers={"Authorization": token},
                            json={"package_id": dataset["id"], "name": "x", "url": url}, status=409)
        message = " ".join(response.json["error"]["url"])
        assert "http://" in message and "đường dẫn" in message.lower(), message
        # Nothing was stored.
        assert helpers.call_action("package_show", id=dataset["id"])["resources"] == []

    @pytest.mark.parametrize("field", ["url", "data_dictionary_url", "validation_report_url"])
    def test_resource_update_refuses_an_unsafe_url(self, app, field):
        user = factories.Sysadmin()
        dataset = _dataset(app)
        resource = helpers.call_action("resource_create", context={"user": user["name"]},
                                       package_id=dataset["id"], name="x", url="https://example.org/x.csv")
        with pytest.raises(toolkit.ValidationError) as raised:
            helpers.call_action("resource_patch", context={"user": user["name"]}, id=resource["id"],
                                **{field: "javascript:alert(1)"})
        assert field in raised.value.error_dict

    @pytest.mark.parametrize("url", SAFE)
    def test_http_and_ftp_links_are_stored(self, app, url):
        user = factories.Sysadmin()
        dataset = _dataset(app)
        resource = helpers.call_action("resource_create", context={"user": user["name"]},
                                       package_id=dataset["id"], name="x", url=url)
        assert resource["url"] == url

    def test_the_publish_action_refuses_it_too(self, app):
        user = factories.User()
        org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
        token = factories.APIToken(user=user["name"])["token"]
        package = {"name": "xss", "title": "Thử", "notes": "Mô tả", "owner_org": org["name"],
                   "update_frequency": "monthly", "data_last_updated": "2026-10-01"}
        data = {"package": json.dumps(package), "resources": json.dumps([
            {"name": "Dữ liệu", "format": "CSV", "file": "file0", "data_dictionary_url": " JaVaScRiPt:alert(1)"}]),
            "file0": (io.BytesIO(b"a\n1\n"), "xss.csv")}
        response = app.post("/api/3/action/sonla_dataset_publish", data=data, headers={"Authorization": token},
                            content_type="multipart/form-data", status=409)
        error = json.dumps(response.json["error"], ensure_ascii=False)
        assert "data_dictionary_url" in error and "http://" in error, error
        assert model.Package.get("xss") is None

    def test_stored_unsafe_urls_are_never_links(self, app):
        """Data stored before the validator: the pages show it as text at most."""
        dataset = _dataset(app)
        user = factories.Sysadmin()
        resource = helpers.call_action("resource_create", context={"user": user["name"]},
                                       package_id=dataset["id"], name="Tệp", format="CSV",
                                       url="https://example.org/x.csv")
        row = model.Resource.get(resource["id"])
        row.url = "javascript:alert(1)"
        row.extras = {**row.extras, "data_dictionary_url": " javascript:alert(1)",
                      "validation_report_url": "data:text/html,alert(1)"}
        model.Session.commit()
        search.rebuild(dataset["id"])  # package_show reads the indexed dict
        helpers.call_action("resource_view_create", context={"user": user["name"]}, resource_id=resource["id"],
                            view_type="datatables_view", title="Bảng")  # an iframed view: CKAN adds a download button
        for page in (f"/dataset/{dataset['name']}", f"/dataset/{dataset['name']}/resource/{resource['id']}",
                     f"/en/dataset/{dataset['name']}/resource/{resource['id']}"):
            body = app.get(page, extra_environ={"REMOTE_USER": user["name"]}).body
            if "/resource/" in page:
                assert "alert(1)" in body  # the URL is still shown, as text
            _assert_no_unsafe_href(body)

    def test_stored_unsafe_website_of_an_agency_is_not_a_link(self, app):
        org = factories.Organization()
        group = model.Group.get(org["id"])
        group.extras = {**group.extras, "website": "javascript:alert(1)"}
        model.Session.commit()
        body = app.get(f"/organization/{org['name']}").body
        _assert_no_unsafe_href(body)
        body = app.get(f"/organization/about/{org['name']}").body
        _assert_no_unsafe_href(body)


# Outside the class: its plugin list would win over this one.
@pytest.mark.ckan_config("ckan.plugins", PLUGINS + " text_view")
@pytest.mark.usefixtures("with_plugins", "clean_db")
@pytest.mark.parametrize("url", ["javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,alert(1)"])
def test_stored_unsafe_url_is_no_link_on_the_page_that_edits_a_view(app, url):
    """The edit page previews the view with CKAN's snippet, whose download button is the URL."""
    editor = factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    with app.flask_app.test_request_context():
        dataset = factories.Dataset(owner_org=org["id"], update_frequency="monthly",
                                    data_last_updated="2026-10-01")
    resource = helpers.call_action("resource_create", context={"user": editor["name"]},
                                   package_id=dataset["id"], name="Tệp", format="TXT",
                                   url="https://example.org/x.txt")
    # An iframed view that CKAN previews (text_view): the page shows the download button.
    view = helpers.call_action("resource_view_create", context={"user": editor["name"]},
                               resource_id=resource["id"], view_type="text_view", title="Văn bản")
    row = model.Resource.get(resource["id"])
    row.url = url  # stored before the validator
    model.Session.commit()
    search.rebuild(dataset["id"])
    page = f"/dataset/{dataset['name']}/resource/{resource['id']}/edit_view/{view['id']}"
    token = factories.APIToken(user=editor["name"])["token"]
    body = app.get(page, headers={"Authorization": token}, status=200).body
    assert "view-preview-container" in body and "data-viewer-error" in body  # the preview, with its button
    assert 'value="Văn bản"' in body  # CKAN's edit form around it is still there
    _assert_no_unsafe_href(body)
