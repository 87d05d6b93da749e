"""``ckan sonla subscriptions retry``: send again the new-data e-mails that failed and are due for another
try (retries.py). Run every 15 minutes by a timer (the stack's: sonla_stack/ckan_timers.py; cron in
production: docs/operators.md); without one, they go with the next publication's e-mails."""
from __future__ import annotations

import ckan.plugins.toolkit as toolkit
import click

from ..freshness.cli import LANGS, portal_language


@click.group("subscriptions", short_help="Thư báo dữ liệu mới / New-data e-mails.")
def subscriptions_command() -> None:
    """Thư báo dữ liệu mới cho người theo dõi / New-data e-mails to subscribers."""


@subscriptions_command.command("retry")
@click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True)
def retry_command(lang: str) -> None:
    """Gửi lại thư chưa gửi được đã đến hạn / Send again the e-mails due for another try."""
    from . import notify

    outcome = notify.retry_due()
    with portal_language(lang):
        click.echo(toolkit._("%(sent)s sent, %(failed)s not sent (%(given_up)s of them given up after the last "
                             "try, the others tried again later), %(datasets)s datasets") % outcome)
    if outcome["failed"]:
        raise SystemExit(1)
