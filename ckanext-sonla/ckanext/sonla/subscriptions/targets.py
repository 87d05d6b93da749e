"""What one may subscribe to: a public dataset, an active agency or an active theme."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from ..requests.mail import site_url
from .store import DATASET, GROUP, ORGANIZATION, TARGET_TYPES


@dataclass(frozen=True)
class Target:
    type: str
    id: str
    name: str
    title: str

    @property
    def url(self) -> str:
        path = {DATASET: "/dataset/", ORGANIZATION: "/organization/", GROUP: "/group/"}[self.type]
        return site_url(path + self.name)

    def label(self) -> str:
        """"Dataset: X", "Agency: X" or "Theme: X", in the current language."""
        _ = toolkit._
        if self.type == DATASET:
            return _("Dataset: %(title)s") % {"title": self.title}
        if self.type == ORGANIZATION:
            return _("Agency: %(agency)s") % {"agency": self.title}
        return _("Theme: %(title)s") % {"title": self.title}


def _invalid(field: str, message: str) -> toolkit.ValidationError:
    return toolkit.ValidationError({field: [message]})


def resolve(target_type: Any, name: Any) -> Target:
    """The target named (name or id); ValidationError if it is not one a visitor may follow."""
    if target_type not in TARGET_TYPES:
        raise _invalid("target_type", toolkit._("Must be one of: %(choices)s")
                       % {"choices": ", ".join(TARGET_TYPES)})
    value = str(name or "")[:200]
    if target_type == DATASET:
        package = model.Package.get(value) if value else None
        if package is None or package.state != "active" or package.private:
            raise _invalid("target", toolkit._("No public dataset with this name: %(name)s") % {"name": value})
        return Target(DATASET, str(package.id), str(package.name), str(package.title or package.name))
    group = model.Group.get(value) if value else None
    if (group is None or group.state != "active"
            or bool(group.is_organization) != (target_type == ORGANIZATION)):
        message = (toolkit._("No agency with this name: %(name)s") if target_type == ORGANIZATION
                   else toolkit._("No theme with this name: %(name)s"))
        raise _invalid("target", message % {"name": value})
    return Target(str(target_type), str(group.id), str(group.name), str(group.title or group.name))


def of_row(row: dict[str, Any]) -> Target | None:
    """The target of a stored subscription, or None if it is gone."""
    try:
        return resolve(row["target_type"], row["target_id"])
    except toolkit.ValidationError:
        return None


def of_dataset(package: Any) -> list[tuple[str, str]]:
    """Whom a publish of ``package`` concerns: the dataset, its agency and its themes."""
    found = [(DATASET, str(package.id))]
    if package.owner_org:
        found.append((ORGANIZATION, str(package.owner_org)))
    found += [(GROUP, str(group.id)) for group in package.get_groups("group")]
    return found
