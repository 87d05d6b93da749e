"""``sonla-publish``: the command line. Commands only glue the modules together and print.

Exit codes: 0 success / valid, 1 invalid data or catalogue or a refused portal write,
2 something could not be read or reached (file, spec, portal) or a usage error.

The commands live by what they work on: one dataset's file (:mod:`.dataset_commands`), a whole
catalogue (:mod:`.sync_commands`, :mod:`.catalogue_commands`), the portal
(:mod:`.portal_commands`).
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from sonla_publisher import __version__
from sonla_publisher.cli.catalogue_commands import catalogue
from sonla_publisher.cli.click_language import click_messages, language_of, option
from sonla_publisher.cli.common import exit_on_error
from sonla_publisher.cli.config_file import (
    CONFIG_ENV,
    CONFIG_META,
    default_map,
    default_path,
    read_config,
    readable_by_others,
)
from sonla_publisher.cli.dataset_commands import push, template, validate
from sonla_publisher.cli.portal_commands import portal, status
from sonla_publisher.cli.sync_commands import sync
from sonla_publisher.cli.terminal import say
from sonla_publisher.i18n.messages import Lang, bilingual


class PublisherGroup(click.Group):
    """The command group, with click's own messages in the language the command line asks for."""

    def main(self, args: Sequence[str] | None = None, *more: Any, **extra: Any) -> Any:
        # args stay as given: with None, click reads sys.argv itself (and expands wildcards on
        # Windows), which passing sys.argv[1:] here would skip.
        lang = language_of(sys.argv[1:] if args is None else list(args), os.environ)
        with click_messages(lang):
            return super().main(args, *more, **extra)


def show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``, in the user's language: click's own version_option translates its message
    once, when the module is imported (before :func:`click_messages`), so it always said English.
    The msgid is click's, translated in ``click.po``."""
    if not value or ctx.resilient_parsing:
        return
    message = gettext.gettext("%(prog)s, version %(version)s")
    click.echo(message % {"prog": "sonla-publish", "version": __version__})
    ctx.exit()


@click.group(cls=PublisherGroup, help=bilingual("help.main"))
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help=bilingual("help.version"),
)
@option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=CONFIG_ENV,
    show_envvar=True,
    default=None,
    help=bilingual("help.config"),
)
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """The command group: reads the configuration file into the commands' defaults."""
    lang: Lang = "en" if os.environ.get("SONLA_LANG") == "en" else "vi"
    path = config_path or default_path()
    ctx.meta[CONFIG_META] = path  # live sources read their connection aliases from it
    if config_path is None and not path.is_file():
        return
    with exit_on_error(lang):
        values = read_config(path)
    if values.get("token") and readable_by_others(path):
        say("config.insecure", lang, err=True, path=path)
    ctx.default_map = default_map(ctx.command, values)


for command in (validate, push, sync, status, template, portal, catalogue):
    main.add_command(command)
