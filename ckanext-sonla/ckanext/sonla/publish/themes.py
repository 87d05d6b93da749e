"""A dataset's themes (CKAN groups), set from the approved catalogue by the publish actions.

CKAN lets a user add a dataset to a group only when they are a member of that group, and
silently keeps or drops memberships the user may not "read". The themes of a catalogue dataset
are not the editor's choice: they come from the approved catalogue (``codelists/themes.csv``,
made into groups by ``sonla-publish portal setup``; only sysadmins create groups on this portal,
``ckan.auth.user_create_groups = false``). So ``sonla_dataset_publish`` and
``sonla_dataset_set_themes`` authorise the caller on the dataset's organization, accept only
theme groups (active groups, not organizations), and write the memberships themselves with an
elevated context used for nothing else.
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla import compat
from ckanext.sonla.compat import model

_ = toolkit._


def take(package: dict[str, Any]) -> list[str] | None:
    """Remove ``groups`` from a dataset dict; the names or ids it gives, or None without it.

    Without ``groups`` the dataset keeps its themes (the request patches the dataset).
    """
    if "groups" not in package:
        return None
    groups = package.pop("groups")
    return _refs([] if groups is None else groups, "groups")


def _refs(groups: Any, field: str) -> list[str]:
    if not isinstance(groups, list):
        raise toolkit.ValidationError({field: [_("Must be a list of themes")]})
    refs = []
    for group in groups:
        ref = (group.get("name") or group.get("id")) if isinstance(group, dict) else group
        if not isinstance(ref, str) or not ref:
            raise toolkit.ValidationError({field: [_("Each theme needs a name")]})
        refs.append(ref)
    return refs


def check(refs: list[str], field: str = "groups") -> list[Any]:
    """The theme groups named by ``refs``, or a ValidationError naming those that are not themes.

    A theme is an active group of the portal; an organization or a name the portal does not
    know is refused, so the elevated write can only ever add a dataset to a catalogue theme.
    """
    found = []
    unknown = []
    for ref in refs:
        group = model.Group.get(ref)
        if group is None or group.state != "active" or group.is_organization:
            unknown.append(ref)
        elif group not in found:
            found.append(group)
    if unknown:
        raise toolkit.ValidationError({field: [
            _("Not a theme of the portal's catalogue: {themes}. Themes are the groups made from "
              "codelists/themes.csv (sonla-publish portal setup).").format(themes=", ".join(unknown))]})
    return found


def current(package_id: str) -> set[str]:
    """Names of the theme groups the dataset is in."""
    package = model.Package.get(package_id)
    return {group.name for group in package.get_groups("group")} if package is not None else set()


def save(context: dict[str, Any], package_id: str, groups: list[Any]) -> bool:
    """Make ``groups`` (from :func:`check`) the dataset's themes, in the caller's transaction.

    The dataset leaves the groups not in ``groups``. The caller must have authorised the write on the
    dataset's organization: the context given to CKAN here skips the group rights, and only
    for these memberships. Returns whether anything changed; a change moves the dataset's
    ``metadata_modified``, as CKAN does for any change to a dataset.
    """
    package = model.Package.get(package_id)
    if package is None:
        raise toolkit.ObjectNotFound(_("Dataset not found"))
    wanted = {group.name for group in groups}
    if current(package.id) == wanted:
        return False
    elevated = {"model": model, "session": model.Session, "user": context.get("user", ""), "ignore_auth": True}
    compat.package_membership_list_save([{"id": group.id} for group in groups], package, elevated)
    package.metadata_modified = datetime.datetime.utcnow()
    # CKAN's session does not flush on its own (autoflush off): what reads the dataset next
    # (package_show for the index, in this transaction) must see the memberships.
    model.Session.flush()
    return True


def set_themes(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """``sonla_dataset_set_themes`` once its auth function has passed: save, index, commit."""
    package = model.Package.get(str(data_dict.get("id") or ""))
    if package is None:
        raise toolkit.ObjectNotFound(_("Dataset not found"))
    if "themes" not in data_dict:
        raise toolkit.ValidationError({"themes": [_("Missing value")]})
    groups = check(_refs(data_dict["themes"], "themes"), "themes")
    try:
        changed = save(context, package.id, groups)
        if changed:
            both = compat.package_show_default_and_custom_schemas(compat.fresh_context(context), package.id)
            compat.index_update_package_dicts(both)
            model.repo.commit()
    except BaseException:
        model.Session.rollback()
        raise
    return {"id": package.id, "name": package.name, "themes": sorted(group.name for group in groups),
            "changed": changed}
