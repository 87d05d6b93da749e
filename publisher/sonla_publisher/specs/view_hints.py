"""The chart and map hints of a spec (``chart:`` and ``map:``, docs/spec-format.md).

The publisher turns them into the portal's resource views (``sonla_chart``, ``sonla_map``),
sent with the dataset in the same ``sonla_dataset_publish`` request. Without a ``map:`` hint a
map is made when the schema has exactly one latitude and one longitude column (by name or
title: «vi_do»/«Vĩ độ», «lat»…); ``map: false`` turns that off. The hint wins over the names.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sonla_publisher.specs.spec import Spec, SpecProblem

CHART_KEYS = ("type", "x", "y", "title")
MAP_KEYS = ("latitude", "longitude", "popup", "title")
CHART_TYPES = ("bar", "line")
NUMERIC_TYPES = ("number", "integer")
# How many columns a popup shows by default (all but the coordinates, up to this many).
DEFAULT_POPUP_COLUMNS = 6
# Column names (or titles), accents folded, that mean latitude / longitude.
LATITUDE_NAMES = frozenset({"vi_do", "vido", "vi do", "lat", "latitude"})
LONGITUDE_NAMES = frozenset({"kinh_do", "kinhdo", "kinh do", "lon", "lng", "long", "longitude"})


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip().lower()


def _types(spec: Spec) -> dict[str, str]:
    return {
        str(f.get("name")): str(f.get("type") or "string") for f in spec.fields if f.get("name")
    }


def problems(spec: Spec) -> list[SpecProblem]:
    """What is wrong with the spec's ``chart:`` and ``map:`` blocks."""
    found: list[SpecProblem] = []
    types = _types(spec)
    if "chart" in spec.data:
        found.extend(_block_problems(spec.data["chart"], "chart", CHART_KEYS, types))
    if "map" in spec.data and spec.data["map"] is not False:
        found.extend(_block_problems(spec.data["map"], "map", MAP_KEYS, types))
    return found


def _block_problems(
    block: Any, name: str, keys: tuple[str, ...], types: dict[str, str]
) -> list[SpecProblem]:
    if not isinstance(block, dict):
        return [("spec.view_not_mapping", {"key": name})]
    found: list[SpecProblem] = []
    for key in block:
        if key not in keys:
            params = {"key": f"{name}.{key}", "block": name, "known": ", ".join(keys)}
            found.append(("spec.view_unknown_key", params))
    if "title" in block and not isinstance(block["title"], str):
        found.append(("spec.view_bad_title", {"key": f"{name}.title"}))
    if name == "chart":
        chart_type = block.get("type", "bar")
        if chart_type not in CHART_TYPES:
            found.append(("spec.view_bad_chart_type", {"value": chart_type}))
        found.extend(_column_problems(block, "chart", "x", types, numeric=False))
        found.extend(_column_problems(block, "chart", "y", types, numeric=True))
    else:
        found.extend(_column_problems(block, "map", "latitude", types, numeric=True))
        found.extend(_column_problems(block, "map", "longitude", types, numeric=True))
        popup = block.get("popup")
        if popup is not None:
            if not isinstance(popup, list) or not all(isinstance(c, str) for c in popup):
                found.append(("spec.view_bad_popup", {}))
            else:
                for column in popup:
                    if column not in types:
                        found.append(_unknown("map.popup", column, types))
    return found


def _unknown(key: str, field: Any, types: dict[str, str]) -> SpecProblem:
    return ("spec.view_unknown_field", {"key": key, "field": field, "known": ", ".join(types)})


def _column_problems(
    block: dict[str, Any], name: str, key: str, types: dict[str, str], numeric: bool
) -> list[SpecProblem]:
    where = f"{name}.{key}"
    if key not in block:
        return [("spec.view_missing_key", {"key": where})]
    field = block[key]
    if not isinstance(field, str) or field not in types:
        return [_unknown(where, field, types)]
    if numeric and types[field] not in NUMERIC_TYPES:
        return [("spec.view_not_numeric", {"key": where, "field": field, "type": types[field]})]
    return []


def views(spec: Spec) -> list[dict[str, Any]]:
    """The resource views to publish with the table; call only on a spec without problems."""
    found: list[dict[str, Any]] = []
    chart = spec.data.get("chart")
    if isinstance(chart, dict):
        view = {"view_type": "sonla_chart", "chart_type": chart.get("type", "bar"),
                "x": chart["x"], "y": chart["y"]}
        if chart.get("title"):
            view["title"] = chart["title"]
        found.append(view)
    map_view = _map_view(spec)
    if map_view is not None:
        found.append(map_view)
    return found


def _map_view(spec: Spec) -> dict[str, Any] | None:
    hint = spec.data.get("map")
    if hint is False:
        return None
    if isinstance(hint, dict):
        latitude, longitude = hint["latitude"], hint["longitude"]
        popup = hint.get("popup")
    else:
        detected = detect_coordinates(spec)
        if detected is None:
            return None
        latitude, longitude = detected
        popup = None
    if popup is None:
        others = [name for name in _types(spec) if name not in (latitude, longitude)]
        popup = others[:DEFAULT_POPUP_COLUMNS]
    view: dict[str, Any] = {"view_type": "sonla_map", "latitude": latitude,
                            "longitude": longitude, "popup": list(popup)}
    if isinstance(hint, dict) and hint.get("title"):
        view["title"] = hint["title"]
    return view


def detect_coordinates(spec: Spec) -> tuple[str, str] | None:
    """The (latitude, longitude) columns found by name or title: exactly one numeric each."""
    latitudes, longitudes = [], []
    for field in spec.fields:
        name = str(field.get("name") or "")
        if str(field.get("type")) not in NUMERIC_TYPES:
            continue
        words = {_fold(name), _fold(str(field.get("title") or ""))}
        if words & LATITUDE_NAMES:
            latitudes.append(name)
        elif words & LONGITUDE_NAMES:
            longitudes.append(name)
    if len(latitudes) == 1 and len(longitudes) == 1:
        return latitudes[0], longitudes[0]
    return None
