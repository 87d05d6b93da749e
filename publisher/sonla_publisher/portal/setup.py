"""Create and update the portal's organizations and theme groups from the code lists.

Organizations are the agencies (``codelists/agencies.csv``) and the communes and wards
(``codelists/communes.csv``); groups are the themes (``codelists/themes.csv``). From each
row only ``slug`` (the CKAN name), ``name`` (the Vietnamese title) and, when present,
``name_en``, ``kind`` and ``code`` (fields ``title_en``, ``kind``, ``code``) are used.
Existing ones are read in bulk once; only those that differ are written.

Where the portal has a ckanext-scheming schema for organizations (or groups), as the Sơn La
portal has, these fields are schema fields: the API takes and returns them top-level (scheming
still stores them as extras). On a plain CKAN they are sent as ``extras``. Which one is asked
once per run (``scheming_organization_schema_show``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ckanapi import CKANAPIError, NotFound, RemoteCKAN

from sonla_publisher.portal.client import http_failure, portal_errors
from sonla_publisher.specs.spec import load_codelist

ORGANIZATION_CODELISTS = ("agencies.csv", "communes.csv")
GROUP_CODELISTS = ("themes.csv",)
# code list column -> field (schema field or extra) on the organization or group
EXTRA_COLUMNS = {"name_en": "title_en", "kind": "kind", "code": "code"}
MANAGED_FIELDS = tuple(EXTRA_COLUMNS.values())
PAGE_SIZE = 1000


@dataclass(frozen=True)
class Entry:
    """An organization or group: its CKAN name, title and extras."""

    name: str
    title: str
    extras: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    create: list[Entry]
    update: list[Entry]  # with the extras to write (existing ones merged in)
    unchanged: list[Entry]


def entries_from_codelists(codelists_dir: Path, files: tuple[str, ...]) -> list[Entry]:
    """Entries from the code lists, in file order; a slug seen twice keeps its first row."""
    entries: dict[str, Entry] = {}
    for file_name in files:
        for row in load_codelist(codelists_dir / file_name):
            slug = row.get("slug", "")
            if not slug or slug in entries:
                continue
            extras = {
                extra: row[column] for column, extra in EXTRA_COLUMNS.items() if row.get(column)
            }
            entries[slug] = Entry(name=slug, title=row.get("name") or slug, extras=extras)
    return list(entries.values())


def entry_from_portal(group: dict[str, Any]) -> Entry:
    """An organization or group as the portal returns it: managed fields top-level or in extras."""
    extras = {
        str(item.get("key")): str(item.get("value") or "")
        for item in group.get("extras") or []
        if item.get("key")
    }
    extras.update({key: str(group[key]) for key in MANAGED_FIELDS if group.get(key)})
    return Entry(name=group["name"], title=group.get("title") or "", extras=extras)


def plan_changes(wanted: list[Entry], existing: dict[str, Entry]) -> Plan:
    """Which entries to create, update (title or managed extras differ) or leave alone."""
    plan = Plan(create=[], update=[], unchanged=[])
    for entry in wanted:
        current = existing.get(entry.name)
        if current is None:
            plan.create.append(entry)
        elif current.title != entry.title or any(
            current.extras.get(key) != value for key, value in entry.extras.items()
        ):
            plan.update.append(Entry(entry.name, entry.title, {**current.extras, **entry.extras}))
        else:
            plan.unchanged.append(entry)
    return plan


def list_all(ckan: RemoteCKAN, action: str) -> list[dict[str, Any]]:
    """Every organization or group with its fields, page by page.

    CKAN caps ``all_fields`` listings (``ckan.group_and_organization_list_all_fields_max``,
    25 by default) whatever ``limit`` asks, so keep asking until a page brings nothing new.
    """
    found: dict[str, dict[str, Any]] = {}
    while True:
        page = ckan.call_action(
            action,
            {
                "all_fields": True,
                "include_extras": True,
                "limit": PAGE_SIZE,
                "offset": len(found),
                "sort": "name asc",
            },
        )
        new = [group for group in page if group["name"] not in found]
        if not new:
            return list(found.values())
        found.update((group["name"], group) for group in new)


def schema_fields(ckan: RemoteCKAN, *, organizations: bool) -> frozenset[str]:
    """Field names of the portal's scheming schema for organizations (or groups), if any."""
    kind = "organization" if organizations else "group"
    with portal_errors(ckan.address):
        try:
            schema = ckan.call_action(f"scheming_{kind}_schema_show", {"type": kind})
        except NotFound:  # scheming is there, with no schema for this type
            return frozenset()
        except CKANAPIError as error:
            failure = http_failure(error)
            if failure is None or failure[1] != 400:
                raise
            return frozenset()  # "Action name not known": no ckanext-scheming for this type
    return frozenset(str(field.get("field_name")) for field in schema.get("fields") or [])


def payload(entry: Entry, top_level: frozenset[str]) -> dict[str, Any]:
    """The fields to send: schema fields top-level, anything else as ``extras``."""
    data: dict[str, Any] = {"title": entry.title}
    data.update({key: value for key, value in entry.extras.items() if key in top_level})
    extras = {key: value for key, value in entry.extras.items() if key not in top_level}
    if extras:
        data["extras"] = [{"key": key, "value": value} for key, value in sorted(extras.items())]
    return data


def apply_plan(
    ckan: RemoteCKAN, plan: Plan, *, organizations: bool, top_level: frozenset[str] = frozenset()
) -> None:
    kind = "organization" if organizations else "group"
    for entry in plan.create:
        with portal_errors(ckan.address, item=entry.name):
            ckan.call_action(f"{kind}_create", {"name": entry.name, **payload(entry, top_level)})
    for entry in plan.update:
        with portal_errors(ckan.address, item=entry.name):
            ckan.call_action(f"{kind}_patch", {"id": entry.name, **payload(entry, top_level)})


def set_up(ckan: RemoteCKAN, codelists_dir: Path, *, organizations: bool) -> Plan:
    """Bring the portal's organizations (or groups) in line with the code lists."""
    wanted = entries_from_codelists(
        codelists_dir, ORGANIZATION_CODELISTS if organizations else GROUP_CODELISTS
    )
    with portal_errors(ckan.address):
        current = list_all(ckan, "organization_list" if organizations else "group_list")
    plan = plan_changes(wanted, {group["name"]: entry_from_portal(group) for group in current})
    if plan.create or plan.update:
        top_level = schema_fields(ckan, organizations=organizations)
        apply_plan(ckan, plan, organizations=organizations, top_level=top_level)
    return plan
