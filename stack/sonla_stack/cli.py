"""``sonla-stack``: start, stop and prepare the local portal and its services.

``make run`` calls ``sonla-stack up``, ``make stop`` calls ``sonla-stack stop`` and
``make test`` calls ``sonla-stack prepare-tests`` before running pytest.
"""
from __future__ import annotations

import functools
import hashlib
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from configparser import ConfigParser
from pathlib import Path
from typing import Any, TypeVar

import click

from . import ckan_config, ckan_timers, demo, file_modes, jobs_worker, live_demo, postgres, redis_server, web
from .errors import StackProblem
from .processes import read_pid
from .settings import Settings


def _say(message: str) -> None:
    click.echo(f"[sonla-stack] {message}", err=True)


class _Failure(click.ClickException):
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(f"Lỗi / Error: {message}")


class _SettingToChange(_Failure):
    exit_code = 2


_Command = TypeVar("_Command", bound=Callable[..., Any])


def _clear_failures(command: _Command) -> _Command:
    """A service that cannot start is a message and an exit status (2 for a taken port), not a traceback."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RuntimeError as error:
            if isinstance(error, StackProblem) and error.exit_code == 2:
                raise _SettingToChange(str(error)) from error
            raise _Failure(str(error)) from error
    return run  # type: ignore[return-value]


def _start_services(settings: Settings) -> Path | None:
    """Start the embedded PostgreSQL and Redis unless the environment names real servers."""
    file_modes.private_dir(settings.run_dir)
    file_modes.private_dir(settings.logs)
    socket = None
    if settings.embedded_postgres:
        started = time.monotonic()
        socket = postgres.start(settings.pgdata)
        _say(f"PostgreSQL ready ({time.monotonic() - started:.1f} s), socket in {socket}")
    if settings.embedded_redis:
        redis_server.start(settings.run_dir / "redis", settings.redis_port,
                           settings.redis_pid_file, file_modes.private_file(settings.logs / "redis.log"))
        _say(f"Redis ready on 127.0.0.1:{settings.redis_port}")
    return socket


def _fingerprint(settings: Settings) -> str:
    """Changes when a migration is added or the bootstrap changes, so a later `up` runs it again."""
    import ckan

    digest = hashlib.sha256(ckan.__version__.encode())
    digest.update((Path(__file__).parent / "bootstrap.py").read_bytes())
    migrations = settings.root / "ckanext-sonla" / "ckanext" / "sonla" / "migration"
    for path in sorted(migrations.rglob("*.py")):
        digest.update(path.name.encode())
    return digest.hexdigest()


def _bootstrap(settings: Settings, ini: Path, socket: Path | None, marker: Path,
               credentials: Path | None) -> bool:
    """Run sonla_stack.bootstrap unless it already ran for this code; True if it ran."""
    fingerprint = _fingerprint(settings)
    if marker.exists() and marker.read_text() == fingerprint and (
            credentials is None or credentials.exists()):
        return False
    command = [sys.executable, "-m", "sonla_stack.bootstrap", "--ini", str(ini)]
    if socket is not None:
        command += ["--pg-socket", str(socket)]
    if credentials is not None:
        command += ["--credentials", str(credentials)]
    started = time.monotonic()
    log = file_modes.private_file(settings.logs / "bootstrap.log")
    with log.open("a", encoding="utf-8") as handle:
        result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise click.ClickException(f"Database set-up failed; see {log}")
    marker.write_text(fingerprint)
    _say(f"Database ready ({time.monotonic() - started:.1f} s)")
    return True


def _credentials(settings: Settings) -> tuple[str, str]:
    parser = ConfigParser(interpolation=None)
    parser.read(settings.credentials_file)
    return parser["portal"]["url"], parser["portal"]["api_token"]


@click.group()
def main() -> None:
    """Run the Sơn La open-data portal locally with its own PostgreSQL and Redis."""
    # platformdirs (under embedded-postgres) warns when XDG_RUNTIME_DIR is unset, as in CI;
    # its fallback directory is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    # Every file the stack and the servers it starts create (storage, logs, data) is private.
    file_modes.restrict_umask()


@main.command()
@click.option("--demo/--no-demo", "publish_demo", default=True, show_default=True,
              help="Publish the demo catalogue the first time.")
@_clear_failures
def up(publish_demo: bool) -> None:
    """Start everything and serve the portal (reuses existing data)."""
    settings = Settings()
    started = time.monotonic()
    # Before anything starts: a crash (kill -9 of gunicorn's master) leaves workers that keep
    # the port; a new master could not bind it, and the old workers would answer for it.
    cleaned = web.clean_up(settings) if settings.run_dir.exists() else []
    if cleaned:
        _say(f"Stopped {len(cleaned)} web server process(es) left by a crash (pids "
             f"{', '.join(map(str, cleaned))})")
    socket = _start_services(settings)
    if socket is not None:
        postgres.ensure_roles_and_databases(socket, postgres.PORTAL_DATABASES)
    ini = ckan_config.write_portal_ini(settings, socket)
    _bootstrap(settings, ini, socket, settings.run_dir / "portal.bootstrapped",
               settings.credentials_file)
    web.start(settings, ini)
    web.wait_until_ready(settings)
    jobs_worker.start(settings, ini)
    for scheduled in ckan_timers.TIMERS:
        if scheduled.interval():
            pid = scheduled.start(settings, ini, scheduled.interval())
            _say(f"Timer: {scheduled.shown()} every {scheduled.interval()} s (pid {pid}, "
                 f"log {scheduled.log_file(settings)})")
    _say(f"Portal serving at http://127.0.0.1:{settings.port} ({time.monotonic() - started:.1f} s)")
    demo_marker = settings.run_dir / "demo.published"
    if publish_demo and not demo_marker.exists():
        _say("Publishing the demo catalogue through sonla-publish …")
        _url, token = _credentials(settings)
        demo.publish(settings, f"http://127.0.0.1:{settings.port}", token)
        demo_marker.write_text("ok\n")
    seconds = live_demo.interval()
    if publish_demo and seconds and socket is not None:
        # The examples of live sources, from a local warehouse database and the portal's API.
        _url, token = _credentials(settings)
        live_demo.prepare(settings, socket, f"http://127.0.0.1:{settings.port}", token)
        pid = live_demo.start(settings, seconds)
        _say(f"Live sources: sonla-publish sync --due every {seconds} s (pid {pid}, "
             f"log {settings.logs / 'live-sources.log'})")
    click.echo("")
    click.echo(f"Cổng dữ liệu mở / Open-data portal: {settings.public_url}")
    click.echo(f"Tài khoản quản trị và API token / Admin account and API token: "
               f"{settings.credentials_file}")
    click.echo("Dừng / Stop: make stop")


@main.command()
@_clear_failures
def stop() -> None:
    """Stop the web server, Redis and PostgreSQL started by `up` or `prepare-tests`."""
    settings = Settings()
    if live_demo.stop(settings):
        _say("live-sources timer stopped")
    for scheduled in ckan_timers.TIMERS:
        if scheduled.stop(settings):
            _say(f"{scheduled.label} timer stopped")
    if web.stop(settings):
        _say("web server stopped")
    if jobs_worker.stop(settings):
        _say("job worker stopped")
    if redis_server.stop(settings.redis_pid_file):
        _say("Redis stopped")
    if settings.embedded_postgres and postgres.stop(settings.pgdata):
        _say("PostgreSQL stopped")


@main.command()
def status() -> None:
    """Say which of the stack's processes are running, and whether the portal answers.

    Exits 1 when something is not as it should be: a web server that does not answer,
    processes or pid files left by a crash; 0 when everything runs or is cleanly stopped.
    """
    settings = Settings()
    lines, healthy = _status_lines(settings)
    for line in lines:
        click.echo(line)
    sys.exit(0 if healthy else 1)


def _status_lines(settings: Settings) -> tuple[list[str], bool]:
    healthy = True
    lead = web.master(settings)
    stray = [p.pid for p in web.leftovers(settings)]
    if lead is not None:
        problem = web.check(settings)
        text = f"running (pid {lead}), answering" if problem is None else \
            f"running (pid {lead}) but not answering: {problem}"
        healthy = problem is None
    elif settings.web_pid_file.exists():
        text, healthy = f"stopped, but a stale pid file is left ({settings.web_pid_file})", False
    else:
        text = "stopped"
    if stray:
        healthy = False
        text += (f"; {len(stray)} process(es) left by a crash still run (pids {', '.join(map(str, stray))}): "
                 "`sonla-stack up` or `sonla-stack stop` stops them")
    lines = [f"web:        {text}"]
    redis_pid = read_pid(settings.redis_pid_file)
    if redis_pid is not None:
        answers = redis_server.answers(settings.redis_port)
        healthy = healthy and answers
        redis_text = f"running (pid {redis_pid})" + ("" if answers else f" but not answering on {settings.redis_port}")
    elif settings.redis_pid_file.exists():
        redis_text, healthy = f"stopped, but a stale pid file is left ({settings.redis_pid_file})", False
    else:
        redis_text = "stopped"
    lines.append(f"redis:      {redis_text}")
    if postgres.is_running(settings.pgdata):
        pg_text = "running"
    elif postgres.stale_lock(settings.pgdata):
        pg_text, healthy = ("stopped, but postmaster.pid is left (the server was killed): "
                            "`sonla-stack up` restarts it with crash recovery"), False
    else:
        pg_text = "stopped"
    lines.append(f"postgresql: {pg_text}")
    return lines, healthy


TESTS_STARTED_MARKER = "services.started-for-tests"


@main.command("prepare-tests")
@_clear_failures
def prepare_tests() -> None:
    """Start the services and create the test databases for `pytest --ckan-ini=test.ini`."""
    settings = Settings()
    already_running = postgres.is_running(settings.pgdata) or redis_server.is_running(
        settings.redis_pid_file)
    socket = _start_services(settings)
    if not already_running:
        (settings.run_dir / TESTS_STARTED_MARKER).write_text("1\n")
    if socket is not None:
        postgres.ensure_roles_and_databases(socket, postgres.TEST_DATABASES)
    ini = ckan_config.write_test_ini(settings, socket)
    _bootstrap(settings, settings.test_ini, socket,
               settings.run_dir / "test.bootstrapped", None)
    _say(f"Test services ready ({ini}; pytest --ckan-ini={settings.test_ini})")


@main.command("release-tests")
@click.pass_context
def release_tests(ctx: click.Context) -> None:
    """Stop the services if `prepare-tests` started them (a running `make run` is left alone)."""
    marker = Settings().run_dir / TESTS_STARTED_MARKER
    if marker.exists():
        ctx.invoke(stop)
        marker.unlink()


if __name__ == "__main__":
    main()
