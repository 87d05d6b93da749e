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
import test_freshness_mail
import test_requests  # the anonymous form token of a person (tests/ckanext is on sys.path)

PLUGINS = "sonla_search sonla scheming_datasets activity"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context", "clean_redis"),
]
smtp_sink = test_freshness_mail.smtp_sink  # the SMTP sink fixture (aiosmtpd)
SERVER_HOLDS_FOR = 6.0  # a stalled server lets go after this long, so a run without the timeout ends too
TIMEOUT = 1


class MisbehavingServer:
    """An SMTP server on a thread that misbehaves as told; counts connections and accepted messages.

    ``silent``: accepts and says nothing. ``reset``: greets, then resets the connection. ``drip``:
    sends its greeting a byte at a time. ``drops_quit``: takes the message, then hangs up at QUIT.
    ``slow``: a working server that waits ``delay`` seconds before each reply.
    """

    def __init__(self, behaviour: str, delay: float = 0.0) -> None:
        self.behaviour = behaviour
        self.delay = delay
        self.connections = 0
        self.accepted = 0
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
            try:
                if self.behaviour == "silent":
                    time.sleep(SERVER_HOLDS_FOR)
                elif self.behaviour == "reset":
                    connection.sendall(b"220 mail.example.vn ESMTP\r\n")
                    connection.recv(1024)  # EHLO
                    # SO_LINGER 0: close() sends a RST, so the client's next read fails with ECONNRESET
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                elif self.behaviour == "drip":
                    for byte in b"220 mail.example.vn ESMTP\r\n":
                        connection.sendall(bytes([byte]))
                        time.sleep(0.3)
                else:
                    self._converse(connection)
            except OSError:
                pass  # the client gave up

    def _reply(self, connection: socket.socket, line: bytes) -> None:
        time.sleep(self.delay)
        connection.sendall(line + b"\r\n")

    def _converse(self, connection: socket.socket) -> None:
        reader = connection.makefile("rb")
        self._reply(connection, b"220 mail.example.vn ESMTP")
        for command in iter(reader.readline, b""):
            verb = command[:4].upper()
            if verb == b"QUIT":
                if self.behaviour != "drops_quit":
                    self._reply(connection, b"221 bye")
                return
            if verb == b"DATA":
                self._reply(connection, b"354 go on")
                for data_line in iter(reader.readline, b""):
                    if data_line == b".\r\n":
                        break
                self.accepted += 1
                self._reply(connection, b"250 queued")
            else:
                self._reply(connection, b"250 ok")

    def close(self) -> None:
        self.listener.close()


def _use(server: MisbehavingServer, ckan_config, monkeypatch, timeout: float = TIMEOUT) -> None:
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{server.port}")
    monkeypatch.setitem(ckan_config, "smtp.mail_from", "cong-du-lieu@sonla.gov.vn")
    monkeypatch.setitem(ckan_config, "ckanext.sonla.mail.timeout", timeout)


@pytest.fixture(params=["silent", "reset", "drip"])
def bad_server(request, ckan_config, monkeypatch) -> Iterator[MisbehavingServer]:
    server = MisbehavingServer(request.param)
    _use(server, ckan_config, monkeypatch)
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


@pytest.mark.parametrize("value", ["0", "-1", "ten"])
def test_a_timeout_that_is_not_a_positive_number_stops_the_portal_at_start_up(value, ckan_config):
    from ckan.common import config_declaration

    _, errors = config_declaration.validate({**ckan_config, "ckanext.sonla.mail.timeout": value})
    assert list(errors) == ["ckanext.sonla.mail.timeout"]


def test_a_message_taken_before_the_server_hangs_up_at_quit_counts_as_sent(ckan_config, monkeypatch):
    from ckanext.sonla.requests import mail

    server = MisbehavingServer("drops_quit")
    _use(server, ckan_config, monkeypatch)
    try:
        outcome = mail.send([("A", "a@example.vn"), ("B", "b@example.vn")], ("Chủ đề", "Nội dung"))
    finally:
        server.close()
    assert outcome.as_dict() == {"sent": 2, "failed": 0} and server.accepted == 2


def test_a_slow_server_gets_the_rest_of_the_sending_untried_once_the_user_waited_long_enough(ckan_config,
                                                                                         monkeypatch):
    """Each message takes ~1.2 s (6 replies of 0.2 s), under the 2 s a message may take; a sending
    a user waits for stops trying after 3 x 2 s."""
    from ckanext.sonla.requests import mail

    server = MisbehavingServer("slow", delay=0.2)
    _use(server, ckan_config, monkeypatch, timeout=2)
    started = time.monotonic()
    try:
        outcome = mail.send([(f"N{i}", f"n{i}@example.vn") for i in range(8)], ("Chủ đề", "Nội dung"))
    finally:
        server.close()
    took = time.monotonic() - started
    assert 0 < outcome.sent < 8 and outcome.sent + outcome.failed == 8 and server.accepted == outcome.sent
    assert took < 3 * 2 + 2, took


def test_a_name_or_subject_with_a_line_break_is_sent_on_one_line(smtp_sink):
    from ckanext.sonla.requests import mail

    outcome = mail.send([("Nguyễn\u2028Văn A\nBcc: x@evil.example", "a@example.vn")],
                        ("Giá đất\x85năm 2026\rX-Evil: 1", "Nội dung"))
    assert outcome.as_dict() == {"sent": 1, "failed": 0}
    (recipients, message), = smtp_sink.messages
    assert recipients == ["a@example.vn"] and message["X-Evil"] is None and message["Bcc"] is None
    assert message["Subject"] == "Giá đất năm 2026 X-Evil: 1"


def test_a_fake_smtp_put_in_place_by_a_test_is_still_used(mail_server, ckan_config, monkeypatch):
    """CKAN's ``mail_server`` fixture swaps ``smtplib.SMTP`` for a fake: the patch must not bypass it."""
    from ckanext.sonla import outgoing_mail

    monkeypatch.setitem(ckan_config, "smtp.server", "mail.invalid:25")
    assert outgoing_mail.deliver("A", "a@example.vn", "Chủ đề", "Nội dung") is None
    assert [to for _none, _from, to, _message in mail_server.get_smtp_messages()] == [["a@example.vn"]]


@pytest.mark.parametrize("behaviour", ["silent", "drip", "slow"])
def test_ckans_own_mailer_gets_a_mailer_exception_in_bounded_time(behaviour, ckan_config, monkeypatch):
    """CKAN's own e-mails (the password-reset form) catch only MailerException: a bad server must give
    one, not an OSError (a 500), and within the timeout."""
    from ckan.lib import mailer

    server = MisbehavingServer(behaviour, delay=0.4)
    _use(server, ckan_config, monkeypatch)
    started = time.monotonic()
    try:
        with pytest.raises(mailer.MailerException):
            mailer.mail_recipient("A", "a@example.vn", "Chủ đề", "Nội dung")
    finally:
        server.close()
    assert time.monotonic() - started < TIMEOUT + 1


def test_a_write_after_the_messages_time_is_up_is_reported_as_smtp_reports_a_failed_write(ckan_config,
                                                                                       monkeypatch):
    import smtplib

    from ckanext.sonla.patches import mailer_timeout

    server = MisbehavingServer("slow")
    _use(server, ckan_config, monkeypatch)
    try:
        connection = mailer_timeout.TimedSMTP("127.0.0.1", server.port)
        connection.ehlo()
        connection.sonla_deadline = time.monotonic() - 1  # the message's time is up
        with pytest.raises(smtplib.SMTPServerDisconnected):
            connection.mail("cong-du-lieu@sonla.gov.vn")
        assert connection.sock is None  # closed, as smtplib does after a failed write
    finally:
        server.close()


STALLED_NAME = "mail.resolver-stalls.example"


@pytest.fixture
def stalled_resolver(monkeypatch) -> Iterator[None]:
    """The system resolver does not answer for STALLED_NAME: a lookup waits SERVER_HOLDS_FOR seconds, then
    fails, as glibc's does after its retries (other names are looked up as usual). Afterwards the fixture
    waits for the stalled lookups to end, so that they do not hold the portal's lookup threads in the next
    test."""
    real = socket.getaddrinfo
    stalled = threading.Semaphore(0)
    started = []

    def getaddrinfo(host, *args, **kwargs):
        if host == STALLED_NAME:
            started.append(1)
            try:
                time.sleep(SERVER_HOLDS_FOR)
                raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
            finally:
                stalled.release()
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    for _ in started:
        stalled.acquire(timeout=SERVER_HOLDS_FOR * 2)


def test_looking_the_mail_server_up_is_bounded_by_the_timeout_too(stalled_resolver, ckan_config, monkeypatch):
    """The server's name was looked up with no time limit: a resolver that does not answer held an anonymous
    request for as long as the resolver waited."""
    from ckan.lib import mailer
    from ckanext.sonla.requests import mail

    monkeypatch.setitem(ckan_config, "smtp.server", f"{STALLED_NAME}:25")
    monkeypatch.setitem(ckan_config, "ckanext.sonla.mail.timeout", TIMEOUT)
    started = time.monotonic()
    outcome = mail.send([("A", "a@example.vn"), ("B", "b@example.vn")], ("Chủ đề", "Nội dung"))
    assert outcome.as_dict() == {"sent": 0, "failed": 2}
    assert time.monotonic() - started < TIMEOUT * 3
    started = time.monotonic()
    with pytest.raises(mailer.MailerException):  # CKAN's own e-mails: a MailerException, not a 500
        mailer.mail_recipient("A", "a@example.vn", "Chủ đề", "Nội dung")
    assert time.monotonic() - started < TIMEOUT + 1


def test_a_mail_server_given_by_name_is_looked_up_and_used(ckan_config, monkeypatch):
    from ckanext.sonla.requests import mail

    server = MisbehavingServer("slow")
    _use(server, ckan_config, monkeypatch)
    monkeypatch.setitem(ckan_config, "smtp.server", f"localhost:{server.port}")
    try:
        outcome = mail.send([("A", "a@example.vn")], ("Chủ đề", "Nội dung"))
    finally:
        server.close()
    assert outcome.as_dict() == {"sent": 1, "failed": 0} and server.accepted == 1
