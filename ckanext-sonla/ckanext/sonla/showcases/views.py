"""Pages of showcases ("Ứng dụng"): the list, a showcase's page, the submission form, and the
sysadmins' review, edit and delete.

Every page reads and writes through the ``sonla_showcase_*`` actions, so the rights and bounds are
the API's. POST forms carry CKAN's CSRF token (checked as the data requests' forms do); bad input
gets the form back with a 400 and the reason in Vietnamese. None of these pages is in the anonymous
cache; the actions bump its generation for the dataset pages that list showcases.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import Blueprint, request

from .. import form_pages
from ..public_forms import antispam
from . import rules
from .actions import UPDATABLE

_ = toolkit._
sonla_showcases = Blueprint("sonla_showcases", __name__)

FORM_FIELDS = ("title", "kind", "url", "author", "description", "datasets", antispam.HONEYPOT)


def _is_sysadmin() -> bool:
    return bool(getattr(toolkit.current_user, "sysadmin", False))


def _abort(status: int, message: str) -> None:
    toolkit.abort(status, message)
    raise AssertionError("unreachable: abort raises")


def _limits() -> dict[str, int]:
    return {"title": rules.TITLE_MAX, "description": rules.DESCRIPTION_MAX, "url": rules.URL_MAX,
            "author": rules.AUTHOR_MAX, "reason": rules.REASON_MAX, "datasets": rules.MAX_DATASETS}


def _labels() -> dict[str, Any]:
    return {"kind_label": rules.kind_label, "status_label": rules.status_label, "kinds": rules.KINDS}


def index() -> str:
    params = {key: request.args.get(key) for key in ("kind", "status", "dataset", "page") if request.args.get(key)}
    try:
        found = toolkit.get_action("sonla_showcase_list")(form_pages.context(), dict(params))
    except toolkit.NotAuthorized:
        _abort(403, _("Only sysadmins may see showcases awaiting review"))
        raise
    except toolkit.ValidationError as error:
        _abort(400, "; ".join(m for messages in form_pages.errors(error).values() for m in messages))
        raise
    pages = max(1, -(-found["count"] // rules.PAGE_SIZE))
    return toolkit.render("sonla/showcases/index.html", {
        "found": found, "params": params, "pages": pages, "is_sysadmin": _is_sysadmin(), **_labels()})


def _form(data: dict[str, Any], errors: dict[str, list[str]], showcase: dict[str, Any] | None = None,
          status: int = 200) -> Any:
    html = toolkit.render("sonla/showcases/new.html", {
        "data": data, "errors": errors, "showcase": showcase, "honeypot": antispam.HONEYPOT,
        "limits": _limits(), "is_sysadmin": _is_sysadmin(), **_labels()})
    return html, status


def _form_data() -> dict[str, str]:
    return {name: request.form.get(name, "") for name in FORM_FIELDS}


def new() -> Any:
    if not form_pages.user_name():
        return toolkit.redirect_to("user.login", came_from=toolkit.url_for("sonla_showcases.new"))
    if request.method == "GET":
        return _form({"datasets": request.args.get("dataset", ""), "kind": rules.APP}, {})
    form_pages.check_csrf()
    data = _form_data()
    try:
        created = toolkit.get_action("sonla_showcase_create")(form_pages.context(), dict(data))
    except toolkit.ValidationError as error:
        return _form(data, form_pages.errors(error), status=400)
    if created["status"] == rules.APPROVED:
        toolkit.h.flash_success(_("The showcase is published."))
    else:
        toolkit.h.flash_success(_("Thank you: the showcase is shown once a sysadmin has reviewed it."))
    return toolkit.redirect_to("sonla_showcases.read", showcase_id=created["id"])


def _show(showcase_id: str) -> dict[str, Any]:
    try:
        return dict(toolkit.get_action("sonla_showcase_show")(form_pages.context(), {"id": showcase_id}))
    except toolkit.ObjectNotFound:
        _abort(404, _("Showcase not found"))
        raise


def read(showcase_id: str, errors: dict[str, list[str]] | None = None, status: int = 200) -> Any:
    showcase = _show(showcase_id)
    html = toolkit.render("sonla/showcases/read.html", {
        "showcase": showcase, "errors": errors or {}, "is_sysadmin": _is_sysadmin(), "limits": _limits(),
        "statuses": rules.STATUSES, "form": dict(request.form), **_labels()})
    return html, status


def _sysadmin_action(name: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """Run a sysadmin's action; None with its errors raised as ValidationError to the caller."""
    try:
        return dict(toolkit.get_action(name)(form_pages.context(), data))
    except toolkit.NotAuthorized:
        _abort(403, _("Only sysadmins may manage showcases"))
    except toolkit.ObjectNotFound:
        _abort(404, _("Showcase not found"))
    return None


def review(showcase_id: str) -> Any:
    form_pages.check_csrf()
    data = {"id": showcase_id, "status": request.form.get("status", ""), "reason": request.form.get("reason", "")}
    try:
        answer = _sysadmin_action("sonla_showcase_approve", data)
    except toolkit.ValidationError as error:
        return read(showcase_id, form_pages.errors(error), 400)
    assert answer is not None
    if answer["mail"]["failed"]:
        toolkit.h.flash_error(_("Saved, but %(count)s e-mails could not be sent") % {"count": answer["mail"]["failed"]})
    else:
        toolkit.h.flash_success(_("Saved: %(status)s") % {"status": rules.status_label(answer["status"])})
    return toolkit.redirect_to("sonla_showcases.read", showcase_id=showcase_id)


def edit(showcase_id: str) -> Any:
    if not _is_sysadmin():
        _abort(403, _("Only sysadmins may manage showcases"))
    showcase = _show(showcase_id)
    if request.method == "GET":
        data = {**showcase, "datasets": " ".join(d["name"] for d in showcase["datasets"])}
        return _form(data, {}, showcase)
    form_pages.check_csrf()
    data = _form_data()
    try:
        _sysadmin_action("sonla_showcase_update",
                         {**{key: data[key] for key in UPDATABLE if key in data}, "id": showcase_id})
    except toolkit.ValidationError as error:
        return _form(data, form_pages.errors(error), showcase, 400)
    toolkit.h.flash_success(_("The showcase is saved."))
    return toolkit.redirect_to("sonla_showcases.read", showcase_id=showcase_id)


def delete(showcase_id: str) -> Any:
    form_pages.check_csrf()
    _sysadmin_action("sonla_showcase_delete", {"id": showcase_id})
    toolkit.h.flash_success(_("The showcase is deleted."))
    return toolkit.redirect_to("sonla_showcases.index")


def dataset_showcases(package_id: str) -> dict[str, Any]:
    """The dataset page's list (helper ``sonla_dataset_showcases``): the first page of the approved
    showcases using it (``results``) and how many there are (``count``)."""
    empty: dict[str, Any] = {"results": [], "count": 0}
    if not package_id:
        return empty
    try:
        return dict(toolkit.get_action("sonla_showcase_list")({"user": ""}, {"dataset": package_id}))
    except toolkit.ValidationError:  # a private or deleted dataset: no public showcase links it
        return empty


sonla_showcases.add_url_rule("/ung-dung", view_func=index, endpoint="index")
sonla_showcases.add_url_rule("/ung-dung/moi", view_func=new, endpoint="new", methods=["GET", "POST"])
sonla_showcases.add_url_rule("/ung-dung/<showcase_id>", view_func=read, endpoint="read")
sonla_showcases.add_url_rule("/ung-dung/<showcase_id>/duyet", view_func=review, endpoint="review",
                             methods=["POST"])
sonla_showcases.add_url_rule("/ung-dung/<showcase_id>/sua", view_func=edit, endpoint="edit",
                             methods=["GET", "POST"])
sonla_showcases.add_url_rule("/ung-dung/<showcase_id>/xoa", view_func=delete, endpoint="delete",
                             methods=["POST"])

__all__ = ["sonla_showcases"]
