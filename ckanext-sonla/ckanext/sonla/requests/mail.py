"""The e-mails of requests, Vietnamese first with the English text below, sent with CKAN's mailer.

One message per recipient, so one bad address does not stop the others; a failure is logged and
counted in the answer of the action that sent it (the change itself has already happened).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins.toolkit as toolkit
import flask_babel

from .. import outgoing_mail
from ..public_forms import antispam
from . import rules

log = logging.getLogger(__name__)
LANGUAGES = ("vi", "en")


@dataclass
class Outcome:
    """What a sending (one or more :func:`send` calls) did."""

    sent: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)
    sending: outgoing_mail.Sending = field(default_factory=outgoing_mail.Sending)

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "failed": self.failed}


def site_url(path: str) -> str:
    return str(toolkit.config.get("ckan.site_url") or "").rstrip("/") + path


def request_url(request_id: str) -> str:
    return site_url(f"/yeu-cau-du-lieu/{request_id}")


def _bilingual(build: Callable[[], tuple[str, list[str]]]) -> tuple[str, str]:
    """(subject, body): the Vietnamese text, then the English one; the subject in Vietnamese."""
    parts: list[tuple[str, list[str]]] = []
    for language in LANGUAGES:
        with flask_babel.force_locale(language):
            parts.append(build())
    site = toolkit.config.get("ckan.site_title") or ""
    subject = f"[{site}] {parts[0][0]}" if site else parts[0][0]
    body = "\n".join(parts[0][1]) + "\n\n-- English --\n\n" + "\n".join(parts[1][1])
    return subject, body


bilingual = _bilingual  # for the other e-mails of the portal's visitors (subscriptions)


def _date(value: Any) -> str:
    """dd/mm/yyyy in the Vietnamese text, ISO in the English one (the message's own language)."""
    try:
        english = str(flask_babel.get_locale()) == "en"
    except RuntimeError:  # no application context: the portal's language
        english = False
    return value.isoformat() if english else value.strftime("%d/%m/%Y")


def _summary(row: dict[str, Any]) -> list[str]:
    _ = toolkit._
    lines = [f"{rules.kind_label(row['kind'])}: {row['title']}"]
    if row.get("dataset_title"):
        lines.append(_("Dataset: %(title)s") % {"title": row["dataset_title"]})
    lines.append(_("Agency: %(agency)s") % {"agency": row.get("organization_title") or _("Unknown")})
    if row.get("location"):
        lines.append(_("Where: %(where)s") % {"where": row["location"]})
    lines += ["", row["description"], ""]
    return lines


def confirm_message(row: dict[str, Any], link: str) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        return _("Confirm your request"), [
            _("You (or someone using your address) sent this to the open data portal:"), "", *_summary(row),
            _("To send it to the agency, open this link within %(hours)s hours and press the button on the page:")
            % {"hours": _hours()}, link, "",
            _("If it was not you, ignore this e-mail: the request is deleted unconfirmed.")]
    return _bilingual(build)


def _hours() -> int:
    return antispam.confirm_hours()


def arrival_message(row: dict[str, Any]) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        return _("New %(kind)s: %(title)s") % {"kind": rules.kind_label(row["kind"]), "title": row["title"]}, [
            _("A new request reached your agency on the open data portal:"), "", *_summary(row),
            _("Please answer by %(date)s and set its status on its page:") % {
                "date": _date(row["due_date"])},
            request_url(row["id"])]
    return _bilingual(build)


def status_message(row: dict[str, Any]) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        lines = [_("The status of your request changed to: %(status)s") % {"status": rules.status_label(row["status"])},
                 "", *_summary(row)]
        if row.get("reason"):
            lines += [_("Agency's answer: %(reason)s") % {"reason": row["reason"]}, ""]
        if row.get("answer_dataset"):
            lines += [_("The data: %(url)s") % {"url": site_url("/dataset/" + row["answer_dataset"])}, ""]
        lines += [_("Follow the request: %(url)s") % {"url": request_url(row["id"])}]
        return _("Your request: %(status)s") % {"status": rules.status_label(row["status"])}, lines
    return _bilingual(build)


def overdue_message(agency_title: str, rows: list[dict[str, Any]]) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        lines = [_("These requests to %(agency)s are past their response date:") % {"agency": agency_title}, ""]
        for row in rows:
            lines.append(f"- {row['title']} ({rules.status_label(row['status'])}, "
                         + _("due %(date)s") % {"date": _date(row["due_date"])} + ")")
            lines.append(f"  {request_url(row['id'])}")
        return _("%(count)s overdue requests to %(agency)s") % {"count": len(rows), "agency": agency_title}, lines
    return _bilingual(build)


def send(recipients: list[tuple[str, str]], message: tuple[str, str], outcome: Outcome | None = None, *,
         answering: bool = True) -> Outcome:
    """Send to each (name, address); failures are counted, never raised.

    One :class:`outgoing_mail.Sending` per ``outcome``: once the mail server has failed, the rest
    (this call and later ones given the same ``outcome``) is not tried. ``answering``: a user waits
    for the answer (a form, a moderation), so it also stops trying after
    :func:`outgoing_mail.answer_budget` seconds.
    """
    outcome = outcome or Outcome()
    outcome.sending.budget = outgoing_mail.answer_budget() if answering else None
    subject, body = message
    for name, address in recipients:
        failure = outcome.sending.deliver(name, address, subject, body)
        if failure is not None:
            outcome.failed += 1
            outcome.lines.append(toolkit._("%(recipient)s: not sent (%(error)s)")
                                 % {"recipient": address, "error": failure.error})
        else:
            outcome.sent += 1
            outcome.lines.append(f"{address} — {subject}")
    return outcome
