"""CKAN's mailer opens its SMTP connection with no timeout: a mail server that accepts the connection
and then says nothing (or says it a byte at a time) holds the web worker for good.

``ckan.lib.mailer`` calls ``smtplib.SMTP(host, port)`` (CKAN 2.11 and 2.12, no setting for it), and
its ``finally: quit()`` lets a dropped connection out unwrapped, hiding the real error (a 500 on
CKAN's own password-reset form). The portal sends e-mails while answering anonymous forms, so one
slow mail server could stall the site.

``install`` gives the mailer's ``smtplib`` an ``SMTP`` (:class:`TimedSMTP`) that:

- looks the server's name up, connects, and sends the whole message, within
  ``ckanext.sonla.mail.timeout`` seconds: each step may wait only for what is left of that time, a
  server sending a byte now and then included. The name is looked up on a worker thread
  (:func:`resolve`): the system resolver has no timeout of its own to give, and one that does not
  answer holds a lookup for its timeout × attempts × name servers (30 s with glibc's defaults and
  three servers);
- quits quietly: a server that drops the connection after the message does not turn a sent message,
  or a refused recipient, into a different error.

Everything else is the real ``smtplib``, looked up at each use: a test that swaps ``smtplib.SMTP``
for a fake (CKAN's ``mail_server`` fixture) still gets its fake.

No upstream issue yet. The canary in tests/ckanext/test_patches.py fails once CKAN passes a timeout
itself: this can go then.
"""
from __future__ import annotations

import concurrent.futures
import smtplib
import socket
import time
import types
from typing import Any

import ckan.plugins.toolkit as toolkit

DEFAULT_TIMEOUT = 10
REAL_SMTP = smtplib.SMTP
# A lookup that outlives its wait keeps its thread until the resolver gives up: a few threads bound
# that, and lookups queued behind stuck ones time out in turn (and are taken off the queue).
_LOOKUPS = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="sonla-mail-dns")


def timeout() -> float:
    # The declaration's validator refuses 0 and negative values at start-up.
    return float(toolkit.config.get("ckanext.sonla.mail.timeout") or DEFAULT_TIMEOUT)


class TimedSMTP(smtplib.SMTP):
    def __init__(self, host: str = "", port: int = 0, local_hostname: str | None = None) -> None:
        self.sonla_deadline = time.monotonic() + timeout()
        super().__init__(host, port, local_hostname, timeout=timeout())

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        # smtplib's socket.create_connection would look the name up with no time limit.
        last_error: OSError | None = None
        for family, kind, proto, _name, address in resolve(host, port, self._left()):
            # As socket.create_connection does, with each address whole (an IPv6 one keeps its scope).
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self._left())
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(address)
                return sock
            except OSError as error:
                sock.close()
                last_error = error
        raise last_error or OSError(f"the mail server {host} has no address")

    def _left(self) -> float:
        left = self.sonla_deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the mail server took more than {timeout():g} s")
        return left

    def send(self, s: Any) -> None:
        if self.sock is not None:
            try:
                left = self._left()
            except TimeoutError as error:
                # as smtplib reports a failed write: CKAN's mailer (its password-reset page too)
                # catches SMTPException, not OSError
                self.close()
                raise smtplib.SMTPServerDisconnected(str(error)) from error
            self.sock.settimeout(left)
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            # smtplib's own file would wait for each byte afresh: a server sending a byte now and
            # then would never time out
            self.file = _DeadlineReader(self)
        return super().getreply()

    def quit(self) -> tuple[int, bytes]:
        try:
            return super().quit()
        except (OSError, smtplib.SMTPException):
            self.close()  # the message's fate was decided before QUIT
            return (0, b"")


def resolve(host: str, port: int, within: float) -> list[Any]:
    """``socket.getaddrinfo`` of ``host`` and ``port`` (TCP), looked up within ``within`` seconds."""
    lookup = _LOOKUPS.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    try:
        found = lookup.result(timeout=within)
    except concurrent.futures.TimeoutError:
        lookup.cancel()
        raise TimeoutError(f"looking up the mail server {host} took more than {timeout():g} s") from None
    return list(found)


class _DeadlineReader:
    """The reply lines of the server, each read waiting only for what is left of the message's time."""

    def __init__(self, smtp: TimedSMTP) -> None:
        self.smtp = smtp
        self.buffer = b""

    def readline(self, limit: int = -1) -> bytes:
        while b"\n" not in self.buffer and (limit < 0 or len(self.buffer) < limit):
            sock = self.smtp.sock
            if sock is None:
                break
            sock.settimeout(self.smtp._left())
            chunk = sock.recv(4096)
            if not chunk:
                break
            self.buffer += chunk
        end = self.buffer.find(b"\n") + 1 or len(self.buffer)
        if limit >= 0:
            end = min(end, limit)
        line, self.buffer = self.buffer[:end], self.buffer[end:]
        return line

    def close(self) -> None:
        self.buffer = b""


def smtp(host: str = "", port: int = 0, *args: Any, **kwargs: Any) -> Any:
    if smtplib.SMTP is not REAL_SMTP:  # replaced (a test's fake): use it as it is
        return smtplib.SMTP(host, port, *args, **kwargs)
    return TimedSMTP(host, port, *args, **kwargs)


class _Smtplib(types.ModuleType):
    """``smtplib`` as CKAN's mailer sees it: :func:`smtp` for ``SMTP``, the real module for the rest."""

    def __getattr__(self, name: str) -> Any:
        return getattr(smtplib, name)


def install() -> bool:
    from ckanext.sonla.compat import mailer

    if isinstance(mailer.smtplib, _Smtplib):
        return True
    shim = _Smtplib("smtplib")
    shim.SMTP = smtp  # type: ignore[attr-defined]
    mailer.smtplib = shim
    return True
