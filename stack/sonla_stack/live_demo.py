"""The demo's live sources on a timer: ``sonla-publish sync --due`` every few minutes.

``make run`` publishes the two example specs of ``dataset_specs/examples/live`` from local
sources: a "warehouse" database on the embedded PostgreSQL (``kho_du_lieu``, read by a
read-only role) and the portal's own API. The addresses, the warehouse password and the portal
token go into ``<run dir>/live-sources.ini`` (mode 0600), the configuration file the timer's
``sonla-publish`` reads: nothing secret on a command line or in a log. ``SONLA_LIVE_INTERVAL``
sets the seconds between runs (default 300; 0: no timer, as in the e2e tests).
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

from . import file_modes, postgres, processes, timer
from .settings import Settings

INTERVAL_ENV = "SONLA_LIVE_INTERVAL"
DEFAULT_INTERVAL = 300
EXAMPLES_DIR = "dataset_specs/examples/live"
DATABASE = "kho_du_lieu"
READER = "kho_du_lieu_doc"
ROWS = 300


def interval() -> int:
    return timer.interval(INTERVAL_ENV, DEFAULT_INTERVAL)


def pid_file(settings: Settings) -> Path:
    return settings.run_dir / "live-sources.pid"


def config_file(settings: Settings) -> Path:
    return settings.run_dir / "live-sources.ini"


def prepare(settings: Settings, socket: Path, portal_url: str, token: str) -> Path:
    """The warehouse database (once) and the 0600 configuration file of the timer."""
    existing = set(postgres.psql(socket, "SELECT datname FROM pg_database").split())
    config = config_file(settings)
    if DATABASE not in existing or not config.exists():
        password = secrets.token_urlsafe(18)
        roles = set(postgres.psql(socket, "SELECT rolname FROM pg_roles").split())
        verb = "ALTER" if READER in roles else "CREATE"
        postgres.psql(socket, f"{verb} ROLE {READER} LOGIN PASSWORD '{password}'")
        if DATABASE not in existing:
            postgres.psql(socket, f"CREATE DATABASE {DATABASE} ENCODING 'UTF8' TEMPLATE template0")
            postgres.psql(socket, (
                "CREATE SCHEMA y_te;"
                " CREATE TABLE y_te.co_so_kham_chua_benh AS SELECT"
                " lpad((14000 + i)::text, 5, '0') AS ma_co_so, 'Trạm y tế số ' || i AS ten_co_so,"
                " mod(i * 7, 60) AS so_giuong_benh, current_date - mod(i, 30) AS ngay_cap_nhat"
                f" FROM generate_series(1, {ROWS}) i;"
                " ALTER TABLE y_te.co_so_kham_chua_benh ADD PRIMARY KEY (ma_co_so);"
                f" GRANT USAGE ON SCHEMA y_te TO {READER};"
                f" GRANT SELECT ON y_te.co_so_kham_chua_benh TO {READER};"
            ), DATABASE)
        parser = ConfigParser(interpolation=None)
        parser["portal"] = {"url": portal_url, "token": token}
        parser["source kho-du-lieu"] = {
            "url": f"postgresql://{READER}:{password}@/{DATABASE}?host={socket}"
        }
        parser["source cong-du-lieu"] = {"url": portal_url}
        # (not file_modes.private_file: it would close the run directory to PostgreSQL's user)
        descriptor = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            parser.write(handle)
        config.chmod(0o600)
    return config


def start(settings: Settings, seconds: int) -> int:
    """The timer, detached (its own session): survives the `up` command, stopped by `stop`."""
    stop(settings)
    log = file_modes.private_file(settings.logs / "live-sources.log")
    env = dict(os.environ, SONLA_CONFIG=str(config_file(settings)),
               SONLA_LIVE_DIR=str(settings.run_dir / "live"))
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "sonla_stack.live_demo", str(settings.root / EXAMPLES_DIR),
             str(seconds)],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
        )
    pid_file(settings).write_text(f"{process.pid}\n")
    return process.pid


def stop(settings: Settings) -> bool:
    return processes.stop_pid(pid_file(settings))


def run_forever(catalogue: Path, seconds: int) -> None:
    publisher = str(Path(sys.executable).with_name("sonla-publish"))
    timer.repeat("live-sources", [publisher, "sync", "--due", str(catalogue)], seconds,
                 shown=f"sonla-publish sync --due {catalogue}")


if __name__ == "__main__":
    run_forever(Path(sys.argv[1]), int(sys.argv[2]))
