"""A live source's rows written as a csv snapshot, hashed while they stream.

The snapshot is what the rest of the tool reads: the same reader, cleaning (NFC, commune
names, types), validation and all-or-nothing publish as an agency's csv file, and the same
``source_hash`` (the spec's bytes, then the file's). An unchanged source gives a byte-identical
snapshot, hence the hash the portal already has: nothing is published. The file is written
beside its final name and renamed when complete, so a killed run never leaves half a snapshot
behind. Memory holds one batch of rows (sql) or one page (http), whatever the table's size.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sonla_publisher.errors import ReadError
from sonla_publisher.reading.cells import header_key
from sonla_publisher.reading.header_rows import field_titles
from sonla_publisher.sources.connections import resolve
from sonla_publisher.sources.live_spec import LiveSource, live_source
from sonla_publisher.sources.values import cell_text
from sonla_publisher.specs.spec import Spec

LIVE_DIR_ENV = "SONLA_LIVE_DIR"
_BUFFER_BYTES = 1 << 20


@dataclass(frozen=True)
class Snapshot:
    path: Path
    source_hash: str  # == portal.package.source_hash(spec, path.read_bytes())
    rows: int
    newest: str | None = None  # the greatest value of source.changed_since read (csv text)
    since: str | None = None  # only the rows changed after this value were read


def live_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where snapshots are kept: ``$SONLA_LIVE_DIR``, else the user's cache directory."""
    env = os.environ if environ is None else environ
    if env.get(LIVE_DIR_ENV):
        return Path(env[LIVE_DIR_ENV])
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sonla-publish" / "live"


def take_snapshot(
    spec: Spec,
    config_path: Path | None,
    directory: Path | None = None,
    environ: Mapping[str, str] | None = None,
    since: str | None = None,
) -> Snapshot:
    """Read the spec's live source into ``<directory>/<name>.csv``; ReadError when it fails.

    With ``since`` (an incremental source's watermark), only the rows whose
    ``source.changed_since`` column is greater are read, into ``<name>.changes.csv``.
    """
    source = live_source(spec.data)
    connection = resolve(source.connection, config_path, environ)
    if since is not None and not source.changed_since:
        since = None
    if source.kind == "sql":
        from sonla_publisher.sources.sql_source import SqlQuery, stream_rows

        query = SqlQuery(
            connection, source.query, source.batch_rows, source.timeout_seconds,
            since_column=source.changed_since if since is not None else None, since=since,
        )
        columns, rows = stream_rows(query)
    else:
        from sonla_publisher.sources.http_source import stream_records

        names = [str(spec_field.get("name")) for spec_field in spec.fields]
        columns, rows = stream_records(source, connection, names, since)
    try:
        _check_columns(spec, source, columns)
        suffix = ".changes.csv" if since is not None else ".csv"
        target = (directory or live_dir(environ)) / f"{spec.name}{suffix}"
        snapshot = _write(spec, columns, rows, target, _column_index(spec, source, columns))
        return replace(snapshot, since=since)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # ends the transaction / the HTTP session when the rows were not all read


def _check_columns(spec: Spec, source: LiveSource, columns: list[str]) -> None:
    """Every field of the spec must come from the source: a dropped column stops here."""
    keys = {header_key(column) for column in columns}
    missing = [
        str(spec_field.get("name"))
        for spec_field, titles in zip(spec.fields, field_titles(spec), strict=True)
        if not titles & keys
    ]
    if missing:
        raise ReadError(
            "source.missing_columns",
            name=spec.name,
            alias=source.connection,
            columns=", ".join(missing),
            found=", ".join(columns[:30]),
        )


def _column_index(spec: Spec, source: LiveSource, columns: list[str]) -> int | None:
    """Where the ``changed_since`` field is among the source's columns (None: not incremental)."""
    if not source.changed_since:
        return None
    for spec_field, titles in zip(spec.fields, field_titles(spec), strict=True):
        if spec_field.get("name") == source.changed_since:
            for index, column in enumerate(columns):
                if header_key(column) in titles:
                    return index
    return None


class _Newest:
    """The greatest value of one column, compared as the source gives them (dates, times,
    numbers), or as text when a source mixes kinds."""

    def __init__(self) -> None:
        self.value: Any = None

    def see(self, value: Any) -> None:
        if value is None or value == "":
            return
        if self.value is None:
            self.value = value
            return
        try:
            if value > self.value:
                self.value = value
        except TypeError:
            if cell_text(value) > cell_text(self.value):
                self.value = value

    def text(self) -> str | None:
        return None if self.value is None else cell_text(self.value)


def _write(
    spec: Spec,
    columns: list[str],
    rows: Iterator[tuple[Any, ...]],
    target: Path,
    newest_index: int | None = None,
) -> Snapshot:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReadError("read.unreadable", path=str(target.parent), reason=str(error)) from error
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256(spec.raw_bytes)
    count = 0
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8", newline="") as raw:
            hashing = _HashingWriter(raw, digest)
            writer = csv.writer(hashing, lineterminator="\r\n")
            writer.writerow(columns)
            newest = _Newest()
            for row in rows:
                writer.writerow([cell_text(value) for value in row])
                if newest_index is not None:
                    newest.see(row[newest_index])
                count += 1
            hashing.flush()
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ReadError("read.unreadable", path=str(target), reason=str(error)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Snapshot(target, digest.hexdigest(), count, newest.text())


class _HashingWriter:
    """A text sink that hashes the UTF-8 bytes it writes (what the file will hold)."""

    def __init__(self, sink: Any, digest: Any) -> None:
        self.sink = sink
        self.digest = digest
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= _BUFFER_BYTES:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.parts:
            chunk = "".join(self.parts)
            self.digest.update(chunk.encode("utf-8"))
            self.sink.write(chunk)
            self.parts.clear()
            self.size = 0
