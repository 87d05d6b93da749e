"""click's own words (Usage, Options, "Missing option", "Error: …") in the user's language.

click marks its messages with the standard library's ``gettext.gettext`` and ``ngettext`` and
leaves the catalogue to the application, as its maintainers intend ("any project that wants to
offer a different language [can] translate click's messages along with their own",
pallets/click#2320). Those functions look in the process's default text domain, in the language
named by the ``LANGUAGE`` environment variable (then LC_ALL, LC_MESSAGES, LANG). While a
command runs, :func:`click_messages` therefore makes the package's ``click`` catalogue
(``translations/vi/LC_MESSAGES/click.po``, compiled into ``locale/``) the default domain and
names the language of ``--lang`` / ``SONLA_LANG`` in ``LANGUAGE``; both are put back after.
English has no catalogue: gettext then returns click's own text.

The language is read from the raw arguments, before click parses them: a usage error ("Missing
option", "No such command") happens before any option has a value.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import click

from sonla_publisher.i18n.catalogues import CLICK_DOMAIN, LOCALE_DIR
from sonla_publisher.i18n.messages import LANGUAGES, Lang

LANG_OPTION = "--lang"
LANG_ENV = "SONLA_LANG"


def language_of(args: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language a command line asks for: the last ``--lang X``, else SONLA_LANG, else vi."""
    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == LANG_OPTION and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith(LANG_OPTION + "="):
            chosen = arg.split("=", 1)[1]
    chosen = chosen if chosen is not None else environ.get(LANG_ENV)
    for lang in LANGUAGES:
        if chosen == lang:
            return lang
    return "vi"  # unknown values: click itself says so, in the default language


@contextmanager
def click_messages(lang: Lang) -> Iterator[None]:
    """click's messages in ``lang`` for the duration; the process's gettext state put back after."""
    previous_domain = gettext.textdomain()
    previous_dir = gettext.bindtextdomain(CLICK_DOMAIN)
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
        gettext.textdomain(previous_domain)
        gettext.bindtextdomain(CLICK_DOMAIN, previous_dir)


class TranslatedOption(click.Option):
    """An option whose error hint names its environment variable in the user's language.

    click writes " (env var: …)" after the option's name without gettext (click 8.2+), which
    left "Thiếu tùy chọn '--url' (env var: …)" half English; its msgid "env var: {var}" (the
    help's) says the same and is translated.
    """

    def get_error_hint(self, ctx: click.Context | None) -> str:
        names = click.Parameter.get_error_hint(self, ctx)
        if not (self.show_envvar and self.envvar):
            return names
        envvars = [self.envvar] if isinstance(self.envvar, str) else list(self.envvar)
        quoted = ", ".join(f"'{var}'" for var in envvars)
        return f"{names} ({gettext.gettext('env var: {var}').format(var=quoted)})"


# click.option with the class above: every option of the commands is made with it.
option = functools.partial(click.option, cls=TranslatedOption)
