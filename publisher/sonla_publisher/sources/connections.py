"""Connection aliases: the secret part of a live source, kept out of specs and reports.

A spec names an alias (``connection: kho-du-lieu``); its values come from the environment::

    SONLA_SOURCE_KHO_DU_LIEU_URL=postgresql://reader:...@db/warehouse
    SONLA_SOURCE_KHO_DU_LIEU_TOKEN=...            (http: sent as "Authorization: Bearer ...")
    SONLA_SOURCE_KHO_DU_LIEU_HEADER="X-Api-Key: ..."   (http: any one header)

or from a ``[source kho-du-lieu]`` section of the operator's configuration file (keys ``url``,
``token``, ``header``), which must then be readable by its owner only (mode 0600). The
environment wins over the file. Values are never printed: :func:`secrets_of` lists them so that
messages can be scrubbed.
"""

from __future__ import annotations

import configparser
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sonla_publisher.error_reasons import os_reason
from sonla_publisher.errors import ReadError

ALIAS_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
SECTION_PREFIX = "source "
KEYS = ("url", "token", "header")
ENV_PREFIX = "SONLA_SOURCE_"
SECRET_MASK = "***"


@dataclass(frozen=True)
class Connection:
    alias: str
    url: str
    token: str | None = None
    header: tuple[str, str] | None = None  # (name, value)

    def secrets(self) -> list[str]:
        """Every value that must never be shown: the URL's password and the whole URL too."""
        found = [self.url]
        password = _url_password(self.url)
        if password:
            found.append(password)
        if self.token:
            found.append(self.token)
        if self.header:
            found.append(self.header[1])
        return [value for value in found if value]


def env_name(alias: str, key: str) -> str:
    """``kho-du-lieu`` + ``url`` -> ``SONLA_SOURCE_KHO_DU_LIEU_URL``."""
    return f"{ENV_PREFIX}{re.sub(r'[^A-Za-z0-9]', '_', alias).upper()}_{key.upper()}"


def resolve(
    alias: str, config_path: Path | None, environ: Mapping[str, str] | None = None
) -> Connection:
    """The alias's values, from the environment first, else the configuration file."""
    env = os.environ if environ is None else environ
    if not ALIAS_PATTERN.match(alias):
        raise ReadError("source.bad_alias", alias=alias)
    values = {key: env[env_name(alias, key)] for key in KEYS if env.get(env_name(alias, key))}
    if "url" not in values and config_path is not None and config_path.is_file():
        values = {**_from_file(alias, config_path), **values}
    if not values.get("url"):
        raise ReadError(
            "source.unknown_alias",
            alias=alias,
            variable=env_name(alias, "url"),
            section=f"[{SECTION_PREFIX}{alias}]",
        )
    header = None
    if values.get("header"):
        name, colon, value = values["header"].partition(":")
        if not colon or not name.strip() or not value.strip():
            raise ReadError("source.bad_header", alias=alias)
        header = (name.strip(), value.strip())
    return Connection(alias, values["url"], values.get("token"), header)


def _from_file(alias: str, path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            parser.read_file(handle)
    except OSError as error:
        raise ReadError("config.unreadable", path=str(path), reason=os_reason(error)) from error
    except (configparser.Error, UnicodeDecodeError) as error:
        raise ReadError("config.malformed", path=str(path), reason=str(error)) from error
    section = SECTION_PREFIX + alias
    if not parser.has_section(section):
        return {}
    from sonla_publisher.cli.config_file import readable_by_others

    # Checked before a value is used: a password in a file others may read is refused.
    if readable_by_others(path):
        raise ReadError("source.insecure_config", path=str(path), alias=alias)
    unknown = sorted(set(parser[section]) - set(KEYS))
    if unknown:
        raise ReadError(
            "config.unknown_key", path=str(path), key=unknown[0], known=", ".join(KEYS)
        )
    return {key: value.strip() for key, value in parser[section].items() if value.strip()}


def _url_password(url: str) -> str | None:
    match = re.match(r"^[A-Za-z0-9+.-]+://[^:/@]*:([^@]*)@", url)
    return match.group(1) if match else None


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` with every secret replaced by ``***`` (longest first: a URL holds its password)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, SECRET_MASK)
    return text
