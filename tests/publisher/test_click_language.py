"""click's own strings (Usage, Options, "Missing option", "is a directory"...) in Vietnamese (issue 18)."""

from __future__ import annotations

import gettext
import os
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli.click_language import click_messages, language_of
from sonla_publisher.cli.main import main

CLEAN_ENV = {"SONLA_LANG": None, "SONLA_CKAN_URL": None, "SONLA_CKAN_TOKEN": None, "SONLA_CONFIG": None}


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={**CLEAN_ENV, **(env or {})})


def test_help_is_in_vietnamese() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for words in ("Cách dùng: ", "Tùy chọn:", "Lệnh:", "Hiện hướng dẫn này rồi thoát.", "Hiện phiên bản rồi thoát."):
        assert words in result.output
    for english in ("Usage:", "Options:", "Commands:", "Show this message and exit."):
        assert english not in result.output
    sub = " ".join(run("status", "--help").output.split())  # help lines are wrapped
    assert "Cách dùng: main status [OPTIONS]" in sub
    assert "[biến môi trường: SONLA_CKAN_URL; bắt buộc]" in sub


@pytest.mark.parametrize("how", [("--lang", "en"), ("--lang=en",)])
def test_lang_en_keeps_click_english(how: tuple[str, ...]) -> None:
    result = run("status", *how)
    assert result.exit_code == 2
    assert "Usage: main status [OPTIONS]" in result.output
    assert "Error: Missing option '--url' (env var: 'SONLA_CKAN_URL')." in result.output
    assert run("status", "--help", env={"SONLA_LANG": "en"}).output.startswith("Usage: ")


def test_a_missing_option_is_said_in_vietnamese() -> None:
    result = run("status")
    assert result.exit_code == 2
    assert "Cách dùng: main status [OPTIONS]" in result.output
    assert "Gõ «main status --help» để xem hướng dẫn." in result.output
    assert "Lỗi: Thiếu tùy chọn '--url' (biến môi trường: 'SONLA_CKAN_URL')." in result.output


def test_other_usage_errors_are_in_vietnamese(specs_dir: Path, tmp_path: Path) -> None:
    unknown = run("statsu")
    assert unknown.exit_code == 2
    assert "Lỗi: Không có lệnh «statsu». Bạn có muốn nói: 'status'?" in unknown.output
    directory = run("validate", "co-so-kham-chua-benh", "--html", str(tmp_path), "--specs", str(specs_dir))
    assert directory.exit_code == 2
    assert f"Giá trị không hợp lệ cho '--html': «{tmp_path}» là một thư mục, không phải tệp." in directory.output
    # No command lets click check that a path exists (the publisher says it, in both languages);
    # click's own message is translated all the same.
    missing = tmp_path / "khong-co.xlsx"
    with click_messages("vi"):
        with pytest.raises(click.BadParameter) as caught:
            click.Path(exists=True).convert(str(missing), None, None)
        assert caught.value.format_message() == f"Giá trị không hợp lệ: Không tìm thấy «{missing}»."
    choice = run("status", "--url", "http://127.0.0.1:9", "--status", "late")
    assert "'--status': «late» không phải là một trong: 'on_time', 'due_soon', 'overdue'" in choice.output
    extra = run("validate", "a", "b", "c")
    assert "Lỗi: Có tham số thừa (c)" in extra.output


def test_the_process_gettext_state_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    domain = gettext.textdomain()
    run("--help")
    assert os.environ["LANGUAGE"] == "fr"
    assert gettext.textdomain() == domain
    with click_messages("vi"):
        assert gettext.gettext("Usage:") == "Cách dùng:"
    assert gettext.gettext("Usage:") == "Usage:"


def test_language_comes_from_the_last_lang_option_then_the_environment() -> None:
    assert language_of(["status"], {}) == "vi"
    assert language_of(["status"], {"SONLA_LANG": "en"}) == "en"
    assert language_of(["status", "--lang", "vi"], {"SONLA_LANG": "en"}) == "vi"
    assert language_of(["x", "--lang=en", "--lang", "vi"], {}) == "vi"
    assert language_of(["x", "--", "--lang", "en"], {}) == "vi"
    assert language_of(["x", "--lang", "fr"], {}) == "vi"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_of_the_installed_click_is_translated() -> None:
    """A click upgrade that adds a message fails here: `make i18n-update`, then translate click.po."""
    pytest.importorskip("babel")
    from sonla_publisher.i18n.build import CLICK_LANGUAGES, click_extracted, po_path, read_catalogue
    from sonla_publisher.i18n.catalogues import CLICK_DOMAIN

    for lang in CLICK_LANGUAGES:
        catalogue = read_catalogue(po_path(lang, domain=CLICK_DOMAIN), lang)
        problems = []
        for message in click_extracted():
            if not message.id:
                continue
            translated = catalogue.get(message.id)
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = () if translated is None else (
                translated.string if isinstance(translated.string, tuple) else (translated.string,))
            if translated is None or translated.fuzzy or not all(strings):
                problems.append(f"untranslated: {ids[0]!r}")
                continue
            allowed = set().union(*(_fields(text) for text in ids))
            problems += [f"unknown field in {text!r}" for text in strings if not _fields(text) <= allowed]
        assert not problems, "\n".join(problems)


def test_the_package_s_click_catalogue_is_compiled_from_translations() -> None:
    pytest.importorskip("babel")
    from babel.messages.mofile import read_mo
    from sonla_publisher.i18n.build import CLICK_LANGUAGES, po_path, read_catalogue, translations
    from sonla_publisher.i18n.catalogues import CLICK_DOMAIN, mo_path

    for lang in CLICK_LANGUAGES:
        with mo_path(lang, domain=CLICK_DOMAIN).open("rb") as handle:
            compiled = translations(read_mo(handle))
        assert compiled == translations(read_catalogue(po_path(lang, domain=CLICK_DOMAIN), lang)), "run `make i18n`"


def test_version_is_in_the_user_language() -> None:
    """click's version_option translated its message at import time, outside click_messages:
    ``--version`` said "sonla-publish, version 0.1.0" whatever the language."""
    from sonla_publisher import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"sonla-publish, phiên bản {__version__}\n"
    english = run("--version", env={"SONLA_LANG": "en"})
    assert english.output == f"sonla-publish, version {__version__}\n"
