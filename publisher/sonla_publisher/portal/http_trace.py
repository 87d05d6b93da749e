"""``--verbose``: one line per HTTP request to the portal, and never a secret in it.

A step names the method, the URL's path (no host, user, password or query string), the status
and the time taken. The token travels in a request header, which is never shown; a step's text
is still cleaned of every secret the command knows, should one ever sit in a path or a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

REDACTED = "***"


@dataclass(frozen=True)
class HttpStep:
    method: str
    url: str
    seconds: float
    status: int | None = None  # None: no answer (failure says why)
    failure: str | None = None  # the exception's class name, e.g. ConnectTimeout


HttpTrace = Callable[[HttpStep], None]


def url_path(url: str) -> str:
    """Only the path: ``https://user:pw@host/api/3/action/x?token=t`` -> ``/api/3/action/x``."""
    return urlsplit(url).path or "/"


def shown_url(url: str) -> str:
    """A portal address fit to print: no user, password, query string or fragment."""
    parts = urlsplit(url)
    if not parts.hostname:
        return url if "@" not in url and "?" not in url else REDACTED
    host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def url_secrets(url: str) -> list[str]:
    """The parts of an address that may hold a secret: its password and its query string."""
    parts = urlsplit(url)
    return [secret for secret in (parts.password, parts.query) if secret]


def redact(text: str, secrets: Iterable[str | None]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def step_params(step: HttpStep, secrets: Iterable[str | None]) -> dict[str, str | int]:
    """The parameters of the ``http.step`` / ``http.step_failed`` messages, secrets removed."""
    kept = list(secrets)
    return {
        "method": step.method.upper(),
        "path": redact(url_path(step.url), kept),
        "status": "" if step.status is None else str(step.status),
        "reason": redact(step.failure or "", kept),
        "ms": round(step.seconds * 1000),  # a quantity: 1.234 ms in Vietnamese
    }
