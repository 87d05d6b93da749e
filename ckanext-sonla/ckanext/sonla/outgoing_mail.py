"""Send one e-mail with CKAN's mailer and answer what went wrong, never raise.

CKAN's mailer raises ``MailerException`` for most failures, but not for all: a network error during
the SMTP session (a reset, a timeout: ``OSError``), a header it cannot write (a line break in a
name or subject: ``ValueError``), an address or a password the server cannot take
(``UnicodeEncodeError``), an ``smtp.user`` without password (``AssertionError``). On a web request
any of them was a 500, after the change had been saved. Every e-mail of the portal goes through
:func:`deliver`; the time one message may take is bounded by ``patches/mailer_timeout.py``.
"""
from __future__ import annotations

import logging
import smtplib
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import mailer

from .patches import mailer_timeout

log = logging.getLogger(__name__)

# CKAN's message (ckan/lib/mailer.py) when no server is set: the next message would fail the same way.
NO_SERVER = "SMTP server hostname is not configured"
# Failures of the server or the session, not of one message: the next message would fail the same
# way (CKAN's MailerException wraps them; the original is its __context__). A refused recipient
# (SMTPRecipientsRefused) or message (SMTPDataError) is about that message only.
SERVER_WIDE = (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPHeloError,
               smtplib.SMTPNotSupportedError, smtplib.SMTPAuthenticationError, smtplib.SMTPSenderRefused)


def _server_wide(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, SERVER_WIDE):
            return True
        seen = seen.__cause__ or seen.__context__
    return str(error).startswith(NO_SERVER)


@dataclass(frozen=True)
class Failure:
    error: str
    no_server: bool  # the server is missing, unreachable or stalled: callers stop trying others


def answer_budget() -> float:
    """Longest a sending may take while a user waits for the answer: three messages' worth."""
    return 3 * mailer_timeout.timeout()


def one_line(text: str) -> str:
    """``text`` fit for a mail header: line breaks of any kind and control characters become spaces."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(cleaned.split())


def deliver(name: str, address: str, subject: str, body: str,
            headers: dict[str, Any] | None = None) -> Failure | None:
    try:
        mailer.mail_recipient(one_line(name), address, one_line(subject), body, headers=headers or {})
    except mailer.MailerException as error:
        failure = Failure(str(error), _server_wide(error))
    except Exception as error:  # a timeout (OSError), an address or a setting the mailer cannot use
        failure = Failure(f"{type(error).__name__}: {error}", _server_wide(error))
    else:
        return None
    log.warning("sonla: mail to %s not sent: %s", address, failure.error)
    return failure


@dataclass
class Sending:
    """Messages sent one after another. Once the server has failed (missing, unreachable, stalled),
    the rest are not tried: each try could wait the whole timeout. With a ``budget`` (seconds: a user
    waits for the answer), neither are those after it is spent."""

    budget: float | None = None
    started: float = field(default_factory=time.monotonic)
    stopped: Failure | None = None

    def deliver(self, name: str, address: str, subject: str, body: str,
                headers: dict[str, Any] | None = None) -> Failure | None:
        if (self.stopped is None and self.budget is not None
                and time.monotonic() - self.started > self.budget):
            self.stopped = Failure(toolkit._("not tried: the e-mails took too long"), True)
        if self.stopped is not None:
            return self.stopped
        failure = deliver(name, address, subject, body, headers)
        if failure is not None and failure.no_server:
            self.stopped = failure
        return failure
