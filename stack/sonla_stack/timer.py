"""A command run again and again by the stack, as production's systemd timers do.

``make run``'s timers (the demo's live sources, the CKAN commands of ckan_timers.py) each run one command every
few seconds in a detached process until SIGTERM (``sonla-stack stop``), writing a line before
and after each run to their log.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time


def interval(variable: str, default: int) -> int:
    """Seconds between runs from the environment variable; 0 turns the timer off, junk is the default."""
    try:
        return max(0, int(os.environ.get(variable, default)))
    except ValueError:
        return default


def repeat(label: str, command: list[str], seconds: int, shown: str = "") -> None:
    """Run ``command`` every ``seconds`` until SIGTERM; a run under way finishes first."""
    stopping = False

    def on_term(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_term)
    while not stopping:
        print(f"[{label}] {time.strftime('%Y-%m-%d %H:%M:%S')}{' ' + shown if shown else ''}", flush=True)
        result = subprocess.run(command, check=False)
        print(f"[{label}] exit {result.returncode}", flush=True)
        deadline = time.monotonic() + seconds
        while not stopping and time.monotonic() < deadline:
            time.sleep(1)
