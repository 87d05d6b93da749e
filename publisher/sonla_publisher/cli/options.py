"""Command-line options shared by several commands."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from sonla_publisher.cli.click_language import option
from sonla_publisher.i18n.messages import LANGUAGES, bilingual
from sonla_publisher.portal.client import DEFAULT_READ_TIMEOUT
from sonla_publisher.portal.push import PublishMode
from sonla_publisher.reading.input_checks import MAX_FILE_MB_ENV

F = TypeVar("F", bound=Callable[..., Any])


def common_options(command: F) -> F:
    """``--lang`` and ``--specs``, for every command."""
    command = option(
        "--specs",
        # no file_okay=False: click's English "is a file"; find_spec says it (spec.no_catalogue)
        type=click.Path(path_type=Path),
        default=Path("dataset_specs"),
        show_default=True,
        envvar="SONLA_SPECS_DIR",
        show_envvar=True,
        help=bilingual("help.specs"),
    )(command)
    return option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default="vi",
        show_default=True,
        envvar="SONLA_LANG",
        help=bilingual("help.lang"),
    )(command)


def portal_options(command: F) -> F:
    """``--url``, ``--token``, ``--timeout``, ``--verbose``: commands that talk to the portal."""
    command = option("--verbose", is_flag=True, help=bilingual("help.verbose"))(command)
    command = option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=DEFAULT_READ_TIMEOUT,
        show_default=True,
        envvar="SONLA_CKAN_TIMEOUT",
        help=bilingual("help.timeout"),
    )(command)
    command = option(
        "--token",
        envvar="SONLA_CKAN_TOKEN",
        show_envvar=True,
        default=None,
        help=bilingual("help.token"),
    )(command)
    return option(
        "--url",
        envvar="SONLA_CKAN_URL",
        show_envvar=True,
        required=True,
        help=bilingual("help.url"),
    )(command)


# No dir_okay=False: click would say "is a directory" in English; input_checks says it in the
# user's language (exit 2).
FILE_ARGUMENT = click.argument("file", required=False, type=click.Path(path_type=Path))
REPORT_PATH = click.Path(dir_okay=False, writable=True, path_type=Path)
MODE_OPTION = option(
    "--mode",
    type=click.Choice([mode.value for mode in PublishMode]),
    default=PublishMode.AUTO.value,
    show_default=True,
    envvar="SONLA_PUBLISH_MODE",
    show_envvar=True,
    help=bilingual("help.mode"),
)
ACCEPT_OPTION = option(
    "--accept-suggestions",
    is_flag=True,
    help=bilingual("help.accept_suggestions"),
)
MAX_SIZE_OPTION = option(
    "--max-size",
    "max_mb",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    envvar=MAX_FILE_MB_ENV,
    show_envvar=True,
    help=bilingual("help.max_size"),
)


@dataclass(frozen=True)
class PublishSettings:
    """How and where ``push`` and ``sync`` publish: the options the two commands share."""

    allow_invalid: bool
    force: bool
    mode: PublishMode
    max_mb: float | None
    url: str
    token: str | None
    timeout: float
    verbose: bool = False


def publish_options(
    *shown_after_force: Callable[[Any], Any],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options of ``push`` and ``sync``, given to the command as one ``publishing`` value.

    ``--allow-invalid``, ``--force``, ``--mode``, ``--max-size``, the portal options and the
    common ones (``--lang`` and ``--specs`` stay parameters of their own: every command has
    them). ``shown_after_force``: options of the command listed between ``--force`` and
    ``--mode`` in its help (their place before the options were shared). Put the decorator right
    above the function, under the command's other options.
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def with_settings(
            *args: Any,
            allow_invalid: bool,
            force: bool,
            mode: str,
            max_mb: float | None,
            url: str,
            token: str | None,
            timeout: float,
            verbose: bool,
            **kwargs: Any,
        ) -> Any:
            publishing = PublishSettings(
                allow_invalid=allow_invalid,
                force=force,
                mode=PublishMode(mode),
                max_mb=max_mb,
                url=url,
                token=token,
                timeout=timeout,
                verbose=verbose,
            )
            return command(*args, publishing=publishing, **kwargs)

        # click lists options in the order of the decorators as written, so bottom-up here
        decorated: Any = portal_options(common_options(with_settings))
        decorated = MODE_OPTION(MAX_SIZE_OPTION(decorated))
        for extra in reversed(shown_after_force):
            decorated = extra(decorated)
        decorated = option("--force", is_flag=True, help=bilingual("help.force"))(decorated)
        allow_invalid = option(
            "--allow-invalid", is_flag=True, help=bilingual("help.allow_invalid")
        )
        return allow_invalid(decorated)

    return decorate
