"""Check, before the first write, what a publication needs that the portal would refuse late.

Both ways of publishing start with the write that checks the organization right
(``package_create``/``package_update``, or ``sonla_dataset_publish`` which checks everything
first). A dataset's themes (CKAN groups) come from the approved catalogue: the Sơn La portal
sets them itself for an organization's editor (``sonla_dataset_publish``, and
``sonla_dataset_set_themes`` for the step-by-step way), once it knows them as theme groups. So:

- on a portal that sets the themes, a theme it does not have is refused here, naming the
  theme and telling to run ``portal setup`` (the step-by-step way would otherwise write the
  dataset before the themes are refused);
- on another CKAN, adding a dataset to a group needs the right to manage that group, which
  CKAN checks last and reports as a refusal of the whole write; asking once per run which
  groups the token may manage (``group_list_authz``, the rule CKAN applies) names the theme
  and the real cause instead, and nothing is sent.
"""

from __future__ import annotations

import threading
from typing import Any

from ckanapi import RemoteCKAN

from sonla_publisher.errors import PortalError
from sonla_publisher.portal.client import portal_offers_action

SET_THEMES = "sonla_dataset_set_themes"

_allowed: dict[tuple[str, str], frozenset[str]] = {}
_themes: dict[str, frozenset[str]] = {}
_lock = threading.Lock()


def _names(groups: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(
        value for group in groups or [] for value in (group.get("name"), group.get("id")) if value
    )


def _manageable_groups(ckan: RemoteCKAN) -> frozenset[str]:
    """Names and ids of the groups the token may add datasets to (asked once per run)."""
    key = (ckan.address, str(ckan.apikey or ""))
    with _lock:
        if key not in _allowed:
            _allowed[key] = _names(ckan.action.group_list_authz())
        return _allowed[key]


def _theme_groups(ckan: RemoteCKAN) -> frozenset[str]:
    """Names of the portal's groups (asked once per run); on the Sơn La portal, its themes."""
    with _lock:
        if ckan.address not in _themes:
            _themes[ckan.address] = frozenset(ckan.action.group_list())
        return _themes[ckan.address]


def portal_sets_themes(ckan: RemoteCKAN) -> bool:
    """Whether the portal sets a dataset's catalogue themes itself (asked once per run)."""
    return portal_offers_action(ckan, SET_THEMES)


def themes_of(package: dict[str, Any] | None) -> frozenset[str]:
    """Names of the themes in a dataset dict (the spec's, or the portal's copy)."""
    return frozenset(
        str(group["name"]) for group in (package or {}).get("groups") or [] if group.get("name")
    )


def check_themes(
    ckan: RemoteCKAN, dataset: str, package: dict[str, Any], existing: dict[str, Any] | None
) -> None:
    """Refuse when ``package`` adds the dataset to a theme the portal will not let it have.

    Themes the dataset already has need no check (CKAN checks only those added). When the
    token lacks the organization's right as well, that is the error.
    """
    current = _names((existing or {}).get("groups"))
    added = [g["name"] for g in package.get("groups") or [] if g.get("name") not in current]
    if not added:
        return
    if portal_sets_themes(ckan):
        missing = sorted(set(added) - _theme_groups(ckan))
        if missing:
            raise PortalError("portal.theme_missing", dataset=dataset, themes=", ".join(missing))
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
