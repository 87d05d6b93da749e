"""Commands that read or set up the portal as a whole: ``status`` and ``portal setup``."""

from __future__ import annotations

from pathlib import Path

import click

from sonla_publisher.cli.click_language import option
from sonla_publisher.cli.common import exit_on_error, http_printer, portal_client, write_report
from sonla_publisher.cli.options import REPORT_PATH, common_options, portal_options
from sonla_publisher.cli.terminal import say
from sonla_publisher.i18n.messages import Lang, Ref, bilingual
from sonla_publisher.portal.freshness_status import (
    STATUSES,
    fetch_report,
    print_report,
    write_csv,
    write_xlsx,
)
from sonla_publisher.portal.setup import set_up


@click.command(help=bilingual("help.status"))
@option("--org", default=None, help=bilingual("help.status_org"))
@option(
    "--status", "status_filter", type=click.Choice(STATUSES), help=bilingual("help.status_filter")
)
@option("--csv", "csv_path", type=REPORT_PATH, help=bilingual("help.status_csv"))
@option("--xlsx", "xlsx_path", type=REPORT_PATH, help=bilingual("help.status_xlsx"))
@portal_options
@common_options
def status(
    org: str | None,
    status_filter: str | None,
    csv_path: Path | None,
    xlsx_path: Path | None,
    url: str,
    token: str | None,
    timeout: float,
    verbose: bool,
    lang: Lang,
    specs: Path,
) -> None:
    trace = http_printer(verbose, lang, token)
    with exit_on_error(lang):
        report = fetch_report(portal_client(url, token, timeout, trace), org, status_filter)
    print_report(report, lang)
    if csv_path is not None:
        write_report(lambda path: write_csv(report, path, lang), csv_path, lang, "status.written")
    if xlsx_path is not None:
        write_report(lambda path: write_xlsx(report, path, lang), xlsx_path, lang, "status.written")


@click.group(help=bilingual("help.portal"))
def portal() -> None:
    """Portal commands."""


@portal.command("setup", help=bilingual("help.portal_setup"))
@portal_options
@common_options
def portal_setup(
    url: str, token: str | None, timeout: float, verbose: bool, lang: Lang, specs: Path
) -> None:
    with exit_on_error(lang):
        ckan = portal_client(url, token, timeout, http_printer(verbose, lang, token))
        for organizations, kind in ((True, "setup.organizations"), (False, "setup.groups")):
            plan = set_up(ckan, specs / "codelists", organizations=organizations)
            say(
                "setup.summary",
                lang,
                kind=Ref(kind),
                created=len(plan.create),
                updated=len(plan.update),
                unchanged=len(plan.unchanged),
            )
