"""One-time portal set-up that needs CKAN loaded: run it inside the portal's venv.

``python -m sonla_stack.bootstrap --ini .run/portal.ini --credentials .run/credentials.ini``
upgrades the database (CKAN core and every enabled plugin's migrations), sets the
DataStore permissions (embedded PostgreSQL only) and the DataStore database's text-search
configuration, and makes sure a sysadmin and its API token exist. Doing all of it in one
process saves the 4–7 s that each ``ckan`` command spends starting up.
"""
from __future__ import annotations

import argparse
import re
import secrets
from configparser import ConfigParser
from pathlib import Path

ADMIN_NAME = "admin"
ADMIN_EMAIL = "admin@data.sonla.gov.vn"
TOKEN_NAME = "sonla-stack"


def _load_app(ini: Path) -> None:
    from ckanext.sonla import compat

    compat.make_app(compat.load_config(ini))


def upgrade_database() -> None:
    """``ckan db upgrade``: CKAN core and every enabled plugin with migrations."""
    from ckanext.sonla import compat

    pending = compat.ckan_db_command("pending-migrations")
    print(pending + compat.ckan_db_command("upgrade"), end="")
    if re.search(r"unapplied migrations for sonla_search\b", pending):
        # A new index column is filled by re-indexing (cheap at a province's scale).
        compat.search.rebuild(force=True)
        compat.search.commit()


def set_datastore_permissions(pg_socket: Path) -> None:
    from ckanext.sonla.compat import config, datastore_permissions_sql, parse_db_config

    from . import postgres

    main = parse_db_config("sqlalchemy.url")
    write = parse_db_config("ckan.datastore.write_url")
    read = parse_db_config("ckan.datastore.read_url")
    assert main and write and read, config.get("ckan.datastore.write_url")
    sql = datastore_permissions_sql(maindb=main["db_name"], datastoredb=write["db_name"],
                          mainuser=main["db_user"], writeuser=write["db_user"],
                          readuser=read["db_user"])
    postgres.psql(pg_socket, sql, database=write["db_name"])
    # The DataStore creates its "nested" column type on first use; two first datastore_create
    # calls at once (a parallel sync on a new portal) race on it and one fails with a 500.
    postgres.psql(pg_socket, NESTED_TYPE_SQL, database=write["db_name"])


def align_datastore_text_search() -> None:
    """The DataStore database's text-search configuration set to the language its searches use
    (``ckanext.sonla.datastore_text_search``: with PostgreSQL's default, English, "an toàn" found
    nothing; the portal's, ``sonla_vi``, also folds tone marks so "chieng" finds "Chiềng"). When the
    write user may not alter the database, it says what to run and goes on."""
    from ckanext.sonla import datastore_text_search
    from ckanext.sonla.compat import config

    if not config.get("ckan.datastore.write_url"):
        return
    try:
        result = datastore_text_search.align()
    except datastore_text_search.CannotAlign as error:
        print(f"WARNING: could not set the DataStore's text-search configuration ({error}); the database's "
              f"owner runs: {error.statement}; then `ckan -c INI sonla datastore-text-search --recompute`")
        return
    if result.changed:
        print(f"DataStore text search: {result.before} -> {result.wanted}, {result.tables} tables recomputed")


NESTED_TYPE_SQL = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'nested') THEN
        CREATE TYPE "nested" AS (json json, extra text);
    END IF;
END $$;
"""


def _read_credentials(path: Path) -> ConfigParser:
    parser = ConfigParser(interpolation=None)
    parser.read(path)
    if not parser.has_section("portal"):
        parser.add_section("portal")
    return parser


def ensure_sysadmin_and_token(credentials: Path, site_url: str) -> None:
    from ckan.plugins.toolkit import get_action
    from ckanext.sonla.compat import api_token_decode, model

    parser = _read_credentials(credentials)
    section = parser["portal"]
    context = {"ignore_auth": True, "user": ""}
    user = model.User.get(ADMIN_NAME)
    if user is None:
        password = secrets.token_urlsafe(16)
        get_action("user_create")(context, {
            "name": ADMIN_NAME, "email": ADMIN_EMAIL, "password": password,
            "fullname": "Quản trị cổng dữ liệu",
        })
        user = model.User.get(ADMIN_NAME)
        section["password"] = password
    assert user is not None
    if not user.sysadmin:
        user.sysadmin = True
        model.Session.commit()

    token_ids = {t.id for t in model.Session.query(model.ApiToken).filter_by(user_id=user.id)}
    known = section.get("api_token_id", "")
    if known not in token_ids or not section.get("api_token"):
        result = get_action("api_token_create")(
            {"ignore_auth": True, "user": ADMIN_NAME}, {"user": ADMIN_NAME, "name": TOKEN_NAME})
        section["api_token"] = result["token"]
        section["api_token_id"] = api_token_decode(result["token"])["jti"]
    section["url"] = site_url
    section["user"] = ADMIN_NAME
    tmp = credentials.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write("# Local portal credentials (never commit, never paste into logs).\n")
        parser.write(handle)
    tmp.chmod(0o600)
    tmp.replace(credentials)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ini", type=Path, required=True)
    parser.add_argument("--credentials", type=Path)
    parser.add_argument("--pg-socket", type=Path, help="set DataStore permissions through it")
    args = parser.parse_args()

    _load_app(args.ini)
    from ckanext.sonla.compat import config

    upgrade_database()
    if args.pg_socket:
        set_datastore_permissions(args.pg_socket)
    align_datastore_text_search()
    if args.credentials:
        ensure_sysadmin_and_token(args.credentials, config["ckan.site_url"])


if __name__ == "__main__":
    main()
