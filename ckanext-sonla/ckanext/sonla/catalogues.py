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

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "ckanext-sonla"
I18N_DIR = Path(__file__).resolve().parent / "i18n"
# translations/ at the repository root (present in a source checkout, not in a wheel).
CORE_OVERRIDES_DIR = Path(__file__).resolve().parents[3] / "translations"


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
    """Our strings, then the CKAN core overrides (translated entries only)."""
    merged = read_catalogue(own_po(locale), locale)
    overrides = core_overrides_po(locale, overrides_dir)
    if overrides.exists():
        for message in read_catalogue(overrides, locale):
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
