"""Who may publish a dataset from the agency page: its organization's editors and admins, and
sysadmins (CKAN's ``update_dataset`` permission in the organization)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import authz, model


def may_publish(user_name: str, owner_org: str | None) -> bool:
    if not user_name:
        return False
    if authz.is_sysadmin(user_name):
        return True
    return bool(owner_org) and authz.has_user_permission_for_group_or_org(owner_org, user_name, "update_dataset")


def auth(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """``sonla_agency_publish``: ``id`` is the dataset's name or id."""
    package = model.Package.get(str(data_dict.get("id") or ""))
    if package is None:
        raise toolkit.ObjectNotFound(toolkit._("Dataset not found"))
    if may_publish(str(context.get("user") or ""), package.owner_org):
        return {"success": True}
    return {"success": False,
            "msg": toolkit._("Only the editors and admins of the dataset's agency may publish it")}


def organizations(user_name: str) -> list[dict[str, Any]]:
    """The organizations whose datasets the user may publish (every one for a sysadmin)."""
    if not user_name:
        return []
    return list(toolkit.get_action("organization_list_for_user")(
        {"user": user_name}, {"permission": "update_dataset"}))
