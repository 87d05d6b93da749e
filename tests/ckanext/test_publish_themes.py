"""An organization's editor publishes catalogue datasets with their themes (issue #18, point 2),
and a publish that changes the data moves ``metadata_modified`` (point 3).

Editors are no members of the theme groups; CKAN refused them ("not authorized to edit these
groups"). ``sonla_dataset_publish`` and ``sonla_dataset_set_themes`` authorise on the dataset's
organization and set the catalogue's themes themselves: real CKAN, PostgreSQL and DataStore.
"""
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

FIELDS = [{"id": "ma", "type": "text"}, {"id": "so_luong", "type": "int8"}]


def _publish(app, token, name, org, rows, *, themes=None, status=200, source_hash="h1"):
    """``sonla_dataset_publish`` over HTTP, as sonla-publish sends it (``themes`` as groups)."""
    package = {"name": name, "title": "Bộ dữ liệu thử", "notes": "Mô tả", "owner_org": org,
               "update_frequency": "monthly", "data_last_updated": "2026-10-01", "state": "active",
               "source_hash": source_hash}
    if themes is not None:
        package["groups"] = [{"name": theme} for theme in themes]
    copy_text = "".join(f"{code}\t{count}\n" for code, count in rows).encode()
    data = {
        "package": json.dumps(package, ensure_ascii=False),
        "resources": json.dumps([{"name": "Dữ liệu", "format": "CSV", "file": "file0"},
                                 {"name": "Tệp gốc", "format": "XLSX", "file": "file1"}], ensure_ascii=False),
        "datastore": json.dumps({"resource": 0, "fields": FIELDS, "primary_key": ["ma"]}),
        "file0": (io.BytesIO(b"ma,so_luong\n" + copy_text.replace(b"\t", b",")), f"{name}.csv"),
        "file1": (io.BytesIO(b"PK\x03\x04 " + copy_text), "nguon.xlsx"),
        "rows": (io.BytesIO(copy_text), "rows.tsv"),
    }
    headers = {"Authorization": token} if token else {}
    response = app.post("/api/3/action/sonla_dataset_publish", data=data, headers=headers,
                        content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


def _set_themes(app, token, name, themes, *, status=200):
    headers = {"Authorization": token} if token else {}
    response = app.post("/api/3/action/sonla_dataset_set_themes", json={"id": name, "themes": themes},
                        headers=headers, expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


def _editor(org_name: str | None = None) -> dict:
    """A user with editor capacity on an organization (a new one unless named), and their token."""
    user = factories.User()
    if org_name is None:
        org_name = factories.Organization()["name"]
    sysadmin = factories.Sysadmin()
    helpers.call_action("organization_member_create", context={"user": sysadmin["name"]}, id=org_name,
                        username=user["name"], role="editor")
    return {"user": user, "org": org_name, "token": factories.APIToken(user=user["name"])["token"]}


def _themes(name: str) -> set[str]:
    return {group["name"] for group in helpers.call_action("package_show", id=name)["groups"]}


def _indexed_in(theme: str) -> set[str]:
    """The datasets the search index lists under a theme (what the theme pages show)."""
    found = helpers.call_action("package_search", fq=f"groups:{theme}", rows=100)["results"]
    return {dataset["name"] for dataset in found}


def _state(name: str) -> dict:
    dataset = helpers.call_action("package_show", id=name)
    table = next(r for r in dataset["resources"] if r.get("datastore_active"))
    rows = helpers.call_action("datastore_search", resource_id=table["id"], sort="ma", limit=100)["records"]
    return {"dataset": dataset, "rows": rows}


@pytest.fixture
def catalogue_themes():
    """Theme groups as `sonla-publish portal setup` makes them (by a sysadmin); editors are no members."""
    return [factories.Group(name=name)["name"] for name in ("giao-duc-dao-tao", "y-te", "xa-hoi")]


def test_an_organization_editor_publishes_a_dataset_with_its_themes(app, catalogue_themes):
    education, health, society = catalogue_themes
    editor = _editor()
    answer = _publish(app, editor["token"], "truong-hoc", editor["org"], [("A", 1)],
                      themes=[education, health])["result"]
    assert answer["created"] is True
    assert _themes("truong-hoc") == {education, health}
    assert "truong-hoc" in _indexed_in(education) & _indexed_in(health)
    # The spec's themes change: the dataset follows, a theme removed included (CKAN keeps a
    # membership the user may not "read" when it is not theirs to remove).
    before = helpers.call_action("package_show", id="truong-hoc")["metadata_modified"]
    _publish(app, editor["token"], "truong-hoc", editor["org"], [("A", 1), ("B", 2)],
             themes=[health, society], source_hash="h2")
    assert _themes("truong-hoc") == {health, society}
    assert "truong-hoc" not in _indexed_in(education) and "truong-hoc" in _indexed_in(society)
    assert helpers.call_action("package_show", id="truong-hoc")["metadata_modified"] > before
    # Without "groups" the dataset keeps its themes.
    _publish(app, editor["token"], "truong-hoc", editor["org"], [("A", 3)], source_hash="h3")
    assert _themes("truong-hoc") == {health, society}
    # Only the themes changed (the data did not): they are saved and indexed all the same.
    _publish(app, editor["token"], "truong-hoc", editor["org"], [("A", 3)], themes=[education],
             source_hash="h3")
    assert _themes("truong-hoc") == {education} and "truong-hoc" in _indexed_in(education)


def test_the_publish_gives_the_editor_no_group_rights_beyond_it(app, catalogue_themes):
    """The elevated context writes the publish's memberships only: the editor's own package_patch
    adding a theme is still CKAN's refusal."""
    education, health, _society = catalogue_themes
    editor = _editor()
    _publish(app, editor["token"], "chi-mot-lan", editor["org"], [("A", 1)], themes=[education])
    response = app.post("/api/3/action/package_patch", json={"id": "chi-mot-lan", "groups": [{"name": health}]},
                        headers={"Authorization": editor["token"]}, expect_errors=True)
    assert response.status_code == 403, response.body
    assert _themes("chi-mot-lan") == {education}


def test_an_editor_of_another_organization_is_refused_and_nothing_is_written(app, catalogue_themes):
    education, health, _society = catalogue_themes
    owner, stranger = _editor(), _editor()
    _publish(app, stranger["token"], "cua-nguoi-khac", owner["org"], [("A", 1)], themes=[education], status=403)
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="cua-nguoi-khac")
    _publish(app, owner["token"], "cua-nguoi-khac", owner["org"], [("A", 1)], themes=[education])
    before = _state("cua-nguoi-khac")
    _publish(app, stranger["token"], "cua-nguoi-khac", owner["org"], [("A", 9), ("B", 2)], themes=[health],
             source_hash="h2", status=403)
    _set_themes(app, stranger["token"], "cua-nguoi-khac", [health], status=403)
    _set_themes(app, None, "cua-nguoi-khac", [health], status=403)
    assert _state("cua-nguoi-khac") == before


@pytest.mark.parametrize("smuggled", ["organization", "unknown", "deleted group"])
def test_an_editor_cannot_add_a_group_that_is_not_a_catalogue_theme(app, catalogue_themes, smuggled):
    """Only theme groups go through the elevated write: not an organization (another agency's),
    not a name the portal does not know, not a deleted group. Refused before any write."""
    education = catalogue_themes[0]
    editor = _editor()
    other = factories.Organization()["name"]
    extra = {"organization": other, "unknown": "khong-co-chu-de-nay", "deleted group": "chu-de-da-xoa"}[smuggled]
    if smuggled == "deleted group":
        factories.Group(name=extra)
        helpers.call_action("group_delete", context={"user": factories.Sysadmin()["name"]}, id=extra)
    error = _publish(app, editor["token"], "lan-nhom", editor["org"], [("A", 1)], themes=[education, extra],
                     status=409)["error"]
    assert extra in error["groups"][0]
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("package_show", id="lan-nhom")
    _publish(app, editor["token"], "lan-nhom", editor["org"], [("A", 1)], themes=[education])
    before = _state("lan-nhom")
    _publish(app, editor["token"], "lan-nhom", editor["org"], [("A", 5)], themes=[extra], source_hash="h2",
             status=409)
    error = _set_themes(app, editor["token"], "lan-nhom", [education, extra], status=409)["error"]
    assert extra in error["themes"][0]
    assert _state("lan-nhom") == before
    assert other not in _themes("lan-nhom")


def test_set_themes_lets_an_editor_give_their_dataset_the_catalogues_themes(app, catalogue_themes):
    """The step-by-step way: the dataset written by CKAN's standard actions, then its themes."""
    education, health, society = catalogue_themes
    editor = _editor()
    sysadmin = factories.Sysadmin()
    helpers.call_action("package_create", context={"user": editor["user"]["name"]}, name="tung-buoc",
                        owner_org=editor["org"], notes="Mô tả", update_frequency="monthly",
                        data_last_updated="2026-10-01")
    helpers.call_action("member_create", context={"user": sysadmin["name"]}, id=society, object="tung-buoc",
                        object_type="package", capacity="public")
    before = helpers.call_action("package_show", id="tung-buoc")["metadata_modified"]
    answer = _set_themes(app, editor["token"], "tung-buoc", [education, health])["result"]
    assert answer == {"id": answer["id"], "name": "tung-buoc", "themes": [education, health], "changed": True}
    assert _themes("tung-buoc") == {education, health}
    assert "tung-buoc" in _indexed_in(health) and "tung-buoc" not in _indexed_in(society)
    assert helpers.call_action("package_show", id="tung-buoc")["metadata_modified"] > before
    assert _set_themes(app, editor["token"], "tung-buoc", [health, education])["result"]["changed"] is False
    _set_themes(app, editor["token"], "tung-buoc", "y-te", status=409)
    _set_themes(app, editor["token"], "khong-co", [health], status=404)
    response = app.post("/api/3/action/sonla_dataset_set_themes", json={"id": "tung-buoc"},
                        headers={"Authorization": editor["token"]}, expect_errors=True)
    assert response.status_code == 409 and "themes" in response.json["error"]
    assert _themes("tung-buoc") == {education, health}


# --- metadata_modified follows the data (issue #18, point 3) ---------------------------------------

@pytest.mark.parametrize("caller", ["sysadmin", "editor"])
def test_a_publish_that_changes_the_data_moves_metadata_modified_and_the_dataset_comes_first(app, caller):
    """CKAN keeps a metadata_modified given to package_update by a sysadmin (ignore_not_sysadmin):
    the publish used to pass the dataset's current one on, so a sysadmin's token (sync run by the
    portal's operator) left updated datasets out of "Mới cập nhật"."""
    editor = _editor()
    if caller == "sysadmin":
        token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
    else:
        token = editor["token"]
    _publish(app, token, "bo-cu", editor["org"], [("A", 1)])
    _publish(app, token, "bo-moi", editor["org"], [("A", 1)])
    first = helpers.call_action("package_show", id="bo-cu")["metadata_modified"]
    _publish(app, token, "bo-cu", editor["org"], [("A", 2), ("B", 3)], source_hash="h2")
    dataset = helpers.call_action("package_show", id="bo-cu")
    assert dataset["metadata_modified"] > first
    assert dataset["metadata_modified"] > helpers.call_action("package_show", id="bo-moi")["metadata_modified"]
    newest = helpers.call_action("package_search", sort="metadata_modified desc", rows=2)["results"]
    assert [d["name"] for d in newest] == ["bo-cu", "bo-moi"]
    assert newest[0]["metadata_modified"] == dataset["metadata_modified"]
    # The home page's "Mới cập nhật" block asks the same as an anonymous visitor.
    recent = app.get("/api/3/action/package_search?sort=metadata_modified%20desc&rows=1").json["result"]
    assert recent["results"][0]["name"] == "bo-cu"
