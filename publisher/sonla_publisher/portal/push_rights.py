"""Check, before the first write, the right a publication needs that the portal checks last.

Both ways of publishing start with the write that checks the organization right
(``package_create``/``package_update``, or ``sonla_dataset_publish`` which checks everything
first). Adding the dataset to a theme (a CKAN group) also needs the right to manage that
group; the portal then refuses the whole write with a message that only names the
organization. Asking once per run which groups the token may manage (``group_list_authz``,
the same rule CKAN applies) names the theme instead, and nothing is sent.
"""

from __future__ import annotations

import threading
from typing import Any

from ckanapi import RemoteCKAN

from sonla_publisher.errors import PortalError

_allowed: dict[tuple[str, str], frozenset[str]] = {}
_lock = threading.Lock()


def _manageable_groups(ckan: RemoteCKAN) -> frozenset[str]:
    """Names and ids of the groups the token may add datasets to (asked once per run)."""
    key = (ckan.address, str(ckan.apikey or ""))
    with _lock:
        if key not in _allowed:
            groups = ckan.action.group_list_authz()
            _allowed[key] = frozenset(
                value for group in groups for value in (group.get("name"), group.get("id")) if value
            )
        return _allowed[key]


def check_themes(
    ckan: RemoteCKAN, dataset: str, package: dict[str, Any], existing: dict[str, Any] | None
) -> None:
    """Refuse when ``package`` adds the dataset to a theme the token may not manage.

    Themes the dataset already has need no right (CKAN checks only those added). When the
    token lacks the organization's right as well, that is the error.
    """
    current = {
        value
        for group in (existing or {}).get("groups") or []
        for value in (group.get("name"), group.get("id"))
        if value
    }
    added = [g["name"] for g in package.get("groups") or [] if g.get("name") not in current]
    if not added:
        return
    refused = sorted(set(added) - _manageable_groups(ckan))
    if not refused:
        return
    # A token without the organization's right is told that first: it is the larger problem.
    org = str(package.get("owner_org") or "")
    permission = "create_dataset" if existing is None else "update_dataset"
    orgs = ckan.action.organization_list_for_user(permission=permission)
    if org not in {value for o in orgs for value in (o.get("name"), o.get("id"))}:
        raise PortalError("portal.not_authorized", dataset=dataset, org=org or "-")
    raise PortalError("portal.theme_not_authorized", dataset=dataset, themes=", ".join(refused))
