"""``sonla-stack`` reports a service that cannot start as a message and an exit status, not a traceback."""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def fake_redis() -> Iterator[int]:
    """Something else answering PING on a port, as a developer's own Redis would."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def answer() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.recv(64)
                conn.sendall(b"+PONG\r\n")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize("command", ["prepare-tests", "up"])
def test_taken_redis_port_is_a_clear_message_and_exit_2(fake_redis: int, tmp_path: Path, command: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "SONLA_RUN_DIR": str(tmp_path / "run"),
           "SONLA_REDIS_PORT": str(fake_redis),
           # A named database keeps the test off the embedded PostgreSQL: only Redis is started.
           "CKAN_SQLALCHEMY_URL": "postgresql://nobody@127.0.0.1:1/none"}
    result = subprocess.run([sys.executable, "-m", "sonla_stack.cli", command], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"Cổng {fake_redis} đã có một Redis khác trả lời" in result.stderr
    assert "SONLA_REDIS_PORT" in result.stderr


@pytest.mark.parametrize(("memory_gb", "shared"), [(1, "512MB"), (8, "2048MB"), (24, "4096MB"), (256, "4096MB")])
def test_the_embedded_buffer_pool_is_a_quarter_of_the_memory_within_bounds(memory_gb, shared):
    from sonla_stack import postgres

    assert postgres.server_settings(memory_gb * 2**30)["shared_buffers"] == shared


def test_the_test_database_server_runs_with_those_settings():
    import ckan.model as model
    import sqlalchemy as sa
    from sonla_stack import postgres

    wanted = postgres.server_settings()["shared_buffers"]
    same = model.Session.execute(sa.text(
        "SELECT pg_size_bytes(current_setting('shared_buffers')) = pg_size_bytes(:wanted)"),
        {"wanted": wanted}).scalar()
    assert same, wanted
