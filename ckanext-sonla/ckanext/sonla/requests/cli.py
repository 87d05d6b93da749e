"""``ckan sonla requests notify-overdue``: e-mail each agency's editors the requests past their
response date, and delete anonymous requests whose confirmation link expired unused.

Meant for a daily timer (the stack's, or cron in production: docs/operators.md).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Any

import ckan.plugins.toolkit as toolkit
import click

from .. import clock
from ..compat import model
from ..freshness.cli import LANGS, portal_language
from ..public_forms import antispam
from . import access, mail, store


def _day(value: str | None) -> date:
    if not value:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(toolkit._("--today must be a date YYYY-MM-DD")) from None


def notify_overdue(today: date, *, send: bool) -> mail.Outcome:
    by_agency: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for row in store.overdue(today):
        by_agency[row["organization_id"]].append(row)
    outcome = mail.Outcome()
    for organization_id, rows in by_agency.items():
        title = rows[0].get("organization_title") or toolkit._("Unknown agency")
        recipients = [(user.display_name, user.email) for user in access.managers(organization_id)]
        if not recipients:
            outcome.lines.append(toolkit._("%(agency)s: %(count)s overdue, nobody with an e-mail address to tell")
                                 % {"agency": title, "count": len(rows)})
            continue
        message = mail.overdue_message(title, rows)
        if send:
            mail.send(recipients, message, outcome, answering=False)
        else:
            outcome.lines += [f"{address} — {message[0]}" for _name, address in recipients]
    return outcome


@click.group("requests", short_help="Yêu cầu dữ liệu / Data requests.")
def requests_command() -> None:
    """Yêu cầu dữ liệu và báo lỗi dữ liệu / Data requests and problem reports."""


@requests_command.command("notify-overdue")
@click.option("--today", help="Tính cho ngày này (YYYY-MM-DD) / Compute for this date.")
@click.option("--dry-run", is_flag=True, help="Chỉ in ra, không gửi, không xoá / Print; send and delete nothing.")
@click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True)
def notify_overdue_command(today: str | None, dry_run: bool, lang: str) -> None:
    """Gửi thư nhắc yêu cầu quá hạn trả lời / E-mail the agencies their overdue requests."""
    with portal_language(lang):
        day = _day(today)
        outcome = notify_overdue(day, send=not dry_run)
        for line in outcome.lines:
            click.echo(line)
        if not dry_run:
            expired = datetime.now(timezone.utc) - timedelta(hours=antispam.confirm_hours())
            removed = store.delete_unconfirmed(expired)
            model.Session.commit()
            click.echo(toolkit._("%(sent)s sent, %(failed)s failed, %(removed)s unconfirmed requests deleted")
                       % {"sent": outcome.sent, "failed": outcome.failed, "removed": removed})
        if outcome.failed:
            raise SystemExit(1)
