"""Every use of CKAN beyond ``ckan.plugins.toolkit`` and the plugin interfaces, in one place.

The supported CKAN versions are the two latest minor releases, 2.11 and 2.12 (as ckanext-dcat and
ckanext-scheming do; docs/developers.md, "Supported CKAN versions"). The rest of the extension and
``sonla-stack`` import CKAN's internals from here, never from ``ckan.*`` directly
(tests/ckanext/test_compat.py checks that), so a new CKAN release is checked against this one file.
Where CKAN 2.11 lacks what 2.12 offers, the 2.11 branch below says what differs.
"""
from __future__ import annotations

import contextlib
import io
import os
from typing import Any

import ckan
import ckan.lib.navl.dictization_functions as dictization_functions
import ckan.lib.plugins as lib_plugins
import ckan.lib.search as search
import ckan.lib.uploader as uploader
import ckan.logic as logic
import ckan.model as model
from ckan import authz
from ckan.common import config, current_user
from ckan.lib import dictization, mailer
from ckan.lib.api_token import decode as api_token_decode
from ckan.lib.navl.dictization_functions import Missing, StopOnError
from ckan.lib.pagination import Page
from ckan.lib.plugins import DefaultTranslation
from ckan.lib.redis import connect_to_redis
from ckan.lib.search.common import SearchError, SearchQueryError
from ckan.lib.search.index import SearchIndex

# CKAN's own check of Solr local parameters ({!…}), so sonla_search refuses exactly what CKAN does.
from ckan.lib.search.query import MAGIC_FIELD_RE, QUERY_PARSER_RE, VALID_SOLR_PARAMETERS, SearchQuery
from ckan.lib.search.query import _get_local_query_parser as local_query_parser
from ckan.lib.search.query import _parse_local_params as parse_local_params
from ckan.lib.uploader import ResourceUpload
from ckan.logic import fresh_context
from ckan.logic import schema as ckan_schema
from ckan.model import misc, parse_db_config
from ckan.views.feed import CKANFeed
from ckanext.datastore.backend import postgres as datastore_postgres
from ckanext.datastore.backend.postgres import identifier, literal_string
from ckanext.sonla.ckan_version import (
    SUPPORTED_CKAN_VERSIONS,
    UnsupportedCkanVersion,
    check_ckan_version,
    minor_version,
)
from sqlalchemy.types import UserDefinedType

try:
    from sqlalchemy.dialects.postgresql import TSQUERY
except ImportError:  # SQLAlchemy 1.4, which CKAN 2.11 pins, has no tsquery type: the same one, named
    class TSQUERY(UserDefinedType):  # type: ignore[no-redef]
        cache_ok = True

        def get_col_spec(self, **kw: Any) -> str:
            return "TSQUERY"

__all__ = [
    "MAGIC_FIELD_RE",
    "QUERY_PARSER_RE",
    "SUPPORTED_CKAN_VERSIONS",
    "TSQUERY",
    "VALID_SOLR_PARAMETERS",
    "CKANFeed",
    "DefaultTranslation",
    "Missing",
    "Page",
    "ResourceUpload",
    "SearchError",
    "SearchIndex",
    "SearchQuery",
    "SearchQueryError",
    "StopOnError",
    "UnsupportedCkanVersion",
    "api_token_decode",
    "authz",
    "check_ckan_version",
    "ckan_schema",
    "config",
    "connect_to_redis",
    "current_user",
    "dictization",
    "dictization_functions",
    "file_storage_configured",
    "fresh_context",
    "get_write_engine",
    "identifier",
    "lib_plugins",
    "literal_string",
    "local_query_parser",
    "mailer",
    "misc",
    "model",
    "package_membership_list_save",
    "parse_db_config",
    "parse_local_params",
    "search",
    "uploader",
]

CKAN_2_12 = (minor_version(ckan.__version__) or (0, 0)) >= (2, 12)


def get_write_engine() -> Any:
    """The DataStore's write engine, with SQLAlchemy 2.0's connections (``commit()``, ``rollback()``,
    a transaction begun on first use) on either CKAN.

    CKAN 2.11 pins SQLAlchemy 1.4, whose plain connections have neither method; the same engine
    (same pool) is then seen through SQLAlchemy 1.4's own 2.0-style facade.
    """
    engine = datastore_postgres.get_write_engine()
    if CKAN_2_12:
        return engine
    facade = _FUTURE_ENGINES.get(id(engine))
    if facade is None or facade.pool is not engine.pool:
        from sqlalchemy.future import Engine as FutureEngine

        # SQLAlchemy 1.4 only (CKAN 2.11); mypy reads 2.0's types, which dropped the facade
        facade = _FUTURE_ENGINES[id(engine)] = FutureEngine._future_facade(engine)  # type: ignore[attr-defined]
    return facade


_FUTURE_ENGINES: dict[int, Any] = {}


def package_extra(key: str) -> Any:
    """SQL for the text of the dataset's extra ``key`` (NULL without it), in a query on the package table.

    CKAN 2.12 keeps extras in the package table's JSONB ``extras`` column; CKAN 2.11 in the
    ``package_extra`` table, one row a key (deleted ones kept with state 'deleted').
    """
    import sqlalchemy as sa

    package = model.package_table
    if CKAN_2_12:
        return package.c.extras[key].astext
    extra = model.package_extra_table
    return (sa.select(extra.c.value)
            .where(extra.c.package_id == package.c.id, extra.c.key == key, extra.c.state == "active")
            .limit(1).scalar_subquery())


# --- Indexing a dataset inside a transaction (sonla_dataset_publish) ---------------------------------

def package_show_default_and_custom_schemas(
        context: dict[str, Any], package_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset under CKAN's default show schema and under its type's own, for the search index.

    CKAN 2.11 has no such function: there each form is read with ``package_show`` (two reads of
    the dataset, not one; a publish reads one dataset).
    """
    if CKAN_2_12:
        return logic.package_show_default_and_custom_schemas(context, package_id)
    base = fresh_context(context, ignore_auth=True, use_cache=False)
    default = logic.get_action("package_show")(dict(base, validate=False), {"id": package_id})
    custom = logic.get_action("package_show")(dict(base), {"id": package_id})
    return default, custom


def index_insert_package_dicts(both: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Index a new dataset from :func:`package_show_default_and_custom_schemas`' pair.

    CKAN 2.11 indexes the default-schema dict alone (its index validates it under the type's schema
    itself; :func:`custom_schema_dict` does that for the sonla index).
    """
    if CKAN_2_12:
        logic.index_insert_package_dicts(both)
    else:
        search.index_for("Package").insert_dict(both[0])


def index_update_package_dicts(both: tuple[dict[str, Any], dict[str, Any]], defer_commit: bool = False) -> None:
    """Re-index a dataset from the pair, as :func:`index_insert_package_dicts` (2.11: the default dict)."""
    if CKAN_2_12:
        logic.index_update_package_dicts(both, defer_commit)
    else:
        search.index_for("Package").update_dict(both[0], defer_commit)


def custom_schema_dict(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """The dataset under its type's show schema, for the index's ``validated_data_dict``.

    CKAN 2.12 hands the index both forms (``with_custom_schema``, taken out of ``pkg_dict`` here);
    CKAN 2.11 hands only the default one, and its own index validates it with the type's show
    schema, as done here.
    """
    custom = pkg_dict.pop("with_custom_schema", None)
    if custom or CKAN_2_12:
        return custom or pkg_dict
    plugin = lib_plugins.lookup_package_plugin(pkg_dict.get("type"))
    validated, _errors = lib_plugins.plugin_validate(
        plugin, {"model": model, "session": model.Session}, pkg_dict, plugin.show_package_schema(),
        "package_show")
    return validated


def file_storage_configured(kind: str) -> bool:
    """Whether ``ckan.files.default_storages.<kind>`` names a file-keeper storage (CKAN 2.12's
    ``ckan.lib.files``), in which case CKAN's own uploader serves it. CKAN 2.11 has no such storages:
    its uploads always go to the storage folder."""
    if not CKAN_2_12:
        return False
    from ckan.lib import files

    try:
        files.get_storage(config[f"ckan.files.default_storages.{kind}"])
    except files.exc.UnknownStorageError:
        return False
    return True


def package_membership_list_save(group_dicts: list[dict[str, Any]], package: Any, context: dict[str, Any]) -> None:
    """CKAN's own save of a dataset's group memberships (adds and removes; organizations untouched),
    with its rights taken from ``context`` (``ignore_auth``). The same on 2.11 and 2.12 (2.12 also
    returns whether anything changed, which callers here work out themselves)."""
    from ckan.lib.dictization import model_save

    if not CKAN_2_12 and context.get("ignore_auth"):
        # CKAN 2.11 checks the user's group rights even with ignore_auth (2.12 honours it): the
        # site user, a sysadmin, stands in for this save only. defer_commit: get_site_user may
        # create that user, and must not commit the caller's transaction half-way.
        site_user = logic.get_action("get_site_user")({"ignore_auth": True, "defer_commit": True}, {})
        context = dict(context, user=site_user["name"])
    model_save.package_membership_list_save(group_dicts, package, context)


# --- Modules loaded only when they are used ---------------------------------------------------------

def activity_model() -> Any:
    """``ckanext.activity.model.Activity`` (imported late: the activity plugin may be off)."""
    from ckanext.activity.model import Activity

    return Activity


def datastore_blueprint() -> Any:
    """``ckanext.datastore.blueprint`` (its dump writers and formats), None without the DataStore."""
    try:
        from ckanext.datastore import blueprint
    except ImportError:
        return None
    return blueprint


def datastore_permissions_sql(**names: str) -> str:
    """The SQL of ``ckan datastore set-permissions`` (for sonla-stack's embedded PostgreSQL)."""
    from ckanext.datastore.cli import permissions_sql

    return permissions_sql(**names)


def build_js_translations() -> None:
    """CKAN's JavaScript catalogues (only ``ckan run`` builds them)."""
    from ckan.lib.i18n import build_js_translations as build

    build()


# --- sonla-stack: loading the config and upgrading the database --------------------------------------

def load_config(ini: str | os.PathLike[str]) -> Any:
    """CKAN's config from ``ini`` (on CKAN 2.11 the file must hold the logging sections itself: sonla-stack
    writes them into its files, ``ckan_config.logging_sections``)."""
    from ckan.cli import load_config as ckan_load_config

    return ckan_load_config(str(ini))


def make_app(loaded_config: Any) -> Any:
    from ckan.config.middleware import make_app as ckan_make_app

    return ckan_make_app(loaded_config)


def ckan_db_command(*args: str) -> str:
    """``ckan db ARGS`` (CKAN's command, not its private functions) run in this process, on the app
    already loaded: a ``ckan -c INI db ...`` subprocess would load CKAN again (measured on an up-to-date
    database: 4.8 s of CPU for the subprocess, against 2.6 s wall for both commands in process).
    Returns what the command printed; a failure raises."""
    from ckan.cli.db import db

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        db.main(list(args), prog_name="ckan db", standalone_mode=False)
    return output.getvalue()


def datatables_view_filters(view_filters: dict[str, Any]) -> dict[str, Any]:
    """The table preview's filters: the view's own, tightened by those in the request's
    ``filters`` parameter (as CKAN's ``datatables_view`` combines them)."""
    from ckan.lib.helpers import decode_view_request_filters
    from ckanext.datatablesview.blueprint import merge_filters

    return merge_filters(view_filters, decode_view_request_filters())



def csrf_exempt(view: Any) -> Any:
    """``view`` without CSRF protection (CKAN's CSRFProtect instance; for beacons that carry no token)."""
    from ckan.config.middleware.flask_app import csrf

    return csrf.exempt(view)
