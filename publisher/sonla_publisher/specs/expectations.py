"""Say in words what a schema field expects: "số nguyên; nhỏ nhất 0; bắt buộc"."""

from __future__ import annotations

from typing import Any

from sonla_publisher.i18n.messages import Lang, render
from sonla_publisher.reading.percent_cells import is_percent_field
from sonla_publisher.specs.pattern_words import pattern_words

_TYPES = ("string", "integer", "number", "date", "datetime", "year", "boolean", "time")
_LIMITS = ("minimum", "maximum", "minLength", "maxLength", "pattern", "enum")
CODELIST_KEY = "x-sonla-codelist"


def describe_field(field: dict[str, Any], lang: Lang) -> str:
    """The field's type and constraints as one short sentence in ``lang``."""
    field_type = str(field.get("type") or "string")
    parts = [render(f"type.{field_type if field_type in _TYPES else 'other'}", lang)]
    if is_percent_field(field):
        parts.append(render("expect.percent", lang))
    if field.get(CODELIST_KEY) == "communes":
        parts.append(render("expect.communes", lang))
    constraints = field.get("constraints") or {}
    for name in _LIMITS:
        if name in constraints:
            limit = constraints[name]
            if isinstance(limit, list):
                limit = ", ".join(map(str, limit[:12])) + (" …" if len(limit) > 12 else "")
            elif name == "pattern":  # in words, never the regular expression
                limit = pattern_words(limit, field.get("example"))
            parts.append(render(f"expect.{name}", lang, {"limit": limit}))
    if constraints.get("unique"):
        parts.append(render("expect.unique", lang))
    if constraints.get("required"):
        parts.append(render("expect.required", lang))
    return "; ".join(parts)
