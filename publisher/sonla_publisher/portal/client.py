"""The CKAN client, and the translation of its errors into clear messages.

ckanapi sends requests without a timeout by default, so a stalled portal would hang the tool
forever; the session built here gives every request one. The token is handed to ckanapi and
never printed or logged by this package.
"""

from __future__ import annotations

import ast
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from ckanapi import (
    CKANAPIError,
    NotAuthorized,
    NotFound,
    RemoteCKAN,
    SearchError,
    SearchIndexError,
    SearchQueryError,
    ServerIncompatibleError,
    ValidationError,
)

from sonla_publisher import __version__
from sonla_publisher.errors import PortalError, PortalUnreachable, PublisherError
from sonla_publisher.portal.http_trace import (
    HttpStep,
    HttpTrace,
    redact,
    shown_url,
    url_secrets,
)

USER_AGENT = f"sonla-publish/{__version__} (+https://data.sonla.gov.vn)"
CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 120.0
_DETAIL_LENGTH = 300


class RequestCounter:
    """How many HTTP requests were sent, by any number of threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def add(self) -> None:
        with self._lock:
            self.count += 1


class TimeoutSession(requests.Session):
    """A requests session that adds a timeout to every request that has none."""

    def __init__(
        self,
        timeout: float | tuple[float, float],
        counter: RequestCounter | None = None,
        trace: HttpTrace | None = None,
    ) -> None:
        super().__init__()
        self.timeout = timeout
        self.counter = counter
        self.trace = trace

    def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        if self.counter is not None:
            self.counter.add()
        if self.trace is None:
            return super().request(method, url, *args, **kwargs)
        text_url = url.decode() if isinstance(url, bytes) else url
        started = time.perf_counter()
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.RequestException as error:
            elapsed = time.perf_counter() - started
            self.trace(HttpStep(method, text_url, elapsed, failure=type(error).__name__))
            raise
        elapsed = time.perf_counter() - started
        self.trace(HttpStep(method, text_url, elapsed, status=response.status_code))
        return response


def make_client(
    url: str,
    token: str | None,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    counter: RequestCounter | None = None,
    trace: HttpTrace | None = None,
) -> RemoteCKAN:
    """A ckanapi client for the portal at ``url``; every request times out.

    A client (its requests session) belongs to one thread: ``sync`` makes one per worker.
    ``trace`` is told of every request (``--verbose``).
    """
    timeouts = (min(CONNECT_TIMEOUT, read_timeout), read_timeout)
    session = TimeoutSession(timeouts, counter, trace)
    return RemoteCKAN(url.rstrip("/"), apikey=token or None, user_agent=USER_AGENT, session=session)


def is_transient(error: PublisherError) -> bool:
    """Worth trying again later: the portal was unreachable, timed out, answered 5xx or 429."""
    if not isinstance(error, PortalUnreachable):
        return False
    if error.message_id == "portal.unreachable":
        return True
    status = error.params.get("status")
    return isinstance(status, int) and (status >= 500 or status == 429)


def validation_details(error: ValidationError) -> dict[str, Any]:
    """The field -> messages part of a CKAN validation error."""
    details = getattr(error, "error_dict", None) or {}
    return {key: value for key, value in details.items() if not str(key).startswith("__")}


def describe_details(details: dict[str, Any]) -> str:
    """``{'name': ['That URL is already in use.']}`` -> ``name: That URL is already in use.``"""
    parts = []
    for key, value in details.items():
        messages = value if isinstance(value, list) else [value]
        parts.append(f"{key}: " + "; ".join(str(message) for message in messages))
    return " | ".join(parts) or "-"


def http_failure(error: CKANAPIError | ServerIncompatibleError) -> tuple[str, int, str] | None:
    """(url, status, body) of a response ckanapi could not read as a CKAN answer.

    ckanapi reports those as ``CKANAPIError(repr([url, status, body]))`` (or
    ServerIncompatibleError with the same text).
    """
    text = getattr(error, "extra_msg", None) or (error.args[0] if error.args else "")
    try:
        failure = ast.literal_eval(str(text))
    except (ValueError, SyntaxError):
        return None
    if isinstance(failure, list) and len(failure) == 3 and isinstance(failure[1], int):
        return str(failure[0]), failure[1], str(failure[2])
    return None


def _is_server_failure(status: int) -> bool:
    return status >= 500 or status == 429


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _short(text: str) -> str:
    return text if len(text) <= _DETAIL_LENGTH else text[:_DETAIL_LENGTH] + "…"


@contextmanager
def portal_errors(
    url: str, *, dataset: str | None = None, org: str | None = None, item: str | None = None
) -> Iterator[None]:
    """Turn ckanapi and network errors into PortalError / PortalUnreachable.

    Pass ``dataset`` and ``org`` while publishing a dataset, ``item`` while setting up
    organizations and groups: the messages name them.
    """
    # The messages print the address and the network error (which repeats it): never a password
    # or a token from it.
    secrets = url_secrets(url)
    url = shown_url(url)
    try:
        yield
    except NotAuthorized as error:
        if dataset:
            raise PortalError("portal.not_authorized", dataset=dataset, org=org or "-") from error
        raise PortalError("portal.setup_not_authorized") from error
    except ValidationError as error:
        details = validation_details(error)
        if dataset and "owner_org" in details:
            raise PortalError("portal.org_missing", dataset=dataset, org=org or "-") from error
        if dataset:
            raise PortalError(
                "portal.rejected", dataset=dataset, details=describe_details(details)
            ) from error
        raise PortalError(
            "portal.setup_rejected", name=item or "-", details=describe_details(details)
        ) from error
    except NotFound as error:
        raise PortalError("portal.not_found", detail=_short(redact(str(error), secrets))) from error
    except ServerIncompatibleError as error:
        failure = http_failure(error)
        status = failure[1] if failure else "?"
        if isinstance(status, int) and _is_server_failure(status):
            raise PortalUnreachable("portal.unavailable", url=url, status=status) from error
        raise PortalUnreachable("portal.not_ckan", url=url, status=status) from error
    except requests.RequestException as error:
        raise PortalUnreachable(
            "portal.unreachable",
            url=url,
            reason=_short(redact(f"{type(error).__name__}: {error}", secrets)),
        ) from error
    except CKANAPIError as error:
        failure = http_failure(error)
        if failure is not None and not _is_json(failure[2]):
            # A page instead of JSON: with a 5xx or 429 it is the portal (or the proxy before
            # it) failing, e.g. its database is down; only other statuses suggest a wrong --url.
            failing = _is_server_failure(failure[1])
            message_id = "portal.unavailable" if failing else "portal.not_ckan"
            raise PortalUnreachable(message_id, url=url, status=failure[1]) from error
        if failure is not None and failure[1] >= 500:
            # CKAN's own "Internal Server Error" answer: worth a retry (e.g. a database hiccup).
            raise PortalUnreachable("portal.server_error", url=url, status=failure[1]) from error
        raise PortalError("portal.error", detail=_short(redact(str(error), secrets))) from error
    except (SearchQueryError, SearchError, SearchIndexError) as error:
        raise PortalError("portal.error", detail=_short(redact(str(error), secrets))) from error


_offered_actions: dict[tuple[str, str], bool] = {}
_offered_lock = threading.Lock()


def portal_offers_action(ckan: RemoteCKAN, action: str) -> bool:
    """Whether the portal has the action ``action`` (asked once per portal, action and process)."""
    key = (ckan.address, action)
    with _offered_lock:
        if key not in _offered_actions:
            _offered_actions[key] = _has_action(ckan, action)
        return _offered_actions[key]


def _has_action(ckan: RemoteCKAN, action: str) -> bool:
    try:
        ckan.call_action("help_show", {"name": action})
    except NotFound:
        return False
    except CKANAPIError as error:
        failure = http_failure(error)
        if failure is not None and failure[1] in (400, 404):
            return False
        raise
    return True
