"""The public statistics page (``/thong-ke``, English ``/statistics``) and its CSV export.

Not in the anonymous-page cache (cache/requests.py covers the catalogue's pages only): the
figures come from :mod:`.stats`, which keeps them in Redis for at most five minutes and is
emptied by the summary job, so the page shows the last summary within that time.
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import Blueprint, Response, request

from .. import clock, formatting
from ..freshness.page import to_csv
from . import chart, stats

usage = Blueprint("sonla_usage", __name__)


def _month_label(month: str) -> str:
    return f"{month[5:7]}/{month[:4]}"


def _month_arg() -> str | None:
    month = request.args.get("month") or None
    try:
        stats.month_bounds(month)
    except ValueError:
        toolkit.abort(400, toolkit._("The month must be written YYYY-MM, e.g. 2026-03."))
    return month


def _number(value: int) -> str:
    return formatting.format_number(value)


def statistics_page() -> str:
    month = _month_arg()
    months = stats.by_month(clock.today())
    tables = {kind: stats.ranking(kind, month) for kind in stats.KINDS}
    svg = chart.bar_chart(months, _month_label, _number, toolkit._("views"), toolkit._("downloads"),
                          toolkit._("Views and downloads per month"))
    return toolkit.render("sonla/usage_statistics.html", {
        "tables": tables, "months": months, "chart": svg, "month": month, "month_label": _month_label,
        "number": _number, "choices": [m["month"] for m in reversed(months)],
        "totals": {"views": sum(m["views"] for m in months), "downloads": sum(m["downloads"] for m in months)},
    })


def statistics_csv(table: str) -> Response:
    month = _month_arg()
    if table == "months":
        header = [toolkit._("Month"), toolkit._("Views"), toolkit._("Downloads")]
        rows: list[list[Any]] = [[m["month"], m["views"], m["downloads"]] for m in stats.by_month(clock.today())]
    elif table in stats.KINDS:
        header = [toolkit._("Name"), toolkit._("Title"), toolkit._("Agency"), toolkit._("Views"),
                  toolkit._("Downloads")]
        rows = [[r["name"], r["title"], r["parent"], r["views"], r["downloads"]] for r in stats.ranking(table, month)]
    else:
        toolkit.abort(404)
    name = f"thong-ke-{table}-{month or datetime.date.today().isoformat()}.csv"
    return Response(to_csv((header, rows)), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


for prefix in ("/thong-ke", "/statistics"):
    suffix = "" if prefix == "/thong-ke" else "_en"
    usage.add_url_rule(prefix, view_func=statistics_page, endpoint="statistics" + suffix)
    usage.add_url_rule(prefix + "/<table>.csv", view_func=statistics_csv, endpoint="statistics_csv" + suffix)
