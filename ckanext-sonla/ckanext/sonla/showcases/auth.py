"""Auth functions of the showcase actions: reading is public, submitting needs an account,
moderating and editing are the sysadmins' (CKAN lets sysadmins through before these run)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit

__all__ = ["sonla_showcase_approve", "sonla_showcase_create", "sonla_showcase_delete", "sonla_showcase_list",
           "sonla_showcase_show", "sonla_showcase_update"]


def _sysadmins_only() -> dict[str, Any]:
    return {"success": False, "msg": toolkit._("Only sysadmins may manage showcases")}


def sonla_showcase_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Signed-in users (CKAN refuses anonymous callers of functions without the decorator); the
    # action bounds them with a rate limit and a sysadmin's review.
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_showcase_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # The action shows approved showcases only, except to sysadmins and the submitter.
    return {"success": True}


@toolkit.auth_allow_anonymous_access
def sonla_showcase_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    return {"success": True}


def sonla_showcase_update(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return _sysadmins_only()


def sonla_showcase_approve(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return _sysadmins_only()


def sonla_showcase_delete(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return _sysadmins_only()
