"""The stack's timers of CKAN commands, as production's cron or systemd timers (docs/operators.md).

- ``ckan sonla usage-summary`` every hour: the portal records each page view and download as it
  happens; this sums them (each visitor once a day) into the figures the home page and the
  statistics page show (``SONLA_USAGE_INTERVAL``, default 3600);
- ``ckan sonla subscriptions retry`` every 15 minutes: the new-data e-mails that could not be sent
  and are due for another try (``SONLA_MAIL_RETRY_INTERVAL``, default 900).

Each runs its command at once and then every interval, in a detached process (its own session) that
survives the ``up`` command and is stopped by ``stop``; 0 in its variable: no timer. The overdue
reminders of data requests (``notify-overdue``) have no timer here: it would run at every start of
the stack and remind the agencies again the same day.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import file_modes, processes, timer
from .settings import Settings


@dataclass(frozen=True)
class CkanTimer:
    label: str  # names its log and pid files
    arguments: tuple[str, ...]  # of ``ckan -c INI``
    interval_env: str
    default_interval: int

    def interval(self) -> int:
        return timer.interval(self.interval_env, self.default_interval)

    def pid_file(self, settings: Settings) -> Path:
        return settings.run_dir / f"{self.label}.pid"

    def log_file(self, settings: Settings) -> Path:
        return settings.logs / f"{self.label}.log"

    def command(self, ini: Path) -> list[str]:
        return [str(Path(sys.executable).with_name("ckan")), "-c", str(ini), *self.arguments]

    def shown(self) -> str:
        return "ckan " + " ".join(self.arguments)

    def start(self, settings: Settings, ini: Path, seconds: int) -> int:
        self.stop(settings)
        log = file_modes.private_file(self.log_file(settings))
        with log.open("ab") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "sonla_stack.ckan_timers", self.label, str(ini), str(seconds)],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                env=dict(os.environ, CKAN_INI=str(ini)), start_new_session=True,
                preexec_fn=file_modes.restrict_umask)
        self.pid_file(settings).write_text(f"{process.pid}\n")
        return process.pid

    def stop(self, settings: Settings) -> bool:
        return processes.stop_pid(self.pid_file(settings))


USAGE_SUMMARY = CkanTimer("usage-summary", ("sonla", "usage-summary"), "SONLA_USAGE_INTERVAL", 3600)
MAIL_RETRY = CkanTimer("subscriptions-retry", ("sonla", "subscriptions", "retry"), "SONLA_MAIL_RETRY_INTERVAL", 900)
TIMERS = (USAGE_SUMMARY, MAIL_RETRY)


def by_label(label: str) -> CkanTimer:
    return next(t for t in TIMERS if t.label == label)


if __name__ == "__main__":
    chosen = by_label(sys.argv[1])
    timer.repeat(chosen.label, chosen.command(Path(sys.argv[2])), int(sys.argv[3]))
