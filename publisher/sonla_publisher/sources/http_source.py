"""Records of a ``kind: http`` source: a JSON or CSV endpoint, page after page.

The alias gives the base URL and the credentials (a bearer token, or one header); the spec
gives the path, where the records are in a page, where each field is in a record, and how the
pages follow each other (page number, offset, cursor, or a link to the next page). requests
with urllib3's Retry tries again on 429/5xx answers and on connection failures and timeouts,
waiting longer each time. Each page is bounded in size; the number of pages by ``max_pages``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

from sonla_publisher.errors import ReadError
from sonla_publisher.sources.connections import Connection, scrub
from sonla_publisher.sources.live_spec import LiveSource
from sonla_publisher.sources.paths import get_path, parse_path

MAX_PAGE_BYTES = 64 * 1024 * 1024
RETRY_STATUSES = (429, 500, 502, 503, 504)
BACKOFF_SECONDS = 0.5


def stream_records(
    source: LiveSource, connection: Connection, field_names: list[str], since: str | None = None
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The columns (the spec's field names for JSON; the CSV's header) and the rows; with
    ``since``, only the records the API says changed after it (``source.since_param``)."""
    if since is not None and source.since_param:
        source = replace(source, since_value=since)
    session = _session(connection, source.retries)
    url = _join(connection.url, source.path)
    secrets = connection.secrets()
    if source.format == "csv":
        columns, rows = _csv_pages(session, url, source, secrets)
        return columns, rows
    first = _get_json(session, url, _page_params(source, 0, None), source, secrets)
    return field_names, _json_rows(session, url, source, field_names, first, secrets)


def _session(connection: Connection, retries: int) -> Any:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = requests.Session()
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=BACKOFF_SECONDS,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["Accept"] = "application/json, text/csv;q=0.9"
    if connection.token:
        session.headers["Authorization"] = f"Bearer {connection.token}"
    if connection.header:
        session.headers[connection.header[0]] = connection.header[1]
    return session


def _join(base: str, path: str) -> str:
    if not path:
        return base
    return base.rstrip("/") + "/" + path.lstrip("/")


def _page_params(source: LiveSource, page: int, cursor: str | None) -> dict[str, Any]:
    paging = source.paging
    params: dict[str, Any] = {}
    if source.since_param and source.since_value is not None:
        params[source.since_param] = source.since_value
    if paging.size_param and paging.size:
        params[paging.size_param] = paging.size
    if paging.style == "page":
        params[paging.param] = paging.start + page
    elif paging.style == "offset":
        params[paging.param] = paging.start + page * int(paging.size or 0)
    elif paging.style == "cursor" and cursor is not None:
        params[paging.param] = cursor
    return params


def _fetch(
    session: Any, url: str, params: dict[str, Any], source: LiveSource, secrets: list[str]
) -> bytes:
    import requests

    alias = source.connection
    try:
        with session.get(url, params=params, timeout=source.timeout_seconds, stream=True) as answer:
            if answer.status_code >= 400:
                raise ReadError(
                    "source.http_status", alias=alias, status=answer.status_code,
                    page=_shown(answer.url, secrets),
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_content(1 << 16):
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    raise ReadError(
                        "source.http_too_large", alias=alias, mb=MAX_PAGE_BYTES // (1 << 20)
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except requests.RequestException as error:
        raise ReadError(
            "source.http_failed", alias=alias, reason=scrub(_first_line(error), secrets)
        ) from error


def _get_json(
    session: Any, url: str, params: dict[str, Any], source: LiveSource, secrets: list[str]
) -> Any:
    import json

    content = _fetch(session, url, params, source, secrets)
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReadError(
            "source.http_not_json", alias=source.connection, reason=str(error)[:200]
        ) from error


def _json_rows(
    session: Any,
    url: str,
    source: LiveSource,
    field_names: list[str],
    first: Any,
    secrets: list[str],
) -> Iterator[tuple[Any, ...]]:
    records_path = parse_path(source.records) or ()
    steps = [parse_path(source.fields.get(name, name)) or (name,) for name in field_names]
    cursor_path = parse_path(source.paging.cursor or "") or ()
    next_path = parse_path(source.paging.next or "") or ()
    page_body, page, page_url = first, 0, url
    try:
        while True:
            records = get_path(page_body, records_path) if records_path else page_body
            if not isinstance(records, list):
                raise ReadError(
                    "source.http_no_records", alias=source.connection, path=source.records or "$"
                )
            for record in records:
                yield tuple(_cell(get_path(record, path)) for path in steps)
            page += 1
            style = source.paging.style
            if style == "none" or not records:
                return
            if page >= source.max_pages:
                raise ReadError(
                    "source.http_too_many_pages", alias=source.connection, pages=source.max_pages
                )
            if style in ("page", "offset"):
                if source.paging.size and len(records) < source.paging.size:
                    return
                params = _page_params(source, page, None)
            elif style == "cursor":
                cursor = get_path(page_body, cursor_path)
                if cursor in (None, ""):
                    return
                params = _page_params(source, page, str(cursor))
            else:  # next-link
                link = get_path(page_body, next_path)
                if not link:
                    return
                page_url, params = urljoin(page_url, str(link)), {}
                _same_site(url, page_url, source.connection)
            page_body = _get_json(session, page_url, params, source, secrets)
    finally:
        session.close()


def _same_site(first: str, following: str, alias: str) -> None:
    """A next link elsewhere would receive the alias's token: refused."""
    from urllib.parse import urlsplit

    if urlsplit(first)[:2] != urlsplit(following)[:2]:
        raise ReadError("source.http_other_site", alias=alias)


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _csv_pages(
    session: Any, url: str, source: LiveSource, secrets: list[str]
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """A CSV endpoint: one answer (or page after page with the same header)."""
    first = _csv_rows(
        _fetch(session, url, _page_params(source, 0, None), source, secrets), source.connection
    )
    header = next(first, None)
    if header is None:
        session.close()
        raise ReadError("source.http_no_records", alias=source.connection, path="csv")

    def rows() -> Iterator[tuple[Any, ...]]:
        current, page = first, 0
        try:
            while True:
                count = 0
                for row in current:
                    count += 1
                    yield tuple(row)
                page += 1
                if source.paging.style not in ("page", "offset") or count == 0:
                    return
                if source.paging.size and count < source.paging.size:
                    return
                if page >= source.max_pages:
                    raise ReadError(
                        "source.http_too_many_pages", alias=source.connection,
                        pages=source.max_pages,
                    )
                content = _fetch(session, url, _page_params(source, page, None), source, secrets)
                current = _csv_rows(content, source.connection)
                if next(current, None) != header:
                    return
        finally:
            session.close()

    return list(header), rows()


def _csv_rows(content: bytes, alias: str) -> Iterator[list[str]]:
    try:
        text = codecs.decode(content, "utf-8-sig")
    except UnicodeDecodeError as error:  # never replaced silently
        raise ReadError("source.http_not_utf8", alias=alias, reason=str(error)[:200]) from error
    return iter(csv.reader(io.StringIO(text)))


def _shown(url: str, secrets: list[str]) -> str:
    return scrub(url, secrets)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:300]
