"""The usage figures' timer: ``ckan sonla usage-summary`` every hour, as production's systemd timer.

The portal records each page view and download as it happens; this job sums them (each visitor
once a day) into the figures the home page and the statistics page show. ``SONLA_USAGE_INTERVAL``
sets the seconds between runs (default 3600; 0: no timer). Production runs the same command
from a systemd timer (docs/operators.md).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import file_modes, processes, timer
from .settings import Settings

INTERVAL_ENV = "SONLA_USAGE_INTERVAL"
DEFAULT_INTERVAL = 3600


def interval() -> int:
    return timer.interval(INTERVAL_ENV, DEFAULT_INTERVAL)


def pid_file(settings: Settings) -> Path:
    return settings.run_dir / "usage-summary.pid"


def command(ini: Path) -> list[str]:
    return [str(Path(sys.executable).with_name("ckan")), "-c", str(ini), "sonla", "usage-summary"]


def start(settings: Settings, ini: Path, seconds: int) -> int:
    """The timer, detached (its own session): survives the `up` command, stopped by `stop`."""
    stop(settings)
    log = file_modes.private_file(settings.logs / "usage-summary.log")
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "sonla_stack.usage_timer", str(ini), str(seconds)],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            env=dict(os.environ, CKAN_INI=str(ini)), start_new_session=True,
            preexec_fn=file_modes.restrict_umask)
    pid_file(settings).write_text(f"{process.pid}\n")
    return process.pid


def stop(settings: Settings) -> bool:
    return processes.stop_pid(pid_file(settings))


def run_forever(ini: Path, seconds: int) -> None:
    timer.repeat("usage-summary", command(ini), seconds)


if __name__ == "__main__":
    run_forever(Path(sys.argv[1]), int(sys.argv[2]))
