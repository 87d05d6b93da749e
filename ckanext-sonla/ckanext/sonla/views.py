"""Pages of the Sơn La portal that CKAN has no view for: terms of use, help, the freshness report."""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from flask import Blueprint, Response, request

from . import clock
from .agency_publish.views import sonla_agency
from .datatables_language import datatables_language as sonla_datatables
from .dcat.iris import sonla_def
from .findability.views import findability
from .freshness import display as freshness_display
from .freshness import page as freshness_page
from .freshness import report as freshness_report
from .freshness import rules as freshness
from .requests.views import sonla_requests
from .table_preview.rows import table_preview

sonla_pages = Blueprint("sonla_pages", __name__)

__all__ = ["get_blueprints"]


def get_blueprints() -> list[Blueprint]:
    """The plugin's blueprints (``toolkit.blanket.blueprints``); the table preview's requests only
    when ``datatables_view`` is on, since they answer at its URLs."""
    own = [sonla_agency, sonla_datatables, sonla_def, sonla_pages, findability, sonla_requests]
    return [*own, table_preview] if plugins.plugin_loaded("datatables_view") else own


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def terms() -> str:
    return toolkit.render("sonla/terms.html")


def help_page() -> str:
    return toolkit.render("sonla/help.html")


def _report() -> dict[str, Any]:
    """The report for the visitor (their own dataset visibility), optionally for one agency."""
    organization = request.args.get("organization") or None
    context = {"user": toolkit.current_user.name if toolkit.current_user.is_authenticated else ""}
    try:
        toolkit.check_access("sonla_freshness_list", context, {})
        freshness_report.parse_params({"organization": organization})
    except toolkit.ValidationError:
        toolkit.abort(404, toolkit._("No agency with this name: %(name)s") % {"name": organization})
    except toolkit.NotAuthorized:
        toolkit.abort(403)
    return freshness_page.report(context, organization, clock.today())


def freshness_report_page() -> str:
    data = _report()
    return toolkit.render("sonla/freshness_report.html", {
        "report": data, "organization": request.args.get("organization") or "",
        "status_labels": freshness_display.status_labels(), "statuses": freshness.STATUSES,
        "percent": freshness_page.percent, "format_date": freshness_display.format_date,
    })


def freshness_csv() -> Response:
    data = _report()
    which = request.args.get("table") or "datasets"
    if which not in ("datasets", "agencies"):
        toolkit.abort(400, toolkit._("table must be datasets or agencies"))
    table = freshness_page.agency_table(data) if which == "agencies" else freshness_page.dataset_table(data)
    filename = f"cap-nhat-{which}-{data['today']}.csv"
    return Response(freshness_page.to_csv(table), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def freshness_xlsx() -> Response:
    data = _report()
    return Response(freshness_page.to_xlsx(data), mimetype=XLSX_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="cap-nhat-{data["today"]}.xlsx"'})


sonla_pages.add_url_rule("/terms", view_func=terms, endpoint="terms")
sonla_pages.add_url_rule("/help", view_func=help_page, endpoint="help")
# Vietnamese addresses first; English aliases for the English-speaking visitor.
for prefix in ("/bao-cao/cap-nhat", "/reports/freshness"):
    suffix = "" if prefix.startswith("/bao-cao") else "_en"
    sonla_pages.add_url_rule(prefix, view_func=freshness_report_page, endpoint="freshness" + suffix)
    sonla_pages.add_url_rule(prefix + ".csv", view_func=freshness_csv, endpoint="freshness_csv" + suffix)
    sonla_pages.add_url_rule(prefix + ".xlsx", view_func=freshness_xlsx, endpoint="freshness_xlsx" + suffix)
