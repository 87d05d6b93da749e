"""The configuration file: where it is, what it may hold, and that options and environment win."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sonla_publisher.cli.config_file import ConfigError, default_path, read_config
from sonla_publisher.cli.main import main
from sonla_publisher.errors import PortalError, PortalUnreachable
from sonla_publisher.portal.client import is_transient

CONFIG = "[portal]\nurl = http://127.0.0.1:9/\ntoken = bi-mat-khong-in-ra\ntimeout = 3\n"


def write_config(tmp_path: Path, text: str = CONFIG, mode: int = 0o600) -> Path:
    path = tmp_path / "config.ini"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def run(args: list[str], env: dict[str, str] | None = None):
    clean = {key: None for key in ("SONLA_CKAN_URL", "SONLA_CKAN_TOKEN", "SONLA_CKAN_TIMEOUT", "SONLA_CONFIG")}
    return CliRunner().invoke(main, args, env={**clean, **(env or {})})


def test_default_location_follows_the_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_path() == tmp_path / "sonla-publish" / "config.ini"


def test_values_are_read_and_unknown_keys_refused(tmp_path: Path) -> None:
    assert read_config(write_config(tmp_path)) == {
        "url": "http://127.0.0.1:9/",
        "token": "bi-mat-khong-in-ra",
        "timeout": "3",
    }
    with pytest.raises(ConfigError) as caught:
        read_config(write_config(tmp_path, "[portal]\nadress = x\n"))
    assert "adress" in caught.value.message("vi")
    with pytest.raises(ConfigError) as caught:
        read_config(write_config(tmp_path, "url = no section\n"))
    assert caught.value.message_id == "config.malformed"


def test_the_file_gives_the_portal_and_the_token_is_never_printed(tmp_path: Path, specs_dir: Path) -> None:
    # Port 9 (discard) is closed: the command must fail trying *that* address, within the timeout.
    result = run(["--config", str(write_config(tmp_path)), "sync", str(specs_dir)])
    assert result.exit_code == 2
    assert "http://127.0.0.1:9" in result.output
    assert "bi-mat-khong-in-ra" not in result.output


def test_environment_wins_over_the_file(tmp_path: Path, specs_dir: Path) -> None:
    env = {"SONLA_CKAN_URL": "http://127.0.0.1:7/"}
    result = run(["--config", str(write_config(tmp_path)), "sync", str(specs_dir)], env=env)
    assert "http://127.0.0.1:7" in result.output
    assert "127.0.0.1:9" not in result.output


@pytest.mark.skipif(os.name == "nt", reason="file modes are POSIX")
def test_a_token_others_can_read_is_warned_about(tmp_path: Path, specs_dir: Path) -> None:
    path = write_config(tmp_path, mode=0o644)
    result = run(["--config", str(path), "catalogue", "check", "--specs", str(specs_dir)])
    assert result.exit_code == 0
    assert f"chmod 600 {path}" in result.output


def test_a_missing_named_file_is_an_error(tmp_path: Path) -> None:
    result = run(["--config", str(tmp_path / "khong-co.ini"), "sync"])
    assert result.exit_code == 2
    assert "khong-co.ini" in result.output


def test_what_is_worth_a_retry() -> None:
    assert is_transient(PortalUnreachable("portal.unreachable", url="u", reason="timeout"))
    assert is_transient(PortalUnreachable("portal.not_ckan", url="u", status=503))
    assert is_transient(PortalUnreachable("portal.not_ckan", url="u", status=429))
    assert not is_transient(PortalUnreachable("portal.not_ckan", url="u", status=404))
    assert not is_transient(PortalError("portal.not_authorized", dataset="d", org="o"))
