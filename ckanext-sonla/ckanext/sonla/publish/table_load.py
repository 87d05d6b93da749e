"""Load a DataStore table from rows in PostgreSQL COPY text format, in one transaction.

The table itself (columns, types, data dictionary, primary key, full-text trigger) is made by
CKAN's ``datastore_create``; only the rows go through here. COPY is what makes loading
thousands of rows cheap: CKAN's own insert sends them one statement per row.

- a table made just now: the rows are inserted;
- an existing table with a primary key: rows whose values changed are updated, new keys
  inserted, and keys no longer present deleted;
- an existing table without a key: its rows are deleted and the new ones inserted;
- an existing table whose columns changed type (the spec changed): its rows are deleted, the
  columns retyped, and the new rows inserted (``datastore_create`` keeps old types).

Rows are copied into a temporary table first and inserted from it with their ``_full_text``
computed in the same statement (see :func:`_full_text`): CKAN's per-row full-text trigger was
most of the loading time.

Readers see the old rows until the transaction commits, never a half-loaded table.
"""
from __future__ import annotations

import logging
from typing import IO, Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.sonla.compat import config, get_write_engine, identifier, literal_string
from psycopg2 import errors as pg_errors

log = logging.getLogger(__name__)
_ = toolkit._
_STAGE = "sonla_publish_rows"


def drop_table(resource_id: str) -> None:
    """Remove a table made for a dataset whose publication then failed (best effort)."""
    try:
        with get_write_engine().begin() as connection:
            connection.execute(sa.text(f"DROP TABLE IF EXISTS {identifier(resource_id)}"))
    except Exception:  # the original error is the one to report
        log.exception("Could not drop the DataStore table %s", resource_id)


# A table's columns and their types as PostgreSQL names them (``bigint`` for ``int8``), in table
# order; no rows when there is no table. (psycopg2's parameter style: run by the raw cursor of
# load() and through exec_driver_sql.)
_COLUMNS = ("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = to_regclass(%(table)s) AND attnum > 0 AND NOT attisdropped ORDER BY attnum")


def column_types(resource_id: str) -> dict[str, str] | None:
    """The existing table's columns (``_id`` and ``_full_text`` included) and their types;
    None when there is no table."""
    with get_write_engine().connect() as connection:
        rows = connection.exec_driver_sql(_COLUMNS, {"table": identifier(resource_id)}).all()
    return dict(rows) if rows else None


def changed_types(current: dict[str, str], fields: list[dict[str, Any]]) -> dict[str, str]:
    """Columns in ``current`` (see :func:`column_types`) whose type differs from ``fields``:
    name -> new type, as PostgreSQL names it."""
    wanted_types = {f["type"] for f in fields if f["id"] in current and f.get("type")}
    canonical: dict[str, str] = {}
    with get_write_engine().connect() as connection:
        for type_name in sorted(wanted_types):
            try:
                canonical[type_name] = connection.execute(
                    sa.text("SELECT CAST(CAST(:type AS regtype) AS text)"), {"type": type_name}).scalar_one()
            except sa.exc.DBAPIError as error:
                raise toolkit.ValidationError({"datastore": [
                    _("Unknown column type: {type}").format(type=type_name)]}) from error
    return {f["id"]: canonical[f["type"]] for f in fields
            if f.get("type") in canonical and f["id"] in current and canonical[f["type"]] != current[f["id"]]}


# Column types whose text (``::text``) is what ``row_to_json`` writes for them; other types
# go through ``to_json`` (dates in ISO whatever the DateStyle, booleans as true/false).
_PLAIN_TEXT = ("text", "character varying")
_PLAIN_NUMBER = ("bigint", "integer", "smallint", "numeric", "double precision", "real")


def _table_columns(cursor: Any, table: str) -> list[tuple[str, str]]:
    """The table's own columns (not ``_id``/``_full_text``) and types, in table order."""
    cursor.execute(_COLUMNS, {"table": table})
    return [(name, type_name) for name, type_name in cursor.fetchall() if not name.startswith("_")]


def _full_text(columns: list[str], table_columns: list[tuple[str, str]], lang: str) -> str | None:
    """SQL for a loaded row's ``_full_text``, or None when the rows do not fill every column.

    CKAN's trigger computes it row by row in PL/pgSQL (``to_tsvector`` of the row's values
    joined with spaces, through ``row_to_json``); computed here in the loading statement, the
    trigger sees it set and returns at once. The same values in the same order, but with the
    language DataStore searches use (``ckan.datastore.default_fts_lang``): the trigger uses
    the database's default, which the stack sets to that language.
    """
    if set(columns) != {name for name, _type in table_columns}:
        return None
    parts = []
    for name, type_name in table_columns:
        column = identifier(name)
        base = type_name.split("(", 1)[0]
        if base in _PLAIN_TEXT:
            parts.append(column)
        elif base in _PLAIN_NUMBER:
            parts.append(f"{column}::text")
        else:
            parts.append(f"to_json({column}) #>> '{{}}'")
    return f"to_tsvector({literal_string(lang)}::regconfig, concat_ws(' ', {', '.join(parts)}))"


def _statements(table: str, columns: list[str], key: list[str], replace: bool,
                full_text: str | None) -> list[str]:
    """The statements that load the rows (after any DELETE and retyping), COPY's first."""
    names = ", ".join(identifier(c) for c in columns)
    stage = identifier(_STAGE)
    stage_rows = [f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA",
                  f"COPY {stage} ({names}) FROM STDIN"]
    insert = (f"INSERT INTO {table} ({names}, _full_text) SELECT {names}, {full_text} FROM {stage}"
              if full_text else f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage}")
    if replace:
        return [*stage_rows, insert] if full_text else [f"COPY {table} ({names}) FROM STDIN"]
    keys = ", ".join(identifier(c) for c in key)
    others = [identifier(c) for c in columns if c not in key]
    if others:
        changed = (f"({', '.join(f'{table}.{c}' for c in others)}) IS DISTINCT FROM "
                   f"({', '.join(f'EXCLUDED.{c}' for c in others)})")
        # The trigger keeps a row's _full_text unless it is NULL: set it, or clear it so the
        # trigger computes it again (the table has columns the rows do not fill).
        text = "EXCLUDED._full_text" if full_text else "NULL"
        sets = ", ".join([*(f"{c} = EXCLUDED.{c}" for c in others), f"_full_text = {text}"])
        on_conflict = f"DO UPDATE SET {sets} WHERE {changed}"
    else:
        on_conflict = "DO NOTHING"
    same_key = " AND ".join(f"{stage}.{identifier(c)} = {table}.{identifier(c)}" for c in key)
    return [
        *stage_rows,
        f"{insert} ON CONFLICT ({keys}) {on_conflict}",
        f"DELETE FROM {table} WHERE NOT EXISTS (SELECT 1 FROM {stage} WHERE {same_key})",
    ]


class StagedRows:
    """Rows loaded in a DataStore transaction that is still open: nobody sees them until
    :meth:`commit`; :meth:`rollback` forgets them. Either closes the connection."""

    def __init__(self, connection: Any, count: int) -> None:
        self._connection = connection
        self.count = count

    def commit(self) -> None:
        try:
            self._connection.commit()
        finally:
            self._connection.close()

    def rollback(self) -> None:
        try:
            self._connection.rollback()
        except Exception:  # the connection may be gone (the database stopped): nothing to undo
            log.exception("Could not roll back the DataStore rows")
        finally:
            self._connection.close()


def load(resource_id: str, columns: list[str], key: list[str], rows: IO[bytes], *, fresh: bool,
         retype: dict[str, str] | None = None) -> int:
    """Load ``rows`` into the table and commit; the number of rows it holds afterwards."""
    staged = stage(resource_id, columns, key, rows, fresh=fresh, retype=retype)
    staged.commit()
    return staged.count


def stage(resource_id: str, columns: list[str], key: list[str], rows: IO[bytes], *, fresh: bool,
          retype: dict[str, str] | None = None) -> StagedRows:
    """Load ``rows`` into the table in a transaction left open (see :class:`StagedRows`).

    Bad rows raise a ValidationError with PostgreSQL's message (it names the line).
    """
    table = identifier(resource_id)
    retype = retype or {}
    lines = _line_count(rows)
    # Without a key rows cannot be matched; with retyped columns the old rows cannot keep
    # their values. Either way the table is emptied and loaded again, in this transaction.
    replace = fresh or bool(retype) or not key
    connection = get_write_engine().raw_connection()
    try:
        with connection.cursor() as cursor:
            if not fresh and replace:
                cursor.execute(f"DELETE FROM {table}")
                for column, type_name in retype.items():
                    cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {identifier(column)} TYPE {type_name} "
                                   "USING NULL")
            lang = config.get("ckan.datastore.default_fts_lang") or "english"
            full_text = _full_text(columns, _table_columns(cursor, table), lang)
            for statement in _statements(table, columns, key, replace, full_text):
                if statement.startswith("COPY"):
                    cursor.copy_expert(statement, rows)
                    _check_all_copied(cursor.rowcount, lines, rows)
                else:
                    cursor.execute(statement)
            cursor.execute(f"SELECT count(*) FROM {table}")
            (count,) = cursor.fetchone()
        return StagedRows(connection, int(count))
    except (pg_errors.UniqueViolation, pg_errors.CardinalityViolation) as error:
        _abandon(connection)
        raise toolkit.ValidationError({"rows": [
            _("Two rows have the same primary key ({key}): {detail}").format(
                key=", ".join(key), detail=_first_line(error))]}) from error
    except (pg_errors.DataError, pg_errors.IntegrityError) as error:
        _abandon(connection)
        raise toolkit.ValidationError({"rows": [_first_line(error)]}) from error
    except BaseException:
        _abandon(connection)
        raise


def _abandon(connection: Any) -> None:
    try:
        connection.rollback()
    finally:
        connection.close()


_CHUNK = 1024 * 1024
_END_MARK = b"\\."


def _line_count(rows: IO[bytes]) -> int:
    """How many rows COPY should read: lines, the last one with or without its newline."""
    count, last = 0, b"\n"
    rows.seek(0)
    while chunk := rows.read(_CHUNK):
        count += chunk.count(b"\n")
        last = chunk[-1:]
    rows.seek(0)
    return count + (0 if last == b"\n" else 1)


def _check_all_copied(copied: int, lines: int, rows: IO[bytes]) -> None:
    """COPY's text format takes a line ``\\.`` as the end of the data and silently drops the
    lines after it; a value ``\\.`` must be sent as ``\\\\.``. Refuse rather than load part.
    (A ``\\.`` as the very last line loses nothing: it is accepted.)"""
    if copied < 0 or copied == lines or (copied == lines - 1 and _end_mark_line(rows) == lines):
        return  # -1: the driver did not say
    raise toolkit.ValidationError({"rows": [
        _("Line {line} holds only \\., which PostgreSQL COPY reads as the end of the data: the {lost} lines "
          "after it would be lost. Write a backslash in a value as \\\\.").format(
            line=_end_mark_line(rows), lost=lines - copied - 1)]})


def _end_mark_line(rows: IO[bytes]) -> int:
    """The number of the first line that is only ``\\.`` (0: none)."""
    rows.seek(0)
    for number, line in enumerate(rows, start=1):
        if line.rstrip(b"\r\n") == _END_MARK:
            return number
    return 0


def _first_line(error: Exception) -> str:
    """PostgreSQL's message and its COPY context (which line), without the SQL."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    context = [line for line in lines if line.startswith("CONTEXT:")]
    return "; ".join(lines[:1] + context)
