"""The optional configuration file: portal address, token and timeout kept out of commands.

    [portal]
    url = https://data.sonla.gov.vn
    token = ...
    timeout = 120

Found at ``--config``, else ``$SONLA_CONFIG``, else ``%APPDATA%\\sonla-publish\\config.ini`` on
Windows and ``~/.config/sonla-publish/config.ini`` elsewhere. Values given as options or
environment variables win over the file. The token is never printed.
"""

from __future__ import annotations

import configparser
import os
import stat
import sys
from pathlib import Path
from typing import Any

import click

from sonla_publisher.error_reasons import os_reason
from sonla_publisher.errors import SpecError

CONFIG_ENV = "SONLA_CONFIG"
SECTION = "portal"
KEYS = ("url", "token", "timeout")
# Where main() leaves the configuration file's path in click's context (for live sources).
CONFIG_META = "sonla_publisher.config_path"


def current_path() -> Path | None:
    """The configuration file of the running command (``--config``, $SONLA_CONFIG, default)."""
    context = click.get_current_context(silent=True)
    if context is not None and CONFIG_META in context.meta:
        return Path(context.meta[CONFIG_META])
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    return default_path()


def default_path() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "sonla-publish" / "config.ini"


def read_config(path: Path) -> dict[str, str]:
    """The ``[portal]`` values of the file; ConfigError when it cannot be read or parsed."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            parser.read_file(handle)
    except OSError as error:
        raise ConfigError(
            "config.unreadable", path=str(path), reason=os_reason(error)
        ) from error
    except (configparser.Error, UnicodeDecodeError) as error:
        raise ConfigError("config.malformed", path=str(path), reason=str(error)) from error
    if not parser.has_section(SECTION):
        return {}
    unknown = sorted(set(parser[SECTION]) - set(KEYS))
    if unknown:
        raise ConfigError(
            "config.unknown_key", path=str(path), key=unknown[0], known=", ".join(KEYS)
        )
    return {key: value.strip() for key, value in parser[SECTION].items() if value.strip()}


def readable_by_others(path: Path) -> bool:
    """A token in a file others may read is a leak waiting to happen (not checked on Windows)."""
    if sys.platform == "win32":
        return False
    return bool(path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH))


def default_map(command: click.Command, values: dict[str, str]) -> dict[str, Any]:
    """click's ``default_map`` giving ``values`` to every (sub)command that has those options."""
    result: dict[str, Any] = {}
    names = {param.name for param in command.params}
    for key, value in values.items():
        if key in names:
            result[key] = value
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            nested = default_map(sub, values)
            if nested:
                result[name] = nested
    return result


class ConfigError(SpecError):
    """The configuration file cannot be read (exit 2, like a spec that cannot be read)."""
