"""The data dictionary's types in words ("Chữ", "Số nguyên"), not PostgreSQL's ("text", "int8")."""
from __future__ import annotations

import ckan.plugins.toolkit as toolkit

_TEXT = ("text", "varchar", "character varying", "char", "citext", "name")
_WHOLE = ("int", "int2", "int4", "int8", "integer", "bigint", "smallint", "serial", "bigserial")
_DECIMAL = ("numeric", "decimal", "float", "float4", "float8", "real", "double precision", "money")
_DATE = ("date",)
_MOMENT = ("timestamp", "timestamptz", "timestamp without time zone", "timestamp with time zone")
_TIME = ("time", "timetz")
_BOOLEAN = ("bool", "boolean")


def label(column_type: str) -> str:
    """The type of a DataStore column in the page's language; an unknown type as it is."""
    _ = toolkit._
    kind = (column_type or "").strip().lower()
    if kind.startswith("_"):  # a PostgreSQL array: "_text"
        return _("List of %(type)s") % {"type": label(kind[1:]).lower()}
    for names, text in ((_TEXT, _("Text")), (_WHOLE, _("Whole number")), (_DECIMAL, _("Decimal number")),
                        (_DATE, _("Date")), (_MOMENT, _("Date and time")), (_TIME, _("Time")),
                        (_BOOLEAN, _("Yes or no"))):
        if kind in names:
            return text
    return column_type
