"""End to end: `sonla-stack up` and `status` after a crash (kill -9), on a real portal of its own.

After a kill -9 of gunicorn's master and PostgreSQL's postmaster, the workers lived on and kept
the port (answering 500), `up` said "Portal serving" and exited 0 while the new master could
not bind, and `status` said "stopped" as if all were well.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from .portal import Portal, free_port

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def own_portal() -> Iterator[Portal]:
    """A portal without demo data, that these tests may crash."""
    base = Path(tempfile.mkdtemp(prefix="sonla-e2e-crash-"))
    base.chmod(0o755)
    port = free_port()
    env = dict(os.environ, SONLA_RUN_DIR=str(base / "run"), SONLA_PORT=str(port),
               SONLA_REDIS_PORT=str(free_port()), SONLA_WEB_WORKERS="2")
    for name in ("CKAN_SQLALCHEMY_URL", "CKAN_REDIS_URL", "CKAN_SITE_URL", "CKAN_INI"):
        env.pop(name, None)
    portal = Portal(url=f"http://127.0.0.1:{port}", token="", run_dir=base / "run", env=env)
    result = portal.stack("up", "--no-demo")
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        yield portal
    finally:
        portal.stack("stop")
        shutil.rmtree(base, ignore_errors=True)


def _pid(path: Path) -> int:
    return int(path.read_text().split()[0])


def _wait_dead(pid: int) -> None:
    deadline = time.monotonic() + 20
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, f"pid {pid} still alive"
        time.sleep(0.1)


def _serves(portal: Portal) -> bool:
    """A request that needs the database answers."""
    with urllib.request.urlopen(f"{portal.url}/api/3/action/package_search?rows=0", timeout=30) as response:
        return bool(json.load(response)["success"])


def test_after_kill_9_up_cleans_up_restarts_and_status_tells_the_truth(own_portal: Portal) -> None:
    run_dir = own_portal.run_dir
    master = _pid(run_dir / "gunicorn.pid")
    workers = psutil.Process(master).children()
    assert workers
    postmaster = _pid(run_dir / "pgdata" / "postmaster.pid")
    os.kill(master, signal.SIGKILL)
    os.kill(postmaster, signal.SIGKILL)
    _wait_dead(master)
    _wait_dead(postmaster)
    orphans = [w for w in workers if w.is_running()]
    assert orphans, "the workers outlive their master"

    status = own_portal.stack("status")
    assert status.returncode == 1, status.stdout + status.stderr
    assert "left by a crash" in status.stdout and str(orphans[0].pid) in status.stdout
    assert "postmaster.pid is left" in status.stdout

    up = own_portal.stack("up", "--no-demo")
    assert up.returncode == 0, up.stdout + up.stderr
    assert "left by a crash" in up.stderr
    assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in orphans)
    new_master = _pid(run_dir / "gunicorn.pid")
    assert new_master != master and psutil.pid_exists(new_master)
    assert _serves(own_portal)

    status = own_portal.stack("status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert f"running (pid {new_master}), answering" in status.stdout


def test_up_fails_clearly_when_another_program_holds_the_port(own_portal: Portal) -> None:
    assert own_portal.stack("stop").returncode == 0
    port = int(own_portal.env["SONLA_PORT"])
    squatter = socket.socket()
    squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    squatter.bind(("127.0.0.1", port))
    squatter.listen()
    try:
        up = own_portal.stack("up", "--no-demo")
        status = own_portal.stack("status")
    finally:
        squatter.close()
    assert up.returncode != 0, up.stdout + up.stderr
    assert "Portal serving" not in up.stderr
    assert f"Port {port} is in use by another program" in up.stderr
    assert "web:        stopped" in status.stdout
    # Once the port is free, up serves again.
    assert own_portal.stack("up", "--no-demo").returncode == 0
    assert _serves(own_portal)
