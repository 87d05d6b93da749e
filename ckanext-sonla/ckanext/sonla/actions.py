"""Action overrides of the ``sonla`` plugin (all registered through ``get_actions``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit

_actions: dict[str, Callable[..., Any]] = {}


def action(func: Callable[..., Any]) -> Callable[..., Any]:
    _actions[func.__name__] = func
    return func


# Actions that chain another plugin's action, which must then be enabled.
_needs_plugin: dict[str, str] = {"datastore_create": "datastore"}


def get_actions() -> dict[str, Callable[..., Any]]:
    return {name: func for name, func in _actions.items()
            if name not in _needs_plugin or plugins.plugin_loaded(_needs_plugin[name])}


@action
@toolkit.chained_action
def datastore_create(up_func: Callable[..., Any], context: dict[str, Any],
                     data_dict: dict[str, Any]) -> dict[str, Any]:
    """Also give the resource its default views once its table exists.

    CKAN creates default views when a resource is created, before sonla-publish loads its rows, so
    the DataStore-backed preview (datatables_view) would never appear otherwise. Creating views is
    idempotent: a view type the resource already has is skipped.
    """
    result = up_func(context, data_dict)
    resource_id = result.get("resource_id")
    if resource_id:
        resource = toolkit.get_action("resource_show")(dict(context), {"id": resource_id})
        toolkit.get_action("resource_create_default_resource_views")(
            dict(context), {"resource": resource, "create_datastore_views": True})
    return result
