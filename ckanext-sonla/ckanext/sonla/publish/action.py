"""``sonla_dataset_publish``: create or update a dataset, its files and its DataStore table.

Why it exists: publishing one dataset through CKAN's standard actions takes six writes
(``package_create``, a ``resource_create`` per file, ``datastore_create`` — which patches the
resource again — and a final ``package_patch``), each validating and re-indexing the whole
dataset. This action does the same work with one dataset write, and loads the rows with COPY.

It is also safer to interrupt:

- a new dataset is written in one transaction with its resources, files and table: stopped at
  any point before the commit, there is no dataset at all (only an unreferenced table or file
  may remain, see the operators' guide), never a half-published one;
- an existing dataset gets its new rows first (in one DataStore transaction), then its
  metadata, files and ``source_hash`` in one ``package_update``: stopped in between, the
  portal shows the old metadata with the new rows, and the old hash makes ``sonla-publish``
  publish it again.

Permissions are CKAN's own: the actions called here check them for the caller.
Resources of the dataset that the request does not name are kept as they are; fields the
request does not give keep their values (the dataset is patched, not replaced).
"""
from __future__ import annotations

import uuid
from typing import Any

import ckan.lib.plugins as lib_plugins
import ckan.lib.uploader as uploader
import ckan.logic as logic
import ckan.model as model
import ckan.plugins.toolkit as toolkit

from . import NO_DEFAULT_VIEWS, table_load
from . import request as publish_request

_ = toolkit._


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


def index_early(context: dict[str, Any], pkg_dict: dict[str, Any]) -> None:
    """``after_dataset_create``: when :func:`_create` asks, index the dataset right away.

    CKAN's package_create indexes before it returns unless the commit is deferred, as here.
    Indexing at once, still uncommitted, lets what follows (the activity stream's and
    ``datastore_create``'s ``package_show``) read the dataset from the index, as after a
    plain package_create, instead of validating it again. The dicts are kept in the context.
    """
    if not context.get(_INDEX_EARLY) or "id" not in pkg_dict:
        return
    both = logic.package_show_default_and_custom_schemas(logic.fresh_context(context), pkg_dict["id"])
    logic.index_insert_package_dicts(both)
    context[_INDEX_EARLY] = both


def _create(context: dict[str, Any], request: publish_request.PublishRequest) -> dict[str, Any]:
    _table_flags(request)
    resources, uploads = [], []
    for fields in request.resources:
        fields = dict(fields, id=str(uuid.uuid4()))
        uploads.append(uploader.get_resource_uploader(fields))  # takes "upload", sets url, size
        resources.append(fields)
    deferred = dict(context, defer_commit=True)
    table_id = None
    try:
        # return_id_only: package_create does not show the dataset; index_early does, once.
        create_context = dict(deferred, return_id_only=True, **{_INDEX_EARLY: True})
        toolkit.get_action("package_create")(create_context, dict(request.package, resources=resources))
        both = create_context[_INDEX_EARLY]  # the (default, custom) dicts index_early stored
        for fields, upload in zip(resources, uploads, strict=True):
            upload.upload(fields["id"], uploader.get_max_resource_size())
        rows = None
        if request.table is not None:
            table_id = resources[request.table.resource]["id"]
            _create_table(logic.fresh_context(deferred), request.table, table_id)
            rows = table_load.load(table_id, request.table.columns, request.table.primary_key,
                                   request.table.rows, fresh=True)
            _table_views(logic.fresh_context(deferred), both[1], table_id)
        model.repo.commit()
    except BaseException:
        model.Session.rollback()
        if table_id is not None:
            table_load.drop_table(table_id)
        raise
    return _answer(both[1], request, created=True, rows=rows)


def _merged(current: dict[str, Any], request: publish_request.PublishRequest) -> dict[str, Any]:
    """``current`` patched with the request: its fields win, other fields and resources stay."""
    ours = {r["name"]: r for r in request.resources}
    resources = []
    for resource in current.get("resources", []):
        fields = ours.pop(resource.get("name"), None)
        resources.append(resource if fields is None else {**resource, **fields, "id": resource["id"]})
    resources.extend(ours.values())
    return {**current, **request.package, "resources": resources}


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
    _check_metadata(context, merged)
    rows = None
    if existing is not None:
        rows = _load_existing(context, request.table, existing["id"])
    updated = toolkit.get_action("package_update")(logic.fresh_context(context), merged)
    if existing is not None:
        _table_views(logic.fresh_context(context), updated, existing["id"])
    return _answer(updated, request, created=False, rows=rows)


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


def _load_existing(context: dict[str, Any], table: publish_request.TableRequest, resource_id: str) -> int:
    current = table_load.column_types(resource_id)
    retype = {} if current is None else table_load.changed_types(current, table.fields)
    _create_table(logic.fresh_context(context), table, resource_id)
    return table_load.load(resource_id, table.columns, table.primary_key, table.rows, fresh=current is None,
                           retype=retype)


def _update_with_new_table(context: dict[str, Any], request: publish_request.PublishRequest,
                           current: dict[str, Any]) -> dict[str, Any]:
    """The dataset exists but not the table's resource (e.g. it was deleted by hand).

    Two dataset writes: the resource must exist before its table. The new ``source_hash`` is
    written last, so an interruption in between is published again next time.
    """
    assert request.table is not None
    new_hash = request.package.get("source_hash")
    first = dict(request.package, source_hash="")
    # No datastore_active flag before the table exists: datastore_create sets it (one more write).
    patched = _merged(current, publish_request.PublishRequest(first, request.resources))
    updated = toolkit.get_action("package_update")(logic.fresh_context(context), patched)
    name = request.resources[request.table.resource]["name"]
    resource_id = next(r["id"] for r in updated["resources"] if r.get("name") == name)
    rows = _load_existing(context, request.table, resource_id)
    final = toolkit.get_action("package_patch")(logic.fresh_context(context),
                                                {"id": updated["id"], "source_hash": new_hash})
    _table_views(logic.fresh_context(context), final, resource_id)
    return _answer(final, request, created=False, rows=rows)
