"""Private and draft metadata reach only those who may read it (issue #16, point 4).

The matrix: every read endpoint that lists datasets or their tags, formats, members or
activity, called over HTTP by each kind of user. A private or draft dataset of agency A is
readable (``package_show``) by A's members and sysadmins only; nobody else may learn its name,
id, tags or formats through any list.
"""
from __future__ import annotations

import json

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

USERS = ("anonymous", "other_editor", "member", "sysadmin")
# What each kind of user may see: private datasets of agency A, drafts of agency A.
MAY_SEE = {
    "anonymous": set(), "other_editor": set(), "member": {"private", "draft"}, "sysadmin": {"private", "draft"},
}
# Words found only in the private / draft datasets (tags, formats, names).
MARKERS = {
    "private": ("the-bi-mat", "dinhdangbimat", "bo-bi-mat", "da-thanh-bi-mat"),
    "draft": ("the-nhap", "dinhdangnhap", "bo-nhap"),
}


def _dataset(app, org, name, tag, fmt, user, **fields):
    with app.flask_app.test_request_context():
        return factories.Dataset(
            name=name, owner_org=org["id"], update_frequency="monthly", data_last_updated="2026-10-01",
            tags=[{"name": tag}], groups=[{"name": "nhom-chu-de"}],
            resources=[{"url": f"https://example.org/{name}.{fmt.lower()}", "format": fmt, "name": name}],
            user=user, **fields)


@pytest.fixture
def world(app):
    """Agency A with a public, a private, a made-private and a draft dataset; agency B with an editor."""
    editor_a, member_a, other_editor, sysadmin = (factories.User(), factories.User(), factories.User(),
                                                  factories.Sysadmin())
    org_a = factories.Organization(name="co-quan-a", users=[
        {"name": editor_a["name"], "capacity": "editor"}, {"name": member_a["name"], "capacity": "member"}])
    factories.Organization(name="co-quan-b", users=[{"name": other_editor["name"], "capacity": "editor"}])
    factories.Group(name="nhom-chu-de", users=[{"name": editor_a["name"], "capacity": "member"}])
    public = _dataset(app, org_a, "bo-cong-khai", "the-cong-khai", "CSV", editor_a)
    _dataset(app, org_a, "bo-bi-mat", "the-bi-mat", "DINHDANGBIMAT", editor_a, private=True)
    later = _dataset(app, org_a, "da-thanh-bi-mat", "the-cong-khai", "CSV", editor_a)
    _dataset(app, org_a, "bo-nhap", "the-nhap", "DINHDANGNHAP", editor_a, state="draft")
    with app.flask_app.test_request_context():
        # A change while still public (an activity with a previous one: activity_diff), then private.
        helpers.call_action("package_patch", context={"user": editor_a["name"]}, id=later["id"],
                            notes="Sửa khi còn công khai")
        helpers.call_action("package_patch", context={"user": editor_a["name"]}, id=later["id"], private=True)
        # A relationship from the public dataset to the private one.
        helpers.call_action("package_relationship_create", context={"user": sysadmin["name"]},
                            subject=public["name"], object="bo-bi-mat", type="links_to")
        for user in (member_a, other_editor, sysadmin):
            helpers.call_action("follow_user", context={"user": user["name"]}, id=editor_a["id"])
            helpers.call_action("follow_group", context={"user": user["name"]}, id=org_a["id"])
    users = {"member": member_a, "other_editor": other_editor, "sysadmin": sysadmin}
    tokens = {kind: factories.APIToken(user=user["name"])["token"] for kind, user in users.items()}
    return {"tokens": tokens, "editor_a": editor_a, "org_a": org_a, "public": public,
            "activities": _activities_of(("bo-bi-mat", "da-thanh-bi-mat", "bo-nhap"))}


def _activities_of(names: tuple[str, ...]) -> dict[str, list[str]]:
    """The ids of each dataset's activities, oldest first (held by whoever saw them while public)."""
    from ckan import model
    from ckanext.activity.model import Activity

    found = {}
    for name in names:
        package = model.Package.get(name)
        found[name] = [a.id for a in model.Session.query(Activity).filter_by(object_id=package.id)
                       .order_by(Activity.timestamp)]
    return found


ENDPOINTS = {
    "tag_list": lambda w: {},
    "tag_list_all_fields": lambda w: {"all_fields": "true"},
    "tag_list_query": lambda w: {"query": "the-"},
    "tag_search": lambda w: {"query": "the-"},
    "tag_autocomplete": lambda w: {"q": "the-"},
    "tag_show_private": lambda w: {"id": "the-bi-mat", "include_datasets": "true"},
    "tag_show_draft": lambda w: {"id": "the-nhap", "include_datasets": "true"},
    "tag_show_shared": lambda w: {"id": "the-cong-khai", "include_datasets": "true"},
    "format_autocomplete": lambda w: {"q": "dinhdang"},
    "member_list_packages": lambda w: {"id": "co-quan-a", "object_type": "package"},
    "member_list": lambda w: {"id": "co-quan-a"},
    "group_member_list": lambda w: {"id": "nhom-chu-de", "object_type": "package"},
    "user_activity_list": lambda w: {"id": w["editor_a"]["name"]},
    "organization_activity_list": lambda w: {"id": "co-quan-a"},
    "group_activity_list": lambda w: {"id": "nhom-chu-de"},
    "recently_changed_packages_activity_list": lambda w: {},
    "dashboard_activity_list": lambda w: {},
    "package_activity_list": lambda w: {"id": "bo-bi-mat"},
    "package_autocomplete": lambda w: {"q": "bo"},
    "group_package_show": lambda w: {"id": "nhom-chu-de"},
    "group_show": lambda w: {"id": "nhom-chu-de", "include_datasets": "true"},
    "organization_show": lambda w: {"id": "co-quan-a", "include_datasets": "true"},
    "organization_list": lambda w: {"all_fields": "true", "include_extras": "true"},
    "current_package_list_with_resources": lambda w: {},
    "package_list": lambda w: {},
    "package_search": lambda w: {"q": "", "rows": "100"},
    "package_search_drafts": lambda w: {"q": "", "include_drafts": "true", "include_private": "true"},
    "resource_search": lambda w: {"query": "format:dinhdang"},
    "package_relationships_list": lambda w: {"id": "bo-cong-khai"},
    # One activity by its id: the id was public while the dataset was (CKAN checked only the
    # permission labels the dataset had when the activity was recorded).
    "activity_show_made_private": lambda w: {"id": w["activities"]["da-thanh-bi-mat"][0], "include_data": "true"},
    "activity_show_changed_while_public": lambda w: {"id": w["activities"]["da-thanh-bi-mat"][1]},
    "activity_show_private": lambda w: {"id": w["activities"]["bo-bi-mat"][0]},
    "activity_data_show_made_private": lambda w: {"id": w["activities"]["da-thanh-bi-mat"][0]},
    "activity_data_show_changed_while_public": lambda w: {"id": w["activities"]["da-thanh-bi-mat"][1],
                                                          "object_type": "package"},
    "activity_data_show_private": lambda w: {"id": w["activities"]["bo-bi-mat"][0]},
    "activity_diff_changed_while_public": lambda w: {"id": w["activities"]["da-thanh-bi-mat"][1],
                                                     "object_type": "package", "diff_type": "unified"},
    "activity_diff_made_private": lambda w: {"id": w["activities"]["da-thanh-bi-mat"][-1],
                                             "object_type": "package", "diff_type": "html"},
}
# Endpoint names that are not action names.
ACTIONS = {name: name for name in ENDPOINTS} | {
    "tag_list_all_fields": "tag_list", "tag_list_query": "tag_list", "tag_show_private": "tag_show",
    "tag_show_draft": "tag_show", "tag_show_shared": "tag_show", "member_list_packages": "member_list",
    "group_member_list": "member_list", "package_search_drafts": "package_search"} | {
    name: action for name in ENDPOINTS for action in ("activity_show", "activity_data_show", "activity_diff")
    if name.startswith(action + "_")}


def _ids_and_names() -> dict[str, set[str]]:
    from ckan import model

    found: dict[str, set[str]] = {"private": set(), "draft": set()}
    for package in model.Session.query(model.Package):
        kind = "draft" if package.state == "draft" else "private" if package.private else None
        if kind:
            found[kind] |= {package.id, package.name}
    return found


def _seen(app, world, endpoint: str, user: str) -> set[str]:
    headers = {"Authorization": world["tokens"][user]} if user != "anonymous" else {}
    response = app.get(f"/api/3/action/{ACTIONS[endpoint]}", query_string=ENDPOINTS[endpoint](world),
                       headers=headers)
    assert response.status_code in (200, 403, 404, 409), response.body
    if not response.json.get("success"):
        return set()  # refused or not found: nothing learnt (error messages echo only the request)
    text = json.dumps(response.json["result"], ensure_ascii=False).lower()
    ids = _ids_and_names()
    return {kind for kind in ("private", "draft")
            if any(marker in text for marker in MARKERS[kind]) or any(i in text for i in ids[kind])}


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_private_and_draft_metadata_reach_only_their_readers(app, world, endpoint, user):
    seen = _seen(app, world, endpoint, user)
    assert seen <= MAY_SEE[user], f"{endpoint} shows {sorted(seen - MAY_SEE[user])} datasets to {user}"


@pytest.mark.parametrize("endpoint", ["tag_list", "tag_show_private", "format_autocomplete",
                                      "member_list_packages", "user_activity_list", "package_autocomplete"])
def test_their_readers_still_see_private_datasets(app, world, endpoint):
    """The filter hides, it does not blind: a member of agency A still finds A's private dataset."""
    assert "private" in _seen(app, world, endpoint, "member")
    assert "private" in _seen(app, world, endpoint, "sysadmin")


@pytest.mark.parametrize("endpoint", [name for name in ENDPOINTS if name.startswith("activity_")])
def test_sysadmins_still_see_single_activities(app, world, endpoint):
    """The activity refused to others is found (the test would see a leak). Members of agency A
    are refused the activity's data too: CKAN gives it only to the dataset's editors."""
    assert "private" in _seen(app, world, endpoint, "sysadmin")


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("url", ["/api/2/util/tag/autocomplete?incomplete=the-",
                                 "/api/2/util/resource/format_autocomplete?incomplete=dinhdang"])
def test_the_forms_autocomplete_urls_follow_the_same_rule(app, world, url, user):
    """The dataset form's autocompletion (CKAN's /api/2/util/…) goes through the same actions."""
    headers = {"Authorization": world["tokens"][user]} if user != "anonymous" else {}
    response = app.get(url, headers=headers)
    assert response.status_code == 200, response.body
    text = response.body.lower()
    seen = {kind for kind in ("private", "draft") if any(marker in text for marker in MARKERS[kind])}
    assert seen <= MAY_SEE[user], f"{url} shows {sorted(seen - MAY_SEE[user])} datasets to {user}"
    if user == "sysadmin":
        assert seen == {"private", "draft"}  # the test would see a leak


@pytest.mark.parametrize(("user", "count"), [("anonymous", 1), ("other_editor", 1), ("member", 3), ("sysadmin", 3)])
def test_dataset_counts_of_agencies_count_only_readable_datasets(app, world, user, count):
    headers = {"Authorization": world["tokens"][user]} if user != "anonymous" else {}
    response = app.get("/api/3/action/organization_list", query_string={"all_fields": "true"}, headers=headers)
    counts = {org["name"]: org["package_count"] for org in response.json["result"]}
    assert counts["co-quan-a"] == count  # the public one (+ the two private ones for their readers)


ACTIVITY_PAGES = {
    "changes_while_public": lambda w: f"/dataset/changes/{w['activities']['da-thanh-bi-mat'][1]}",
    "changes_made_private": lambda w: f"/dataset/changes/{w['activities']['da-thanh-bi-mat'][-1]}",
    "changes_multiple": lambda w: (f"/dataset/changes_multiple?old_id={w['activities']['da-thanh-bi-mat'][0]}"
                                   f"&new_id={w['activities']['da-thanh-bi-mat'][-1]}"),
    # A public dataset's URL with another dataset's activity: CKAN compares them after loading it.
    "history_under_a_public_url": lambda w: f"/dataset/bo-cong-khai/history/{w['activities']['da-thanh-bi-mat'][0]}",
}


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("page", list(ACTIVITY_PAGES))
def test_activity_pages_by_id_follow_the_same_rule(app, world, page, user):
    headers = {"Authorization": world["tokens"][user]} if user != "anonymous" else {}
    response = app.get(ACTIVITY_PAGES[page](world), headers=headers)
    assert response.status_code in (200, 403, 404), (response.status_code, page)
    text = response.body.lower()
    ids = _ids_and_names()
    seen = {kind for kind in ("private", "draft")
            if any(marker in text for marker in MARKERS[kind]) or any(i in text for i in ids[kind])}
    assert seen <= MAY_SEE[user], f"{page} shows {sorted(seen - MAY_SEE[user])} datasets to {user}"
    if user in ("anonymous", "other_editor"):
        assert response.status_code in (403, 404), (response.status_code, page)
    if user == "sysadmin" and page.startswith("changes"):
        assert response.status_code == 200 and "private" in seen  # the test would see a leak
