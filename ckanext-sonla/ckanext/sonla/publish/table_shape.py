"""A DataStore table's columns, their data dictionary and its indexes, read before an update
and put back when the update is refused or fails.

``datastore_create`` (which adds the new columns, writes the data dictionary into column
comments and makes the indexes) commits in its own transaction, before the rows are staged;
the rows may then be refused or the metadata commit fail. Undoing its changes here keeps
"a refused publication changes nothing" true for the table's columns too. Best effort: the
error that stopped the publication is the one reported.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from ckanext.sonla.compat import get_write_engine, identifier, literal_string

from . import table_load

log = logging.getLogger(__name__)

_COMMENTS = ("SELECT attname, col_description(attrelid, attnum) FROM pg_attribute "
             "WHERE attrelid = to_regclass(%(table)s) AND attnum > 0 AND NOT attisdropped")
_INDEXES = ("SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass(%(table)s)")


@dataclass(frozen=True)
class TableShape:
    comments: dict[str, str | None]  # column -> its comment (CKAN's data dictionary)
    indexes: dict[str, str]  # index name -> its definition (CREATE ... INDEX ...)


def read(resource_id: str) -> TableShape | None:
    """The table's shape; None when there is no table."""
    with get_write_engine().connect() as connection:
        return _read_with(connection, resource_id)


def restore(resource_id: str, shape: TableShape | None) -> None:
    """Put the table back as ``shape`` (None: there was no table, so drop it)."""
    if shape is None:
        table_load.drop_table(resource_id)
        return
    table = identifier(resource_id)
    try:
        # The raw cursor, without parameters: comments (JSON) and index definitions hold ":"
        # and "%", which SQLAlchemy's text() or psycopg2's formatting would read as markers.
        connection = get_write_engine().raw_connection()
        try:
            with connection.cursor() as cursor:
                cursor.execute(_COMMENTS, {"table": table})
                comments = dict(cursor.fetchall())
                cursor.execute(_INDEXES, {"table": table})
                indexes = dict(cursor.fetchall())
                for column in comments.keys() - shape.comments.keys():
                    cursor.execute(f"ALTER TABLE {table} DROP COLUMN {identifier(column)}")
                for name in indexes.keys() - shape.indexes.keys():
                    cursor.execute(f"DROP INDEX IF EXISTS {identifier(name)}")
                for name in shape.indexes.keys() - indexes.keys():
                    cursor.execute(shape.indexes[name])
                for column, comment in shape.comments.items():
                    if comments.get(column) != comment:
                        value = "NULL" if comment is None else literal_string(comment)
                        cursor.execute(f"COMMENT ON COLUMN {table}.{identifier(column)} IS {value}")
            connection.commit()
        finally:
            connection.close()
    except Exception:  # the original error is the one to report
        log.exception("Could not put the DataStore table %s back as it was", resource_id)


def _read_with(connection: sa.Connection, resource_id: str) -> TableShape | None:
    table = {"table": identifier(resource_id)}
    comments: dict[str, str | None] = {name: text for name, text in connection.exec_driver_sql(_COMMENTS, table)}
    indexes: dict[str, str] = {name: text for name, text in connection.exec_driver_sql(_INDEXES, table)}
    return TableShape(comments, indexes) if comments else None
