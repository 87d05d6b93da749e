"""Every message exists in both languages with the same parameters."""

import ast
import string
from pathlib import Path

import pytest
import sonla_publisher
from sonla_publisher.i18n.messages import CATALOGUE, LANGUAGES, Ref, render


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_message_has_both_languages_with_the_same_fields(message_id: str) -> None:
    entry = CATALOGUE[message_id]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert fields(entry["vi"]) == fields(entry["en"])


def test_render_translates_nested_messages() -> None:
    params = {"value": "x", "type": Ref("type.integer")}
    assert render("problem.type", "vi", params) == "Giá trị «x» không phải số nguyên (ví dụ 1.391.226)."
    assert render("problem.type", "en", params).startswith('The value "x" is not a whole number')


def test_every_message_id_used_in_the_code_exists() -> None:
    """String literals shaped like message ids in the package must be in the catalogue."""
    prefixes = tuple(sorted({message_id.split(".")[0] + "." for message_id in CATALOGUE}))
    used = set()
    for path in Path(sonla_publisher.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith(prefixes)
                and " " not in node.value
                and not node.value.endswith(".")
                and not node.value.endswith((".ini", ".csv", ".yaml", ".json"))  # file names
            ):
                used.add(node.value)
    assert used, "no message ids found: the scan is broken"
    assert used - set(CATALOGUE) == set()


def test_quantities_are_in_the_language_s_number_format() -> None:
    from sonla_publisher.i18n.messages import render

    assert "(4.000 dòng tiếp theo)" in render("read.unclosed_quote", "vi", {"path": "a.csv", "line": 5, "lines": 4000,
                                                                         "row": 1234})
    english = render("read.unclosed_quote", "en", {"path": "a.csv", "line": 1234, "lines": 4000, "row": 2})
    assert "(the 4,000 lines after it)" in english and "line 1234 " in english  # a line number is a place


# --- the gettext catalogues (translations/<lang>/LC_MESSAGES/sonla-publisher.po, issue 17)

def test_extraction_finds_every_message() -> None:
    """`pybabel extract -F publisher/babel.cfg` sees exactly the messages the publisher uses."""
    from sonla_publisher.i18n.build import extracted
    from sonla_publisher.i18n.messages import MESSAGES

    found = {(message.context, message.id) for message in extracted() if message.id}
    assert found == set(MESSAGES.items())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_with_the_same_fields(lang: str) -> None:
    from sonla_publisher.i18n.build import po_path, read_catalogue
    from sonla_publisher.i18n.messages import MESSAGES

    catalogue = read_catalogue(po_path(lang), lang)
    entries = {message.context: message for message in catalogue if message.id}
    missing = sorted(set(MESSAGES) - set(entries))
    assert not missing, f"not in {po_path(lang)}: run `make i18n-update`, then translate {missing}"
    problems = []
    for message_id, text in MESSAGES.items():
        message = entries[message_id]
        translation = str(message.string)
        if message.id != text:
            problems.append(f"{message_id}: English text changed, run `make i18n-update`")
        if message.fuzzy:
            problems.append(f"{message_id}: fuzzy, check the translation and remove the flag")
        if not translation.strip():
            problems.append(f"{message_id}: not translated")
        elif fields(translation) != fields(text):
            problems.append(f"{message_id}: fields {fields(translation)} differ from {fields(text)}")
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_package_s_catalogue_is_compiled_from_translations(lang: str) -> None:
    """The committed .mo (what `pip install ./publisher` ships) equals the .po of translations/."""
    from babel.messages.mofile import read_mo
    from sonla_publisher.i18n.build import po_path, read_catalogue, translations
    from sonla_publisher.i18n.catalogues import mo_path

    with mo_path(lang).open("rb") as handle:
        compiled = translations(read_mo(handle))
    assert compiled == translations(read_catalogue(po_path(lang), lang)), "run `make i18n`"
