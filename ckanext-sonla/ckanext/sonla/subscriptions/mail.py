"""The e-mails of subscriptions, Vietnamese first with the English text below.

Unsubscribe links are signed and do not expire: ``one`` ends a single subscription, ``all`` every
subscription of the address. The latter is also the message's ``List-Unsubscribe`` header (with
``List-Unsubscribe-Post``: RFC 8058's one-click POST), which mail programs show as an "unsubscribe"
button. Opening a link (a GET) changes nothing, because mail scanners open links too: the page it
shows posts back, by itself when the browser runs scripts, else with a button (``views.py``).
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as toolkit

from .. import outgoing_mail
from ..public_forms import antispam
from ..requests.mail import bilingual, site_url
from .targets import Target

log = logging.getLogger(__name__)

CONFIRM_SALT = "sonla-subscription-confirm"
UNSUBSCRIBE_SALT = "sonla-subscription-unsubscribe"


def confirm_link(subscription_id: str) -> str:
    return site_url("/theo-doi/xac-nhan/" + antispam.confirm_token(subscription_id, salt=CONFIRM_SALT))


def unsubscribe_link(kind: str, value: str) -> str:
    """``kind`` "one" (``value``: a subscription's id) or "all" (``value``: the address)."""
    return site_url("/theo-doi/huy/" + antispam.signed([kind, value], UNSUBSCRIBE_SALT))


def confirmed_id(token: str) -> str:
    """The subscription a confirmation link is for; ValidationError if forged or expired."""
    return antispam.confirmed_id(token, salt=CONFIRM_SALT,
                                 expired=toolkit._("This confirmation link has expired: subscribe again"))


def unsubscribe_target(token: str) -> tuple[str, str]:
    """What an unsubscribe link ends: ("one", subscription id) or ("all", address); ValidationError
    if it is not such a link."""
    value = antispam.unsigned(token, UNSUBSCRIBE_SALT)
    if not (isinstance(value, list) and len(value) == 2 and value[0] in ("one", "all")):
        raise toolkit.ValidationError({"token": [toolkit._("This link is not valid")]})
    return str(value[0]), str(value[1])


def confirm_message(target: Target, link: str) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        return _("Confirm your subscription"), [
            _("You (or someone using your address) asked the open data portal to e-mail you when new data "
              "is published for:"), "", target.label(), target.url, "",
            _("To confirm, open this link within %(hours)s hours and press the button on the page:")
            % {"hours": antispam.confirm_hours()}, link, "",
            _("If it was not you, ignore this e-mail: the address is deleted unconfirmed.")]
    return bilingual(build)


def news_message(package: dict[str, Any], reasons: list[tuple[Target, str]], all_link: str) -> tuple[str, str]:
    """New data of ``package``, for one address that follows it through each of ``reasons`` (target,
    its unsubscribe link)."""
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        lines = [_("New data was published on the open data portal:"), "", str(package["title"]),
                 site_url("/dataset/" + str(package["name"])), "",
                 _("You receive this e-mail because you follow:")]
        for target, link in reasons:
            lines += [f"- {target.label()}", "  " + _("Stop following it: %(url)s") % {"url": link}]
        lines += ["", _("Stop all e-mails from the portal to this address: %(url)s") % {"url": all_link}]
        return _("New data: %(title)s") % {"title": package["title"]}, lines
    return bilingual(build)


def send(address: str, message: tuple[str, str], headers: dict[str, str] | None = None,
         sending: outgoing_mail.Sending | None = None) -> outgoing_mail.Failure | None:
    """Send one message (as part of ``sending``); a failure is logged and answered, never raised."""
    subject, body = message
    return (sending or outgoing_mail.Sending()).deliver(address, address, subject, body, headers)
