"""``sonla_dataset_publish``: create or update a dataset, its files and its DataStore table.

Why it exists: publishing one dataset through CKAN's standard actions takes six writes
(``package_create``, a ``resource_create`` per file, ``datastore_create`` — which patches the
resource again — and a final ``package_patch``), each validating and re-indexing the whole
dataset. This action does the same work with one dataset write, and loads the rows with COPY.

All or nothing, as seen from outside (see docs/developers.md, "sonla_dataset_publish"):

- nothing is written before the caller is known to have every right the publication needs
  (``package_create`` or ``package_update`` on the dataset as it will be, in its
  organization) and the metadata is known to pass the schema;
- the dataset's themes (CKAN groups, ``package["groups"]``) come from the approved catalogue,
  not from the caller: only theme groups are accepted, and the action writes the memberships
  itself, in the same transaction (:mod:`.themes`), so an organization's editor, who is no
  member of the theme groups, can publish;
- files are written under a staging name (private: 0600) and moved into place only with the
  metadata (:mod:`.staged_files`); a refused or failed publication removes them;
- a new dataset is written in one CKAN transaction; its table (in the DataStore's own
  database) is committed just before it and dropped if the dataset's commit fails;
- an existing dataset whose table's resource is missing (deleted by hand) is updated the same
  way: one CKAN transaction, the new table committed just before it and dropped on failure;
- an existing dataset's rows are loaded in a DataStore transaction left open while its
  metadata is saved, and committed right after: a failure before the metadata commit rolls
  them back. ``datastore_create`` commits the table's new columns on its own before that;
  a refused or failed publication puts them back (:mod:`.table_shape`, best effort).
  The two databases cannot commit together (no two-phase commit): if the DataStore commit
  fails after the metadata commit, the dataset's ``source_hash`` is cleared so that
  ``sonla-publish`` publishes it again; if that fails too (the database is gone), the new
  metadata stands over the old rows until the next forced publication. That is the one
  residual window, between two commits a few milliseconds apart.

The table's chart and map views (part ``views``, :mod:`.data_views`) are checked with the
request and written in the same CKAN transaction as the dataset.

The dataset's spec, when the request carries one (part ``spec``), is saved in the same CKAN
transaction as the dataset (:mod:`ckanext.sonla.agency_publish.spec_store`), after every check:
a refused or failed publication keeps none.

Permissions are CKAN's own: the actions called here check them for the caller, except the
group rights of the themes (see above).
Resources of the dataset that the request does not name are kept as they are; fields the
request does not give keep their values (the dataset is patched, not replaced).
"""
from __future__ import annotations

import logging
import uuid
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla import compat as logic
from ckanext.sonla.compat import lib_plugins, model, uploader

from ..agency_publish import spec_store
from . import NO_DEFAULT_VIEWS, table_load, table_shape, themes
from . import data_views as publish_views
from . import request as publish_request
from .staged_files import StagedFiles

_ = toolkit._
log = logging.getLogger(__name__)


def _max_bytes() -> int:
    return int(uploader.get_max_resource_size()) * 1024 * 1024


def publish(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    request = publish_request.parse(data_dict, _max_bytes())
    package = model.Package.get(request.name)
    if package is None:
        return _create(context, request)
    return _update(context, request, package.id)


def _answer(package: dict[str, Any], request: publish_request.PublishRequest, created: bool,
            rows: int | None) -> dict[str, Any]:
    by_name: dict[str, str] = {}
    for resource in package.get("resources", []):
        by_name.setdefault(resource.get("name"), resource["id"])
    return {
        "id": package["id"],
        "name": package["name"],
        "created": created,
        # in the request's order
        "resources": [{"id": by_name[r["name"]], "name": r["name"]} for r in request.resources],
        "rows": rows,
    }


def _table_flags(request: publish_request.PublishRequest) -> None:
    # Set before the table exists so datastore_create does not patch the resource again;
    # nobody sees the flag before the table, which is made before the commit.
    if request.table is not None:
        request.resources[request.table.resource]["datastore_active"] = True


def _create_table(context: dict[str, Any], table: publish_request.TableRequest, resource_id: str) -> None:
    """The table's columns by CKAN's ``datastore_create`` (its rows come after, by COPY).

    Its default views are left to :func:`_table_views`, which has the dataset dict at hand.
    """
    definition: dict[str, Any] = {"resource_id": resource_id, "fields": table.fields, "records": [],
                                  "force": True}
    if table.primary_key:
        definition["primary_key"] = table.primary_key
    toolkit.get_action("datastore_create")(dict(context, **{NO_DEFAULT_VIEWS: True}), definition)


def _table_views(context: dict[str, Any], package: dict[str, Any], resource_id: str) -> None:
    """The DataStore preview of the table (idempotent: existing view types are kept)."""
    resource = next(r for r in package["resources"] if r["id"] == resource_id)
    toolkit.get_action("resource_create_default_resource_views")(
        context, {"resource": resource, "package": package, "create_datastore_views": True})


# Context key: index the dataset as soon as package_create has saved it (see index_early).
_INDEX_EARLY = "sonla_index_early"
# Context key: the theme groups to give the dataset package_create has just saved (index_early).
_THEMES = "sonla_themes"


def index_early(context: dict[str, Any], pkg_dict: dict[str, Any]) -> None:
    """``after_dataset_create``: when :func:`_create` asks, give the dataset its themes and
    index it right away.

    CKAN's package_create indexes before it returns unless the commit is deferred, as here.
    Indexing at once, still uncommitted, lets what follows (the activity stream's and
    ``datastore_create``'s ``package_show``) read the dataset from the index, as after a
    plain package_create, instead of validating it again. The dicts are kept in the context.
    """
    if not context.get(_INDEX_EARLY) or "id" not in pkg_dict:
        return
    # Before indexing, so that the index and the activity stream see the themes.
    themes.save(context, pkg_dict["id"], context.get(_THEMES) or [])
    both = logic.package_show_default_and_custom_schemas(logic.fresh_context(context), pkg_dict["id"])
    logic.index_insert_package_dicts(both)
    context[_INDEX_EARLY] = both


def _create(context: dict[str, Any], request: publish_request.PublishRequest) -> dict[str, Any]:
    _table_flags(request)
    # request.package holds no groups: the organization's right (the themes are checked next).
    toolkit.check_access("package_create", logic.fresh_context(context), dict(request.package))
    groups = themes.check(request.themes or [])
    files = StagedFiles(_max_bytes())
    resources = []
    deferred = dict(context, defer_commit=True)
    table_id = None
    try:
        for fields in request.resources:
            fields = dict(fields, id=str(uuid.uuid4()))
            files.stage(fields, fields["id"])  # takes "upload", sets url, size
            resources.append(fields)
        # return_id_only: package_create does not show the dataset; index_early does, once.
        create_context = dict(deferred, return_id_only=True, **{_INDEX_EARLY: True, _THEMES: groups})
        toolkit.get_action("package_create")(create_context, dict(request.package, resources=resources))
        both = create_context[_INDEX_EARLY]  # the (default, custom) dicts index_early stored
        rows = None
        if request.table is not None:
            table_id = resources[request.table.resource]["id"]
            _create_table(logic.fresh_context(deferred), request.table, table_id)
            rows = table_load.load(table_id, request.table.columns, request.table.primary_key,
                                   request.table.rows, fresh=True)
            _table_views(logic.fresh_context(deferred), both[1], table_id)
            publish_views.save(logic.fresh_context(deferred), table_id, request.views)
        _save_spec(request, both[1]["id"])
        # New resources: nobody refers to their paths before the commit.
        files.put_in_place()
        model.repo.commit()
    except BaseException:
        model.Session.rollback()
        files.discard()
        if table_id is not None:
            table_load.drop_table(table_id)
        raise
    return _answer(both[1], request, created=True, rows=rows)


def _save_spec(request: publish_request.PublishRequest, package_id: str) -> None:
    # In the session: committed with the dataset, rolled back with it.
    if request.spec is not None:
        spec_store.save(package_id, request.spec)


def _merged(current: dict[str, Any], request: publish_request.PublishRequest) -> dict[str, Any]:
    """``current`` patched with the request: its fields win, other fields and resources stay."""
    ours = {r["name"]: r for r in request.resources}
    resources = []
    for resource in current.get("resources", []):
        fields = ours.pop(resource.get("name"), None)
        resources.append(resource if fields is None else {**resource, **fields, "id": resource["id"]})
    resources.extend(ours.values())
    # Without the current metadata_modified, which package_update would keep: a publish moves the
    # date (the data changed), and package_show in the same transaction reads the new resources
    # instead of the search index's copy, which it takes while the two dates are equal.
    # Without the groups: the themes are set by the action itself (themes.save), and
    # package_update then leaves the memberships alone and asks no group right.
    kept = {key: value for key, value in current.items() if key not in ("metadata_modified", "groups")}
    return {**kept, **request.package, "resources": resources}


def _update(context: dict[str, Any], request: publish_request.PublishRequest, package_id: str) -> dict[str, Any]:
    current = toolkit.get_action("package_show")(logic.fresh_context(context), {"id": package_id})
    existing = None
    if request.table is not None:
        name = request.resources[request.table.resource]["name"]
        existing = next((r for r in current.get("resources", []) if r.get("name") == name), None)
        if existing is None:
            return _update_with_new_table(context, request, current)
    _table_flags(request)
    merged = _merged(current, request)
    _authorise_update(context, merged)
    _check_metadata(context, merged)
    groups = None if request.themes is None else themes.check(request.themes)
    files = StagedFiles(_max_bytes())
    staged_rows = None
    shape: table_shape.TableShape | None = None
    shape_read = False
    try:
        _stage_files(files, merged, request)
        if existing is not None:
            # datastore_create commits the new columns at once: read what to put back.
            shape, shape_read = table_shape.read(existing["id"]), True
            staged_rows = _stage_existing(context, request.table, existing["id"])
            # In the session: package_update commits them with the metadata.
            publish_views.save(logic.fresh_context(context), existing["id"], request.views)
        if groups is not None:
            # In the session: package_update commits them with the metadata, and indexes them.
            themes.save(context, current["id"], groups)
        _save_spec(request, current["id"])
        updated = toolkit.get_action("package_update")(logic.fresh_context(context), merged)
    except BaseException:
        model.Session.rollback()
        if staged_rows is not None:
            staged_rows.rollback()
        if existing is not None and shape_read:
            table_shape.restore(existing["id"], shape)
        files.discard()
        raise
    # The metadata is committed: the rows and files follow at once.
    if staged_rows is not None:
        _commit_rows_after_metadata(context, staged_rows, files, updated)
    files.put_in_place()
    if existing is not None:
        _table_views(logic.fresh_context(context), updated, existing["id"])
    return _answer(updated, request, created=False, rows=None if staged_rows is None else staged_rows.count)


def _authorise_update(context: dict[str, Any], merged: dict[str, Any]) -> None:
    """Every right the update needs, before the first write: ``package_update`` on the dataset
    as it will be (its organization; ``merged`` holds no groups, whose memberships the action
    writes itself). ``datastore_create`` asks the same ``package_update`` right."""
    auth_context = logic.fresh_context(context)
    auth_context["package"] = model.Package.get(merged["id"])
    toolkit.check_access("package_update", auth_context, merged)


def _stage_files(files: StagedFiles, merged: dict[str, Any], request: publish_request.PublishRequest) -> None:
    """Stage the request's files; the resources in ``merged`` get their ids (new ones too)
    and their upload fields, and lose the uploads themselves."""
    ours = {r["name"] for r in request.resources}
    for resource in merged["resources"]:
        if resource.get("name") in ours and "upload" in resource:
            resource.setdefault("id", str(uuid.uuid4()))
            files.stage(resource, resource["id"])


def _commit_rows_after_metadata(context: dict[str, Any], staged_rows: table_load.StagedRows,
                                files: StagedFiles, updated: dict[str, Any]) -> None:
    try:
        staged_rows.commit()
    except BaseException:
        # New metadata over the old rows: clear the hash so that the next run publishes again.
        files.discard()
        try:
            toolkit.get_action("package_patch")(logic.fresh_context(context),
                                                {"id": updated["id"], "source_hash": ""})
        except Exception:
            log.exception("Dataset %s: new metadata over old rows, and its source_hash could not be cleared",
                          updated["name"])
        raise


def _check_metadata(context: dict[str, Any], merged: dict[str, Any]) -> None:
    """Validate the dataset as ``package_update`` will, before the rows are touched.

    The rows are committed before the metadata (see the module docstring); a dataset the schema
    rejects must not get new rows under its old metadata.
    """
    plugin = lib_plugins.lookup_package_plugin(merged.get("type"))
    check = dict(merged, resources=[{k: v for k, v in r.items() if k != "upload"} for r in merged["resources"]])
    check_context = logic.fresh_context(context)
    check_context["package"] = model.Package.get(merged["id"])
    _, errors = lib_plugins.plugin_validate(plugin, check_context, check, plugin.update_package_schema(),
                                            "package_update")
    if errors:
        raise toolkit.ValidationError(errors)


def _stage_existing(context: dict[str, Any], table: publish_request.TableRequest | None,
                    resource_id: str) -> table_load.StagedRows:
    assert table is not None
    current = table_load.column_types(resource_id)
    retype = {} if current is None else table_load.changed_types(current, table.fields)
    _create_table(logic.fresh_context(context), table, resource_id)
    return table_load.stage(resource_id, table.columns, table.primary_key, table.rows, fresh=current is None,
                            retype=retype)


def _update_with_new_table(context: dict[str, Any], request: publish_request.PublishRequest,
                           current: dict[str, Any]) -> dict[str, Any]:
    """The dataset exists but not the table's resource (e.g. it was deleted by hand).

    As for a new dataset, the metadata is saved in one CKAN transaction left open while the
    table is made and loaded (``datastore_create`` sees the new resource in that transaction),
    and committed after it; a refused or failed publication rolls the metadata back and drops
    the table, which is new (its resource is). Each file is staged once and the rows loaded once.
    """
    assert request.table is not None
    _table_flags(request)  # nobody sees the flag before the commit, which follows the table
    merged = _merged(current, request)
    _authorise_update(context, merged)
    _check_metadata(context, merged)
    groups = None if request.themes is None else themes.check(request.themes)
    name = request.resources[request.table.resource]["name"]
    table_fields = next(r for r in merged["resources"] if r.get("name") == name)
    table_fields["id"] = str(uuid.uuid4())  # a new resource: its table cannot exist yet
    files = StagedFiles(_max_bytes())
    deferred = dict(context, defer_commit=True)
    table_made = False
    try:
        _stage_files(files, merged, request)
        if groups is not None:
            themes.save(context, current["id"], groups)
        _save_spec(request, current["id"])
        # return_id_only: CKAN 2.12's package_update rolls back its own savepoint when the
        # commit is deferred, unless it returns at once with the id (as package_create here).
        toolkit.get_action("package_update")(logic.fresh_context(deferred, return_id_only=True), merged)
        table_made = True  # from here a failure drops the table, if made
        _create_table(logic.fresh_context(deferred), request.table, table_fields["id"])
        rows = table_load.load(table_fields["id"], request.table.columns, request.table.primary_key,
                               request.table.rows, fresh=True)
        # package_update does not index a deferred update: as it would, before the commit.
        both = logic.package_show_default_and_custom_schemas(logic.fresh_context(deferred), current["id"])
        _table_views(logic.fresh_context(deferred), both[1], table_fields["id"])
        publish_views.save(logic.fresh_context(deferred), table_fields["id"], request.views)
        logic.index_update_package_dicts(both)
        model.repo.commit()
    except BaseException:
        model.Session.rollback()
        files.discard()
        if table_made:
            table_load.drop_table(table_fields["id"])
        raise
    # The metadata is committed; the files of resources that were there are replaced now, as
    # in an ordinary update (a new resource's file too: one move for all).
    files.put_in_place()
    return _answer(both[1], request, created=False, rows=rows)
