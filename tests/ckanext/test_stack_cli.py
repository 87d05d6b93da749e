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
