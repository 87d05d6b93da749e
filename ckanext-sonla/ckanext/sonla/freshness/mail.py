"""E-mail each agency's admins the list of their overdue datasets (``ckan sonla freshness notify``).

Sent with CKAN's mailer and its ``smtp.*`` settings; one message per admin, so one bad address
does not stop the others. Meant for a daily or weekly cron job (docs/operators.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from .. import outgoing_mail
from . import display
from . import report as freshness_report
from . import rules as freshness


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


def agency_admins(organization_name: str) -> list[model.User]:
    """Active users who are admins of the organization and have an e-mail address."""
    group = model.Group.by_name(organization_name)
    if group is None:
        return []
    query = (model.Session.query(model.User)
             .join(model.Member, model.Member.table_id == model.User.id)
             .filter(model.Member.group_id == group.id, model.Member.table_name == "user",
                     model.Member.capacity == "admin", model.Member.state == "active",
                     model.User.state == "active")
             .order_by(model.User.name))
    return [user for user in query if user.email]


def _site_url(path: str) -> str:
    return toolkit.config["ckan.site_url"].rstrip("/") + path


def message(agency: dict[str, Any], datasets: list[dict[str, Any]]) -> tuple[str, str]:
    """(subject, plain-text body) in the current language."""
    _ = toolkit._
    subject = _("%(count)s overdue datasets of %(agency)s") % {"count": len(datasets), "agency": agency["title"]}
    lines = [_("Dear administrator of %(agency)s,") % {"agency": agency["title"]}, "",
             _("These datasets were not updated on schedule:"), ""]
    for row in datasets:
        if row["next_due"]:
            late = _("%(days)s days late (due %(date)s)") % {"days": -(row["days_left"] or 0),
                                                            "date": display.format_date(row["next_due"])}
        else:
            late = _("No data delivered yet")
        lines.append(f"- {row['title']} ({row['name']}): {late}")
        lines.append(f"  {_site_url('/dataset/' + row['name'])}")
    lines += ["", _("Please publish the new data with sonla-publish."),
              _("Update status of all agencies: %(url)s") % {"url": _site_url("/bao-cao/cap-nhat")}]
    return f"[{toolkit.config.get('ckan.site_title')}] {subject}", "\n".join(lines)


def notify_agencies(context: dict[str, Any], organization: str | None, today: date, *, send: bool) -> Outcome:
    report = freshness_report.build(context, organization, freshness.OVERDUE, today)
    outcome = Outcome()
    sending = outgoing_mail.Sending()
    for agency in report["agencies"]:
        overdue = [row for row in report["datasets"] if row["organization"] == agency["name"]]
        if not overdue or not agency["name"]:
            continue
        admins = agency_admins(agency["name"])
        if not admins:
            outcome.lines.append(toolkit._("%(agency)s: %(count)s overdue, no admin with an e-mail address")
                                 % {"agency": agency["title"], "count": len(overdue)})
            continue
        subject, body = message(agency, overdue)
        for user in admins:
            recipient = f"{agency['title']}: {user.email}"
            if not send:
                outcome.lines.append(f"{recipient} — {subject}")
                continue
            failure = sending.deliver(user.display_name, user.email, subject, body)
            if failure is not None:
                outcome.failed += 1
                outcome.lines.append(toolkit._("%(recipient)s: not sent (%(error)s)")
                                     % {"recipient": recipient, "error": failure.error})
            else:
                outcome.sent += 1
                outcome.lines.append(f"{recipient} — {subject}")
    return outcome
