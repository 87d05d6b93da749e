"""Load a cleaned table into the CKAN DataStore, typed from the spec's Table Schema."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from ckanapi import NotFound, RemoteCKAN

from sonla_publisher.reading.cells import format_decimal
from sonla_publisher.reading.table import SourceTable
from sonla_publisher.specs.spec import Spec

BATCH_SIZE = 5000
KEY_PAGE_SIZE = 10000  # under the DataStore's default rows_max (32,000)
DELETE_BATCH = 1000
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


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_SPECIAL = tuple(chr(code) for code in _COPY_ESCAPES)


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).translate(_COPY_ESCAPES)


def copy_text(records: list[dict[str, Any]], names: list[str]) -> bytes:
    """The records in PostgreSQL COPY text format (tab-separated, ``\\N`` for empty), in the
    order of ``names``: what the portal's ``sonla_dataset_publish`` loads with COPY."""
    lines = ["\t".join(_copy_value(record.get(name)) for name in names) for record in records]
    return ("".join(line + "\n" for line in lines)).encode("utf-8")


# Cleaned numbers are usually already what record_value would give: those are passed as they
# are (record_value costs a Decimal round trip per cell); anything else takes the full path.
_PLAIN = {
    "int8": re.compile(r"-?[1-9]\d{0,17}|0"),
    "numeric": re.compile(r"-?(?:[1-9]\d*|0)(?:\.\d*[1-9])?"),
}


def _copy_column(field_type: str | None, column: tuple[str, ...]) -> list[str]:
    """One column of cleaned cells as COPY text values.

    Column by column, because it is cheaper: text needs escaping only when the column holds
    one of the four special characters at all, and other types are converted once per
    distinct value (counts, dates and codes repeat a lot), then looked up in C.
    """
    kind = datastore_type(field_type)
    if kind == "text":
        joined = "".join(column)
        if any(special in joined for special in _COPY_SPECIAL):
            return [cell.translate(_COPY_ESCAPES) if cell else "\\N" for cell in column]
        return [cell or "\\N" for cell in column]
    plain = _PLAIN.get(kind)
    matches = plain.fullmatch if plain is not None else None
    converted = {
        cell: cell
        if matches is not None and matches(cell)
        else _copy_value(record_value(cell, field_type))
        for cell in set(column)
    }
    return list(map(converted.__getitem__, column))


def table_copy_text(table: SourceTable, spec: Spec) -> bytes:
    """:func:`copy_text` of :func:`datastore_records`, without building the records."""
    if not table.rows:
        return b""
    columns = zip(*(row.values for row in table.rows), strict=True)
    converted = [
        _copy_column(field.get("type"), column)
        for field, column in zip(spec.fields, columns, strict=True)
    ]
    return ("\n".join(map("\t".join, zip(*converted, strict=True))) + "\n").encode("utf-8")


def batches(
    records: list[dict[str, Any]], size: int = BATCH_SIZE
) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def load_datastore(
    ckan: RemoteCKAN,
    resource_id: str,
    spec: Spec,
    records: list[dict[str, Any]],
    *,
    table_exists: bool = True,
) -> None:
    """Create (or redefine) the resource's table, then write the records in batches.

    A new table gets its first batch in ``datastore_create`` itself (one request less). An
    existing table with a primary key is upserted, and rows whose key is no longer in the
    data are deleted last, so the table is never emptied on the way. Without a primary key
    there is no way to match rows, and a column whose type the spec changed cannot keep its
    values (``datastore_create`` keeps a column's old type): the table is dropped and loaded
    again.
    """
    key = spec.primary_key
    fields = datastore_fields(spec)
    if table_exists and (not key or _retyped(ckan, resource_id, fields)):
        with contextlib.suppress(NotFound):  # NotFound: no table after all
            ckan.action.datastore_delete(resource_id=resource_id, force=True)
        table_exists = False
    pending = batches(records)
    definition: dict[str, Any] = {
        "resource_id": resource_id,
        "force": True,
        "fields": fields,
        "records": [] if table_exists else next(pending, []),
    }
    if key:
        definition["primary_key"] = key
    ckan.action.datastore_create(**definition)
    method = "upsert" if key and table_exists else "insert"
    for batch in pending:
        ckan.action.datastore_upsert(
            resource_id=resource_id, force=True, method=method, records=batch
        )
    if key and table_exists:
        delete_stale_rows(ckan, resource_id, spec, records)


def _retyped(ckan: RemoteCKAN, resource_id: str, fields: list[dict[str, Any]]) -> bool:
    """Whether a column of the existing table has another type than ``fields`` (the spec's
    :func:`datastore_fields`) now gives it."""
    try:
        info = ckan.action.datastore_info(id=resource_id)
    except NotFound:  # no table after all
        return False
    current = {field["id"]: field.get("type") for field in info.get("fields", [])}
    return any(field["id"] in current and current[field["id"]] != field["type"] for field in fields)


def key_of(record: dict[str, Any], spec: Spec) -> tuple[str, ...]:
    """A record's primary key as comparable text: the DataStore gives numbers and dates back
    in its own spelling (``12.50``, ``2026-01-01T00:00:00``), the records hold ours."""
    types = {field["name"]: datastore_type(field.get("type")) for field in spec.fields}
    parts = []
    for name in spec.primary_key:
        value = record.get(name)
        kind = types.get(name)
        if value is None:
            parts.append("")
        elif kind in ("int8", "numeric"):
            try:
                parts.append(format_decimal(Decimal(str(value))))
            except InvalidOperation:
                parts.append(str(value))
        elif kind == "date":
            parts.append(str(value)[:10])
        else:
            parts.append(str(value))
    return tuple(parts)


def portal_keys(ckan: RemoteCKAN, resource_id: str, spec: Spec) -> list[dict[str, Any]]:
    """The primary key of every row the DataStore holds, as the DataStore spells them."""
    rows: list[dict[str, Any]] = []
    while True:
        page = ckan.action.datastore_search(
            resource_id=resource_id,
            fields=spec.primary_key,
            sort="_id",
            limit=KEY_PAGE_SIZE,
            offset=len(rows),
            include_total=False,
        )
        records = page.get("records") or []
        rows.extend(records)
        if len(records) < KEY_PAGE_SIZE:
            return rows


def delete_stale_rows(
    ckan: RemoteCKAN, resource_id: str, spec: Spec, records: list[dict[str, Any]]
) -> int:
    """Delete the rows whose key is not in ``records`` (rows the agency removed); their count."""
    wanted = {key_of(record, spec) for record in records}
    stale = [row for row in portal_keys(ckan, resource_id, spec) if key_of(row, spec) not in wanted]
    key = spec.primary_key
    if len(key) == 1:
        values = [row[key[0]] for row in stale]
        for start in range(0, len(values), DELETE_BATCH):
            ckan.action.datastore_delete(
                resource_id=resource_id,
                force=True,
                filters={key[0]: values[start : start + DELETE_BATCH]},
            )
    else:
        for row in stale:  # a list per column would match across rows: one request each
            ckan.action.datastore_delete(
                resource_id=resource_id, force=True, filters={name: row[name] for name in key}
            )
    return len(stale)
