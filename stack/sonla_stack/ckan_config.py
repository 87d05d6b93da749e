"""Write the machine-specific CKAN config files under ``.run/``.

``config/base.ini`` (in git) holds every portal setting; the files written here
only add what differs per machine: database and Redis URLs, the site URL, the
storage path and a secret key created once per installation.
"""
from __future__ import annotations

import os
import re
import secrets
from configparser import ConfigParser
from pathlib import Path

from . import postgres
from .settings import Settings

BASE_INI = "config/base.ini"


def _secret(path: Path) -> str:
    """Reuse the secret of an existing file so sessions and tokens survive a restart."""
    if path.exists():
        parser = ConfigParser(interpolation=None)
        parser.read(path)
        existing = parser.get("app:main", "SECRET_KEY", fallback="")
        if existing:
            return existing
    return secrets.token_urlsafe(32)


def extra_options(text: str) -> dict[str, str]:
    """``SONLA_EXTRA_CONFIG``: one ``key = value`` a line; a line without ``=`` is an error."""
    options: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise SystemExit(f"SONLA_EXTRA_CONFIG: not a 'key = value' line: {line!r}")
        options[key.strip()] = value.strip()
    return options


def logging_sections(settings: Settings) -> str:
    """config/base.ini's logging sections when the running CKAN needs them in the file it is given.

    CKAN 2.12 sets up logging from whichever file of the ``use = config:`` chain has them; CKAN 2.11
    from the named file only, and fails (KeyError 'formatters') on a file without them.
    """
    import ckan
    from ckanext.sonla.ckan_version import minor_version

    if (minor_version(ckan.__version__) or (0, 0)) >= (2, 12):
        return ""
    text = (settings.root / BASE_INI).read_text(encoding="utf-8")
    start = text.index("\n[loggers]")  # the logging sections end base.ini
    return "# For CKAN 2.11, from config/base.ini:" + text[start:]


def _write(path: Path, settings: Settings, values: dict[str, str]) -> None:
    base = os.path.relpath(settings.root / BASE_INI, path.parent)
    lines = [
        "# Written by sonla-stack; edit config/base.ini or the environment instead.",
        "[app:main]",
        f"use = config:{base}",
    ]
    lines += [f"{key} = {value}" for key, value in values.items()]
    # API tokens are signed with the installation's secret key.
    lines += ["api_token.jwt.encode.secret = string:%(SECRET_KEY)s",
              "api_token.jwt.decode.secret = string:%(SECRET_KEY)s"]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n" + logging_sections(settings), encoding="utf-8")
    tmp.chmod(0o600)  # holds the secret key
    tmp.replace(path)


def service_urls(settings: Settings, socket: Path | None,
                 databases: postgres.Databases, redis_db: int) -> dict[str, str]:
    """Database and Redis URLs: from the environment, else the embedded servers."""
    if settings.embedded_postgres:
        assert socket is not None
        main = postgres.url(socket, postgres.MAIN_USER, postgres.MAIN_PASSWORD, databases.main)
        write = postgres.url(socket, postgres.MAIN_USER, postgres.MAIN_PASSWORD,
                             databases.datastore)
        read = postgres.url(socket, postgres.READ_USER, postgres.READ_PASSWORD,
                            databases.datastore)
    else:
        main = settings.database_url
        write = settings.datastore_write_url
        read = settings.datastore_read_url
    redis = settings.redis_url or f"redis://127.0.0.1:{settings.redis_port}/{redis_db}"
    return {
        "sqlalchemy.url": main,
        "ckan.datastore.write_url": write,
        "ckan.datastore.read_url": read,
        "ckan.redis.url": redis,
    }


def write_portal_ini(settings: Settings, socket: Path | None) -> Path:
    path = settings.portal_ini
    storage = settings.storage_path or str(settings.run_dir / "storage")
    values = service_urls(settings, socket, postgres.PORTAL_DATABASES, redis_db=0)
    values.update({
        "ckan.site_url": settings.public_url,
        "ckan.storage_path": storage,
        "SECRET_KEY": _secret(path),
    })
    values.update(extra_options(settings.extra_config))
    _write(path, settings, values)
    return path


def _write_run_dir_test_ini(settings: Settings) -> None:
    """The repository's test.ini, pointed at this run directory's test-services.ini (so a second CKAN
    version's tests never touch the databases the first one migrated)."""
    text = (settings.root / "test.ini").read_text(encoding="utf-8")
    services = os.path.relpath(settings.test_services_ini, settings.test_ini.parent)
    text, count = re.subn(r"(?m)^use = config:.*$", f"use = config:{services}", text, count=1)
    assert count == 1, "test.ini has no 'use = config:' line"
    settings.test_ini.write_text(f"# Written by sonla-stack from test.ini.\n{text}{logging_sections(settings)}",
                                 encoding="utf-8")


def write_test_ini(settings: Settings, socket: Path | None) -> Path:
    path = settings.test_services_ini
    values = service_urls(settings, socket, postgres.TEST_DATABASES, redis_db=1)
    values.update({
        "ckan.site_url": "http://test.ckan.net",
        "ckan.storage_path": str(settings.run_dir / "test-storage"),
        "SECRET_KEY": _secret(path),
    })
    _write(path, settings, values)
    if settings.test_ini != settings.root / "test.ini":
        _write_run_dir_test_ini(settings)
    return path
