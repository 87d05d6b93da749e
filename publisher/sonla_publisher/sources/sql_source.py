"""Rows of a ``kind: sql`` source: one read-only query, streamed in batches.

The query runs inside a read-only transaction with a statement timeout (PostgreSQL: ``SET
TRANSACTION READ ONLY`` and ``SET LOCAL statement_timeout``; MySQL/MariaDB: a read-only
transaction and ``max_execution_time``; SQLite: ``PRAGMA query_only``). Other databases rely on
the account's rights: give the alias a read-only account (docs/live-sources.md). Rows come
through a server-side cursor (``stream_results``) in batches of ``batch_rows``: memory does not
grow with the table. SQLAlchemy and the driver are optional extras of the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sonla_publisher.errors import ReadError
from sonla_publisher.sources.connections import Connection, scrub

DEFAULT_BATCH_ROWS = 5000
UNDEFINED_COLUMN = "42703"  # SQLSTATE
DEFAULT_TIMEOUT_SECONDS = 600
# One statement that reads: a SELECT (or WITH ... SELECT, VALUES, TABLE). Not a guarantee
# (the read-only transaction is): it catches a pasted UPDATE before the database is contacted.
_READING_START = re.compile(r"^\s*(\(\s*)*(select|with|values|table)\b", re.IGNORECASE)
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_EXTRAS = {
    "postgresql": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
    "mssql": "mssql",
    "oracle": "oracle",
}


@dataclass(frozen=True)
class SqlQuery:
    connection: Connection
    query: str
    batch_rows: int = DEFAULT_BATCH_ROWS
    timeout_seconds: int = DEFAULT_TIMEOUT_SECONDS
    since_column: str | None = None  # incremental: only rows whose column is > since
    since: str | None = None

    def statement(self) -> tuple[str, dict[str, Any]]:
        """The query, or the query's rows changed since the watermark. The column name was
        checked (a plain identifier); the watermark goes as a bound parameter, which the
        database compares as the column's type."""
        if self.since_column is None or self.since is None:
            return self.query, {}
        inner = _COMMENTS.sub(" ", self.query).strip().rstrip(";")
        return (
            f'SELECT * FROM ({inner}) AS sonla_changed WHERE sonla_changed."{self.since_column}"'
            " > :sonla_since",
            {"sonla_since": self.since},
        )


def check_query(query: str) -> bool:
    """True for one statement that reads (comments and a trailing ``;`` aside)."""
    text = _COMMENTS.sub(" ", query).strip().rstrip(";").strip()
    return bool(_READING_START.match(text)) and ";" not in _without_strings(text)


def _without_strings(text: str) -> str:
    return re.sub(r"'(?:[^']|'')*'", "''", text)


def stream_rows(source: SqlQuery) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The query's column names and its rows (a generator: the transaction stays open until
    it is exhausted or closed)."""
    if not check_query(source.query):
        raise ReadError("source.sql_not_read_only", alias=source.connection.alias)
    engine = _engine(source.connection)
    secrets = source.connection.secrets()
    alias = source.connection.alias
    try:
        connection = engine.connect()
    except Exception as error:
        engine.dispose()
        raise ReadError(
            "source.sql_connect_failed", alias=alias, reason=_reason(error, secrets)
        ) from error
    try:
        # (before stream_results: psycopg2 would open a server-side cursor for a SET)
        _begin_read_only(connection, source.timeout_seconds)
        connection = connection.execution_options(
            stream_results=True, yield_per=source.batch_rows
        )
        from sqlalchemy import text

        statement, parameters = source.statement()
        result = connection.execute(text(statement), parameters)
        columns = [str(name) for name in result.keys()]  # noqa: SIM118 (a Result, not a dict)
    except Exception as error:
        connection.close()
        engine.dispose()
        message_id = "source.sql_column_gone" if _is_missing_column(error) else "source.sql_failed"
        raise ReadError(message_id, alias=alias, reason=_reason(error, secrets)) from error
    return columns, _rows(result, connection, engine, source.batch_rows, alias, secrets)


def _rows(
    result: Any, connection: Any, engine: Any, batch: int, alias: str, secrets: list[str]
) -> Iterator[tuple[Any, ...]]:
    try:
        for partition in result.partitions(batch):
            for row in partition:
                yield tuple(row)
    except ReadError:
        raise
    except Exception as error:
        raise ReadError(
            "source.sql_failed", alias=alias, reason=_reason(error, secrets)
        ) from error
    finally:
        try:
            connection.rollback()  # nothing was written; ends the read-only transaction
        finally:
            connection.close()
            engine.dispose()


def _engine(connection: Connection) -> Any:
    try:
        import sqlalchemy
        from sqlalchemy.pool import NullPool
    except ImportError as error:
        raise ReadError(
            "source.sql_missing_library", alias=connection.alias, extra="postgres"
        ) from error
    try:
        url = sqlalchemy.engine.make_url(connection.url)
    except Exception as error:
        raise ReadError("source.sql_bad_url", alias=connection.alias) from error
    url = _with_installed_driver(url)
    try:
        return sqlalchemy.create_engine(url, poolclass=NullPool)
    except ImportError as error:  # the driver (psycopg2, pymysql...) is not installed
        backend = url.get_backend_name()
        raise ReadError(
            "source.sql_missing_library", alias=connection.alias,
            extra=_EXTRAS.get(backend, backend),
        ) from error
    except Exception as error:
        raise ReadError("source.sql_bad_url", alias=connection.alias) from error


def _with_installed_driver(url: Any) -> Any:
    """``postgresql://`` means psycopg (3) to SQLAlchemy 2.1 and psycopg2 to 2.0: the one
    installed is used, so that an alias works with either driver (the extra installs psycopg2)."""
    import importlib.util

    if url.drivername != "postgresql":
        return url
    for module, driver in (("psycopg2", "postgresql+psycopg2"), ("psycopg", "postgresql+psycopg")):
        if importlib.util.find_spec(module) is not None:
            return url.set(drivername=driver)
    return url


def _begin_read_only(connection: Any, timeout_seconds: int) -> None:
    """The first statements of the transaction: read only, and a bound on its time."""
    dialect = connection.dialect.name
    milliseconds = int(timeout_seconds * 1000)
    if dialect == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")
    elif dialect in ("mysql", "mariadb"):
        connection.exec_driver_sql(f"SET SESSION max_execution_time = {milliseconds}")
        connection.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
    elif dialect == "sqlite":
        connection.exec_driver_sql("PRAGMA query_only = ON")


def _is_missing_column(error: BaseException) -> bool:
    """The query names a column the table no longer has (SQLSTATE 42703: PostgreSQL, and the
    standard code other databases' drivers report too)."""
    original = getattr(error, "orig", None)
    code = getattr(original, "pgcode", None) or getattr(original, "sqlstate", None)
    return code == UNDEFINED_COLUMN


def _reason(error: BaseException, secrets: list[str]) -> str:
    """The driver's first line, without any secret (drivers may quote the URL)."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return scrub(text[0] if text else type(error).__name__, secrets)[:300]
