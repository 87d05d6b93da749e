"""`sonla-publish status` output: the portal's freshness report as a table, CSV and XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from rich.console import Console
from sonla_publisher.portal.freshness_status import FreshnessReport, print_report, rate_text, write_csv, write_xlsx

REPORT = FreshnessReport(
    today="2026-11-23",
    datasets=[
        {"name": "a", "title": "Bộ A", "organization": "so-y-te", "organization_title": "Sở Y tế",
         "update_frequency": "monthly", "data_last_updated": "2026-11-01", "next_due": "2026-12-01",
         "days_left": 8, "status": "on_time"},
        {"name": "b", "title": "Bộ B", "organization": "so-y-te", "organization_title": "Sở Y tế",
         "update_frequency": "annual", "data_last_updated": "2025-01-01", "next_due": "2026-01-01",
         "days_left": -326, "status": "overdue"},
        {"name": "c", "title": "Bộ C", "organization": "so-gd", "organization_title": "Sở GD",
         "update_frequency": "irregular", "data_last_updated": "2026-01-01", "next_due": None,
         "days_left": None, "status": "no_schedule"},
    ],
    agencies=[
        {"name": "so-gd", "title": "Sở GD", "total": 1, "on_time": 0, "due_soon": 0, "overdue": 0,
         "no_schedule": 1, "on_time_rate": None},
        {"name": "so-y-te", "title": "Sở Y tế", "total": 2, "on_time": 1, "due_soon": 0, "overdue": 1,
         "no_schedule": 0, "on_time_rate": 0.5},
    ],
)


def test_rates_read_as_percentages() -> None:
    assert rate_text(0.875) == "88%"
    assert rate_text(1) == "100%"
    assert rate_text(None) == "-"


def test_terminal_report_lists_agencies_then_the_late_datasets(capsys) -> None:
    print_report(REPORT, "vi", Console(file=io.StringIO(), force_terminal=False))
    out = capsys.readouterr().out
    assert "Tình trạng cập nhật dữ liệu, ngày 23/11/2026" in out
    assert "Sở Y tế | 2 | 1 | 0 | 1 | 0 | 50%" in out
    assert "Sở GD | 1 | 0 | 0 | 0 | 1 | -" in out
    assert "1 bộ dữ liệu quá hạn hoặc sắp đến hạn" in out
    assert "Sở Y tế | Bộ B | Hằng năm | 01/01/2025 | 01/01/2026 | chậm 326 ngày | Quá hạn" in out
    assert "Bộ A" not in out  # on time: only in the summary counts


def test_terminal_dates_read_dd_mm_yyyy_and_lateness_in_words(capsys) -> None:
    """Issue 18: not ISO dates and "-97", in either language."""
    due_soon = {**REPORT.datasets[0], "name": "d", "title": "Bộ D", "status": "due_soon",
                "next_due": "2026-11-30", "days_left": 7}
    due_today = {**due_soon, "name": "e", "title": "Bộ E", "next_due": "2026-11-23", "days_left": 0}
    report = FreshnessReport(REPORT.today, [*REPORT.datasets, due_soon, due_today], REPORT.agencies)
    print_report(report, "en", Console(file=io.StringIO(), force_terminal=False))
    out = capsys.readouterr().out
    assert "Data update status on 23/11/2026" in out
    assert "| Due |" in out
    assert "Sở Y tế | Bộ B | Yearly | 01/01/2025 | 01/01/2026 | 326 days late | Overdue" in out
    assert "Sở Y tế | Bộ D | Monthly | 01/11/2026 | 30/11/2026 | in 7 days | Due soon" in out
    assert "| 23/11/2026 | today |" in out
    print_report(report, "vi", Console(file=io.StringIO(), force_terminal=False))
    out = capsys.readouterr().out
    assert "| 30/11/2026 | còn 7 ngày | Sắp đến hạn" in out
    assert "| 23/11/2026 | đến hạn hôm nay |" in out
    assert "-326" not in out and "2026-" not in out


def test_csv_lists_every_dataset_late_first(tmp_path: Path) -> None:
    path = tmp_path / "tinh-trang.csv"
    write_csv(REPORT, path, "en")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Vietnamese
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["Organization", "Agency", "Dataset id", "Dataset"]
    assert [row[2] for row in rows[1:]] == ["b", "a", "c"]
    assert rows[1][-1] == "Overdue"
    assert rows[3][6:8] == ["", ""]  # no due date, no days left


def test_xlsx_has_the_summary_and_the_datasets(tmp_path: Path) -> None:
    path = tmp_path / "tinh-trang.xlsx"
    write_xlsx(REPORT, path, "vi")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Tổng hợp", "Bộ dữ liệu"]
    summary = list(workbook["Tổng hợp"].values)
    assert summary[0][-1] == "Tỷ lệ đúng hạn"
    assert summary[2] == ("so-y-te", "Sở Y tế", 2, 1, 0, 1, 0, 0.5)
    assert workbook["Tổng hợp"]["H3"].number_format == "0%"
    datasets = list(workbook["Bộ dữ liệu"].values)
    assert [row[2] for row in datasets[1:]] == ["b", "a", "c"]
    assert datasets[1][-1] == "Quá hạn"


def test_frequency_labels_are_those_of_the_approved_code_list() -> None:
    """`sonla-publish status` runs without dataset_specs/ (it reads the portal), so it keeps its own
    labels: they must stay the code list's, every code included."""
    from sonla_publisher.portal.freshness_status import frequency_label

    codelist = Path(__file__).resolve().parents[2] / "dataset_specs" / "codelists" / "frequencies.csv"
    with codelist.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert frequency_label(row["code"], "vi") == row["name"], row["code"]
        assert frequency_label(row["code"], "en") == row["name_en"], row["code"]


def test_failed_live_sources_are_listed_with_their_reason(capsys) -> None:
    """Issue 23: the portal says which datasets' live sources failed on the last run; status lists
    them, with the reason in the language asked for."""
    failure = {"reason": "Không kết nối được cơ sở dữ liệu «kho»: ***",
               "reason_en": "Cannot connect to database «kho»: ***",
               "failed_at": "2026-11-22T23:30:00+00:00"}
    datasets = [dict(d) for d in REPORT.datasets]
    datasets[2]["source_failure"] = failure
    report = FreshnessReport(REPORT.today, datasets, REPORT.agencies)
    print_report(report, "vi", Console(file=io.StringIO(), force_terminal=False))
    out = capsys.readouterr().out
    assert "Nguồn trực tiếp bị lỗi ở lần chạy trước (1)" in out
    assert "Sở GD | Bộ C | 22/11/2026 | Không kết nối được cơ sở dữ liệu «kho»: ***" in out
    print_report(report, "en", Console(file=io.StringIO(), force_terminal=False))
    assert "Sở GD | Bộ C | 22/11/2026 | Cannot connect to database «kho»: ***" in capsys.readouterr().out
    print_report(REPORT, "vi", Console(file=io.StringIO(), force_terminal=False))
    assert "Nguồn trực tiếp bị lỗi" not in capsys.readouterr().out
