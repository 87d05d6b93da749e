"""The chart and map views a publication asks for (part ``views``), checked before any write and
saved in the publication's own CKAN transaction: a refused or failed publication leaves none.

Each item: ``{"resource": <index of the table's resource>, "view_type": "sonla_chart" | "sonla_map",
"title": ..., <config>}`` (:mod:`ckanext.sonla.data_views.config`). The views of these two types on
the table are made to match the list: one of a type is updated in place (its id, and so its links,
stay), a new one created, one the list no longer names deleted. Without the part, they are left as
they are (an older publisher).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from ..data_views import config as view_config

_ = toolkit._
# A part longer than this is no list of two views.
MAX_VIEWS = len(view_config.VIEW_TYPES)


@dataclass(frozen=True)
class RequestedView:
    view_type: str
    title: str
    config: dict[str, Any]


def parse(part: Any, table_resource: int | None, table_columns: list[str]) -> list[RequestedView] | None:
    """The requested views, or a ValidationError (in the reader's language) naming what is wrong."""
    if part is None:
        return None
    if not isinstance(part, list) or len(part) > MAX_VIEWS:
        raise toolkit.ValidationError({"views": [_("Must be a list of at most one chart and one map")]})
    if part and table_resource is None:
        raise toolkit.ValidationError({"views": [_("A chart or map needs the table (part \"datastore\")")]})
    views: list[RequestedView] = []
    for item in part:
        views.append(_one(item, table_resource, table_columns))
    types = [view.view_type for view in views]
    if len(set(types)) != len(types):
        raise toolkit.ValidationError({"views": [_("Must be a list of at most one chart and one map")]})
    for view_type in types:
        # Refused before any write, rather than half-way by resource_view_create.
        plugin = f"{view_type}_view"
        if not plugins.plugin_loaded(plugin):
            raise toolkit.ValidationError({"views": [
                _("The portal does not have the plugin {plugin} enabled (ckan.plugins): ask its operator, "
                  "or publish without the chart or map hint").format(plugin=plugin)]})
    return views


def _one(item: Any, table_resource: int | None, columns: list[str]) -> RequestedView:
    if not isinstance(item, dict) or item.get("view_type") not in view_config.VIEW_TYPES:
        raise toolkit.ValidationError({"views": [_("Each view must be a \"sonla_chart\" or a \"sonla_map\"")]})
    if item.get("resource") != table_resource:
        raise toolkit.ValidationError({"views": [_("A chart or map must be on the table's resource")]})
    view_type = item["view_type"]
    config: dict[str, Any] = {}
    for key, check in view_config.CHECKS[view_type].items():
        try:
            config[key] = check(item.get(key), {})
        except toolkit.Invalid as error:
            raise toolkit.ValidationError({"views": [f"{key}: {error.error}"]}) from error
    unknown = [c for c in view_config.columns_of({"view_type": view_type, **config}) if c not in columns]
    if unknown:
        raise toolkit.ValidationError({"views": [
            _("The view names columns that are not in the table: {unknown} (columns: {columns})").format(
                unknown=", ".join(unknown), columns=", ".join(columns))]})
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        title = _("Chart") if view_type == view_config.CHART else _("Map")
    return RequestedView(view_type=view_type, title=title.strip()[:200], config=config)


def save(context: dict[str, Any], resource_id: str, views: list[RequestedView] | None) -> None:
    """Make the table's chart and map views match ``views``, uncommitted (the caller commits)."""
    if views is None:
        return
    deferred = dict(context, defer_commit=True)
    current = toolkit.get_action("resource_view_list")(dict(context), {"id": resource_id})
    ours = {v["view_type"]: v for v in reversed(current) if v["view_type"] in view_config.VIEW_TYPES}
    wanted = {view.view_type for view in views}
    for view in views:
        data = {"resource_id": resource_id, "view_type": view.view_type, "title": view.title, **view.config}
        existing = ours.get(view.view_type)
        if existing is None:
            toolkit.get_action("resource_view_create")(dict(deferred), data)
        else:
            toolkit.get_action("resource_view_update")(dict(deferred), dict(data, id=existing["id"]))
    for view_type, existing in ours.items():
        if view_type not in wanted:
            # resource_view_delete commits on its own: the same right, then the delete in the session.
            toolkit.check_access("resource_view_delete", dict(context), {"id": existing["id"]})
            stale = model.ResourceView.get(existing["id"])
            if stale is not None:
                stale.delete()
