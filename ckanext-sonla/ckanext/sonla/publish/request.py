"""Read and check a ``sonla_dataset_publish`` request (see :mod:`.action` for its shape).

Over HTTP the request is multipart: ``package``, ``resources`` and ``datastore`` arrive as JSON
text, the files as uploads named by each resource's ``file`` key, the DataStore rows as the
``rows`` upload. Called from Python, the JSON parts may be given as objects.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import IO, Any

import ckan.plugins.toolkit as toolkit
from werkzeug.datastructures import FileStorage

from ..agency_publish import spec_store
from . import data_views as publish_views
from . import themes as publish_themes

_ = toolkit._


@dataclass
class TableRequest:
    """The DataStore table of one resource, and its rows in PostgreSQL COPY text format."""

    resource: int  # index into ``resources``
    fields: list[dict[str, Any]]
    primary_key: list[str]
    rows: IO[bytes]

    @property
    def columns(self) -> list[str]:
        return [f["id"] for f in self.fields]


@dataclass
class PublishRequest:
    package: dict[str, Any]
    # Resource fields, each with its upload under "upload" (a FileStorage), in dataset order.
    resources: list[dict[str, Any]]
    table: TableRequest | None = None
    # The themes (CKAN groups) named by ``package["groups"]``, taken out of ``package``: the
    # action sets them itself (:mod:`.themes`). None: the dataset keeps its themes.
    themes: list[str] | None = None
    # The dataset's spec and code lists, kept by the portal for the agency page (optional).
    spec: spec_store.StoredSpec | None = None
    # The table's chart and map views (:mod:`.data_views`); None: the views stay as they are.
    views: list[publish_views.RequestedView] | None = None

    @property
    def name(self) -> str:
        return str(self.package["name"])


def _json_part(data_dict: dict[str, Any], key: str, kind: type, required: bool) -> Any:
    value = data_dict.get(key)
    if value is None or value == "":
        if required:
            raise toolkit.ValidationError({key: [_("Missing value")]})
        return None
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise toolkit.ValidationError({key: [_("Not valid JSON: {error}").format(error=error)]}) from error
    if not isinstance(value, kind):
        message = _("Must be a JSON object") if kind is dict else _("Must be a JSON array")
        raise toolkit.ValidationError({key: [message]})
    return value


def _upload(data_dict: dict[str, Any], part: Any, where: str, sizes: dict[str, Any]) -> FileStorage:
    upload = data_dict.get(part) if isinstance(part, str) else None
    if not isinstance(upload, FileStorage):
        raise toolkit.ValidationError({where: [_("No uploaded file named \"{part}\"").format(part=part)]})
    expected = sizes.get(part)
    if isinstance(expected, int):
        _check_size(upload, expected, where)
    return upload


def _check_size(upload: FileStorage, expected: int, where: str) -> None:
    """Compare an upload with the size the client sent, and undo a known parser fault.

    Werkzeug's multipart parser (3.1.5 to 3.1.9 at least, pallets/werkzeug#3285) sometimes
    appends one stray CR to a part when the request body arrives split just before the
    closing boundary. The plugin installs a work-around (:mod:`ckanext.sonla.patches.werkzeug_multipart`);
    this check stays as a second line: one extra trailing CR is cut off, any other difference
    is an error.
    """
    size = size_of(upload)
    if size == expected:
        return
    stream = upload.stream
    if size == expected + 1:
        stream.seek(expected)
        if stream.read(1) == b"\r":
            stream.seek(0)
            stream.truncate(expected)
            return
    stream.seek(0)
    raise toolkit.ValidationError({where: [_("The upload arrived damaged ({size} bytes instead of {expected}); "
                                             "send it again").format(size=size, expected=expected)]})


def size_of(upload: FileStorage) -> int:
    stream = upload.stream
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def parse(data_dict: dict[str, Any], max_bytes: int) -> PublishRequest:
    """The request, or a ValidationError naming the part that is wrong."""
    package = _json_part(data_dict, "package", dict, required=True)
    if not isinstance(package.get("name"), str) or not package["name"]:
        raise toolkit.ValidationError({"package": [_("The dataset needs a name")]})
    if "resources" in package or "id" in package:
        raise toolkit.ValidationError({"package": [_("Give resources in \"resources\", not in \"package\"; "
                                                     "the dataset is found by its name")]})
    themes = publish_themes.take(package)
    sizes = _json_part(data_dict, "sizes", dict, required=False) or {}
    resources = []
    for index, fields in enumerate(_json_part(data_dict, "resources", list, required=True)):
        where = f"resources__{index}"
        if not isinstance(fields, dict) or not fields.get("name"):
            raise toolkit.ValidationError({where: [_("Each resource needs a name")]})
        fields = dict(fields)
        fields["upload"] = _upload(data_dict, fields.pop("file", None), where, sizes)
        resources.append(fields)
    names = [r["name"] for r in resources]
    if len(set(names)) != len(names):
        raise toolkit.ValidationError({"resources": [_("Resource names must differ")]})

    table_part = _json_part(data_dict, "datastore", dict, required=False)
    table = None
    if table_part is not None:
        table = _table(data_dict, table_part, len(resources), max_bytes, sizes)
    spec = spec_store.parse_part(data_dict.get("spec"), package["name"])
    views = publish_views.parse(_json_part(data_dict, "views", list, required=False),
                                None if table is None else table.resource,
                                [] if table is None else table.columns)
    return PublishRequest(package=package, resources=resources, table=table, themes=themes, spec=spec,
                          views=views)


def _table(data_dict: dict[str, Any], part: dict[str, Any], resource_count: int, max_bytes: int,
           sizes: dict[str, Any]) -> TableRequest:
    index = part.get("resource")
    if not isinstance(index, int) or not 0 <= index < resource_count:
        raise toolkit.ValidationError({"datastore": [_("\"resource\" must be the index of one of the resources")]})
    fields = part.get("fields")
    if (not isinstance(fields, list) or not fields
            or not all(isinstance(f, dict) and isinstance(f.get("id"), str) and f["id"] for f in fields)):
        raise toolkit.ValidationError({"datastore": [_("\"fields\" must list the table's columns")]})
    key = part.get("primary_key") or []
    columns = {f["id"] for f in fields}
    if not isinstance(key, list) or not all(isinstance(k, str) and k in columns for k in key):
        raise toolkit.ValidationError({"datastore": [_("\"primary_key\" must name columns of the table")]})
    rows = _upload(data_dict, "rows", "rows", sizes)
    if size_of(rows) > max_bytes:
        raise toolkit.ValidationError({"rows": [_("The rows are larger than the portal accepts "
                                                  "({mb} MB)").format(mb=max_bytes // (1024 * 1024))]})
    return TableRequest(resource=index, fields=fields, primary_key=key, rows=rows.stream)
