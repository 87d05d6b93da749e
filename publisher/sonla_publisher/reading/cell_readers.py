"""Table Schema cell readers for the field types and constraints the catalogue uses.

They give exactly Frictionless' result (value and notes, in its order and words) for the
text cells the cleaner hands over, so that ``validate`` need not import Frictionless: its
import alone costs about 27 MB of memory, a sixth of what validating a 100,000-row workbook
takes (issue 15's benchmark). A schema is *simple* when every field is one of these; any other
type, format or constraint goes to Frictionless' own readers, imported then.
tests/publisher/test_cell_readers.py compares both on many values.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

CellReader = Callable[[str], tuple[Any, dict[str, str] | None]]

# Per type, the constraints read here, in the order Frictionless checks them (its notes keep it).
SIMPLE_CONSTRAINTS: dict[str, tuple[str, ...]] = {
    "string": ("required", "minLength", "maxLength", "pattern", "enum"),
    "integer": ("required", "minimum", "maximum"),
    "number": ("required", "minimum", "maximum"),
    "date": ("required",),
}
_FIELD_KEYS = frozenset({"name", "title", "type", "format", "constraints", "description"})
_SCHEMA_KEYS = frozenset({"fields", "primaryKey"})
_DATE_PATTERN = "%Y-%m-%d"  # Frictionless' default date format


def simple_schema(descriptor: Any) -> bool:
    """Whether every part of this schema descriptor is read here, and Frictionless would find
    nothing wrong with it (a narrow shape: anything else is left to Frictionless)."""
    if not isinstance(descriptor, dict) or not set(descriptor) <= _SCHEMA_KEYS:
        return False
    fields = descriptor.get("fields")
    if not isinstance(fields, list) or not fields:
        return False
    if not all(isinstance(field, dict) and simple_field(field) for field in fields):
        return False
    names = [field["name"] for field in fields]
    if len(set(names)) != len(names):
        return False
    key = descriptor.get("primaryKey", [])
    keys = [key] if isinstance(key, str) else key
    return isinstance(keys, list) and all(isinstance(name, str) and name in names for name in keys)


def simple_field(field: dict[str, Any]) -> bool:
    """A field of a known type, default format and only constraints read here."""
    if not set(field) <= _FIELD_KEYS | {key for key in field if key.startswith("x-sonla-")}:
        return False
    name, field_type = field.get("name"), field.get("type")
    if not isinstance(name, str) or not name or field_type not in SIMPLE_CONSTRAINTS:
        return False
    if any(not isinstance(field.get(key, ""), str) for key in ("title", "description")):
        return False
    if field.get("format", "default") != "default":
        return False
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return False
    if not set(constraints) <= set(SIMPLE_CONSTRAINTS[field_type]):
        return False
    return all(_simple_constraint(field_type, key, value) for key, value in constraints.items())


def _simple_constraint(field_type: str, name: str, value: Any) -> bool:
    if name == "required":
        return isinstance(value, bool)
    if name in ("minLength", "maxLength"):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if name == "pattern":
        if not isinstance(value, str):
            return False
        try:
            re.compile(f"^{value}$")
        except re.error:
            return False
        return True
    if name == "enum":
        return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
    # minimum, maximum: a number as YAML writes it (an integer field's bound is an integer)
    kinds = (int,) if field_type == "integer" else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool)


def cell_reader(field_type: str, constraints: dict[str, Any]) -> CellReader:
    """The reader of a simple field (see :func:`simple_field`): ``(value, notes)`` per cell."""
    read_value = _VALUE_READERS[field_type]
    type_notes = {"type": f'type is "{field_type}/default"'}
    checks: list[tuple[str, Callable[[Any], bool], str]] = []
    for name in SIMPLE_CONSTRAINTS[field_type]:
        limit = constraints.get(name)
        if limit is None:
            continue
        checks.append((name, _check(name, limit, read_value), f'constraint "{name}" is "{limit}"'))

    def read(value: str) -> tuple[Any, dict[str, str] | None]:
        if value == "":  # the only missing value of a simple schema
            cell = None
        else:
            cell = read_value(value)
            if cell is None:
                return None, dict(type_notes)
        notes: dict[str, str] | None = None
        for name, check, note in checks:
            if not check(cell):
                if notes is None:
                    notes = {}
                notes[name] = note
        return cell, notes

    return read


def _check(name: str, limit: Any, read_value: Callable[[Any], Any]) -> Callable[[Any], bool]:
    if name == "required":
        return (lambda cell: cell is not None) if limit else (lambda cell: True)
    if name == "minLength":
        return lambda cell: cell is None or len(cell) >= limit
    if name == "maxLength":
        return lambda cell: cell is None or len(cell) <= limit
    if name == "pattern":
        match = re.compile(f"^{limit}$").match
        return lambda cell: cell is None or match(cell) is not None
    if name == "enum":
        allowed = list(map(read_value, limit))
        return lambda cell: cell is None or cell in allowed
    bound = read_value(limit)  # a bound is read as the field's values are
    compare = operator.ge if name == "minimum" else operator.le

    def within(cell: Any) -> bool:
        if cell is None:
            return True
        if cell != cell:  # NaN is not equal to itself and passes no bound, as in Frictionless
            return False
        return bool(compare(cell, bound))

    return within


def _read_string(cell: Any) -> str | None:
    return cell if isinstance(cell, str) else None


def _read_integer(cell: Any) -> int | None:
    if isinstance(cell, str):
        try:
            return int(cell.strip())
        except Exception:
            return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return None


def _read_number(cell: Any) -> Decimal | int | None:
    if isinstance(cell, str):
        try:
            number = Decimal(cell.strip())
        except Exception:
            return None
        # A signalling NaN cannot even be compared with a bound (Frictionless raises there):
        # it is not a number a table can hold.
        return None if number.is_snan() else number
    if isinstance(cell, Decimal):
        return cell
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return Decimal(str(cell))
    return None


def _read_date(cell: Any) -> date | None:
    if not isinstance(cell, str):
        return None
    try:
        return datetime.strptime(cell, _DATE_PATTERN).date()
    except Exception:
        return None


_VALUE_READERS: dict[str, Callable[[Any], Any]] = {
    "string": _read_string,
    "integer": _read_integer,
    "number": _read_number,
    "date": _read_date,
}
