"""The API of data requests and problem reports (``sonla_request_*``), documented in docs/developers.md.

Writes commit before any e-mail goes out, so a mail server that is down never undoes a request or a
status change; what was sent and what failed is in the answer (``mail``).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import authz, model

from .. import clock
from ..cache import install as cache
from ..public_forms import antispam
from . import access, mail, rules, store

__all__ = ["sonla_request_comment", "sonla_request_confirm", "sonla_request_create", "sonla_request_list",
           "sonla_request_show", "sonla_request_update"]

UNKNOWN_AGENCY_PARAM = "_"  # no organization name is this short


def _organization(value: Any, field: str = "organization") -> str | None:
    """The id of an active organization given by name or id; empty means "not known"."""
    if value in (None, "", UNKNOWN_AGENCY_PARAM):
        return None
    group = model.Group.get(str(value))
    if group is None or not group.is_organization or group.state != "active":
        raise toolkit.ValidationError({field: [toolkit._("No agency with this name: %(name)s") % {"name": value}]})
    return str(group.id)


def _public_dataset(value: Any, field: str) -> Any:
    package = model.Package.get(str(value or ""))
    if package is None or package.state != "active" or package.private:
        raise toolkit.ValidationError({field: [toolkit._("No public dataset with this name: %(name)s")
                                               % {"name": value}]})
    return package


def _visible_dataset(context: dict[str, Any], name: Any) -> Any:
    """An active dataset the caller may see (a private one is "not found" to others)."""
    package = model.Package.get(str(name or ""))
    if package is not None:
        try:
            toolkit.check_access("package_show", dict(context), {"id": package.id})
        except (toolkit.NotAuthorized, toolkit.ObjectNotFound):
            package = None
    if package is None or package.state != "active":
        raise toolkit.ValidationError({"dataset": [toolkit._("No dataset with this name: %(name)s")
                                                   % {"name": name or ""}]})
    return package


def _row(request_id: Any, *, confirmed_only: bool = True) -> dict[str, Any]:
    row = store.get(str(request_id or ""))
    if row is None or (confirmed_only and not row["confirmed"]):
        raise toolkit.ObjectNotFound(toolkit._("Request not found"))
    return row


def _seen_by(context: dict[str, Any], request_id: Any) -> dict[str, Any]:
    """A confirmed request; a report on a dataset that is private or deleted now only to those who
    answer for its agency and to its sender (to others it is "not found", as the dataset is)."""
    row = _row(request_id)
    if not row["dataset_public"] and not access.may_see_hidden(_caller(context), row):
        raise toolkit.ObjectNotFound(toolkit._("Request not found"))
    return row


def _may_read(user_name: str, package_id: str | None) -> bool:
    if not package_id:
        return False
    try:
        toolkit.check_access("package_show", {"user": user_name}, {"id": package_id})
    except (toolkit.NotAuthorized, toolkit.ObjectNotFound):
        return False
    return True


def _public(user_name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The request as ``user_name`` may see it (see :func:`store.public`)."""
    return store.public(
        row,
        reads_dataset=not row["dataset_public"] and _may_read(user_name, row["package_id"]),
        reads_answer=not row["answer_dataset_public"] and _may_read(user_name, row["answer_package_id"]))


def _caller(context: dict[str, Any]) -> str:
    return str(context.get("user") or "")


def _notify_agency(row: dict[str, Any]) -> mail.Outcome:
    recipients = [(user.display_name, user.email) for user in access.managers(row["organization_id"])]
    return mail.send(recipients, mail.arrival_message(row))


def _requester(row: dict[str, Any]) -> list[tuple[str, str]]:
    if row.get("user_id"):
        user = model.User.get(row["user_id"])
        return [(user.display_name, user.email)] if user is not None and user.email else []
    return [(row["email"], row["email"])] if row.get("email") else []


def _requester_name(row: dict[str, Any]) -> str:
    user = model.User.get(row["user_id"]) if row.get("user_id") else None
    return str(user.name) if user is not None else ""


def _committed(request_id: str) -> dict[str, Any]:
    model.Session.commit()
    # Dataset pages list open problem reports, and the anonymous cache keeps dataset pages.
    cache.bump_generation()
    return _row(request_id, confirmed_only=False)


def sonla_request_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Ask for data (``kind`` "request", the default) or report a problem in a dataset ("problem").

    Params: ``title`` (request; up to 200 characters), ``description`` (up to 4000), ``organization``
    (request: the agency's name, empty if not known), ``dataset`` (problem: the dataset's name) and
    ``location`` (problem: which row or column, up to 300). Signed-in callers' requests are public at
    once and e-mailed to the agency's editors; anonymous callers also give ``email``, ``form_token``
    (from the form, at least a few seconds old) and an empty ``website``, and the request waits for
    the link e-mailed to them (``sonla_request_confirm``). At most
    ``ckanext.sonla.requests.per_hour`` an hour per caller and per e-mail address. Returns the
    request (without the e-mail address), ``confirmation_sent`` and ``mail`` (sent, failed).
    """
    toolkit.check_access("sonla_request_create", context, data_dict)
    kind = rules.kind(data_dict)
    errors = rules.Errors()
    description = errors.check(rules.text, data_dict, "description", rules.DESCRIPTION_MAX, required=True) or ""
    package_id: str | None = None
    organization_id: str | None = None
    location = ""
    title = ""
    if kind == rules.PROBLEM:
        package = _visible_dataset(context, data_dict.get("dataset"))
        package_id, organization_id = str(package.id), package.owner_org
        location = errors.check(rules.text, data_dict, "location", rules.LOCATION_MAX, required=False) or ""
        title = rules.problem_title(package.title or package.name, description)
    else:
        title = errors.check(rules.line, data_dict, "title", rules.TITLE_MAX, required=True) or ""
        organization_id = errors.check(_organization, data_dict.get("organization"))
    user = antispam.sender(context)
    email = None
    if user is None:
        email = errors.check(rules.email, data_dict)
    errors.raise_any()
    if user is None:
        antispam.check_form(data_dict)
    antispam.check_rate(antispam.client(user), email)
    today = clock.today()
    request_id = store.insert({
        "kind": kind, "title": title, "description": description, "location": location,
        "organization_id": organization_id, "package_id": package_id, "status": rules.NEW,
        "user_id": user.id if user is not None else None, "email": email, "confirmed": user is not None,
        "due_date": rules.due_date(today)})
    row = _committed(request_id)
    if user is None:
        link = mail.site_url(f"/yeu-cau-du-lieu/xac-nhan/{antispam.confirm_token(request_id)}")
        outcome = mail.send([(email or "", email or "")], mail.confirm_message(row, link))
    else:
        outcome = _notify_agency(row)
    return {**_public(_caller(context), row), "confirmation_sent": user is None and outcome.sent > 0,
            "mail": outcome.as_dict()}


def sonla_request_confirm(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Confirm an anonymous request with the ``token`` of the link e-mailed to its author.

    The request becomes public, its response date counts from today, and the agency's editors are
    e-mailed. A second confirmation changes nothing and sends nothing. Returns the request and
    ``mail``.
    """
    toolkit.check_access("sonla_request_confirm", context, data_dict)
    request_id = antispam.confirmed_id(str(data_dict.get("token") or ""))
    row = _row(request_id, confirmed_only=False)
    if row["confirmed"]:
        return {**_public(_caller(context), row), "mail": mail.Outcome().as_dict()}
    store.update(request_id, confirmed=True, due_date=rules.due_date(clock.today()))
    row = _committed(request_id)
    return {**_public(_caller(context), row), "mail": _notify_agency(row).as_dict()}


@toolkit.side_effect_free
def sonla_request_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """One request (``id``) with its ``comments``, ``overdue`` and whether the caller may answer it
    (``can_manage``)."""
    toolkit.check_access("sonla_request_show", context, data_dict)
    row = _seen_by(context, data_dict.get("id"))
    shown = _public(_caller(context), row)
    shown["comments"] = [{**c, "created_at": c["created_at"].isoformat()} for c in store.comments(row["id"])]
    shown["overdue"] = row["status"] in rules.OPEN_STATUSES and row["due_date"] < clock.today()
    shown["can_manage"] = access.may_manage(_caller(context), row["organization_id"])
    return shown


@toolkit.side_effect_free
def sonla_request_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Public requests, newest first, 20 a page, with facet counts (``status``, ``organization``).

    Params (all optional): ``kind`` (request, problem), ``status`` (new, in_progress, fulfilled,
    rejected), ``open`` (true: new and in_progress only), ``organization`` (an agency's name; ``_``:
    agency not known), ``dataset`` (a dataset's name: its problem reports), ``page`` (1-500).
    Returns ``count``, ``results``, ``facets`` and ``page``.
    """
    toolkit.check_access("sonla_request_list", context, data_dict)
    organization = data_dict.get("organization")
    organization_id = (store.UNKNOWN_AGENCY if organization == UNKNOWN_AGENCY_PARAM
                       else _organization(organization) if organization else None)
    package_id = str(_visible_dataset(context, data_dict["dataset"]).id) if data_dict.get("dataset") else None
    only_open = str(data_dict.get("open") or "").lower() in ("true", "1", "yes")
    page = rules.page(data_dict)
    user_name = _caller(context)
    found = store.search(kind=rules.optional_kind(data_dict), status=rules.optional_status(data_dict),
                         organization_id=organization_id, package_id=package_id,
                         statuses=rules.OPEN_STATUSES if only_open else (), page=page,
                         hidden_of=access.managed_agencies(user_name),
                         sent_by=access.user_id(user_name))
    found["results"] = [_public(user_name, row) for row in found["results"]]
    for entry in found["facets"]["organization"]:
        if entry["name"] == store.UNKNOWN_AGENCY:
            entry["name"] = UNKNOWN_AGENCY_PARAM
    return {**found, "page": page}


def sonla_request_update(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Answer a request (``id``): its agency's editors and admins, and sysadmins.

    Params: ``status`` (new, in_progress, fulfilled, rejected), ``reason`` (the answer, up to 2000
    characters; required for rejected), ``dataset`` (the public dataset that answers it; required
    for a fulfilled data request) and ``organization`` (sysadmins only: give the request to an
    agency, which is then e-mailed). The requester is e-mailed on every status change. Returns the
    request and ``mail``.
    """
    toolkit.check_access("sonla_request_update", context, data_dict)
    row = _row(data_dict.get("id"))
    status = rules.status(data_dict)
    reason = rules.text(data_dict, "reason", rules.REASON_MAX, required=status == rules.REJECTED)
    changes: dict[str, Any] = {"status": status, "reason": reason}
    if data_dict.get("dataset"):
        changes["answer_package_id"] = str(_public_dataset(data_dict["dataset"], "dataset").id)
    elif status == rules.FULFILLED and row["kind"] == rules.REQUEST:
        raise toolkit.ValidationError({"dataset": [toolkit._("Name the dataset that answers the request")]})
    new_agency = False
    if "organization" in data_dict and data_dict["organization"] != (row.get("organization") or ""):
        if not authz.is_sysadmin(_caller(context)):
            raise toolkit.NotAuthorized(toolkit._("Only sysadmins may give a request to another agency"))
        changes["organization_id"] = _organization(data_dict["organization"])
        new_agency = changes["organization_id"] != row["organization_id"]
    store.update(row["id"], **changes)
    updated = _committed(row["id"])
    outcome = mail.Outcome()
    if status != row["status"]:
        # Told what the requester may see: not the current name of a dataset made private since.
        mail.send(_requester(updated), mail.status_message(_public(_requester_name(updated), updated)), outcome)
    if new_agency:
        mail.send([(u.display_name, u.email) for u in access.managers(updated["organization_id"])],
                  mail.arrival_message(updated), outcome)
    return {**_public(_caller(context), updated), "mail": outcome.as_dict()}


def sonla_request_comment(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Add a comment (``text``, up to 2000 characters) to a request (``id``); signed-in users only.
    Returns the comment."""
    toolkit.check_access("sonla_request_comment", context, data_dict)
    row = _seen_by(context, data_dict.get("id"))
    text = rules.text(data_dict, "text", rules.COMMENT_MAX, required=True)
    user = antispam.sender(context)
    if user is None:
        raise toolkit.NotAuthorized(toolkit._("Log in to comment"))
    comment_id = store.add_comment(row["id"], user.id, text)
    model.Session.commit()
    return {"id": comment_id, "request_id": row["id"], "text": text, "user_name": user.name}
