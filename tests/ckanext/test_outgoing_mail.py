"""E-mail sent while answering a visitor takes bounded time and never turns into a 500, whatever the mail
server does (ckanext/sonla/outgoing_mail.py, patches/mailer_timeout.py).

The servers here are real TCP servers on 127.0.0.1 that misbehave: one accepts and says nothing, one
greets and then resets the connection.
"""
from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator

import ckan.tests.helpers as helpers
import pytest
import test_requests  # the anonymous form token of a person (tests/ckanext is on sys.path)

PLUGINS = "sonla_search sonla scheming_datasets activity"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context", "clean_redis"),
]
SERVER_HOLDS_FOR = 6.0  # a stalled server lets go after this long, so a run without the timeout ends too
TIMEOUT = 1


class MisbehavingServer:
    """Accepts connections on a thread; ``behaviour`` is ``silent`` or ``reset``; counts connections."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return  # closed
            self.connections += 1
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            if self.behaviour == "reset":
                connection.sendall(b"220 mail.example.vn ESMTP\r\n")
                connection.recv(1024)  # EHLO
                # SO_LINGER 0: close() sends a RST, so the client's next read fails with ECONNRESET
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            time.sleep(SERVER_HOLDS_FOR)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture(params=["silent", "reset"])
def bad_server(request, ckan_config, monkeypatch) -> Iterator[MisbehavingServer]:
    server = MisbehavingServer(request.param)
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{server.port}")
    monkeypatch.setitem(ckan_config, "smtp.mail_from", "cong-du-lieu@sonla.gov.vn")
    monkeypatch.setitem(ckan_config, "ckanext.sonla.mail.timeout", TIMEOUT)
    yield server
    server.close()


def test_a_bad_mail_server_costs_one_timeout_and_is_counted_as_not_sent(bad_server):
    from ckanext.sonla.requests import mail

    started = time.monotonic()
    outcome = mail.send([("A", "a@example.vn"), ("B", "b@example.vn"), ("C", "c@example.vn")],
                        ("Chủ đề", "Nội dung"))
    took = time.monotonic() - started
    assert outcome.as_dict() == {"sent": 0, "failed": 3}
    assert bad_server.connections == 1  # the others were not tried: the server had failed
    assert took < TIMEOUT * 3, took
    assert all("not sent" in line or "không gửi được" in line for line in outcome.lines), outcome.lines


def test_an_anonymous_request_is_kept_and_answered_when_the_mail_server_misbehaves(bad_server):
    started = time.monotonic()
    created = helpers.call_action("sonla_request_create", {"user": "", "ignore_auth": False}, title="Giá đất",
                                  description="Bảng giá", email="nguoi.dan@example.vn",
                                  form_token=test_requests._form_token(), website="")
    assert time.monotonic() - started < TIMEOUT * 3
    assert created["confirmed"] is False and created["confirmation_sent"] is False
