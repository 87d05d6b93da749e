"""Who may answer a request: the editors and admins of its agency, and sysadmins (requests whose
agency is not known: sysadmins only, who may also give them an agency)."""
from __future__ import annotations

from typing import Any

from ckanext.sonla.compat import authz, model


def may_manage(user_name: str, organization_id: str | None) -> bool:
    if not user_name:
        return False
    if authz.is_sysadmin(user_name):
        return True
    return bool(organization_id) and authz.has_user_permission_for_group_or_org(
        organization_id, user_name, "update_dataset")


def managed_agencies(user_name: str) -> list[str] | None:
    """The ids of the agencies whose requests the user answers; None for a sysadmin (all of them)."""
    if not user_name:
        return []
    if authz.is_sysadmin(user_name):
        return None
    user = model.User.by_name(user_name)
    if user is None:
        return []
    rows = (model.Session.query(model.Member.group_id)
            .filter(model.Member.table_id == user.id, model.Member.table_name == "user",
                    model.Member.capacity.in_(("admin", "editor")), model.Member.state == "active"))
    return [str(group_id) for (group_id,) in rows]


def user_id(user_name: str) -> str | None:
    user = model.User.by_name(user_name) if user_name else None
    return str(user.id) if user is not None else None


def may_see_hidden(user_name: str, row: dict[str, Any]) -> bool:
    """Whether a report on a dataset that is private or deleted now is shown to the user: to those who
    answer for its agency, and to the one who sent it (a member of the agency may report on its
    private datasets, and a dataset may be made private after a citizen reported on it)."""
    if may_manage(user_name, row["organization_id"]):
        return True
    return bool(row.get("user_id")) and row["user_id"] == user_id(user_name)


def managers(organization_id: str | None) -> list[Any]:
    """Active users with an e-mail address who answer for the agency (sysadmins for an unknown one)."""
    query = model.Session.query(model.User).filter(model.User.state == "active")
    if organization_id:
        query = (query.join(model.Member, model.Member.table_id == model.User.id)
                 .filter(model.Member.group_id == organization_id, model.Member.table_name == "user",
                         model.Member.capacity.in_(("admin", "editor")), model.Member.state == "active"))
    else:
        query = query.filter(model.User.sysadmin.is_(True))
    return [user for user in query.order_by(model.User.name) if user.email]
