"""Pages of e-mail subscriptions: the form's answer, the confirmation link and the unsubscribe link.

The form itself is a snippet on the dataset, agency and theme pages (the same for everyone, so the
anonymous cache may keep the dataset page with it; the cache puts each client's own CSRF token in).
Every answer here is a page of its own, never a flash message on a cached page, so nobody is shown
a stale "check your e-mail". None of these endpoints is in the cache (``cache/requests.py``).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import Blueprint, request

from .. import form_pages
from ..public_forms import antispam, web
from ..requests import rules
from . import mail, store

_ = toolkit._
sonla_subscriptions = Blueprint("sonla_subscriptions", __name__)

FORM_FIELDS = ("email", "target_type", "target", antispam.HONEYPOT, antispam.FORM_TOKEN)


def form_state() -> dict[str, Any]:
    """What the form snippet needs (helper ``sonla_subscribe_form``)."""
    return {"form_token": antispam.form_token(), "honeypot": antispam.HONEYPOT, "email_max": rules.EMAIL_MAX}


def _form(data: dict[str, str], errors: dict[str, list[str]], status: int) -> Any:
    html = toolkit.render("sonla/subscriptions/form.html", {
        "data": data, "errors": errors, "target_type": data.get("target_type", ""),
        "target": data.get("target", "")})
    return html, status


def subscribe() -> Any:
    if request.method == "GET":
        target_type = request.args.get("target_type", "")
        target = request.args.get("target", "")
        if target_type not in store.TARGET_TYPES or not target:
            toolkit.abort(400, _("Say what to follow: a dataset, an agency or a theme"))
        return _form({"target_type": target_type, "target": target[:200]}, {}, 200)
    form_pages.check_csrf()
    data = {name: request.form.get(name, "")[:1000] for name in FORM_FIELDS}
    try:
        answer = toolkit.get_action("sonla_subscription_create")(form_pages.context(), dict(data))
    except toolkit.ValidationError as error:
        return _form(data, form_pages.errors(error), 400)
    return toolkit.render("sonla/subscriptions/done.html", {"step": "sent" if answer["confirmation_sent"]
                                                            else "not_sent"})


def _refused(error: toolkit.ValidationError) -> None:
    toolkit.abort(400, "; ".join(m for messages in form_pages.errors(error).values() for m in messages))


def confirm(token: str) -> Any:
    if request.method == "GET":
        web.check_link(mail.confirmed_id, token)
        return web.link_page(_("E-mail subscription"),
                             _("Press the button to confirm that this address wants e-mails when new data is "
                               "published."), _("Confirm the subscription"))
    try:
        answer = toolkit.get_action("sonla_subscription_confirm")({"user": ""}, {"token": token})
    except toolkit.ValidationError as error:
        _refused(error)
        raise AssertionError("unreachable: abort raises") from error
    except toolkit.ObjectNotFound:
        toolkit.abort(404, _("This subscription was deleted: subscribe again"))
        raise AssertionError("unreachable: abort raises") from None
    return toolkit.render("sonla/subscriptions/done.html", {"step": "confirmed", "answer": answer})


def unsubscribe(token: str) -> Any:
    if request.method == "GET":
        web.check_link(mail.unsubscribe_target, token)
        everything = mail.unsubscribe_target(token)[0] == "all"
        text = (_("Press the button to stop every e-mail of the portal to this address and delete it.")
                if everything else _("Press the button to stop these e-mails."))
        # One click for a person: the page posts by itself in a browser; a scanner's GET stops nothing.
        return web.link_page(_("E-mail subscription"), text, _("Unsubscribe"), auto=True)
    try:
        answer = toolkit.get_action("sonla_subscription_unsubscribe")({"user": ""}, {"token": token})
    except toolkit.ValidationError as error:
        _refused(error)
        raise AssertionError("unreachable: abort raises") from error
    return toolkit.render("sonla/subscriptions/done.html", {"step": "unsubscribed", "answer": answer})


sonla_subscriptions.add_url_rule("/theo-doi", view_func=subscribe, endpoint="subscribe", methods=["GET", "POST"])
# GET shows a page whose button (a POST) acts; mail programs' "unsubscribe" button (RFC 8058, the
# List-Unsubscribe-Post header) posts to the link directly. The signed token is the right, so no CSRF
# token is needed (CKAN checks none for anonymous visitors).
sonla_subscriptions.add_url_rule("/theo-doi/xac-nhan/<token>", view_func=confirm, endpoint="confirm",
                                 methods=["GET", "POST"])
sonla_subscriptions.add_url_rule("/theo-doi/huy/<token>", view_func=unsubscribe, endpoint="unsubscribe",
                                 methods=["GET", "POST"])

__all__ = ["sonla_subscriptions"]
