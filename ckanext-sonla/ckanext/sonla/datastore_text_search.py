"""The DataStore's full text in the language its searches use.

CKAN's trigger builds each row's ``_full_text`` with ``to_tsvector(text)``, i.e. the DataStore
database's ``default_text_search_config`` (``english`` unless set), while ``datastore_search``
queries it with ``ckan.datastore.default_fts_lang`` (``simple`` in config/base.ini). With English,
the Vietnamese words "an", "do", "no", "to"... are dropped as stop words and a search for
"an toàn" finds nothing. :func:`align` sets the database's default to the search language and
computes the full text of existing tables again. ``sonla-stack`` runs it when it sets up the
portal; ``ckan sonla datastore-text-search`` runs it on other deployments (docs/operators.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from ckanext.sonla.compat import config, get_write_engine, identifier

# DataStore tables: CKAN's full-text trigger on a table of the public schema.
_TABLES = """
    SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE t.tgname = 'zfulltext' AND c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
    ORDER BY c.relname
"""


class CannotAlign(Exception):
    """The write user may not alter the database (it must own it)."""

    def __init__(self, statement: str, reason: str) -> None:
        super().__init__(reason)
        self.statement = statement  # what the database's owner runs instead


@dataclass(frozen=True)
class Alignment:
    database: str
    before: str  # the database's setting before ('' when it had none: the server's default)
    wanted: str
    tables: int  # tables whose full text was computed again

    @property
    def changed(self) -> bool:
        return self.before != self.wanted


def wanted_configuration() -> str:
    lang = config.get("ckan.datastore.default_fts_lang") or "english"
    return lang if "." in lang else f"pg_catalog.{lang}"


def align(recompute: bool = False) -> Alignment:
    """Set the database's default configuration if it differs (then recompute every table's
    full text), or recompute anyway with ``recompute``.

    Raises :class:`CannotAlign`, with the statement for the database's owner, when the write
    user may not alter the database.
    """
    wanted = wanted_configuration()
    with get_write_engine().connect() as connection:
        name = connection.execute(sa.text("SELECT current_database()")).scalar_one()
        statement = f"ALTER DATABASE {identifier(name)} SET default_text_search_config = '{wanted}'"
        # The database's own setting ('' if none: new sessions get the server's default). Not
        # current_setting(): a pooled session keeps what the database said when it started.
        before = connection.execute(sa.text(
            "SELECT coalesce((SELECT split_part(setting, '=', 2) FROM pg_db_role_setting s "
            "JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) AS setting "
            "WHERE d.datname = current_database() AND s.setrole = 0 "
            "AND setting LIKE 'default\\_text\\_search\\_config=%'), '')")).scalar_one()
        if before != wanted:
            try:
                connection.execute(sa.text(statement))
                connection.commit()
            except sa.exc.DBAPIError as error:
                raise CannotAlign(statement, str(error.orig).strip()) from error
    tables = recompute_full_text(wanted) if recompute or before != wanted else 0
    return Alignment(name, before, wanted, tables)


def recompute_full_text(configuration: str) -> int:
    """Have CKAN's trigger compute every DataStore row's ``_full_text`` again; the table count.

    One transaction per table, so readers keep the old values of a table until its new ones are
    all there.
    """
    with get_write_engine().connect() as connection:
        names = [row[0] for row in connection.execute(sa.text(_TABLES))]
        connection.rollback()
        for name in names:
            with connection.begin():
                connection.execute(sa.text("SELECT set_config('default_text_search_config', :c, true)"),
                                   {"c": configuration})
                connection.execute(sa.text(f"UPDATE {identifier(name)} SET _full_text = NULL"))
    return len(names)
