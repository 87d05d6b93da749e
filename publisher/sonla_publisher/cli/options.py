"""Command-line options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sonla_publisher.i18n.messages import LANGUAGES, bilingual
from sonla_publisher.portal.client import DEFAULT_READ_TIMEOUT

F = TypeVar("F", bound=Callable[..., Any])


def common_options(command: F) -> F:
    """``--lang`` and ``--specs``, for every command."""
    command = click.option(
        "--specs",
        # no file_okay=False: click's English "is a file"; find_spec says it (spec.no_catalogue)
        type=click.Path(path_type=Path),
        default=Path("dataset_specs"),
        show_default=True,
        envvar="SONLA_SPECS_DIR",
        show_envvar=True,
        help=bilingual("help.specs"),
    )(command)
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default="vi",
        show_default=True,
        envvar="SONLA_LANG",
        help=bilingual("help.lang"),
    )(command)


def portal_options(command: F) -> F:
    """``--url``, ``--token`` and ``--timeout``, for commands that talk to the portal."""
    command = click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=DEFAULT_READ_TIMEOUT,
        show_default=True,
        envvar="SONLA_CKAN_TIMEOUT",
        help=bilingual("help.timeout"),
    )(command)
    command = click.option(
        "--token",
        envvar="SONLA_CKAN_TOKEN",
        show_envvar=True,
        default=None,
        help=bilingual("help.token"),
    )(command)
    return click.option(
        "--url",
        envvar="SONLA_CKAN_URL",
        show_envvar=True,
        required=True,
        help=bilingual("help.url"),
    )(command)
