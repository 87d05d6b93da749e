"""The portal's message catalogues: our own strings plus the CKAN core strings we translate.

Two kinds of ``.po`` files feed one compiled catalogue per language:

* ``ckanext/sonla/i18n/<lang>/LC_MESSAGES/ckanext-sonla.po`` -- the extension's own strings;
* ``translations/<lang>/LC_MESSAGES/ckan.po`` (repository root) -- CKAN core strings that CKAN's
  own catalogue leaves untranslated or translates badly.

Both are compiled into ``ckanext/sonla/i18n/<lang>/LC_MESSAGES/ckanext-sonla.mo``. CKAN merges the
catalogues of ``ITranslation`` plugins after its own, so an entry here wins over CKAN's.
``python -m ckanext.sonla.catalogues`` (run by ``make install``/``run``/``test``) compiles them.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import terminology

DOMAIN = "ckanext-sonla"
I18N_DIR = Path(__file__).resolve().parent / "i18n"
# translations/ at the repository root (present in a source checkout, not in a wheel).
CORE_OVERRIDES_DIR = Path(__file__).resolve().parents[3] / "translations"


def _(message: str) -> str:
    """Marks a message for extraction only (babel.cfg): CKAN translates these values itself."""
    return message


# Values CKAN shows through gettext without marking them anywhere (the user page's ``_(user.state)``,
# "Tình trạng: active"): marked here so that the extraction keeps them in our catalogues.
UNMARKED_CKAN_VALUES = (_("active"), _("pending"), _("deleted"), _("draft"))


def read_catalogue(path: Path, locale: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def locales() -> list[str]:
    return sorted(p.name for p in I18N_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())


def own_po(locale: str) -> Path:
    return I18N_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def core_overrides_po(locale: str, overrides_dir: Path = CORE_OVERRIDES_DIR) -> Path:
    return overrides_dir / locale / "LC_MESSAGES" / "ckan.po"


def merged_catalogue(locale: str, overrides_dir: Path = CORE_OVERRIDES_DIR) -> Catalog:
    """Our strings, then the CKAN core overrides (translated entries only), then CKAN's own
    translations rewritten with the portal's terms (terminology.py)."""
    merged = read_catalogue(own_po(locale), locale)
    overrides = core_overrides_po(locale, overrides_dir)
    extra: list[Message] = list(read_catalogue(overrides, locale)) if overrides.exists() else []
    core = terminology.core_catalogue_path(locale)
    if locale == "vi" and core.exists():
        extra = [*extra, *terminology.rewritten_core_messages(read_catalogue(core, locale))]
    for message in extra:
        own = merged.get(message.id) if message.id else None
        if message.id and message.string and (own is None or not own.string):
            merged[message.id] = message
    return merged


def compile_all(overrides_dir: Path = CORE_OVERRIDES_DIR) -> list[Path]:
    written = []
    for locale in locales():
        target = own_po(locale).with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, merged_catalogue(locale, overrides_dir), use_fuzzy=False)
        written.append(target)
    return written


def build_javascript_catalogues() -> None:
    """Write CKAN's JavaScript catalogues (``/api/i18n/<lang>``) when they are older than the .po files.

    Only ``ckan run`` builds them; under gunicorn nothing does, and every string of CKAN's
    JavaScript stays English. Cheap when up to date (CKAN compares modification times), and
    idempotent, so each web worker may call it.
    """
    from ckanext.sonla.compat import build_js_translations

    build_js_translations()


def translated_ids(catalogues: Iterable[Catalog]) -> dict[str, str]:
    """msgid -> translation over several catalogues, later ones winning (as in CKAN)."""
    result: dict[str, str] = {}
    for catalogue in catalogues:
        for message in catalogue:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
            strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            for msgid, string in zip(ids, strings, strict=False):  # vi has one plural form
                if string:
                    result[msgid] = string
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Compile the Sơn La portal's message catalogues.")
    parser.add_argument("--overrides", type=Path, default=CORE_OVERRIDES_DIR,
                        help="folder of CKAN core overrides (default: the repository's translations/)")
    args = parser.parse_args(argv)
    for path in compile_all(args.overrides):
        print(f"compiled {path}")


if __name__ == "__main__":
    main()
