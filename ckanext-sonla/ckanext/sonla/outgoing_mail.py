"""Send one e-mail with CKAN's mailer and answer what went wrong, never raise.

CKAN's mailer raises ``MailerException`` for most failures but lets a network error during the SMTP
session (a reset, a timeout: ``OSError``) and a failing ``QUIT`` (``SMTPException``) out as they
are: on a web request that was a 500. Every e-mail of the portal goes through :func:`deliver`.
"""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from ckanext.sonla.compat import mailer

log = logging.getLogger(__name__)

# CKAN's messages (ckan/lib/mailer.py) when there is no server to talk to: the next message would
# fail the same way.
NO_SERVER = ("SMTP server hostname is not configured", "SMTP server could not be connected to")


@dataclass(frozen=True)
class Failure:
    error: str
    no_server: bool  # the server is missing, unreachable or stalled: callers stop trying others


def deliver(name: str, address: str, subject: str, body: str,
            headers: dict[str, Any] | None = None) -> Failure | None:
    try:
        mailer.mail_recipient(name, address, subject, body, headers=headers or {})
    except mailer.MailerException as error:
        failure = Failure(str(error), str(error).startswith(NO_SERVER))
    except (OSError, smtplib.SMTPException) as error:  # a timeout is an OSError
        failure = Failure(f"{type(error).__name__}: {error}", True)
    else:
        return None
    log.warning("sonla: mail to %s not sent: %s", address, failure.error)
    return failure
