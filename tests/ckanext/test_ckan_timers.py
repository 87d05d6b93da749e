"""The stack's timers of CKAN commands (issue #22, point 5; the new-data e-mails tried again): each runs its
command at once and on every tick."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from sonla_stack import ckan_timers, processes
from sonla_stack.settings import Settings


@pytest.mark.parametrize("scheduled, default", [(ckan_timers.USAGE_SUMMARY, 3600), (ckan_timers.MAIL_RETRY, 900)])
def test_interval_from_the_environment(scheduled, default, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(scheduled.interval_env, raising=False)
    assert scheduled.interval() == default
    monkeypatch.setenv(scheduled.interval_env, "0")
    assert scheduled.interval() == 0
    monkeypatch.setenv(scheduled.interval_env, "soon")
    assert scheduled.interval() == default


@pytest.mark.parametrize("scheduled, report", [
    (ckan_timers.USAGE_SUMMARY, "lượt xem"),
    (ckan_timers.MAIL_RETRY, "các thư khác sẽ gửi lại sau"),
])
def test_the_timer_runs_its_command_and_stops(scheduled, report, tmp_path: Path,
                                              request: pytest.FixtureRequest) -> None:
    settings = Settings(run_dir=tmp_path)
    settings.logs.mkdir(parents=True)
    ini = Path(request.config.getoption("ckan_ini")).resolve()
    pid = scheduled.start(settings, ini, 3600)
    try:
        log = scheduled.log_file(settings)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and f"[{scheduled.label}] exit" not in log.read_text(errors="replace"):
            time.sleep(1)
        text = log.read_text(errors="replace")
        assert f"[{scheduled.label}] exit 0" in text, text[-2000:]
        assert report in text  # the command's own report
        assert processes.read_pid(scheduled.pid_file(settings)) == pid  # still waiting for the next tick
    finally:
        assert scheduled.stop(settings)
    assert processes.read_pid(scheduled.pid_file(settings)) is None
