"""A real portal for the end-to-end and browser tests: `sonla-stack up` in a throw-away run directory.

One portal serves the whole pytest session (fixture ``portal`` in tests/conftest.py): starting
one and publishing the demo catalogue takes a minute or two.
"""
from __future__ import annotations

import email
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from configparser import ConfigParser
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[2]
STACK = str(Path(sys.executable).with_name("sonla-stack"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """The portal's outgoing e-mail, caught by an SMTP server in the test process (aiosmtpd handler)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [message for recipients, message in self.messages if address in recipients]

    def wait_for(self, address: str, count: int, seconds: float) -> list[email.message.EmailMessage]:
        """The e-mails to ``address`` once there are ``count`` of them (sent by a request or a job)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"{address}: {len(self.to(address))} e-mails, expected {count}")


@dataclass
class Portal:
    url: str
    token: str
    run_dir: Path
    env: dict[str, str]
    mail: Inbox = field(default_factory=Inbox)

    def stack(self, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
        return subprocess.run([STACK, *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout, cwd=REPO)

    def pids(self) -> list[int]:
        """Pids of every server the stack started for this portal."""
        pids = []
        for name in ("gunicorn.pid", "redis.pid", "pgdata/postmaster.pid"):
            path = self.run_dir / name
            if path.exists():
                pids.append(int(path.read_text().split()[0]))
        return pids


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def start_portal() -> Iterator[Portal]:
    # Not under pytest's tmp_path: another pytest run as root may lock that tree down while
    # this portal's PostgreSQL (running as its own user) still needs it.
    base = Path(tempfile.mkdtemp(prefix="sonla-e2e-"))
    base.chmod(0o755)
    run_dir = base / "run"
    port = free_port()
    # The portal's e-mail goes to this process (tests/browser/test_data_requests.py reads it).
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = dict(os.environ, SONLA_RUN_DIR=str(run_dir), SONLA_PORT=str(port),
               SONLA_REDIS_PORT=str(free_port()), SONLA_WEB_WORKERS="2",
               # No live-sources timer: the tests count the demo catalogue's datasets.
               SONLA_LIVE_INTERVAL="0",
               # The tests stand in for many clients by sending X-Forwarded-For, as a proxy would.
               SONLA_EXTRA_CONFIG="ckanext.sonla.ratelimit.trusted_proxies = 1\n"
               # The agency page validates every upload in a job: the browser test goes through
               # the stack's real job worker (tests/browser/test_agency_publishing.py).
               "ckanext.sonla.agency_publish.background_kb = 0\n"
               f"smtp.server = 127.0.0.1:{smtp.port}\nsmtp.mail_from = cong-du-lieu@sonla.local")
    for name in ("CKAN_SQLALCHEMY_URL", "CKAN_REDIS_URL", "CKAN_SITE_URL", "CKAN_INI"):
        env.pop(name, None)
    portal = Portal(url=f"http://127.0.0.1:{port}", token="", run_dir=run_dir, env=env, mail=inbox)
    result = portal.stack("up")
    if result.returncode != 0:
        portal.stack("stop")
        smtp.stop()
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"sonla-stack up failed:\n{result.stdout}\n{result.stderr}")
    credentials = ConfigParser(interpolation=None)
    credentials.read(run_dir / "credentials.ini")
    portal.token = credentials["portal"]["api_token"]
    portal.first_up_output = result.stdout + result.stderr  # type: ignore[attr-defined]
    yield portal
    portal.stack("stop")
    smtp.stop()
    shutil.rmtree(base, ignore_errors=True)
