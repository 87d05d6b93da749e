"""The table preview's two requests, at the URLs of CKAN's ``datatables_view``: a page of rows
(``POST /datatables/ajax/<view id>``) and the download of what is shown
(``POST /datatables/filtered-download/<view id>``).

They do what CKAN's do, with the visitor's words searched as typed (:mod:`.search_query`) in the
DataStore's own language, cells shown in the page's language (:mod:`.cells`), and bounds: a
request whose numbers are not numbers, or that asks for more than the page sizes on offer, gets a
400 with a message instead of a 500.
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import config, datatables_view_filters
from flask import Blueprint, Response, request
from werkzeug.datastructures import MultiDict

from . import cells
from .search_query import prefix_query

table_preview = Blueprint("sonla_table_preview", __name__)

# CKAN's own bound for the view's counts.
_ESTIMATION_THRESHOLD = 100000


class BadRequest(Exception):
    pass


def _search_language() -> str:
    return config.get("ckan.datastore.default_fts_lang") or "english"


def _page_length_limit() -> int:
    choices = [int(c) for c in config.get("ckan.datatables.page_length_choices") or [] if str(c).isdigit()]
    return max(choices or [100])


def _number(form: MultiDict[str, str], key: str, low: int, high: int) -> int:
    try:
        value = int(form.get(key, ""))
    except ValueError as error:
        raise BadRequest(key) from error
    if not low <= value <= high:
        raise BadRequest(key)
    return value


_ORDER = re.compile(r"order\[(\d{1,3})\]\[column\]")
_COLUMN_SEARCH = re.compile(r"columns\[(\d{1,3})\]\[search\]\[value\]")


def _indexes(form: MultiDict[str, str], pattern: re.Pattern[str]) -> list[int]:
    """The indexes DataTables numbered its order or column entries with, in order."""
    return sorted(int(m.group(1)) for key in form if (m := pattern.fullmatch(key)))


def _view(resource_view_id: str) -> dict[str, Any]:
    return toolkit.get_action("resource_view_show")({}, {"id": resource_view_id})


def _columns(view: dict[str, Any], fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = view.get("show_fields")
    return [f for f in fields if not shown or f["id"] in shown]


def _sort(orders: list[tuple[str, str]], names: list[str]) -> str:
    sort = []
    for column, direction in orders:
        try:
            name = names[int(column)]
        except (ValueError, IndexError) as error:
            raise BadRequest("order") from error
        sort.append(f'{name} {"desc" if direction == "desc" else "asc"}')
    return ", ".join(sort)


def _query(text: str, column_searches: dict[str, str], names: list[str]) -> str | dict[str, str]:
    by_column = {name: prefix_query(value) for name, value in column_searches.items() if name in names}
    by_column = {name: query for name, query in by_column.items() if query}
    return by_column or prefix_query(text)


def _search(view: dict[str, Any], filters: dict[str, Any], query: str | dict[str, str], **more: Any) -> Any:
    data = {"resource_id": view["resource_id"], "filters": filters,
            "total_estimation_threshold": _ESTIMATION_THRESHOLD, **more}
    if query:
        data.update(q=query, plain=False, language=_search_language())
    return toolkit.get_action("datastore_search")({}, data)


def _error(message: str, status: int) -> Response:
    return Response(json.dumps({"error": message}), status=status, mimetype="application/json")


def rows(resource_view_id: str) -> Response:
    _ = toolkit._
    form = request.form
    try:
        draw = _number(form, "draw", 0, 2**31 - 1)
        start = _number(form, "start", 0, 10**9)
        length = _number(form, "length", -1, _page_length_limit())
    except BadRequest:
        return _error(_("The table could not be shown: the request's page numbers are not valid."), 400)
    try:
        view = _view(resource_view_id)
        view_filters = view.get("filters") or {}
        everything = _search(view, view_filters, "", limit=0)
    except toolkit.ObjectNotFound:
        return _error(_("This table no longer exists."), 404)
    except toolkit.NotAuthorized:
        return _error(_("You are not allowed to see this table."), 403)
    columns = _columns(view, everything["fields"])
    names = [c["id"] for c in columns]
    orders = [(form[f"order[{i}][column]"], form.get(f"order[{i}][dir]", "asc"))
              for i in _indexes(form, _ORDER)]
    column_searches = {form.get(f"columns[{i}][name]", ""): form[f"columns[{i}][search][value]"]
                       for i in _indexes(form, _COLUMN_SEARCH) if form[f"columns[{i}][search][value]"]}
    try:
        found = _search(view, datatables_view_filters(view_filters),
                        _query(form.get("search[value]", ""), column_searches, names),
                        offset=start, limit=length if length >= 0 else _page_length_limit(),
                        sort=_sort(orders, names))
    except (BadRequest, toolkit.ValidationError):
        return _error(_("The table could not be searched or sorted this way; try other words."), 400)
    shown = {c["id"]: cells.formatter(c, toolkit.h.lang()) for c in columns}
    null = toolkit.h.datatablesview_null_label()
    data = []
    for record in found["records"]:
        row = {name: null if record.get(name) is None else show(record[name]) for name, show in shown.items()}
        row["DT_RowId"] = f"row{record.get('_id', '')}"
        data.append(row)
    return Response(json.dumps({
        "draw": draw,
        "recordsTotal": everything.get("total", 0),
        "recordsFiltered": found.get("total", 0),
        "data": data,
        "total_was_estimated": everything.get("total_was_estimated", False),
    }), mimetype="application/json")


def filtered_download(resource_view_id: str) -> Any:
    _ = toolkit._
    try:
        params = json.loads(request.form["params"])
        view = _view(resource_view_id)
        everything = _search(view, view.get("filters") or {}, "", limit=0)
        names = [c["id"] for c in _columns(view, everything["fields"])]
        sort = _sort([(o["column"], o.get("dir", "asc")) for o in params.get("order", [])], names)
        visible = [n for n, v in zip(names, params.get("visible", [True] * len(names)), strict=False) if v]
        column_searches = {c.get("name", ""): c["search"]["value"] for c in params.get("columns", [])
                           if c.get("search", {}).get("value")}
        query = _query(str(params.get("search", {}).get("value", "")), column_searches, names)
        download_format = request.form["format"]
    except toolkit.ObjectNotFound:
        return _error(_("This table no longer exists."), 404)
    except toolkit.NotAuthorized:
        return _error(_("You are not allowed to see this table."), 403)
    except (KeyError, TypeError, ValueError, AttributeError, BadRequest):
        return _error(_("The download could not be prepared: the request is not valid."), 400)
    arguments = {"sort": sort, "filters": json.dumps(datatables_view_filters(view.get("filters") or {})),
                 "format": download_format, "fields": ",".join(visible)}
    if query:
        arguments.update(q=json.dumps(query) if isinstance(query, dict) else query, plain="false",
                         language=_search_language())
    return toolkit.redirect_to(toolkit.url_for("datastore.dump", resource_id=view["resource_id"])
                               + "?" + urlencode(arguments))


table_preview.add_url_rule("/datatables/ajax/<resource_view_id>", view_func=rows, methods=["POST"])
table_preview.add_url_rule("/datatables/filtered-download/<resource_view_id>", view_func=filtered_download,
                           methods=["POST"])
