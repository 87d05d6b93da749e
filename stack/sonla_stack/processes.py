"""Pid files, and the processes the stack started: find them, stop them, and find the ones a
crash left behind.

A pid file only names the process that wrote it: after a ``kill -9`` of gunicorn's master its
workers live on (reparented to init) and keep the port, and the pid file names a dead process
(or, later, someone else's). Processes are therefore also found by what only ours carry: a
path inside this stack's run directory on their command line (the pid file's, which gunicorn
carries as ``--pid``).
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil


def read_pid(pid_file: Path) -> int | None:
    """The pid in ``pid_file`` if that process is alive, else None."""
    try:
        pid = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    if _is_zombie(pid):
        return None
    return pid


def _is_zombie(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def stop_pid(pid_file: Path, timeout: float = 20.0) -> bool:
    """SIGTERM the process, wait, SIGKILL if needed; False if nothing was running."""
    pid = read_pid(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if read_pid(pid_file) is None:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    return True


def processes_naming(marker: str) -> list[psutil.Process]:
    """This user's live processes whose command line contains ``marker``."""
    found = []
    me = os.getpid()
    for process in psutil.process_iter(["pid", "cmdline", "uids", "status"]):
        info = process.info
        if info["pid"] == me or info["status"] == psutil.STATUS_ZOMBIE:
            continue
        if info["uids"] is None or info["uids"].real != os.getuid():
            continue
        if any(marker in part for part in info["cmdline"] or []):
            found.append(process)
    return found


def terminate(processes: list[psutil.Process], timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL what is still alive after ``timeout``."""
    for process in processes:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    _gone, alive = psutil.wait_procs(processes, timeout=timeout)
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=timeout)


def listener_on(port: int) -> int | None:
    """The pid listening on 127.0.0.1:``port`` (None: nobody, or not ours to see; see
    :func:`port_taken`)."""
    try:
        connections = psutil.net_connections(kind="tcp")
    except psutil.Error:
        return None
    for connection in connections:
        if connection.status == psutil.CONN_LISTEN and connection.laddr and connection.laddr.port == port:
            return connection.pid
    return None


def port_taken(port: int) -> bool:
    """Something accepts connections on 127.0.0.1:``port``."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
