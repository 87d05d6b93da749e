"""``sonla-publish sync``: publish a whole catalogue (see :mod:`sonla_publisher.sync`)."""

from __future__ import annotations

from pathlib import Path

import click

from sonla_publisher.cli.click_language import option
from sonla_publisher.cli.common import exit_on_error, http_printer
from sonla_publisher.cli.options import PublishSettings, publish_options
from sonla_publisher.i18n.messages import Lang, bilingual
from sonla_publisher.reading.input_checks import max_file_bytes
from sonla_publisher.sync.command import SyncRequest, run_sync
from sonla_publisher.sync.run import (
    BACKOFF_ENV,
    DEFAULT_BACKOFF,
    DEFAULT_RETRIES,
    DEFAULT_WORKERS,
    SyncOptions,
)


@click.command(help=bilingual("help.sync"))
@click.argument("catalogue_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=bilingual("help.sync_source"),
)
@option("--dry-run", is_flag=True, help=bilingual("help.dry_run"))
@option("--prune", is_flag=True, help=bilingual("help.prune"))
@option("--yes", "-y", is_flag=True, help=bilingual("help.yes"))
@option("--org", default=None, help=bilingual("help.sync_org"))
@option("--due", is_flag=True, help=bilingual("help.sync_due"))
@option("--full", is_flag=True, help=bilingual("help.sync_full"))
@option(
    "--workers",
    type=click.IntRange(1, 16),
    default=DEFAULT_WORKERS,
    show_default=True,
    help=bilingual("help.workers"),
)
@option(
    "--retries",
    type=click.IntRange(0, 10),
    default=DEFAULT_RETRIES,
    show_default=True,
    help=bilingual("help.retries"),
)
@option(
    "--retry-backoff",
    type=click.FloatRange(min=0),
    default=DEFAULT_BACKOFF,
    show_default=True,
    envvar=BACKOFF_ENV,
    show_envvar=True,
    help=bilingual("help.retry_backoff"),
)
@publish_options()
def sync(
    catalogue_dir: Path | None,
    source: Path | None,
    dry_run: bool,
    prune: bool,
    yes: bool,
    org: str | None,
    due: bool,
    full: bool,
    workers: int,
    retries: int,
    retry_backoff: float,
    publishing: PublishSettings,
    lang: Lang,
    specs: Path,
) -> None:
    specs = catalogue_dir or specs
    options = SyncOptions(
        workers=workers,
        retries=retries,
        backoff=retry_backoff,
        allow_invalid=publishing.allow_invalid,
        force=publishing.force,
        max_bytes=max_file_bytes(publishing.max_mb),
        mode=publishing.mode,
    )
    request = SyncRequest(
        specs=specs,
        source=source or specs / "sources",
        url=publishing.url,
        token=publishing.token,
        timeout=publishing.timeout,
        options=options,
        dry_run=dry_run,
        prune=prune,
        yes=yes,
        org=org,
        trace=http_printer(publishing.verbose, lang, publishing.token),
        due=due,
        full=full,
    )
    with exit_on_error(lang):
        code = run_sync(request, lang)
    raise SystemExit(code)
