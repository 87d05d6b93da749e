"""The rows a chart or map draws: a bounded ``datastore_search`` on the portal's own DataStore."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import ckan.plugins.toolkit as toolkit

_ = toolkit._


@dataclass
class Rows:
    """Up to ``limit`` rows of some columns; ``total`` is the table's row count."""

    records: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # column -> its data dictionary label
    error: str | None = None  # why nothing could be read, for the page

    @property
    def truncated(self) -> bool:
        return self.total > len(self.records)


def read(context: dict[str, Any], resource_id: str, columns: list[str], limit: int) -> Rows:
    """The first ``limit`` rows (table order) of ``columns``; a Vietnamese error if a column is gone."""
    try:
        answer = toolkit.get_action("datastore_search")(
            {"user": context.get("user")},
            {"resource_id": resource_id, "fields": columns, "limit": limit, "sort": "_id",
             "include_total": True},
        )
    except toolkit.ObjectNotFound:
        return Rows(error=_("The table of this resource is not in the DataStore."))
    except toolkit.ValidationError:
        return Rows(error=_("The view names columns that the table no longer has ({columns}): "
                            "publish the dataset again with a corrected spec.").format(columns=", ".join(columns)))
    labels = {f["id"]: (f.get("info") or {}).get("label") or f["id"] for f in answer.get("fields", [])}
    return Rows(records=answer.get("records", []), total=int(answer.get("total") or 0), labels=labels)


def number(value: Any) -> float | None:
    """A cell as a finite number for drawing, else None (text, empty, NaN)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        result = float(value)
    else:
        try:
            result = float(str(value).strip())
        except ValueError:
            return None
    return result if math.isfinite(result) else None


def cell_text(value: Any) -> str:
    """A cell as the text a popup or label shows (escaped by the page, never as HTML)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
