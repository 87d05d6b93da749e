"""What a chart or map view stores (its ``config``), checked the same way wherever it comes from:
the publish request (:mod:`ckanext.sonla.publish.data_views`) and CKAN's view actions (the schema)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit

_ = toolkit._

CHART = "sonla_chart"
MAP = "sonla_map"
VIEW_TYPES = (CHART, MAP)
CHART_TYPES = ("bar", "line")
# Columns a map popup may list: a bound on the page's size.
MAX_POPUP_COLUMNS = 12


def _column(value: Any, context: Any) -> Any:
    if not isinstance(value, str) or not value or len(value) > 63:
        raise toolkit.Invalid(_("Must be the name of a column of the table"))
    return value


def _chart_type(value: Any, context: Any) -> Any:
    if value in (None, ""):
        return "bar"
    if value not in CHART_TYPES:
        raise toolkit.Invalid(_("Must be one of: {choices}").format(choices=", ".join(CHART_TYPES)))
    return value


def _columns(value: Any, context: Any) -> Any:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if (not isinstance(value, list) or len(value) > MAX_POPUP_COLUMNS
            or not all(isinstance(c, str) and c for c in value)):
        raise toolkit.Invalid(_("Must be a list of at most {count} column names").format(count=MAX_POPUP_COLUMNS))
    return value


# Each view type's config keys and the check of each (a value in, the value kept out, or Invalid).
CHECKS: dict[str, dict[str, Any]] = {
    CHART: {"chart_type": _chart_type, "x": _column, "y": _column},
    MAP: {"latitude": _column, "longitude": _column, "popup": _columns},
}
_REQUIRED = {"x", "y", "latitude", "longitude"}


def schema(view_type: str) -> dict[str, list[Any]]:
    """The view plugin's schema (CKAN's view actions), from the same checks."""
    not_empty = toolkit.get_validator("not_empty")
    return {key: ([not_empty, check] if key in _REQUIRED else [check]) for key, check in CHECKS[view_type].items()}


def columns_of(view: dict[str, Any]) -> list[str]:
    """Every column a view reads, in the order it shows them."""
    if view["view_type"] == CHART:
        return [view["x"], view["y"]]
    return [view["latitude"], view["longitude"], *view.get("popup", [])]
