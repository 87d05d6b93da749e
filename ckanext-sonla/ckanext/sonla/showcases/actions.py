"""The API of showcases (``sonla_showcase_*``), documented in docs/developers.md.

Anyone signed in may submit; a sysadmin's showcase is public at once, anyone else's waits for a
sysadmin's approval. Only approved showcases are shown to others. Every write bumps the anonymous
cache's generation: dataset pages list the approved showcases that use them.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import authz, model

from ..cache import install as cache
from ..public_forms import antispam
from ..requests import access
from . import mail, rules, store

UPDATABLE = ("title", "kind", "url", "author", "description", "datasets")
__all__ = ["sonla_showcase_approve", "sonla_showcase_create", "sonla_showcase_delete", "sonla_showcase_list",
           "sonla_showcase_show", "sonla_showcase_update"]


def _caller(context: dict[str, Any]) -> str:
    return str(context.get("user") or "")


def _is_sysadmin(context: dict[str, Any]) -> bool:
    name = _caller(context)
    return bool(name) and bool(authz.is_sysadmin(name))


def _public_datasets(names: list[str], field: str = "datasets") -> list[str]:
    """The ids of active public datasets; one message for a name that is missing, private or deleted,
    so that nobody learns which private names exist."""
    ids: list[str] = []
    missing: list[str] = []
    for name in names:
        package = model.Package.get(name)
        if package is None or package.state != "active" or package.private:
            missing.append(name)
        elif str(package.id) not in ids:
            ids.append(str(package.id))
    if missing:
        raise toolkit.ValidationError({field: [toolkit._("No public dataset with this name: %(name)s")
                                               % {"name": ", ".join(missing)}]})
    return ids


def _fields(data_dict: dict[str, Any], errors: rules.Errors, *,
            datasets: bool = True) -> tuple[dict[str, Any], list[str] | None]:
    fields = {
        "title": errors.check(rules.line, data_dict, "title", rules.TITLE_MAX, required=True),
        "kind": errors.check(rules.kind, data_dict),
        "url": errors.check(rules.url, data_dict),
        "author": errors.check(rules.line, data_dict, "author", rules.AUTHOR_MAX, required=False),
        "description": errors.check(rules.text, data_dict, "description", rules.DESCRIPTION_MAX, required=True),
    }
    if not datasets:
        return fields, None
    names = errors.check(rules.dataset_names, data_dict)
    package_ids = errors.check(_public_datasets, names) if names else None
    return fields, package_ids


def _visible(context: dict[str, Any], showcase_id: Any) -> dict[str, Any]:
    """An approved showcase; a pending or rejected one only to sysadmins and its submitter."""
    row = store.get(str(showcase_id or ""))
    if row is not None and row["status"] != rules.APPROVED and not _moderates_or_sent(context, row):
        row = None
    if row is None:
        raise toolkit.ObjectNotFound(toolkit._("Showcase not found"))
    return row


def _moderates_or_sent(context: dict[str, Any], row: dict[str, Any]) -> bool:
    if _is_sysadmin(context):
        return True
    user = model.User.by_name(_caller(context)) if _caller(context) else None
    return user is not None and user.id == row["user_id"]


def _shown(context: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The submitter's account and the moderators' reason only to sysadmins and the submitter
    (accounts are not public: ``ckan.auth.public_user_details``)."""
    shown = {**store.public(row), "datasets": store.datasets(row["id"])}
    if not _moderates_or_sent(context, row):
        shown.pop("user_name", None)
        shown.pop("reason", None)
    return shown


def _committed(context: dict[str, Any], showcase_id: str) -> dict[str, Any]:
    model.Session.commit()
    cache.bump_generation()
    row = store.get(showcase_id)
    if row is None:  # deleted by another sysadmin meanwhile
        raise toolkit.ObjectNotFound(toolkit._("Showcase not found"))
    return _shown(context, row)


def sonla_showcase_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Submit a showcase; signed-in callers only.

    Params: ``title`` (up to 200 characters), ``kind`` (app, article, visualisation), ``url`` (http or
    https, up to 1000), ``description`` (plain text, up to 4000), ``author`` (person or organisation,
    optional, up to 200), ``datasets`` (the public datasets it uses: a list of names or ids, or one
    text with names separated by commas or spaces; 1 to 20) and an empty ``website`` (the form's
    hidden field). A sysadmin's showcase is approved at once; anyone else's is ``pending`` until a
    sysadmin approves it. At most ``ckanext.sonla.showcases.per_hour`` an hour per caller
    (sysadmins: no limit). Returns the showcase with its ``datasets``, and for a pending one
    ``mail``: how many e-mails telling the sysadmins it awaits review were ``sent`` and ``failed``.
    """
    toolkit.check_access("sonla_showcase_create", context, data_dict)
    user = model.User.by_name(_caller(context)) if _caller(context) else None
    if user is None:
        raise toolkit.NotAuthorized(toolkit._("Log in to submit a showcase"))
    if str(data_dict.get(antispam.HONEYPOT) or "").strip():
        raise toolkit.ValidationError({antispam.HONEYPOT: [toolkit._("This field must stay empty")]})
    errors = rules.Errors()
    fields, package_ids = _fields(data_dict, errors)
    errors.raise_any()
    sysadmin = _is_sysadmin(context)
    if not sysadmin:
        antispam.check_rate(antispam.client(user), None, scope="showcases", limit=rules.per_hour())
    showcase_id = store.insert({**fields, "status": rules.APPROVED if sysadmin else rules.PENDING,
                                "user_id": user.id}, package_ids or [])
    shown = _committed(context, showcase_id)
    if not sysadmin:
        shown["mail"] = mail.tell_moderators(shown).as_dict()
    return shown


@toolkit.side_effect_free
def sonla_showcase_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """One showcase (``id``) with its public ``datasets``; a pending or rejected one is found only by
    sysadmins and its submitter."""
    toolkit.check_access("sonla_showcase_show", context, data_dict)
    return _shown(context, _visible(context, data_dict.get("id")))


@toolkit.side_effect_free
def sonla_showcase_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Approved showcases, newest approval first, 20 a page, with the count per ``kind``.

    Params (all optional): ``kind`` (app, article, visualisation), ``dataset`` (a dataset's name or
    id: the showcases that use it), ``status`` (pending or rejected: sysadmins only; pending ones
    oldest first, the moderation queue) and ``page`` (1-500). Returns ``count``, ``results`` (each
    with its ``datasets``), ``facets`` and ``page``.
    """
    toolkit.check_access("sonla_showcase_list", context, data_dict)
    status = rules.status(data_dict, required=False) or rules.APPROVED
    if status != rules.APPROVED and not _is_sysadmin(context):
        raise toolkit.NotAuthorized(toolkit._("Only sysadmins may see showcases awaiting review"))
    kind = rules.kind(data_dict, required=False)
    package_id = None
    if data_dict.get("dataset"):
        package_id = _public_datasets([str(data_dict["dataset"])], "dataset")[0]
    page = rules.page(data_dict)
    found = store.search(status=status, kind=kind, package_id=package_id, page=page)
    found["results"] = [_shown(context, row) for row in found["results"]]
    return {**found, "page": page}


def _own(context: dict[str, Any], data_dict: dict[str, Any], action: str) -> dict[str, Any]:
    toolkit.check_access(action, context, data_dict)
    row = store.get(str(data_dict.get("id") or ""))
    if row is None:
        raise toolkit.ObjectNotFound(toolkit._("Showcase not found"))
    return row


def sonla_showcase_update(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Change a showcase (``id``): sysadmins only. Takes the fields of ``sonla_showcase_create``;
    those not given keep their value. Returns the showcase."""
    row = _own(context, data_dict, "sonla_showcase_update")
    unknown = sorted(set(data_dict) - {"id", *UPDATABLE})
    if unknown:  # status and reason go through sonla_showcase_approve: say so rather than ignore them
        raise toolkit.ValidationError({key: [toolkit._("Not a field of this action")] for key in unknown})
    merged = {key: data_dict[key] if key in data_dict else row.get(key) for key in UPDATABLE}
    errors = rules.Errors()
    fields, package_ids = _fields(merged, errors, datasets="datasets" in data_dict)
    errors.raise_any()
    # Links to datasets made private or deleted meanwhile are kept (store.replace_datasets): they are
    # not shown, and come back if the dataset is made public again.
    store.update(row["id"], fields)
    if package_ids is not None:
        store.replace_datasets(row["id"], package_ids)
    return _committed(context, row["id"])


def sonla_showcase_approve(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Approve or reject a showcase (``id``): sysadmins only. Params: ``status`` (approved, rejected,
    or pending to take an approval back) and ``reason`` (up to 2000 characters; required to reject,
    shown to the submitter). Returns the showcase and ``mail``: whether the e-mail telling its
    submitter of the change was ``sent`` or ``failed`` (none when the status stays the same, when the
    submitter has no address or is the caller)."""
    row = _own(context, data_dict, "sonla_showcase_approve")
    status = rules.status(data_dict)
    reason = rules.text(data_dict, "reason", rules.REASON_MAX, required=status == rules.REJECTED)
    # Read again, locked: two sysadmins deciding at once are taken in turn, and the second compares with the
    # first's decision (the same decision again is no change: its submitter gets one e-mail, not two).
    locked = store.get(row["id"], for_update=True)
    if locked is None:  # deleted by another sysadmin meanwhile
        raise toolkit.ObjectNotFound(toolkit._("Showcase not found"))
    row = locked
    fields: dict[str, Any] = {"status": status, "reason": reason}
    if status != rules.APPROVED:
        fields["approved_at"] = None  # no longer published
    elif row["status"] != rules.APPROVED:
        fields["approved_at"] = store.now()  # published now; saving an approved one again keeps its date
    store.update(row["id"], fields)
    shown = _committed(context, row["id"])
    # A new decision, or a rejection's reason changed: the submitter reads it in the e-mail.
    changed = status != row["status"] or (status == rules.REJECTED and reason != row["reason"])
    told = mail.tell_submitter({**row, **fields}, access.user_id(_caller(context))) if changed else None
    shown["mail"] = told.as_dict() if told else {"sent": 0, "failed": 0}
    return shown


def sonla_showcase_delete(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, str]:
    """Delete a showcase (``id``) for good: sysadmins only."""
    row = _own(context, data_dict, "sonla_showcase_delete")
    store.delete(row["id"])
    model.Session.commit()
    cache.bump_generation()
    return {"id": row["id"]}
