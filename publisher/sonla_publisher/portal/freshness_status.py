"""``sonla-publish status``: per agency, which datasets are on time, due soon or overdue.

The portal computes freshness (action ``sonla_freshness_list`` of ckanext-sonla) from each
dataset's update frequency and the date its data was last updated, so the publisher, the
portal's report page and ``ckan sonla freshness`` always agree. This module reads it and
writes it out as a terminal table, CSV or XLSX.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from ckanapi import CKANAPIError, NotFound, RemoteCKAN, ValidationError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sonla_publisher.errors import PortalError
from sonla_publisher.i18n.messages import CATALOGUE, Lang, render
from sonla_publisher.portal.client import portal_errors
from sonla_publisher.portal.http_trace import shown_url

STATUSES = ("on_time", "due_soon", "overdue", "no_schedule")
# Dataset rows are listed in this order: the late ones first.
STATUS_ORDER = {"overdue": 0, "due_soon": 1, "on_time": 2, "no_schedule": 3}
DATASET_COLUMNS = (
    "organization",
    "organization_title",
    "name",
    "title",
    "update_frequency",
    "data_last_updated",
    "next_due",
    "days_left",
    "status",
)
AGENCY_COLUMNS = ("name", "title", "total", *STATUSES, "on_time_rate")
# On screen the codes are left out: titles are what people read.
TERMINAL_DATASET_COLUMNS = tuple(c for c in DATASET_COLUMNS if c not in ("organization", "name"))


@dataclass(frozen=True)
class FreshnessReport:
    today: str
    datasets: list[dict[str, Any]]
    agencies: list[dict[str, Any]]

    def sorted_datasets(self) -> list[dict[str, Any]]:
        return sorted(
            self.datasets,
            key=lambda d: (
                STATUS_ORDER.get(str(d.get("status")), 9),
                d.get("days_left") if d.get("days_left") is not None else 0,
                str(d.get("organization_title") or ""),
                str(d.get("name")),
            ),
        )


def fetch_report(
    ckan: RemoteCKAN, organization: str | None = None, status: str | None = None
) -> FreshnessReport:
    params = {
        key: value for key, value in (("organization", organization), ("status", status)) if value
    }
    with portal_errors(ckan.address):
        try:
            result = ckan.action.sonla_freshness_list(**params)
        except NotFound as error:
            # Any CKAN without ckanext-sonla answers "action not found".
            raise PortalError("status.not_supported", url=shown_url(ckan.address)) from error
        except ValidationError as error:
            if organization and "organization" in (getattr(error, "error_dict", None) or {}):
                raise PortalError("status.unknown_org", org=organization) from error
            raise
        except CKANAPIError as error:
            if "sonla_freshness_list" in str(error):
                raise PortalError("status.not_supported", url=shown_url(ckan.address)) from error
            raise
    return FreshnessReport(
        today=str(result.get("today") or ""),
        datasets=list(result.get("datasets") or []),
        agencies=list(result.get("agencies") or []),
    )


def rate_text(rate: Any) -> str:
    """0.875 -> "88%", None (no scheduled dataset) -> "-"."""
    return "-" if rate is None else f"{round(float(rate) * 100)}%"


def status_label(status: Any, lang: Lang) -> str:
    return render(f"status.value.{status}", lang) if status in STATUSES else str(status or "")


def frequency_label(code: Any, lang: Lang) -> str:
    key = f"status.frequency.{code}"
    return render(key, lang) if key in CATALOGUE else str(code or "")


def agency_row(agency: dict[str, Any], lang: Lang) -> list[str]:
    return [
        str(agency.get("title") or agency.get("name") or ""),
        str(agency.get("total", 0)),
        *(str(agency.get(status, 0)) for status in STATUSES),
        rate_text(agency.get("on_time_rate")),
    ]


def date_text(value: Any) -> str:
    """The portal's ISO date (2026-01-31) as people read it here: 31/01/2026.

    Anything else (a value this version does not know) is shown as it came.
    """
    text = str(value or "")
    try:
        return datetime.date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return text


def lateness_text(days: Any, lang: Lang) -> str:
    """days_left as words: -97 -> "chậm 97 ngày" / "97 days late", 8 -> "còn 8 ngày"."""
    if isinstance(days, bool) or not isinstance(days, int):
        return "" if days is None else str(days)
    if days < 0:
        return render("status.days_late", lang, {"days": -days})
    if days == 0:
        return render("status.due_today", lang)
    return render("status.days_to_go", lang, {"days": days})


def dataset_row(dataset: dict[str, Any], lang: Lang) -> list[str]:
    return [
        str(dataset.get("organization_title") or dataset.get("organization") or ""),
        str(dataset.get("title") or dataset.get("name") or ""),
        frequency_label(dataset.get("update_frequency"), lang),
        date_text(dataset.get("data_last_updated")),
        date_text(dataset.get("next_due")),
        lateness_text(dataset.get("days_left"), lang),
        status_label(dataset.get("status"), lang),
    ]


def dataset_headers(lang: Lang) -> list[str]:
    return [render(f"status.col.{column}", lang) for column in DATASET_COLUMNS]


def agency_headers(lang: Lang) -> list[str]:
    return [render(f"status.agency.{column}", lang) for column in AGENCY_COLUMNS]


def export_values(report: FreshnessReport, lang: Lang) -> tuple[list[list[Any]], list[list[Any]]]:
    """Rows for the files: dataset rows keep machine values (codes, ISO dates) next to labels."""
    agencies = [
        [
            agency.get("name"),
            agency.get("title"),
            agency.get("total", 0),
            *(agency.get(status, 0) for status in STATUSES),
            agency.get("on_time_rate"),
        ]
        for agency in report.agencies
    ]
    datasets = []
    for dataset in report.sorted_datasets():
        row = [dataset.get(column) for column in DATASET_COLUMNS]
        row[-1] = status_label(dataset.get("status"), lang)
        datasets.append(row)
    return agencies, datasets


def write_csv(report: FreshnessReport, path: Path, lang: Lang) -> None:
    """One row per dataset (UTF-8 with BOM, so Excel shows Vietnamese correctly)."""
    _, datasets = export_values(report, lang)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(dataset_headers(lang))
        writer.writerows(["" if value is None else value for value in row] for row in datasets)


def write_xlsx(report: FreshnessReport, path: Path, lang: Lang) -> None:
    """Two sheets: the summary per agency and the datasets."""
    import openpyxl  # a third of a second to import: only this export needs it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    agencies, datasets = export_values(report, lang)
    workbook = openpyxl.Workbook()
    summary = workbook.active
    assert isinstance(summary, Worksheet)  # a new workbook's one sheet is a plain worksheet
    summary.title = render("status.sheet.agencies", lang)
    summary.append(agency_headers(lang))
    for row in agencies:
        summary.append(row)
    for cell in summary[get_column_letter(len(AGENCY_COLUMNS))][1:]:
        cell.number_format = "0%"
    sheet = workbook.create_sheet(render("status.sheet.datasets", lang))
    sheet.append(dataset_headers(lang))
    for row in datasets:
        sheet.append(row)
    for worksheet in (summary, sheet):
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
    workbook.save(path)


def print_report(report: FreshnessReport, lang: Lang, console: Console | None = None) -> None:
    """The summary per agency, then the datasets that are late or due soon."""
    console = console or Console(highlight=False)
    click.echo(render("status.title", lang, {"today": date_text(report.today)}))
    if not report.datasets:
        click.echo(render("status.empty", lang))
        return
    _print_table(console, agency_headers(lang)[1:], [agency_row(a, lang) for a in report.agencies])
    late = [d for d in report.sorted_datasets() if d.get("status") in ("overdue", "due_soon")]
    if late:
        click.echo(render("status.late_title", lang, {"count": len(late)}))
        headers = [
            render("status.col.lateness" if column == "days_left" else f"status.col.{column}", lang)
            for column in TERMINAL_DATASET_COLUMNS
        ]
        _print_table(console, headers, [dataset_row(d, lang) for d in late])
    failed = [d for d in report.sorted_datasets() if isinstance(d.get("source_failure"), dict)]
    if failed:
        click.echo(render("status.source_failed_title", lang, {"count": len(failed)}))
        _print_table(console, failure_headers(lang), [failure_row(d, lang) for d in failed])


def failure_headers(lang: Lang) -> list[str]:
    return [render(f"status.col.{column}", lang)
            for column in ("organization_title", "title", "failed_at", "reason")]


def failure_row(dataset: dict[str, Any], lang: Lang) -> list[str]:
    """A dataset whose live source failed: where, when (the portal's UTC time as a day) and why,
    in Vietnamese or English as the portal was told."""
    failure = dataset["source_failure"]
    reason = failure.get("reason") if lang == "vi" else failure.get("reason_en")
    return [
        str(dataset.get("organization_title") or dataset.get("organization") or ""),
        str(dataset.get("title") or dataset.get("name") or ""),
        date_text(failure.get("failed_at")),
        str(reason or failure.get("reason") or ""),
    ]


def _print_table(console: Console, headers: list[str], rows: list[list[str]]) -> None:
    if console.is_terminal:
        table = Table()
        for header in headers:
            table.add_column(header)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
        return
    click.echo(" | ".join(headers))
    for row in rows:
        click.echo(" | ".join(row))
