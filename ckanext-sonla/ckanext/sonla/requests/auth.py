"""Auth functions of the request actions: reading and asking are public, answering is the agency's."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit

from . import access, store

__all__ = ["sonla_request_comment", "sonla_request_confirm", "sonla_request_create", "sonla_request_list",
           "sonla_request_show", "sonla_request_update"]


@toolkit.auth_allow_anonymous_access
def sonla_request_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Anyone: anonymous callers pass the action's e-mail confirmation, form checks and rate limit.
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_request_confirm(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # The signed link is the right.
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_request_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Requests are public once confirmed (the action hides the others and every e-mail address).
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_request_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    return {"success": True}


def sonla_request_comment(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Signed-in users (CKAN refuses anonymous callers of functions without the decorator).
    return {"success": True}


def sonla_request_update(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    row = store.get(str(data_dict.get("id") or ""))
    if row is None or not row["confirmed"]:
        raise toolkit.ObjectNotFound(toolkit._("Request not found"))
    if access.may_manage(str(context.get("user") or ""), row["organization_id"]):
        return {"success": True}
    return {"success": False, "msg": toolkit._("Only the editors and admins of the request's agency may answer it")}
