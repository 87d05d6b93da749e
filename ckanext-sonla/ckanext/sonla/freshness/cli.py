"""``ckan sonla freshness``: which agencies are late, on the terminal; ``… notify`` e-mails them.

Run as the site user, so private datasets count too (the public page shows public ones only).
Messages are Vietnamese by default (``--lang en`` for English).
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from typing import Any

import ckan.plugins.toolkit as toolkit
import click
import flask
import flask_babel

from .. import clock
from . import display, rules
from . import mail as freshness_mail
from . import page as freshness_page
from . import report as freshness_report

LANGS = ("vi", "en")


@contextmanager
def portal_language(lang: str) -> Iterator[None]:
    """A request context in ``lang``: CKAN translates and renders only inside one."""
    with ExitStack() as stack:
        app = click.get_current_context().find_root().meta.get("flask_app")
        if app is not None and not flask.has_request_context():
            stack.enter_context(app.test_request_context(environ_base={"CKAN_LANG": lang}))
        stack.enter_context(flask_babel.force_locale(lang))
        yield


def _site_context() -> dict[str, Any]:
    site_user = toolkit.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _parse(organization: str | None, status: str | None, today: str | None) -> date:
    """Validate the options as the action does; bad ones exit with code 2 and a clear message."""
    try:
        _, _, day = freshness_report.parse_params({"organization": organization, "status": status,
                                                    "today": today})
    except toolkit.ValidationError as error:
        messages = "; ".join(m for field in error.error_dict.values() for m in field)
        raise click.UsageError(messages) from error
    return day or clock.today()


def _print_table(header: list[str], rows: list[list[Any]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for index, row in enumerate(cells):
        click.echo("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            click.echo("  ".join("-" * width for width in widths))


@click.group("freshness", invoke_without_command=True,
             short_help="Tình trạng cập nhật theo cơ quan / Update status by agency.")
@click.option("--organization", "-o", help="Chỉ một cơ quan (tên) / Only this agency (name).")
@click.option("--status", "-s", type=click.Choice(rules.STATUSES),
              help="Chỉ bộ dữ liệu có tình trạng này / Only datasets with this status.")
@click.option("--datasets", "show_datasets", is_flag=True,
              help="Liệt kê bộ dữ liệu thay vì bảng cơ quan / List datasets instead of the agency table.")
@click.option("--csv", "as_csv", is_flag=True, help="Xuất CSV / Print CSV.")
@click.option("--today", help="Tính cho ngày này (YYYY-MM-DD) / Compute for this date.")
@click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True)
@click.pass_context
def freshness_command(ctx: click.Context, organization: str | None, status: str | None, show_datasets: bool,
                      as_csv: bool, today: str | None, lang: str) -> None:
    """Bảng tình trạng cập nhật dữ liệu của từng cơ quan / Per-agency update status table.

    With --status, only agencies having datasets with that status, and with --datasets
    only those datasets.
    """
    if ctx.invoked_subcommand is not None:
        return
    with portal_language(lang):
        day = _parse(organization, status, today)
        data = freshness_page.report(_site_context(), organization, day)
        if status:
            data["agencies"] = [a for a in data["agencies"] if a[status]]
            data["datasets"] = [d for d in data["datasets"] if d["status"] == status]
        header, rows = (freshness_page.dataset_table(data) if show_datasets
                        else freshness_page.agency_table(data))
        if not show_datasets:  # a rate reads better as a percentage on screen
            rows = [[*row[:-2], freshness_page.percent(row[-2]), row[-1]] for row in rows]
        if as_csv:
            writer = csv.writer(sys.stdout)
            writer.writerow(header)
            writer.writerows([[freshness_page.safe_cell(v) for v in row] for row in rows])
            return
        click.echo(toolkit._("Update status on %(date)s") % {"date": display.format_date(day)})
        _print_table(header, rows)


@freshness_command.command("notify")
@click.option("--organization", "-o", help="Chỉ một cơ quan (tên) / Only this agency (name).")
@click.option("--today", help="Tính cho ngày này (YYYY-MM-DD) / Compute for this date.")
@click.option("--dry-run", is_flag=True, help="Chỉ in ra, không gửi / Print, do not send.")
@click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True)
def notify(organization: str | None, today: str | None, dry_run: bool, lang: str) -> None:
    """Gửi e-mail danh sách bộ dữ liệu quá hạn cho quản trị viên mỗi cơ quan.

    E-mail each agency's admins the list of their overdue datasets (CKAN's smtp.* settings).
    """
    with portal_language(lang):
        day = _parse(organization, None, today)
        if not toolkit.config.get("smtp.server") and not dry_run:
            raise click.UsageError(toolkit._("smtp.server is not set: e-mail cannot be sent."))
        outcome = freshness_mail.notify_agencies(_site_context(), organization, day, send=not dry_run)
        for line in outcome.lines:
            click.echo(line)
        click.echo(toolkit._("E-mails sent: %(sent)s, failed: %(failed)s") %
                   {"sent": outcome.sent, "failed": outcome.failed})
        if outcome.failed:
            raise SystemExit(1)
