"""Where the local stack keeps its state, and which settings the environment overrides."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise SystemExit(f"{name} must be a number, not {value!r}") from error


@dataclass(frozen=True)
class Settings:
    """Everything ``sonla-stack`` needs to know, read once from the environment.

    ``CKAN_SQLALCHEMY_URL`` (with ``CKAN_DATASTORE_WRITE_URL`` and
    ``CKAN_DATASTORE_READ_URL``) and ``CKAN_REDIS_URL`` point the portal at real
    servers; when they are unset the embedded PostgreSQL and Redis are used.
    """

    root: Path = REPO_ROOT
    run_dir: Path = field(default_factory=lambda: Path(
        os.environ.get("SONLA_RUN_DIR", REPO_ROOT / ".run")).resolve())
    port: int = field(default_factory=lambda: _env_int("SONLA_PORT", 5000))
    redis_port: int = field(default_factory=lambda: _env_int("SONLA_REDIS_PORT", 6390))
    workers: int = field(default_factory=lambda: _env_int("SONLA_WEB_WORKERS", 2))
    # Threads per worker: a slow request (a search or DataStore query running to its timeout)
    # then holds one thread, not a whole worker that every other request would queue behind.
    threads: int = field(default_factory=lambda: _env_int("SONLA_WEB_THREADS", 4))
    # More CKAN settings for the portal's ini, one "key = value" a line (tests set limits this way).
    extra_config: str = field(default_factory=lambda: os.environ.get("SONLA_EXTRA_CONFIG", ""))
    site_url: str = field(default_factory=lambda: os.environ.get("CKAN_SITE_URL", ""))
    database_url: str = field(default_factory=lambda: os.environ.get("CKAN_SQLALCHEMY_URL", ""))
    datastore_write_url: str = field(
        default_factory=lambda: os.environ.get("CKAN_DATASTORE_WRITE_URL", ""))
    datastore_read_url: str = field(
        default_factory=lambda: os.environ.get("CKAN_DATASTORE_READ_URL", ""))
    redis_url: str = field(default_factory=lambda: os.environ.get("CKAN_REDIS_URL", ""))
    storage_path: str = field(default_factory=lambda: os.environ.get("CKAN_STORAGE_PATH", ""))

    @property
    def pgdata(self) -> Path:
        return self.run_dir / "pgdata"

    @property
    def logs(self) -> Path:
        return self.run_dir / "logs"

    @property
    def portal_ini(self) -> Path:
        return self.run_dir / "portal.ini"

    @property
    def test_services_ini(self) -> Path:
        return self.run_dir / "test-services.ini"

    @property
    def test_ini(self) -> Path:
        """The ini given to pytest: the repository's test.ini for the default run directory; for another
        one (the CKAN 2.11 test run, `make test-ckan-2.11`), a copy in it that uses its own services."""
        if self.run_dir == (self.root / ".run").resolve():
            return self.root / "test.ini"
        return self.run_dir / "test.ini"

    @property
    def credentials_file(self) -> Path:
        return self.run_dir / "credentials.ini"

    @property
    def web_pid_file(self) -> Path:
        return self.run_dir / "gunicorn.pid"

    @property
    def redis_pid_file(self) -> Path:
        return self.run_dir / "redis.pid"

    @property
    def embedded_postgres(self) -> bool:
        return not self.database_url

    @property
    def embedded_redis(self) -> bool:
        return not self.redis_url

    @property
    def public_url(self) -> str:
        return self.site_url or f"http://127.0.0.1:{self.port}"
