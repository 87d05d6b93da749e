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

from . import file_modes
from .processes import read_pid, stop_pid
from .settings import Settings


def _gunicorn() -> str:
    return str(Path(sys.executable).with_name("gunicorn"))


def is_running(settings: Settings) -> bool:
    return read_pid(settings.web_pid_file) is not None


def start(settings: Settings, ini: Path) -> None:
    if is_running(settings):
        return
    access_log = file_modes.private_file(settings.logs / "access.log")
    error_log = file_modes.private_file(settings.logs / "web.log")
    env = dict(os.environ, CKAN_INI=str(ini))
    subprocess.run(
        [_gunicorn(), "sonla_stack.wsgi:application",
         "--bind", f"127.0.0.1:{settings.port}",
         "--workers", str(settings.workers),
         "--timeout", "120",
         "--daemon", "--pid", str(settings.web_pid_file),
         "--access-logfile", str(access_log),
         "--error-logfile", str(error_log),
         "--capture-output"],
        check=True, env=env, timeout=60,
    )


def wait_until_ready(settings: Settings, timeout: float = 180.0) -> None:
    """Wait for ``status_show`` to answer; fail with the log's tail if it never does."""
    url = f"http://127.0.0.1:{settings.port}/api/3/action/status_show"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if json.load(response).get("success"):
                    return
        except (urllib.error.URLError, OSError, ValueError):
            pass
        if not is_running(settings) and time.monotonic() > deadline - timeout + 10:
            break
        time.sleep(0.5)
    log = settings.logs / "web.log"
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
    raise RuntimeError(f"The portal did not answer at {url}.\n{tail}")


def stop(settings: Settings) -> bool:
    return stop_pid(settings.web_pid_file, timeout=30)
