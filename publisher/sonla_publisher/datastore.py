"""Load a cleaned table into the CKAN DataStore, typed from the spec's Table Schema."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from ckanapi import NotFound, RemoteCKAN

from sonla_publisher.cells import format_decimal
from sonla_publisher.reading import SourceTable
from sonla_publisher.specs import Spec

BATCH_SIZE = 5000
# Table Schema type -> DataStore (PostgreSQL) type. Integers are int8, not int4: amounts in
# Vietnamese đồng easily pass int4's 2,147,483,647.
DATASTORE_TYPES = {
    "string": "text",
    "integer": "int8",
    "number": "numeric",
    "date": "date",
    "boolean": "bool",
}
_TRUE = frozenset({"true", "1", "yes", "có"})
_FALSE = frozenset({"false", "0", "no", "không"})


def datastore_type(field_type: str | None) -> str:
    return DATASTORE_TYPES.get(field_type or "string", "text")


def datastore_fields(spec: Spec) -> list[dict[str, Any]]:
    """DataStore column definitions, with the field titles as data dictionary labels."""
    fields = []
    for field in spec.fields:
        info = {"label": field.get("title") or field["name"]}
        if field.get("description"):
            info["notes"] = field["description"]
        fields.append(
            {"id": field["name"], "type": datastore_type(field.get("type")), "info": info}
        )
    return fields


def record_value(text: str, field_type: str | None) -> Any:
    """A cleaned cell as a JSON value for the DataStore; None when empty or not of the type.

    Values that do not fit the type only reach here when publishing with --allow-invalid;
    they are stored as empty rather than failing the whole load.
    """
    if text == "":
        return None
    kind = datastore_type(field_type)
    try:
        if kind == "int8":
            return int(text)
        if kind == "numeric":
            return format_decimal(Decimal(text))  # as text: JSON floats would lose precision
        if kind == "date":
            return dt.date.fromisoformat(text).isoformat()
    except (ValueError, InvalidOperation):
        return None
    if kind == "bool":
        lowered = text.casefold()
        return True if lowered in _TRUE else False if lowered in _FALSE else None
    return text


def datastore_records(table: SourceTable, spec: Spec) -> list[dict[str, Any]]:
    types = [field.get("type") for field in spec.fields]
    return [
        {
            name: record_value(value, field_type)
            for name, value, field_type in zip(table.field_names, row.values, types, strict=True)
        }
        for row in table.rows
    ]


def batches(
    records: list[dict[str, Any]], size: int = BATCH_SIZE
) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def load_datastore(
    ckan: RemoteCKAN, resource_id: str, spec: Spec, records: list[dict[str, Any]]
) -> None:
    """Create (or redefine) the resource's table, then write the records in batches.

    With a primary key, rows are upserted. Without one there is no way to match rows, so the
    table is dropped and loaded again.
    """
    key = spec.primary_key
    if not key:
        with contextlib.suppress(NotFound):  # NotFound: no table yet
            ckan.action.datastore_delete(resource_id=resource_id, force=True)
    definition: dict[str, Any] = {
        "resource_id": resource_id,
        "force": True,
        "fields": datastore_fields(spec),
        "records": [],
    }
    if key:
        definition["primary_key"] = key
    ckan.action.datastore_create(**definition)
    method = "upsert" if key else "insert"
    for batch in batches(records):
        ckan.action.datastore_upsert(
            resource_id=resource_id, force=True, method=method, records=batch
        )
