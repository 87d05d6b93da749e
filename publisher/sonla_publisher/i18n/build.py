"""Maintainer tool: extract the publisher's messages, update and compile its catalogues.

Needs Babel (in the portal's ``.venv``; not a dependency of the publisher)::

    python -m sonla_publisher.i18n.build update   # code -> translations/<lang>/LC_MESSAGES/*.po
    python -m sonla_publisher.i18n.build compile  # .po -> sonla_publisher/i18n/locale/<lang>/…/*.mo

``update`` also adds click's messages (from the click this Python imports) to
``translations/vi/LC_MESSAGES/click.po``; it never removes one, as agency laptops may run another
click version than the one the update ran with (see sonla_publisher.cli.click_language).

``make i18n-update`` runs both, ``make i18n`` the second. The workflow is in docs/translations.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from sonla_publisher.i18n.catalogues import CLICK_DOMAIN, DOMAIN, LOCALE_DIR, mo_path

PUBLISHER_DIR = Path(__file__).resolve().parents[2]  # publisher/, where babel.cfg is
TRANSLATIONS_DIR = PUBLISHER_DIR.parent / "translations"  # in a source checkout only
LANGUAGES = ("vi", "en")
# English is the source language: its catalogue copies the source text unless someone polished it.
SOURCE_LANGUAGE = "en"
# click's messages are translated into these; in English gettext returns click's own text.
CLICK_LANGUAGES = ("vi",)
# How click marks its messages: gettext as _, and ngettext (singular, plural).
CLICK_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
# Texts click hands to gettext from a variable, which extraction cannot see: the "required" of an
# option's help (``_(extra["required"])`` in click.core).
CLICK_COMPUTED_MESSAGES = ("required",)


def po_path(lang: str, translations_dir: Path = TRANSLATIONS_DIR, domain: str = DOMAIN) -> Path:
    return translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def click_source() -> Path:
    """The folder of the click package this Python imports."""
    spec = importlib.util.find_spec("click")
    if spec is None or spec.origin is None:
        raise RuntimeError("click is not installed")
    return Path(spec.origin).parent


def click_extracted(source: Path | None = None) -> Catalog:
    """Every message click marks for translation (msgid = click's English text)."""
    template = Catalog(project="click", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        source or click_source(), [("**.py", "python")], keywords=CLICK_KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for message in CLICK_COMPUTED_MESSAGES:
        template.add(message, None)
    return template


def update_click(translations_dir: Path = TRANSLATIONS_DIR) -> list[str]:
    """Add click's new messages to each click.po (none removed); return what needs a translator."""
    notes: list[str] = []
    template = click_extracted()
    for lang in CLICK_LANGUAGES:
        path = po_path(lang, translations_dir, CLICK_DOMAIN)
        catalogue = (read_catalogue(path, lang) if path.exists()
                     else Catalog(locale=lang, domain=CLICK_DOMAIN, project="click", fuzzy=False))
        for message in template:
            if message.id and message.id not in catalogue:
                catalogue.add(message.id, None, auto_comments=message.auto_comments)
        for message in catalogue:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and (not all(strings) or message.fuzzy):
                notes.append(f"{lang}: click: {message.id!r}: needs a translation")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=100, no_location=True, sort_output=True)
    return notes


def read_catalogue(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def extracted() -> Catalog:
    """Every message of the code, as ``pybabel extract -F babel.cfg`` in publisher/ finds them."""
    with (PUBLISHER_DIR / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    template = Catalog(project="sonla-publisher", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PUBLISHER_DIR, method_map, options_map
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def translations(catalogue: Catalog) -> dict[tuple[str, str | None], str]:
    """(msgid, msgctxt) -> msgstr of what a compiled catalogue keeps (translated, not fuzzy)."""
    result: dict[tuple[str, str | None], str] = {}
    for message in catalogue:
        if message.id and message.string and not message.fuzzy:
            context = message.context
            if isinstance(context, bytes):  # Babel's read_mo leaves the msgctxt undecoded
                context = context.decode("utf-8")
            # Plural forms: a tuple from read_po, a list from read_mo.
            key = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
            text = message.string
            result[(str(key), context)] = str(tuple(text) if isinstance(text, list) else text)
    return result


def update(translations_dir: Path = TRANSLATIONS_DIR) -> list[str]:
    """Merge the extracted messages into each language's .po; return what needs a translator."""
    template = extracted()
    notes: list[str] = []
    for lang in LANGUAGES:
        path = po_path(lang, translations_dir)
        catalogue = (read_catalogue(path, lang) if path.exists()
                     else Catalog(locale=lang, domain=DOMAIN))
        created = catalogue.creation_date
        # A changed English text keeps its old translation, marked fuzzy for the translator.
        catalogue.update(template)
        catalogue.creation_date = created  # no new header date when no message changed
        for message in catalogue:
            if not message.id:
                continue
            if lang == SOURCE_LANGUAGE and (not message.string or message.fuzzy):
                message.string, message.flags = message.id, message.flags - {"fuzzy"}
                message.previous_id = []
                notes.append(f"{lang}: {message.context}: copied the English source text")
            elif not message.string or message.fuzzy:
                notes.append(f"{lang}: {message.context}: needs a translation")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            # In the order of the code (sections stay together); no line numbers, which move.
            write_po(handle, catalogue, width=100, no_location=True, sort_by_file=True,
                     include_previous=True)
    return notes


def compile_all(translations_dir: Path = TRANSLATIONS_DIR,
                locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each language's .mo into the package, only where its messages changed."""
    written: list[Path] = []
    every = [(lang, DOMAIN) for lang in LANGUAGES]
    every += [(lang, CLICK_DOMAIN) for lang in CLICK_LANGUAGES]
    for lang, domain in every:
        catalogue = read_catalogue(po_path(lang, translations_dir, domain), lang)
        target = mo_path(lang, locale_dir, domain)
        if target.exists():
            with target.open("rb") as handle:
                if translations(read_mo(handle)) == translations(catalogue):
                    continue  # keep the committed file: its header names the Babel version
        buffer = io.BytesIO()
        write_mo(buffer, catalogue, use_fuzzy=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(buffer.getvalue())
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Update or compile the publisher's message catalogues.")
    parser.add_argument("command", choices=("update", "compile"))
    parser.add_argument("--translations", type=Path, default=TRANSLATIONS_DIR,
                        help="folder of the .po files (default: the repository's translations/)")
    args = parser.parse_args(argv)
    if args.command == "update":
        for note in update(args.translations) + update_click(args.translations):
            print(note)
    else:
        for path in compile_all(args.translations):
            print(f"compiled {path}")


if __name__ == "__main__":
    main()
