"""Lists of tags, formats, members, relationships and activity name only datasets the caller may read.

CKAN builds these lists straight from the database, so the tags and formats of private and
draft datasets, and their ids, reached every visitor. Each action here wraps CKAN's and keeps an
item only when a dataset the caller may read carries it. "May read" is CKAN's own rule for
``package_show`` with the default permission labels: an active public dataset for everybody;
any other (private, draft) for the members of its organization, its collaborators and, without
an organization, its creator. Sysadmins (and ``ignore_auth`` calls) get CKAN's lists unchanged.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.sonla import compat
from ckanext.sonla.compat import authz, ckan_schema, dictization, lib_plugins, misc, model
from ckanext.sonla.compat import dictization_functions as dict_fns

# The wrappers of CKAN's actions defined in this module; the activity ones are built per name below.
__all__ = [
    "format_autocomplete", "member_list", "package_relationships_list", "tag_autocomplete", "tag_list", "tag_search",
    "tag_show",
]
ACTIVITY_ACTIONS: dict[str, Callable[..., Any]] = {}


def get_actions() -> dict[str, Callable[..., Any]]:
    """The wrapped actions; the activity ones only when the activity plugin is on."""
    found = {name: globals()[name] for name in __all__}
    if plugins.plugin_loaded("activity"):
        found.update(ACTIVITY_ACTIONS)
    return found


def sees_everything(context: dict[str, Any]) -> bool:
    return bool(context.get("ignore_auth")) or authz.is_sysadmin(context.get("user"))


def _user(context: dict[str, Any]) -> model.User | None:
    user = context.get("auth_user_obj")
    if user is None and context.get("user"):
        user = model.User.get(context["user"])
    return user if isinstance(user, model.User) else None


LISTED_STATES = ("active", "draft")  # a deleted dataset's tags and formats are in no list


def readable(context: dict[str, Any], states: tuple[str, ...] = LISTED_STATES) -> sa.ColumnElement[bool]:
    """SQL condition on ``model.Package``: a dataset in one of ``states`` the caller may read."""
    labels = lib_plugins.get_permission_labels().get_user_dataset_labels(_user(context))
    orgs = [label[len("member-"):] for label in labels if label.startswith("member-")]
    collaborations = [label[len("collaborator-"):] for label in labels if label.startswith("collaborator-")]
    creators = [label[len("creator-"):] for label in labels if label.startswith("creator-")]
    package = model.Package
    return sa.and_(package.state.in_(states), sa.or_(
        sa.and_(package.state == "active", package.private.is_(False)),
        package.owner_org.in_(orgs),
        package.id.in_(collaborations),
        sa.and_(package.owner_org.is_(None), package.creator_user_id.in_(creators)),
    ))


def _readable_tag_ids(context: dict[str, Any]) -> sa.Select[Any]:
    return (sa.select(model.PackageTag.tag_id)
            .join(model.Package, model.Package.id == model.PackageTag.package_id)
            .where(model.PackageTag.state == "active", readable(context)))


def _free_tags(context: dict[str, Any], terms: list[str]) -> Any:
    """Free tags on the caller's readable datasets whose names contain every term."""
    query = (model.Session.query(model.Tag)
             .filter(model.Tag.vocabulary_id.is_(None), model.Tag.id.in_(_readable_tag_ids(context))))
    for term in terms:
        query = query.filter(model.Tag.name.ilike("%" + misc.escape_sql_like_special_characters(term, escape="\\")
                                                  + "%", escape="\\"))
    return query.order_by(model.Tag.name)


def _terms(data_dict: dict[str, Any]) -> list[str]:
    terms = data_dict.get("query") or data_dict.get("q") or []
    if isinstance(terms, str):
        terms = [terms]
    fields = data_dict.get("fields") or {}
    if isinstance(fields, dict):
        terms = [*terms, *(v for k, v in fields.items() if k in ("tag", "tags"))]
    return [t.strip() for t in terms if isinstance(t, str) and t.strip()]


def _page(query: Any, data_dict: dict[str, Any]) -> Any:
    try:
        offset = int(data_dict.get("offset") or 0)
        limit = None if data_dict.get("limit") in (None, "") else int(data_dict["limit"])
    except (TypeError, ValueError):
        raise toolkit.ValidationError({"limit": [toolkit._("Must be a natural number")]}) from None
    if offset < 0 or (limit is not None and limit < 0):
        raise toolkit.ValidationError({"limit": [toolkit._("Must be a natural number")]})
    return query.offset(offset).limit(limit)


def _is_free(data_dict: dict[str, Any]) -> bool:
    return not data_dict.get("vocabulary_id")


@toolkit.chained_action
@toolkit.side_effect_free
def tag_list(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    tags = up_func(context, data_dict)
    if sees_everything(context) or not _is_free(data_dict):
        return tags  # a vocabulary's terms are a public code list, not dataset metadata
    names = {tag.name for tag in _free_tags(context, [])}
    return [tag for tag in tags if (tag["name"] if isinstance(tag, dict) else tag) in names]


@toolkit.chained_action
@toolkit.side_effect_free
def tag_search(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    if sees_everything(context) or not _is_free(data_dict):
        return up_func(context, data_dict)
    toolkit.check_access("tag_search", context, data_dict)
    terms = _terms(data_dict)
    if not terms:
        return {"count": 0, "results": []}
    query = _free_tags(context, terms)
    return {"count": query.count(),
            "results": [dictization.table_dictize(tag, context) for tag in _page(query, data_dict)]}


@toolkit.chained_action
@toolkit.side_effect_free
def tag_autocomplete(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    if sees_everything(context) or not _is_free(data_dict):
        return up_func(context, data_dict)
    toolkit.check_access("tag_autocomplete", context, data_dict)
    terms = _terms(data_dict)
    return [tag.name for tag in _page(_free_tags(context, terms), data_dict)] if terms else []


@toolkit.chained_action
@toolkit.side_effect_free
def tag_show(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    tag = up_func(context, data_dict)
    if sees_everything(context) or tag.get("vocabulary_id"):
        return tag
    visible = set(model.Session.scalars(
        sa.select(model.PackageTag.package_id)
        .join(model.Package, model.Package.id == model.PackageTag.package_id)
        .where(model.PackageTag.tag_id == tag["id"], model.PackageTag.state == "active", readable(context))))
    if not visible:
        raise toolkit.ObjectNotFound(toolkit._("Tag not found"))
    if "packages" in tag:
        tag["packages"] = [package for package in tag["packages"] if package.get("id") in visible]
    return tag


@toolkit.chained_action
@toolkit.side_effect_free
def format_autocomplete(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    if sees_everything(context):
        return up_func(context, data_dict)
    data, errors = dict_fns.validate(data_dict, ckan_schema.default_autocomplete_schema(), context)
    if errors:
        raise toolkit.ValidationError(errors)
    toolkit.check_access("format_autocomplete", context, data)
    like = "%" + misc.escape_sql_like_special_characters(data["q"], escape="\\") + "%"
    total = sa.func.count(model.Resource.format).label("total")
    rows = model.Session.execute(
        sa.select(model.Resource.format, total)
        .join(model.Package, model.Package.id == model.Resource.package_id)
        .where(model.Resource.state == "active", model.Resource.format.ilike(like, escape="\\"), readable(context))
        .group_by(model.Resource.format).order_by(total.desc(), model.Resource.format)
        .limit(data.get("limit", 5)))
    return [row.format.lower() for row in rows]


def _readable_among(context: dict[str, Any], ids_or_names: set[str],
                    states: tuple[str, ...] = LISTED_STATES) -> set[str]:
    """The ids and names, of those given, of datasets the caller may read."""
    if not ids_or_names:
        return set()
    rows = model.Session.execute(
        sa.select(model.Package.id, model.Package.name)
        .where(sa.or_(model.Package.id.in_(ids_or_names), model.Package.name.in_(ids_or_names)),
               readable(context, states)))
    return {value for row in rows for value in row}


@toolkit.chained_action
@toolkit.side_effect_free
def member_list(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    members = up_func(context, data_dict)
    if sees_everything(context):
        return members
    visible = _readable_among(context, {member[0] for member in members if member[1] == "package"})
    return [member for member in members if member[1] != "package" or member[0] in visible]


@toolkit.chained_action
@toolkit.side_effect_free
def package_relationships_list(up_func: Callable[..., Any], context: dict[str, Any],
                               data_dict: dict[str, Any]) -> Any:
    relationships = up_func(context, data_dict)
    if sees_everything(context):
        return relationships
    visible = _readable_among(context, {r.get(end) for r in relationships for end in ("subject", "object")
                                        if r.get(end)})
    return [r for r in relationships if r.get("subject") in visible and r.get("object") in visible]


# --- activity streams

def _without_unreadable_datasets(context: dict[str, Any], activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Activities about datasets the caller may read now.

    CKAN filters activities by the labels their dataset had when they were recorded, so the
    "new package" of a dataset made private later stayed public, with its whole metadata.
    A page can hence hold fewer activities than ``limit``.
    """
    if sees_everything(context):
        return activities
    ids = {a["object_id"] for a in activities if _about_dataset(a)}
    visible = _readable_among(context, ids, states=(*LISTED_STATES, "deleted"))
    return [a for a in activities if not _about_dataset(a) or a["object_id"] in visible]


def _about_dataset(activity: dict[str, Any]) -> bool:
    return str(activity.get("activity_type", "")).endswith(" package") and bool(activity.get("object_id"))


def _activity_action(name: str) -> Callable[..., Any]:
    @toolkit.chained_action
    @toolkit.side_effect_free
    def wrapped(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        return _without_unreadable_datasets(context, up_func(context, data_dict))

    wrapped.__name__ = wrapped.__qualname__ = name
    wrapped.__doc__ = f"CKAN's ``{name}``, without activities of datasets the caller may not read."
    ACTIVITY_ACTIONS[name] = wrapped
    return wrapped


for _name in ("user_activity_list", "package_activity_list", "group_activity_list", "organization_activity_list",
              "recently_changed_packages_activity_list", "dashboard_activity_list"):
    _activity_action(_name)


# --- one activity by its id

def _check_activity_readable(context: dict[str, Any], data_dict: dict[str, Any]) -> None:
    """Refuse an activity about a dataset the caller may not read now (the lists' rule).

    CKAN checks the permission labels the dataset had when the activity was recorded, and then
    its auth for the dataset as it is; this states the rule of the lists here, so the single
    activity follows it whatever auth functions other plugins chain.
    """
    Activity = compat.activity_model()

    activity_id = data_dict.get("id")
    activity = model.Session.get(Activity, activity_id) if isinstance(activity_id, str) else None
    if activity is None or not activity.object_id or model.Package.get(activity.object_id) is None:
        return  # not found (CKAN answers it) or not about a dataset (CKAN refuses those to non-sysadmins)
    if activity.object_id not in _readable_among(context, {activity.object_id}, states=(*LISTED_STATES, "deleted")):
        raise toolkit.NotAuthorized(toolkit._("Unauthorized to view activity data"))


def _single_activity_action(name: str) -> Callable[..., Any]:
    @toolkit.chained_action
    @toolkit.side_effect_free
    def wrapped(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        if name == "activity_show" and isinstance(data_dict, dict):
            # CKAN's auth reads ``include_data`` without a default (a 500 when it is left out), and
            # the action returns the data either way: so the data's rule applies.
            data_dict.setdefault("include_data", True)
        if not sees_everything(context):
            _check_activity_readable(context, data_dict)
        return up_func(context, data_dict)

    wrapped.__name__ = wrapped.__qualname__ = name
    wrapped.__doc__ = f"CKAN's ``{name}``, refused for an activity of a dataset the caller may not read now."
    ACTIVITY_ACTIONS[name] = wrapped
    return wrapped


for _name in ("activity_show", "activity_data_show", "activity_diff"):
    _single_activity_action(_name)
