"""Auth functions of the ``sonla`` plugin's actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import authz, model

from .agency_publish import access as agency_access
from .requests.auth import (
    sonla_request_comment,
    sonla_request_confirm,
    sonla_request_create,
    sonla_request_list,
    sonla_request_show,
    sonla_request_update,
)
from .showcases.auth import (
    sonla_showcase_approve,
    sonla_showcase_create,
    sonla_showcase_delete,
    sonla_showcase_list,
    sonla_showcase_show,
    sonla_showcase_update,
)
from .subscriptions.auth import (
    sonla_subscription_confirm,
    sonla_subscription_create,
    sonla_subscription_unsubscribe,
)

# Registered by ``toolkit.blanket.auth_functions``, which reads ``__all__``.
__all__ = ["sonla_agency_publish", "sonla_dataset_publish", "sonla_dataset_set_themes",
           "sonla_dataset_source_status", "sonla_dataset_spec_save", "sonla_freshness_list", "sonla_request_comment",
           "sonla_request_confirm", "sonla_request_create", "sonla_request_list", "sonla_request_show",
           "sonla_request_update", "sonla_showcase_approve", "sonla_showcase_create", "sonla_showcase_delete",
           "sonla_showcase_list", "sonla_showcase_show", "sonla_showcase_update", "sonla_subscription_confirm",
           "sonla_subscription_create", "sonla_subscription_unsubscribe"]


@toolkit.auth_allow_anonymous_access
def sonla_freshness_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Public: the report only lists datasets the caller's own package_search returns.
    return {"success": True}


def sonla_dataset_publish(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Logged-in users only (CKAN refuses anonymous callers of functions without the decorator);
    # the actions it calls (package_create / package_update, datastore_create) check the rest.
    return {"success": True}


def sonla_dataset_set_themes(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    # The right to update the dataset in its organization (package_update, asked without groups):
    # the themes are the catalogue's, not the caller's, and the action accepts only theme groups.
    package = model.Package.get(str(data_dict.get("id") or ""))
    if package is None:
        raise toolkit.ObjectNotFound(toolkit._("Dataset not found"))
    return authz.is_authorized("package_update", dict(context, package=package), {"id": package.id})


def sonla_dataset_spec_save(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    # Whoever may update the dataset may keep its spec (the same right sonla_dataset_publish needs).
    return sonla_dataset_set_themes(context, data_dict)


def sonla_dataset_source_status(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    # Whoever may publish the dataset may say its source failed (the right sonla_dataset_publish needs).
    return sonla_dataset_set_themes(context, data_dict)


def sonla_agency_publish(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    # The agency page (upload, report, publish): the dataset's organization's editors and admins.
    return agency_access.auth(context, data_dict)
