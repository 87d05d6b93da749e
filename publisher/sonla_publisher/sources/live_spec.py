"""The ``source:`` block of a live spec (``kind: sql`` or ``kind: http``) and its checks.

Only the alias of a connection is in the spec; see :mod:`connections`. The format is
described in docs/spec-format.md ("Nguồn trực tiếp").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sonla_publisher.sources.connections import ALIAS_PATTERN
from sonla_publisher.sources.paths import parse_path
from sonla_publisher.sources.sql_source import (
    DEFAULT_BATCH_ROWS,
    DEFAULT_TIMEOUT_SECONDS,
    check_query,
)

SOURCE = "source"  # the spec key, in messages naming a key of the block
KINDS = ("sql", "http")
PAGING_STYLES = ("none", "page", "offset", "cursor", "next-link")
HTTP_FORMATS = ("json", "csv")
# Incremental reads (docs/live-sources.md, "Cập nhật tăng dần"): both kinds.
INCREMENTAL_KEYS = frozenset({"changed_since", "full_refresh_days"})
SQL_KEYS = (
    frozenset({"kind", "connection", "query", "batch_rows", "timeout_seconds"}) | INCREMENTAL_KEYS
)
HTTP_KEYS = frozenset(
    {"kind", "connection", "path", "format", "records", "fields", "paging", "max_pages",
     "timeout_seconds", "retries", "since_param"}
) | INCREMENTAL_KEYS  # fmt: skip
PAGING_KEYS = frozenset({"style", "param", "size_param", "size", "start", "cursor", "next"})
MAX_BATCH_ROWS = 100_000
MAX_TIMEOUT_SECONDS = 3600
DEFAULT_MAX_PAGES = 10_000
DEFAULT_HTTP_TIMEOUT = 60
DEFAULT_RETRIES = 5
# An incremental source is read whole this often anyway: rows deleted at the source are only
# seen by a full read.
DEFAULT_FULL_REFRESH_DAYS = 7
MAX_FULL_REFRESH_DAYS = 366
_COLUMN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")

# A problem found in a spec: a message id and its parameters (as in specs.spec).
SpecProblem = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Paging:
    style: str = "none"
    param: str = "page"
    size_param: str | None = None
    size: int | None = None
    start: int = 1  # first page number (page style) or offset (offset style: 0)
    cursor: str | None = None  # where the next cursor is in a page (cursor style)
    next: str | None = None  # where the next page's URL is (next-link style)


@dataclass(frozen=True)
class LiveSource:
    kind: str
    connection: str
    query: str = ""
    batch_rows: int = DEFAULT_BATCH_ROWS
    timeout_seconds: int = DEFAULT_TIMEOUT_SECONDS
    path: str = ""
    format: str = "json"
    records: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    paging: Paging = field(default_factory=Paging)
    max_pages: int = DEFAULT_MAX_PAGES
    retries: int = DEFAULT_RETRIES
    changed_since: str | None = None  # the column (field) that says when a row last changed
    since_param: str | None = None  # http: the query parameter that takes that time
    full_refresh_days: int = DEFAULT_FULL_REFRESH_DAYS
    since_value: str | None = None  # http: set for one changed-since read, never in a spec

    @property
    def incremental(self) -> bool:
        return bool(self.changed_since)


def source_block(data: dict[str, Any]) -> dict[str, Any]:
    source = data.get("source")
    return source if isinstance(source, dict) else {}


def is_live(data: dict[str, Any]) -> bool:
    """The spec's source is a database or an API (``source.kind``), not a file."""
    return "kind" in source_block(data)


def live_source(data: dict[str, Any]) -> LiveSource:
    """The live source of a spec that :func:`problems` found none in."""
    block = source_block(data)
    kind = str(block["kind"])
    timeout_default = DEFAULT_TIMEOUT_SECONDS if kind == "sql" else DEFAULT_HTTP_TIMEOUT
    paging = block.get("paging") if isinstance(block.get("paging"), dict) else {}
    assert isinstance(paging, dict)
    style = str(paging.get("style", "none"))
    return LiveSource(
        kind=kind,
        connection=str(block.get("connection") or ""),
        query=str(block.get("query") or ""),
        batch_rows=int(block.get("batch_rows") or DEFAULT_BATCH_ROWS),
        timeout_seconds=int(block.get("timeout_seconds") or timeout_default),
        path=str(block.get("path") or ""),
        format=str(block.get("format") or "json"),
        records=str(block.get("records") or ""),
        fields={str(k): str(v) for k, v in (block.get("fields") or {}).items()},
        paging=Paging(
            style=style,
            param=str(paging.get("param") or ("offset" if style == "offset" else
                                               "cursor" if style == "cursor" else "page")),
            size_param=paging.get("size_param"),
            size=paging.get("size"),
            start=int(paging.get("start", 0 if style == "offset" else 1)),
            cursor=paging.get("cursor"),
            next=paging.get("next"),
        ),
        max_pages=int(block.get("max_pages") or DEFAULT_MAX_PAGES),
        retries=int(block.get("retries", DEFAULT_RETRIES)),
        changed_since=str(block["changed_since"]) if block.get("changed_since") else None,
        since_param=str(block["since_param"]) if block.get("since_param") else None,
        full_refresh_days=int(block.get("full_refresh_days") or DEFAULT_FULL_REFRESH_DAYS),
    )


def _incremental_problems(
    block: dict[str, Any], data: dict[str, Any], field_names: set[str]
) -> list[SpecProblem]:
    """``changed_since`` names a field whose column is also quoted in SQL (so a plain name);
    rows are upserted by the primary key, so the spec needs one."""
    column = block.get("changed_since")
    found: list[SpecProblem] = []
    if column is None:
        if block.get("since_param") is not None or block.get("full_refresh_days") is not None:
            found.append(("spec.missing_key", {"key": f"{SOURCE}.changed_since"}))
        return found
    if not isinstance(column, str) or not _COLUMN_NAME.match(column) or column not in field_names:
        found.append(("spec.source_bad_changed_since", {"value": column}))
    schema = data.get("schema")
    key = schema.get("primaryKey") if isinstance(schema, dict) else None
    if not key:
        found.append(("spec.source_incremental_needs_key", {}))
    found.extend(_bounded(block, "full_refresh_days", MAX_FULL_REFRESH_DAYS))
    if block.get("kind") == "http":
        param = block.get("since_param")
        if not isinstance(param, str) or not param.strip():
            found.append(("spec.missing_key", {"key": f"{SOURCE}.since_param"}))
    return found


def problems(data: dict[str, Any], field_names: set[str]) -> list[SpecProblem]:
    """What is wrong with a live ``source:`` block (nothing for a file source)."""
    block = source_block(data)
    if "kind" not in block:
        return []
    kind = block.get("kind")
    if kind not in KINDS:
        return [("spec.source_bad_kind", {"value": kind, "known": ", ".join(KINDS)})]
    found: list[SpecProblem] = []
    allowed = SQL_KEYS if kind == "sql" else HTTP_KEYS
    for key in sorted(set(map(str, block)) - allowed):
        found.append(("spec.source_unknown_key", {"key": f"{SOURCE}.{key}", "kind": kind,
                                                  "known": ", ".join(sorted(allowed))}))
    alias = block.get("connection")
    if not isinstance(alias, str) or not ALIAS_PATTERN.match(alias):
        found.append(("spec.source_bad_connection", {"value": alias}))
    if "://" in str(block.get("query") or "") + str(block.get("path") or ""):
        found.append(("spec.source_url_in_spec", {}))
    found.extend(_bounded(block, "timeout_seconds", MAX_TIMEOUT_SECONDS))
    found.extend(_incremental_problems(block, data, field_names))
    if kind == "sql":
        query = block.get("query")
        if not isinstance(query, str) or not query.strip():
            found.append(("spec.missing_key", {"key": f"{SOURCE}.query"}))
        elif not check_query(query):
            found.append(("spec.source_not_read_only", {}))
        found.extend(_bounded(block, "batch_rows", MAX_BATCH_ROWS))
        return found
    return found + _http_problems(block, field_names)


def _bounded(block: dict[str, Any], key: str, top: int) -> list[SpecProblem]:
    value = block.get(key)
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        return [("spec.source_bad_number", {"key": f"{SOURCE}.{key}", "value": value, "max": top})]
    return []


def _http_problems(block: dict[str, Any], field_names: set[str]) -> list[SpecProblem]:
    found: list[SpecProblem] = []
    path = block.get("path", "")
    if not isinstance(path, str):
        found.append(("spec.source_bad_value", {"key": f"{SOURCE}.path", "value": path}))
    if block.get("format", "json") not in HTTP_FORMATS:
        found.append(("spec.source_bad_value", {"key": f"{SOURCE}.format",
                                                "value": block.get("format")}))
    found.extend(_bounded(block, "max_pages", 1_000_000))
    retries = block.get("retries", DEFAULT_RETRIES)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 20:
        found.append(("spec.source_bad_number", {"key": f"{SOURCE}.retries", "value": retries,
                                                 "max": 20}))
    for key in ("records",):
        if block.get(key) is not None and parse_path(str(block[key])) is None:
            found.append(("spec.source_bad_path", {"key": f"{SOURCE}.{key}", "value": block[key]}))
    mapping = block.get("fields")
    if mapping is not None and not isinstance(mapping, dict):
        found.append(("spec.source_bad_value", {"key": f"{SOURCE}.fields", "value": mapping}))
    elif isinstance(mapping, dict):
        for name, where in mapping.items():
            if name not in field_names:
                found.append(("spec.unknown_column_field", {"title": where, "field": name}))
            if parse_path(str(where)) is None:
                found.append(("spec.source_bad_path", {"key": f"{SOURCE}.fields.{name}",
                                                       "value": where}))
    paging = block.get("paging")
    if paging is None:
        return found
    if not isinstance(paging, dict):
        return [*found, ("spec.source_bad_value", {"key": f"{SOURCE}.paging", "value": paging})]
    style = paging.get("style", "none")
    if style not in PAGING_STYLES:
        found.append(("spec.source_bad_paging", {"value": style,
                                                 "known": ", ".join(PAGING_STYLES)}))
    for key in sorted(set(map(str, paging)) - PAGING_KEYS):
        found.append(("spec.source_unknown_key", {"key": f"{SOURCE}.paging.{key}", "kind": "http",
                                                  "known": ", ".join(sorted(PAGING_KEYS))}))
    if style == "cursor" and not paging.get("cursor"):
        found.append(("spec.missing_key", {"key": f"{SOURCE}.paging.cursor"}))
    if style == "next-link" and not paging.get("next"):
        found.append(("spec.missing_key", {"key": f"{SOURCE}.paging.next"}))
    if style == "offset" and not paging.get("size"):
        found.append(("spec.missing_key", {"key": f"{SOURCE}.paging.size"}))
    for key in ("cursor", "next"):
        if paging.get(key) is not None and parse_path(str(paging[key])) is None:
            found.append(("spec.source_bad_path", {"key": f"{SOURCE}.paging.{key}",
                                                   "value": paging[key]}))
    return found
