"""The DataStore's full text in the language its searches use.

CKAN's trigger builds each row's ``_full_text`` with ``to_tsvector(text)``, i.e. the DataStore
database's ``default_text_search_config`` (``english`` unless set), while ``datastore_search``
queries it with ``ckan.datastore.default_fts_lang`` (``simple`` in config/base.ini). With English,
the Vietnamese words "an", "do", "no", "to"... are dropped as stop words and a search for
"an toàn" finds nothing. :func:`align` sets the database's default to the search language and
computes the full text of existing tables again.

Most Vietnamese users type without tone marks ("chieng" for "Chiềng"). The portal's search
language is therefore :data:`FOLDING_CONFIGURATION`, PostgreSQL's ``simple`` configuration with the
``unaccent`` dictionary in front: it folds tone marks and đ/Đ both when a row's full text is built
and when a query is parsed, so "chieng" and "Chiềng" find the same rows. :func:`align` creates it
(and the ``unaccent`` extension, trusted since PostgreSQL 13, so the database's owner may) when
``ckan.datastore.default_fts_lang`` names it. ``sonla-stack`` runs it when it sets up the
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


# simple (lower case, no stemming, no stop words) after unaccent, for every kind of word.
FOLDING_CONFIGURATION = "sonla_vi"
_FOLDING_SQL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
    f"CREATE TEXT SEARCH CONFIGURATION public.{FOLDING_CONFIGURATION} (COPY = pg_catalog.simple)",
    f"ALTER TEXT SEARCH CONFIGURATION public.{FOLDING_CONFIGURATION} ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart "
    "WITH public.unaccent, pg_catalog.simple",
)


def wanted_configuration() -> str:
    lang = config.get("ckan.datastore.default_fts_lang") or "english"
    if lang == FOLDING_CONFIGURATION:
        return f"public.{lang}"
    return lang if "." in lang else f"pg_catalog.{lang}"


def _ensure_folding_configuration(connection: sa.Connection) -> None:
    exists = connection.execute(sa.text(
        "SELECT 1 FROM pg_ts_config WHERE cfgname = :name AND cfgnamespace = 'public'::regnamespace"),
        {"name": FOLDING_CONFIGURATION}).first()
    if exists:
        return
    for statement in _FOLDING_SQL:
        try:
            connection.execute(sa.text(statement))
        except sa.exc.DBAPIError as error:
            connection.rollback()
            raise CannotAlign("; ".join(_FOLDING_SQL), str(error.orig).strip()) from error
    connection.commit()


def align(recompute: bool = False) -> Alignment:
    """Set the database's default configuration if it differs (then recompute every table's
    full text), or recompute anyway with ``recompute``.

    Raises :class:`CannotAlign`, with the statement for the database's owner, when the write
    user may not alter the database.
    """
    wanted = wanted_configuration()
    with get_write_engine().connect() as connection:
        name = connection.execute(sa.text("SELECT current_database()")).scalar_one()
        if wanted == f"public.{FOLDING_CONFIGURATION}":
            _ensure_folding_configuration(connection)
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
