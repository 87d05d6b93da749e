"""CKAN's background job worker (``ckan jobs worker``, the queue on Redis), as the portal runs it.

The agency page validates large uploads in a job (ckanext/sonla/agency_publish/validation.py);
without a worker they would wait for ever. One worker, started after the web server and stopped
with it; its pid file carries the run directory, so only this stack's worker is ever stopped.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import file_modes
from .processes import read_pid, stop_pid
from .settings import Settings


def pid_file(settings: Settings) -> Path:
    return settings.run_dir / "jobs-worker.pid"


def is_running(settings: Settings) -> bool:
    return read_pid(pid_file(settings)) is not None


def start(settings: Settings, ini: Path) -> None:
    if is_running(settings):
        return
    log = file_modes.private_file(settings.logs / "jobs.log")
    env = dict(os.environ, CKAN_INI=str(ini))
    ckan = str(Path(sys.executable).with_name("ckan"))
    with open(log, "ab") as output:
        process = subprocess.Popen(
            [ckan, "-c", str(ini), "jobs", "worker"], env=env, stdin=subprocess.DEVNULL,
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=file_modes.restrict_umask)
    pid_file(settings).write_text(f"{process.pid}\n")


def stop(settings: Settings) -> bool:
    return stop_pid(pid_file(settings), timeout=20)
