"""CKAN's mailer opens its SMTP connection with no timeout: a mail server that accepts the connection
and then says nothing holds the web worker for good.

``ckan.lib.mailer`` calls ``smtplib.SMTP(host, port)`` (CKAN 2.11 and 2.12, no setting for it). The
portal sends e-mails while answering anonymous forms (a data request's confirmation, a
subscription's), so one slow mail server, or one visitor who can make the portal e-mail often, could
stall the site. ``install`` gives the mailer's ``smtplib`` an ``SMTP`` whose every socket operation
waits at most ``ckanext.sonla.mail.timeout`` seconds; the rest of ``smtplib`` is the real one.

No upstream issue yet. The canary in tests/ckanext/test_patches.py fails once CKAN passes a timeout
itself: this can go then.
"""
from __future__ import annotations

import smtplib
import types
from typing import Any

import ckan.plugins.toolkit as toolkit

DEFAULT_TIMEOUT = 10.0


def timeout() -> float:
    return float(toolkit.config.get("ckanext.sonla.mail.timeout") or DEFAULT_TIMEOUT)


class TimedSMTP(smtplib.SMTP):
    def __init__(self, host: str = "", port: int = 0, *args: Any, **kwargs: Any) -> None:
        if len(args) < 2:  # (local_hostname, timeout, ...) positionally: keep a timeout given
            kwargs.setdefault("timeout", timeout())
        super().__init__(host, port, *args, **kwargs)


def install() -> bool:
    from ckan.lib import mailer

    if getattr(mailer.smtplib, "SMTP", None) is TimedSMTP:
        return True
    shim = types.ModuleType("smtplib")
    shim.__dict__.update(smtplib.__dict__)
    shim.SMTP = TimedSMTP  # type: ignore[attr-defined]
    mailer.smtplib = shim
    return True
