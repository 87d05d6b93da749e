"""The compiled catalogues inside the package, read with the standard library's ``gettext``.

``locale/<lang>/LC_MESSAGES/sonla-publisher.mo`` is compiled from the repository's
``translations/<lang>/LC_MESSAGES/sonla-publisher.po`` by ``make i18n`` and committed, so that
``pip install ./publisher`` needs neither a build step nor Babel (see docs/translations.md).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

DOMAIN = "sonla-publisher"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LangT = TypeVar("LangT", bound=str)  # the caller's language type (messages.Lang)


# click's own messages (Usage, Options, "Missing option"...): sonla_publisher.cli.click_language.
CLICK_DOMAIN = "click"


def mo_path(lang: str, locale_dir: Path = LOCALE_DIR, domain: str = DOMAIN) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{domain}.mo"


def load(lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.GNUTranslations:
    with mo_path(lang, locale_dir).open("rb") as handle:
        return gettext.GNUTranslations(handle)


def translate_all(
    english: Mapping[str, str], languages: Iterable[LangT]
) -> dict[str, dict[LangT, str]]:
    """message id -> language -> text. The id is the msgctxt, the English source text the msgid."""
    catalogues = {lang: load(lang) for lang in languages}
    return {
        message_id: {lang: cat.pgettext(message_id, text) for lang, cat in catalogues.items()}
        for message_id, text in english.items()
    }
