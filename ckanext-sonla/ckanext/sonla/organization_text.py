"""What an organization page says about an agency, commune or ward that has no description of its own.

The code lists (dataset_specs/codelists/agencies.csv, communes.csv) give each organization its
name, English name, kind and (communes, wards) official code, which ``sonla-publish portal setup``
stores on the organization. They hold no address, phone, e-mail or website: those rows say so
plainly (``UNKNOWN``) instead of being left out or guessed.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit

CONTACT_FIELDS = ("address", "website", "contact_email", "contact_phone")


def field(organization: dict[str, Any], name: str) -> str:
    """A schema field of the organization, top-level (scheming) or in its extras (plain CKAN)."""
    if organization.get(name):
        return str(organization[name])
    for item in organization.get("extras") or []:
        if item.get("key") == name and item.get("value"):
            return str(item["value"])
    return ""


def unknown() -> str:
    return toolkit._("Not in the province's agency list yet")


def description(organization: dict[str, Any], language: str) -> str:
    """The organization's own description, else a sentence built from its code-list fields."""
    own = toolkit.h.get_translated(organization, "description") or organization.get("description")
    if own:
        return str(own)
    name = organization.get("title") or organization.get("name") or ""
    english = field(organization, "title_en")
    code = field(organization, "code")
    kind = field(organization, "kind")
    if kind in ("xa", "phuong"):
        sentence = (toolkit._("%(name)s is a commune of Sơn La province.") if kind == "xa"
                    else toolkit._("%(name)s is a ward of Sơn La province.")) % {"name": name}
        if code:
            sentence += " " + toolkit._("Administrative unit code: %(code)s.") % {"code": code}
    else:
        sentence = toolkit._("%(name)s is a provincial agency of Sơn La province.") % {"name": name}
    if english and language != "en":
        sentence += " " + toolkit._("English name: %(name)s.") % {"name": english}
    return sentence + " " + toolkit._("It publishes its open data on this portal.")
