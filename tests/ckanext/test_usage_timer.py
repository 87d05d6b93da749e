"""The stack's usage timer (issue #22, point 5): it runs ``ckan sonla usage-summary`` at once and on every tick."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from sonla_stack import processes, usage_timer
from sonla_stack.settings import Settings


def test_interval_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(usage_timer.INTERVAL_ENV, raising=False)
    assert usage_timer.interval() == 3600
    monkeypatch.setenv(usage_timer.INTERVAL_ENV, "0")
    assert usage_timer.interval() == 0
    monkeypatch.setenv(usage_timer.INTERVAL_ENV, "soon")
    assert usage_timer.interval() == 3600


def test_the_timer_sums_the_views_and_stops(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    settings = Settings(run_dir=tmp_path)
    settings.logs.mkdir(parents=True)
    ini = Path(request.config.getoption("ckan_ini")).resolve()
    pid = usage_timer.start(settings, ini, 3600)
    try:
        log = settings.logs / "usage-summary.log"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "[usage-summary] exit" not in log.read_text(errors="replace"):
            time.sleep(1)
        text = log.read_text(errors="replace")
        assert "[usage-summary] exit 0" in text, text[-2000:]
        assert "lượt xem" in text  # the command's own report
        assert processes.read_pid(usage_timer.pid_file(settings)) == pid  # still waiting for the next tick
    finally:
        assert usage_timer.stop(settings)
    assert processes.read_pid(usage_timer.pid_file(settings)) is None
