"""The portal's web server: gunicorn workers serving CKAN, as in production."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from . import file_modes
from .errors import PortTaken
from .processes import listener_on, port_taken, processes_naming, read_pid, stop_pid, terminate
from .settings import Settings


def _gunicorn() -> str:
    return str(Path(sys.executable).with_name("gunicorn"))


def is_running(settings: Settings) -> bool:
    return master(settings) is not None


def master(settings: Settings) -> int | None:
    """The gunicorn master's pid, if the pid file names a live gunicorn of ours."""
    pid = read_pid(settings.web_pid_file)
    if pid is None:
        return None
    try:
        cmdline = psutil.Process(pid).cmdline()
    except psutil.Error:
        return None
    # The pid file's path is on our master's command line: a reused pid is not ours.
    return pid if any(str(settings.web_pid_file) in part for part in cmdline) else None


def leftovers(settings: Settings) -> list[psutil.Process]:
    """Our gunicorn processes that no live master of ours leads: workers whose master was
    killed (they keep the port and answer with whatever state they have)."""
    lead = master(settings)
    found = processes_naming(str(settings.web_pid_file))
    if lead is None:
        return found
    return [p for p in found if p.pid != lead and _parent(p) != lead]


def _parent(process: psutil.Process) -> int | None:
    try:
        return process.ppid()
    except psutil.Error:
        return None


def clean_up(settings: Settings) -> list[int]:
    """Stop leftover processes of ours and remove a stale pid file; the pids stopped."""
    stale = leftovers(settings)
    terminate(stale)
    if master(settings) is None:
        settings.web_pid_file.unlink(missing_ok=True)
    return [p.pid for p in stale]


def start(settings: Settings, ini: Path) -> None:
    if is_running(settings):
        return
    if port_taken(settings.port):
        holder = listener_on(settings.port)
        who = f" (pid {holder})" if holder else ""
        raise PortTaken(f"Cổng {settings.port} đang do chương trình khác dùng{who} / Port {settings.port} is in use "
                        f"by another program{who}, not by this stack's portal; stop it or choose another port "
                        f"with SONLA_PORT.")
    access_log = file_modes.private_file(settings.logs / "access.log")
    error_log = file_modes.private_file(settings.logs / "web.log")
    env = dict(os.environ, CKAN_INI=str(ini))
    subprocess.run(
        [_gunicorn(), "sonla_stack.wsgi:application",
         "--bind", f"127.0.0.1:{settings.port}",
         "--workers", str(settings.workers),
         "--threads", str(max(1, settings.threads)),
         "--timeout", "120",
         "--daemon", "--pid", str(settings.web_pid_file),
         "--access-logfile", str(access_log),
         "--error-logfile", str(error_log),
         "--capture-output"],
        check=True, env=env, timeout=60,
    )


# Answered only by a portal whose database works (status_show does not touch it).
_CHECK = "/api/3/action/package_search?rows=0"


def check(settings: Settings) -> str | None:
    """None if the portal answers a request that reads its database; else what went wrong."""
    url = f"http://127.0.0.1:{settings.port}{_CHECK}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            if json.load(response).get("success"):
                return None
            return "the API answered without success"
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))


def wait_until_ready(settings: Settings, timeout: float = 180.0) -> None:
    """Wait until our master runs and the portal answers a database-backed request; fail with
    the log's tail if it never does or the master dies (e.g. the port was taken)."""
    deadline = time.monotonic() + timeout
    problem: str | None = "not started"
    while time.monotonic() < deadline:
        if master(settings) is None:
            if time.monotonic() > deadline - timeout + 10:
                problem = "the web server (gunicorn) is not running"
                break
        else:
            problem = check(settings)
            if problem is None and master(settings) is not None:
                return
        time.sleep(0.5)
    log = settings.logs / "web.log"
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
    raise RuntimeError(f"The portal does not serve at http://127.0.0.1:{settings.port} ({problem}).\n{tail}")


def stop(settings: Settings) -> bool:
    stopped = stop_pid(settings.web_pid_file, timeout=30) if is_running(settings) else False
    # Workers outlive a killed master; a pid file may name a dead or foreign process.
    return bool(clean_up(settings)) or stopped
