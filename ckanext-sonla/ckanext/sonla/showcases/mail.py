"""The e-mails of moderation, Vietnamese first with the English text below: the sysadmins hear of a
showcase waiting for review, its submitter of each decision on it (approved, rejected with the
reason, taken back for review).

Sent after the change was committed; a failure is logged and counted in the action's answer, never
raised (the decision stands; the submitter also sees it on the showcase's page).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from ..requests.mail import Outcome, bilingual, send, site_url
from . import rules


def showcase_url(showcase_id: str) -> str:
    return site_url(f"/ung-dung/{showcase_id}")


def _summary(row: dict[str, Any]) -> list[str]:
    return [f"{rules.kind_label(row['kind'])}: {row['title']}", row["url"], ""]


def waiting_message(row: dict[str, Any]) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        return _("Showcase awaiting review: %(title)s") % {"title": row["title"]}, [
            _("A showcase was submitted to the open data portal and awaits review:"), "", *_summary(row),
            _("Approve or reject it on its page:"), showcase_url(row["id"])]
    return bilingual(build)


def decision_message(row: dict[str, Any]) -> tuple[str, str]:
    def build() -> tuple[str, list[str]]:
        _ = toolkit._
        status = rules.status_label(row["status"])
        lines = [_("The status of your showcase changed to: %(status)s") % {"status": status}, "", *_summary(row)]
        if row.get("reason"):
            lines += [_("The moderators' note: %(reason)s") % {"reason": row["reason"]}, ""]
        lines += [_("Its page: %(url)s") % {"url": showcase_url(row["id"])}]
        return _("Your showcase: %(status)s") % {"status": status}, lines
    return bilingual(build)


def _moderators() -> list[tuple[str, str]]:
    query = model.Session.query(model.User).filter(model.User.state == "active", model.User.sysadmin.is_(True))
    return [(user.display_name, user.email) for user in query.order_by(model.User.name) if user.email]


def _submitter(row: dict[str, Any], acting_user_id: str | None) -> list[tuple[str, str]]:
    """The submitter, unless it is the one who acted (a sysadmin moderating their own showcase)."""
    user = model.User.get(row["user_id"]) if row.get("user_id") else None
    if user is None or user.state != "active" or not user.email or user.id == acting_user_id:
        return []
    return [(user.display_name, user.email)]


def tell_moderators(row: dict[str, Any]) -> Outcome:
    return send(_moderators(), waiting_message(row))


def tell_submitter(row: dict[str, Any], acting_user_id: str | None) -> Outcome:
    return send(_submitter(row, acting_user_id), decision_message(row))
