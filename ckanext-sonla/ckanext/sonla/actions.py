"""Actions of the ``sonla`` plugin, and ``get_actions``: every action it registers (``toolkit.blanket.actions``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit

from . import clock, visibility
from .agency_publish import spec_store
from .compat import model
from .freshness import report as freshness_report
from .freshness import source_failures
from .guard import actions as guard_actions
from .publish import NO_DEFAULT_VIEWS
from .publish import action as publish_action
from .publish import themes as publish_themes
from .requests import actions as request_actions
from .showcases import actions as showcase_actions
from .subscriptions import actions as subscription_actions
from .subscriptions import notify as subscription_notify

# This module's actions; the guard's and visibility's wrappers are added by ``get_actions``.
__all__ = ["datastore_create", "sonla_dataset_publish", "sonla_dataset_set_themes", "sonla_dataset_source_status",
           "sonla_dataset_spec_save", "sonla_freshness_list"]

# Actions that chain another plugin's action, which must then be enabled.
_needs_plugin: dict[str, str] = {"datastore_create": "datastore", "sonla_dataset_publish": "datastore",
                                 **{name: "datastore" for name in guard_actions.DATASTORE_ACTIONS}}


def get_actions() -> dict[str, Callable[..., Any]]:
    own = {name: globals()[name] for name in __all__}
    requests = {name: getattr(request_actions, name) for name in request_actions.__all__}
    subscriptions = {name: getattr(subscription_actions, name) for name in subscription_actions.__all__}
    showcases = {name: getattr(showcase_actions, name) for name in showcase_actions.__all__}
    found = {**guard_actions.get_actions(), **own, **requests, **subscriptions, **showcases,
             **visibility.get_actions()}
    return {name: func for name, func in found.items()
            if name not in _needs_plugin or plugins.plugin_loaded(_needs_plugin[name])}


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
    if resource_id and not context.get(NO_DEFAULT_VIEWS):
        resource = toolkit.get_action("resource_show")(dict(context), {"id": resource_id})
        toolkit.get_action("resource_create_default_resource_views")(
            dict(context), {"resource": resource, "create_datastore_views": True})
    return result


@toolkit.side_effect_free
def sonla_freshness_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Freshness of every dataset the caller can see, and each agency's on-time rate.

    Params: ``organization`` (agency name), ``status`` (on_time, due_soon, overdue,
    no_schedule: filters ``datasets``, not the agency counts), ``today`` (YYYY-MM-DD, default:
    today in the portal's time zone), ``dataset`` (a dataset name: that dataset alone, as
    ``sonla-publish push`` asks after a publish). ``sonla-publish status`` depends on this
    result's shape.
    """
    toolkit.check_access("sonla_freshness_list", context, data_dict)
    organization, status, today = freshness_report.parse_params(data_dict)
    dataset = freshness_report.dataset_param(data_dict)
    result = freshness_report.build(context, organization, status, today or clock.today(), dataset)
    source_failures.annotate_rows(result["datasets"])
    return result


@guard_actions.unique_conflict
def sonla_dataset_publish(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Create or update a dataset with its files and DataStore rows in one request.

    Used by ``sonla-publish``; one dataset write instead of six. Multipart params:
    ``package`` (JSON object: the dataset's fields, found by ``name``), ``resources`` (JSON
    array of resource fields, each with ``file``: the name of the upload holding its file),
    ``datastore`` (optional JSON object: ``resource`` (index into ``resources``), ``fields``
    and ``primary_key`` as for ``datastore_create``) with the ``rows`` upload (PostgreSQL
    COPY text format, columns in ``fields`` order), and optionally ``spec`` (JSON object: ``yaml``,
    the spec file's text, and ``codelists``, the commune lists it needs), which the portal keeps
    privately for the agency page. Returns ``id``, ``name``, ``created``,
    ``resources`` (id and name of the request's resources) and ``rows`` (rows in the table).
    The caller needs the rights ``package_create``/``package_update`` and ``datastore_create``
    would need; see docs/developers.md.
    """
    toolkit.check_access("sonla_dataset_publish", context, data_dict)
    answer = publish_action.publish(context, data_dict)
    # Committed: the subscribers' e-mails go from a background job (subscriptions/notify.py).
    subscription_notify.after_publish(str(answer["id"]))
    return answer


def sonla_dataset_set_themes(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Make the catalogue's themes a dataset's theme groups (adds and removes memberships).

    For ``sonla-publish``'s step-by-step way, which writes through CKAN's standard actions: there
    an organization's editor may not add a dataset to a group they are no member of. Params:
    ``id`` (the dataset's name or id), ``themes`` (list of theme group names). The caller needs
    ``package_update`` on the dataset (its organization's editor or admin), no group right; only
    theme groups are accepted (:mod:`.publish.themes`). Returns ``id``, ``name``, ``themes``
    (sorted) and ``changed``.
    """
    toolkit.check_access("sonla_dataset_set_themes", context, data_dict)
    return publish_themes.set_themes(context, data_dict)


def sonla_dataset_spec_save(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Keep a dataset's spec for the agency page, as ``sonla_dataset_publish``'s ``spec`` part does.

    For ``sonla-publish``'s step-by-step way, which writes through CKAN's standard actions and
    sends the spec just before its last step (the ``source_hash``), so a failure here leaves the
    dataset to be published again. Params: ``id`` (the dataset's name or id), ``spec`` (JSON
    object: ``yaml``, the spec file's text, and ``codelists``, the commune lists it needs; checked
    and bounded as for ``sonla_dataset_publish``). The caller needs ``package_update`` on the
    dataset. Returns ``id`` and ``name``.
    """
    toolkit.check_access("sonla_dataset_spec_save", context, data_dict)
    package = model.Package.get(str(data_dict.get("id") or ""))
    if package is None:
        raise toolkit.ObjectNotFound(toolkit._("Dataset not found"))
    stored = spec_store.parse_part(data_dict.get("spec"), package.name)
    if stored is None:
        raise toolkit.ValidationError({"spec": [toolkit._("Missing value")]})
    spec_store.save(package.id, stored)
    model.Session.commit()
    return {"id": package.id, "name": package.name}


def sonla_dataset_source_status(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Record that a dataset's live source (database, API) failed on ``sonla-publish``'s last run, or clear it.

    ``sonla-publish sync`` calls it when a source cannot be read (the dataset is then not published) and again
    once a read succeeds. Params: ``id`` (the dataset's name or id), ``failed`` (true: record, false: clear;
    default true), ``reason`` (the publisher's message in Vietnamese, required when failed; one line, at most
    2,000 characters) and ``reason_en`` (the same in English). The caller needs ``package_update`` on the
    dataset. Shown on the report page, in ``sonla_freshness_list`` and in ``package_search`` results as
    ``source_failure`` (``reason``, ``reason_en``, ``failed_at``). Returns ``id``, ``name`` and
    ``source_failure`` (None once cleared).
    """
    toolkit.check_access("sonla_dataset_source_status", context, data_dict)
    return source_failures.set_status(data_dict)
