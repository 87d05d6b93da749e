"""Data of the public freshness report page (/bao-cao/cap-nhat) and of its CSV/XLSX exports."""
from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from sonla_publisher.reading.formula_cells import neutralised

from . import display, memo, source_failures, visible
from . import report as freshness_report
from . import rows as freshness_rows
from . import rules as freshness


def report(context: dict[str, Any], organization: str | None, today: date) -> dict[str, Any]:
    """The action's report plus each agency's average quality score, and its ``version``.

    Built once per version of what the caller sees and day (:mod:`.memo`). The top-level dict is the
    caller's own (a key may be replaced, e.g. by a filtered list); the rows and agencies in it are shared
    and must not be changed. ``version`` keys the exports; None without the sonla_search index.
    ``source_failures`` is read afresh: live-source failures are kept outside the search index, so
    outside the version.
    """
    if not plugins.plugin_loaded("sonla_search"):
        data = {**_build(context, organization, today, None), "version": None}
    else:
        wanted = visible.versions(context, organization, None)
        key = memo.version(organization, today, wanted)
        data = dict(memo.report(key, lambda: {**_build(context, organization, today, wanted), "version": key}))
    failures = source_failures.by_name() if data["datasets"] else {}
    data["source_failures"] = [{**row, source_failures.KEY: failures[row["name"]]}
                               for row in data["datasets"] if row["name"] in failures]
    return data


def _build(context: dict[str, Any], organization: str | None, today: date,
           wanted: list[tuple[str, str]] | None) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    scores: dict[str | None, list[int]] = {}
    for row, score in freshness_rows.rows_and_scores(context, organization, today, wanted=wanted):
        rows.append(row)
        scores.setdefault(row["organization"], []).append(score)
    data = freshness_report.result(rows, None, today)
    for agency in data["agencies"]:
        mine = scores.get(agency["name"]) or []
        agency["quality_average"] = round(sum(mine) / len(mine)) if mine else None
    data["overdue"] = sorted((r for r in data["datasets"] if r["status"] == freshness.OVERDUE),
                             key=lambda r: (r["days_left"] is not None, r["days_left"] or 0, r["title"]))
    data["totals"] = {key: sum(a[key] for a in data["agencies"]) for key in ("total", *freshness.STATUSES)}
    data["totals"]["on_time_rate"] = freshness_report.on_time_rate(data["totals"])
    return data


def percent(rate: float | None) -> str:
    return "" if rate is None else f"{round(rate * 100)}%"


def agency_table(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    _ = toolkit._
    labels = display.status_labels()
    header = [_("Agency"), _("Number of datasets"), *(labels[s] for s in freshness.STATUSES), _("On-time rate"),
              _("Average quality score")]
    rows = [[a["title"], a["total"], *(a[s] for s in freshness.STATUSES),
             None if a["on_time_rate"] is None else round(a["on_time_rate"], 4), a.get("quality_average")]
            for a in data["agencies"]]
    return header, rows


def dataset_table(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    _ = toolkit._
    labels = display.status_labels()
    header = [_("Dataset title"), _("Dataset name (URL)"), _("Agency"), _("Update frequency"), _("Data up to"),
              _("Last published"), _("Next update due"), _("Days left"), _("Update status")]
    rows = [[r["title"], r["name"], r["organization_title"], r["update_frequency"] or "",
             r.get("temporal_coverage_to") or "", r["data_last_updated"] or "",
             r["next_due"] or "", r["days_left"], labels[r["status"]]] for r in data["datasets"]]
    return header, rows


def safe_cell(value: Any) -> Any:
    """A CSV cell: text a spreadsheet would run as a formula is kept as text (the portal's one rule).

    A CSV file has no cell types, so the apostrophe is the only way; an XLSX file types its cells
    instead (:func:`to_xlsx`), where an apostrophe would be shown as part of the text.
    """
    if isinstance(value, str):
        return neutralised(value)
    return "" if value is None else value


def to_csv(table: tuple[list[str], list[list[Any]]]) -> bytes:
    header, rows = table
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    # The BOM makes Excel open the file as UTF-8 (Vietnamese letters intact).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(data: dict[str, Any]) -> bytes:
    # XlsxWriter, not openpyxl: 10,000 rows took ~3 s with openpyxl's write-only mode, ~0.8 s here
    # (docs/operators.md, "Tình trạng cập nhật"). Every cell is written with its type's own call, so
    # text stays text whatever it starts with (no formula, no number, no link guessed from it).
    import xlsxwriter  # type: ignore[import-untyped]  # only this export needs it

    _ = toolkit._
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for title, (header, rows) in ((_("Agencies"), agency_table(data)), (_("Datasets"), dataset_table(data))):
        sheet = book.add_worksheet(title[:31])
        sheet.freeze_panes(1, 0)
        for row_number, values in enumerate((header, *rows)):
            for column, value in enumerate(values):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(row_number, column, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(row_number, column, value)
                else:
                    sheet.write_number(row_number, column, value)
    book.close()
    return buffer.getvalue()
