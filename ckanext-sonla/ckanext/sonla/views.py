"""Pages of the Sơn La portal that CKAN has no view for: terms of use, help, the freshness report."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from flask import Blueprint, Response, request

from . import clock, metadata_export
from .agency_publish.views import sonla_agency
from .compat import Page
from .datatables_language import datatables_language as sonla_datatables
from .dcat.iris import sonla_def
from .findability.views import findability
from .freshness import display as freshness_display
from .freshness import memo as freshness_memo
from .freshness import page as freshness_page
from .freshness import report as freshness_report
from .freshness import rules as freshness
from .guides.views import sonla_guides
from .requests.views import sonla_requests
from .showcases.views import sonla_showcases
from .subscriptions.views import sonla_subscriptions
from .table_preview.rows import table_preview
from .usage.beacon import usage_beacon
from .usage.views import usage

sonla_pages = Blueprint("sonla_pages", __name__)

__all__ = ["get_blueprints"]


def get_blueprints() -> list[Blueprint]:
    """The plugin's blueprints (``toolkit.blanket.blueprints``); the table preview's requests only
    when ``datatables_view`` is on, since they answer at its URLs; the usage figures only with ``tracking``."""
    own = [sonla_agency, sonla_datatables, sonla_def, sonla_pages, sonla_guides, findability, sonla_requests,
           sonla_showcases, sonla_subscriptions]
    if plugins.plugin_loaded("tracking"):  # its tables hold the usage figures
        own += [usage_beacon, usage]
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


OVERDUE_PER_PAGE = 50  # the overdue table is paged: at 10,000 datasets it was thousands of rows, 2.6 MB


def _page_number() -> int:
    value = request.args.get("page") or "1"
    if not value.isdigit() or not 1 <= int(value) <= 100_000:
        toolkit.abort(400, toolkit._("page must be a whole number from 1"))
    return int(value)


def freshness_report_page() -> str:
    data = _report()
    organization = request.args.get("organization") or None
    overdue = Page(data["overdue"], page=_page_number(), items_per_page=OVERDUE_PER_PAGE,
                   url=lambda page: toolkit.url_for(request.endpoint, organization=organization, page=page))
    return toolkit.render("sonla/freshness_report.html", {
        "report": data, "organization": request.args.get("organization") or "", "overdue": overdue,
        "status_labels": freshness_display.status_labels(), "statuses": freshness.STATUSES,
        "percent": freshness_page.percent, "format_date": freshness_display.format_date,
    })


def _export(data: dict[str, Any], kind: str, build: Callable[[], bytes]) -> bytes:
    """An export of this report, built once per report version and language (freshness/memo.py)."""
    if data["version"] is None:
        return build()
    return freshness_memo.export(f"{data['version']}:{kind}:{toolkit.h.lang()}", build)


def freshness_csv() -> Response:
    data = _report()
    which = request.args.get("table") or "datasets"
    if which not in ("datasets", "agencies"):
        toolkit.abort(400, toolkit._("table must be datasets or agencies"))
    def build() -> bytes:
        table = freshness_page.agency_table(data) if which == "agencies" else freshness_page.dataset_table(data)
        return freshness_page.to_csv(table)

    filename = f"cap-nhat-{which}-{data['today']}.csv"
    return Response(_export(data, "csv-" + which, build), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def freshness_xlsx() -> Response:
    data = _report()
    return Response(_export(data, "xlsx", lambda: freshness_page.to_xlsx(data)), mimetype=XLSX_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="cap-nhat-{data["today"]}.xlsx"'})


sonla_pages.add_url_rule("/terms", view_func=terms, endpoint="terms")
sonla_pages.add_url_rule("/help", view_func=help_page, endpoint="help")
# Vietnamese addresses first; English aliases for the English-speaking visitor.
for prefix in ("/bao-cao/cap-nhat", "/reports/freshness"):
    suffix = "" if prefix.startswith("/bao-cao") else "_en"
    sonla_pages.add_url_rule(prefix, view_func=freshness_report_page, endpoint="freshness" + suffix)
    sonla_pages.add_url_rule(prefix + ".csv", view_func=freshness_csv, endpoint="freshness_csv" + suffix)
    sonla_pages.add_url_rule(prefix + ".xlsx", view_func=freshness_xlsx, endpoint="freshness_xlsx" + suffix)
# The whole public catalogue's metadata (metadata_export.py), linked from the dataset list.
for prefix, suffix in (("/danh-muc/sieu-du-lieu", ""), ("/catalogue/metadata", "_en")):
    sonla_pages.add_url_rule(prefix + ".csv", view_func=metadata_export.metadata_csv,
                             endpoint="metadata_csv" + suffix)
    sonla_pages.add_url_rule(prefix + ".json", view_func=metadata_export.metadata_json,
                             endpoint="metadata_json" + suffix)
