"""Pages of data requests and problem reports: list with facets, form, request page, confirmation
link, and the "Báo lỗi dữ liệu" form of a dataset.

Every page reads and writes through the ``sonla_request_*`` actions, so the rights and bounds are
the API's. POST forms carry CKAN's CSRF token; bad input gets the form back with a 400 and the
reason in Vietnamese. None of these pages is in the anonymous cache (``cache/requests.py`` lists
what is), and every write bumps the cache's generation for the dataset pages that list reports.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import Blueprint, request

from .. import form_pages
from ..compat import model
from ..public_forms import antispam, web
from . import rules
from .actions import UNKNOWN_AGENCY_PARAM

_ = toolkit._
sonla_requests = Blueprint("sonla_requests", __name__)

FORM_FIELDS = ("title", "description", "organization", "email", "location", antispam.HONEYPOT,
               antispam.FORM_TOKEN)


def _form_data() -> dict[str, str]:
    return {name: request.form.get(name, "") for name in FORM_FIELDS}


def _agencies() -> list[dict[str, Any]]:
    return list(toolkit.get_action("organization_list")({"user": ""}, {"all_fields": True}))


def index() -> str:
    params = {key: request.args.get(key) for key in ("kind", "status", "organization", "page")
              if request.args.get(key)}
    try:
        found = toolkit.get_action("sonla_request_list")(form_pages.context(), dict(params))
    except toolkit.ValidationError as error:
        toolkit.abort(400, "; ".join(m for messages in form_pages.errors(error).values() for m in messages))
        raise AssertionError("unreachable: abort raises") from error
    pages = max(1, -(-found["count"] // rules.PAGE_SIZE))
    return toolkit.render("sonla/requests/index.html", {
        "found": found, "params": params, "pages": pages, "unknown": UNKNOWN_AGENCY_PARAM,
        "status_label": rules.status_label, "kind_label": rules.kind_label, "statuses": rules.STATUSES})


def _new_form(data: dict[str, str], errors: dict[str, list[str]], status: int = 200) -> Any:
    html = toolkit.render("sonla/requests/new.html", {
        "data": data, "errors": errors, "agencies": _agencies(), "form_token": antispam.form_token(),
        "honeypot": antispam.HONEYPOT, "unknown": UNKNOWN_AGENCY_PARAM, "limits": _limits()})
    return html, status


def _limits() -> dict[str, int]:
    return {"title": rules.TITLE_MAX, "description": rules.DESCRIPTION_MAX, "location": rules.LOCATION_MAX,
            "reason": rules.REASON_MAX, "comment": rules.COMMENT_MAX, "email": rules.EMAIL_MAX}


def _submitted(answer: dict[str, Any]) -> Any:
    if answer["confirmed"]:
        toolkit.h.flash_success(_("Your request was sent to the agency."))
        return toolkit.redirect_to("sonla_requests.read", request_id=answer["id"])
    if answer["confirmation_sent"]:
        toolkit.h.flash_success(_("Almost done: open the link we e-mailed to you to confirm the request."))
    else:
        toolkit.h.flash_error(_("The confirmation e-mail could not be sent: try again later."))
    return toolkit.redirect_to("sonla_requests.index")


def new() -> Any:
    if request.method == "GET":
        return _new_form({"organization": request.args.get("organization", "")}, {})
    form_pages.check_csrf()
    data = _form_data()
    try:
        answer = toolkit.get_action("sonla_request_create")(form_pages.context(), {**data, "kind": rules.REQUEST})
    except toolkit.ValidationError as error:
        return _new_form(data, form_pages.errors(error), 400)
    return _submitted(answer)


def _dataset(name: str) -> dict[str, Any]:
    try:
        return dict(toolkit.get_action("package_show")(form_pages.context(), {"id": name}))
    except (toolkit.ObjectNotFound, toolkit.NotAuthorized):
        toolkit.abort(404, _("Dataset not found"))
        raise AssertionError("unreachable: abort raises") from None


def _problem_form(pkg: dict[str, Any], data: dict[str, str], errors: dict[str, list[str]],
                  status: int = 200) -> Any:
    html = toolkit.render("sonla/requests/problem.html", {
        "pkg": pkg, "data": data, "errors": errors, "form_token": antispam.form_token(),
        "honeypot": antispam.HONEYPOT, "limits": _limits()})
    return html, status


def problem(name: str) -> Any:
    pkg = _dataset(name)
    if request.method == "GET":
        return _problem_form(pkg, {}, {})
    form_pages.check_csrf()
    data = _form_data()
    try:
        answer = toolkit.get_action("sonla_request_create")(
            form_pages.context(), {**data, "kind": rules.PROBLEM, "dataset": pkg["id"]})
    except toolkit.ValidationError as error:
        return _problem_form(pkg, data, form_pages.errors(error), 400)
    return _submitted(answer)


def read(request_id: str, errors: dict[str, list[str]] | None = None, status: int = 200) -> Any:
    try:
        shown = toolkit.get_action("sonla_request_show")(form_pages.context(), {"id": request_id})
    except toolkit.ObjectNotFound:
        toolkit.abort(404, _("Request not found"))
        raise AssertionError("unreachable: abort raises") from None
    html = toolkit.render("sonla/requests/read.html", {
        "req": shown, "errors": errors or {}, "status_label": rules.status_label, "kind_label": rules.kind_label,
        "statuses": rules.STATUSES, "agencies": _agencies() if _is_sysadmin() else [],
        "unknown": UNKNOWN_AGENCY_PARAM, "limits": _limits(), "form": dict(request.form)})
    return html, status


def _is_sysadmin() -> bool:
    return bool(getattr(toolkit.current_user, "sysadmin", False))


def update(request_id: str) -> Any:
    form_pages.check_csrf()
    data = {key: request.form.get(key, "") for key in ("status", "reason", "dataset")}
    if _is_sysadmin() and "organization" in request.form:
        data["organization"] = request.form["organization"]
    try:
        answer = toolkit.get_action("sonla_request_update")(form_pages.context(), {"id": request_id, **data})
    except toolkit.NotAuthorized:
        toolkit.abort(403, _("Only the editors and admins of the request's agency may answer it"))
    except toolkit.ObjectNotFound:
        toolkit.abort(404, _("Request not found"))
    except toolkit.ValidationError as error:
        return read(request_id, form_pages.errors(error), 400)
    if answer["mail"]["failed"]:
        toolkit.h.flash_error(_("Saved, but %(count)s e-mails could not be sent") % {"count": answer["mail"]["failed"]})
    else:
        toolkit.h.flash_success(_("Saved: %(status)s") % {"status": rules.status_label(answer["status"])})
    return toolkit.redirect_to("sonla_requests.read", request_id=request_id)


def comment(request_id: str) -> Any:
    form_pages.check_csrf()
    if not form_pages.user_name():
        toolkit.abort(403, _("Log in to comment"))
    try:
        toolkit.get_action("sonla_request_comment")(form_pages.context(), {"id": request_id,
                                                                 "text": request.form.get("text", "")})
    except toolkit.ObjectNotFound:
        toolkit.abort(404, _("Request not found"))
    except toolkit.ValidationError as error:
        return read(request_id, form_pages.errors(error), 400)
    return toolkit.redirect_to("sonla_requests.read", request_id=request_id)


def confirm(token: str) -> Any:
    if request.method == "GET":
        web.check_link(antispam.confirmed_id, token)
        return web.link_page(_("Confirm your data request"),
                             _("Press the button to confirm the request: it then becomes public and is sent "
                               "to the agency."), _("Confirm the request"))
    try:
        answer = toolkit.get_action("sonla_request_confirm")({"user": ""}, {"token": token})
    except toolkit.ValidationError as error:
        toolkit.abort(400, "; ".join(m for messages in form_pages.errors(error).values() for m in messages))
        raise AssertionError("unreachable: abort raises") from error
    except toolkit.ObjectNotFound:
        toolkit.abort(404, _("This request was deleted unconfirmed: send it again"))
        raise AssertionError("unreachable: abort raises") from None
    toolkit.h.flash_success(_("Thank you: your request is confirmed and was sent to the agency."))
    return toolkit.redirect_to("sonla_requests.read", request_id=answer["id"])


def open_problem_reports(package_id: str) -> list[dict[str, Any]]:
    """The dataset page's list (helper ``sonla_open_problem_reports``): its open reports, newest first."""
    if not package_id or model.Package.get(package_id) is None:
        return []
    try:  # as the visitor: a private dataset's reports reach only those who answer for its agency
        found = toolkit.get_action("sonla_request_list")(form_pages.context(), {
            "dataset": package_id, "kind": rules.PROBLEM, "open": "true"})
    except toolkit.ValidationError:
        return []
    return list(found["results"])


sonla_requests.add_url_rule("/yeu-cau-du-lieu", view_func=index, endpoint="index")
sonla_requests.add_url_rule("/yeu-cau-du-lieu/moi", view_func=new, endpoint="new", methods=["GET", "POST"])
sonla_requests.add_url_rule("/yeu-cau-du-lieu/xac-nhan/<token>", view_func=confirm, endpoint="confirm",
                            methods=["GET", "POST"])
sonla_requests.add_url_rule("/yeu-cau-du-lieu/<request_id>", view_func=read, endpoint="read")
sonla_requests.add_url_rule("/yeu-cau-du-lieu/<request_id>/trang-thai", view_func=update, endpoint="update",
                            methods=["POST"])
sonla_requests.add_url_rule("/yeu-cau-du-lieu/<request_id>/binh-luan", view_func=comment, endpoint="comment",
                            methods=["POST"])
sonla_requests.add_url_rule("/bao-loi-du-lieu/<name>", view_func=problem, endpoint="problem",
                            methods=["GET", "POST"])

__all__ = ["sonla_requests"]
