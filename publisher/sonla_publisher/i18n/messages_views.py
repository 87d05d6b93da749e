"""Messages of the chart and map hints (``chart:`` / ``map:`` in a spec): English source text by id.

Merged into messages.MESSAGES; translated in translations/ (see docs/translations.md).
"""

from __future__ import annotations

VIEW_MESSAGES: dict[str, str] = {
    "spec.view_not_mapping": (
        "«{key}» must be a block of keys (see docs/spec-format.md, «Charts and maps»)."
    ),
    "spec.view_unknown_key": "{key} is not a key of «{block}» (known keys: {known}).",
    "spec.view_missing_key": "{key} is missing: it names the column to draw.",
    "spec.view_unknown_field": (
        "{key}: «{field}» is not a column of schema.fields (columns: {known})."
    ),
    "spec.view_not_numeric": (
        "{key}: column «{field}» is of type «{type}»; it must be «number» or «integer»."
    ),
    "spec.view_bad_chart_type": "chart.type «{value}» is not known; use «bar» or «line».",
    "spec.view_bad_popup": "map.popup must be a list of column names.",
    "spec.view_bad_title": "{key} must be a text.",
}
