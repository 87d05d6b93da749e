"""Load a DataStore table from rows in PostgreSQL COPY text format, in one transaction.

The table itself (columns, types, data dictionary, primary key, full-text trigger) is made by
CKAN's ``datastore_create``; only the rows go through here. COPY is what makes loading
thousands of rows cheap: CKAN's own insert sends them one statement per row.

- a table made just now: the rows are copied in;
- an existing table with a primary key: the rows go to a temporary table, rows whose values
  changed are updated, new keys inserted, and keys no longer present deleted;
- an existing table without a key: its rows are deleted and the new ones copied in;
- an existing table whose columns changed type (the spec changed): its rows are deleted, the
  columns retyped, and the new rows copied in (``datastore_create`` keeps old types).

Readers see the old rows until the transaction commits, never a half-loaded table.
"""
from __future__ import annotations

import logging
from typing import IO, Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.datastore.backend.postgres import get_write_engine, identifier
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


def column_types(resource_id: str) -> dict[str, str] | None:
    """The existing table's columns and their types as PostgreSQL names them (``bigint`` for
    ``int8``); None when there is no table."""
    with get_write_engine().connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = to_regclass(:table) AND attnum > 0 AND NOT attisdropped"),
            {"table": identifier(resource_id)}).all()
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


def _statements(resource_id: str, columns: list[str], key: list[str], fresh: bool,
                retype: dict[str, str]) -> list[str]:
    table = identifier(resource_id)
    names = ", ".join(identifier(c) for c in columns)
    if fresh:
        return [f"COPY {table} ({names}) FROM STDIN"]
    if retype or not key:
        # Without a key rows cannot be matched; with retyped columns the old rows cannot keep
        # their values. Either way the table is emptied and loaded again, in this transaction.
        return [f"DELETE FROM {table}",
                *(f"ALTER TABLE {table} ALTER COLUMN {identifier(c)} TYPE {t} USING NULL" for c, t in retype.items()),
                f"COPY {table} ({names}) FROM STDIN"]
    stage = identifier(_STAGE)
    keys = ", ".join(identifier(c) for c in key)
    others = [identifier(c) for c in columns if c not in key]
    if others:
        changed = (f"({', '.join(f'{table}.{c}' for c in others)}) IS DISTINCT FROM "
                   f"({', '.join(f'EXCLUDED.{c}' for c in others)})")
        on_conflict = (f"DO UPDATE SET {', '.join(f'{c} = EXCLUDED.{c}' for c in others)} WHERE {changed}")
    else:
        on_conflict = "DO NOTHING"
    same_key = " AND ".join(f"{stage}.{identifier(c)} = {table}.{identifier(c)}" for c in key)
    return [
        f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA",
        f"COPY {stage} ({names}) FROM STDIN",
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} ON CONFLICT ({keys}) {on_conflict}",
        f"DELETE FROM {table} WHERE NOT EXISTS (SELECT 1 FROM {stage} WHERE {same_key})",
    ]


def load(resource_id: str, columns: list[str], key: list[str], rows: IO[bytes], *, fresh: bool,
         retype: dict[str, str] | None = None) -> int:
    """Load ``rows`` into the table; the number of rows it holds afterwards.

    Bad rows raise a ValidationError with PostgreSQL's message (it names the line).
    """
    connection = get_write_engine().raw_connection()
    try:
        with connection.cursor() as cursor:
            for statement in _statements(resource_id, columns, key, fresh, retype or {}):
                if statement.startswith("COPY"):
                    cursor.copy_expert(statement, rows)
                else:
                    cursor.execute(statement)
            cursor.execute(f"SELECT count(*) FROM {identifier(resource_id)}")
            (count,) = cursor.fetchone()
        connection.commit()
        return int(count)
    except (pg_errors.UniqueViolation, pg_errors.CardinalityViolation) as error:
        connection.rollback()
        raise toolkit.ValidationError({"rows": [
            _("Two rows have the same primary key ({key}): {detail}").format(
                key=", ".join(key), detail=_first_line(error))]}) from error
    except (pg_errors.DataError, pg_errors.IntegrityError) as error:
        connection.rollback()
        raise toolkit.ValidationError({"rows": [_first_line(error)]}) from error
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def _first_line(error: Exception) -> str:
    """PostgreSQL's message and its COPY context (which line), without the SQL."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    context = [line for line in lines if line.startswith("CONTEXT:")]
    return "; ".join(lines[:1] + context)
