"""The two view plugins. Each reads its rows on the server (bounded) and hands them to the page
as JSON; the drawing is in ``assets/data_views/`` (Chart.js, Leaflet: ``make vendor-js``)."""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit

from . import config as view_config
from . import rows as view_rows

_ = toolkit._


def _locale() -> str:
    # Intl locale for the numbers: 29.356 and 38,89 in Vietnamese, 29,356 and 38.89 in English.
    return "vi-VN" if toolkit.h.lang() == "vi" else "en-US"


def _can_view(data_dict: dict[str, Any]) -> bool:
    return bool(data_dict["resource"].get("datastore_active"))


class SonlaChartView(plugins.SingletonPlugin):
    plugins.implements(plugins.IResourceView, inherit=True)

    def info(self) -> dict[str, Any]:
        return {"name": view_config.CHART, "title": _("Chart"), "icon": "chart-column",
                "default_title": _("Chart"), "requires_datastore": True, "iframed": True,
                "schema": view_config.schema(view_config.CHART)}

    def can_view(self, data_dict: dict[str, Any]) -> bool:
        return _can_view(data_dict)

    def view_template(self, context: Any, data_dict: dict[str, Any]) -> str:
        return "sonla/data_views/chart.html"

    def setup_template_variables(self, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
        view = data_dict["resource_view"]
        x, y = view["x"], view["y"]
        limit = toolkit.config.get("ckanext.sonla.chart.max_rows")
        found = view_rows.read(context, data_dict["resource"]["id"], [x, y], limit)
        labels, values, skipped = [], [], 0
        for record in found.records:
            value = view_rows.number(record.get(y))
            if value is None:
                skipped += 1  # said on the page: no row is left out silently
                continue
            labels.append(view_rows.cell_text(record.get(x)))
            values.append(value)
        chart = {"chart_type": view.get("chart_type") or "bar", "locale": _locale(),
                 "x_label": found.labels.get(x, x), "y_label": found.labels.get(y, y),
                 "labels": labels, "values": values}
        return {"chart": chart, "rows": found, "skipped": skipped}


class SonlaMapView(plugins.SingletonPlugin):
    plugins.implements(plugins.IResourceView, inherit=True)

    def info(self) -> dict[str, Any]:
        return {"name": view_config.MAP, "title": _("Map"), "icon": "map-location-dot",
                "default_title": _("Map"), "requires_datastore": True, "iframed": True,
                "schema": view_config.schema(view_config.MAP)}

    def can_view(self, data_dict: dict[str, Any]) -> bool:
        return _can_view(data_dict)

    def view_template(self, context: Any, data_dict: dict[str, Any]) -> str:
        return "sonla/data_views/map.html"

    def setup_template_variables(self, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
        view = data_dict["resource_view"]
        latitude, longitude = view["latitude"], view["longitude"]
        popup = [c for c in view.get("popup") or [] if c not in (latitude, longitude)]
        limit = toolkit.config.get("ckanext.sonla.map.max_rows")
        found = view_rows.read(context, data_dict["resource"]["id"], [latitude, longitude, *popup], limit)
        points, skipped = [], 0
        for record in found.records:
            lat, lon = view_rows.number(record.get(latitude)), view_rows.number(record.get(longitude))
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                skipped += 1  # said on the page
                continue
            cells = [[found.labels.get(c, c), _cell(record.get(c))] for c in popup]
            points.append({"lat": lat, "lon": lon, "cells": cells})
        map_data = {"locale": _locale(), "points": points,
                    "tile_url": toolkit.config.get("ckanext.sonla.map.tile_url") or "",
                    "attribution": toolkit.config.get("ckanext.sonla.map.tile_attribution") or ""}
        return {"map": map_data, "rows": found, "skipped": skipped}


def _cell(value: Any) -> Any:
    # Numbers stay numbers, for the page to format in the reader's language.
    number = view_rows.number(value) if not isinstance(value, str) else None
    return number if number is not None else view_rows.cell_text(value)
