"""The period the data covers (spec key ``freshness.period_column``) and the overdue warning."""

from __future__ import annotations

import datetime as dt

import pytest
from sonla_publisher.i18n.messages import render
from sonla_publisher.portal.freshness_check import overdue_warning
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.data_period import DAY, MONTH, YEAR, DataPeriod, PeriodTracker, bounds
from sonla_publisher.specs.spec import structure_problems
from sonla_publisher.validation.validator import validate_table


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (MONTH, "08/2026", (dt.date(2026, 8, 1), dt.date(2026, 8, 31))),
        (MONTH, "02/2024", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        (MONTH, "2026-11", (dt.date(2026, 11, 1), dt.date(2026, 11, 30))),
        (YEAR, "2025", (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        (DAY, "2026-12-05", (dt.date(2026, 12, 5), dt.date(2026, 12, 5))),
        (MONTH, "13/2026", None),
        (MONTH, "", None),
        (DAY, "31/02/2026", None),
        (YEAR, "hai nghìn", None),
    ],
)
def test_period_bounds(kind: str, value: str, expected: object) -> None:
    assert bounds(kind, value) == expected


def test_tracker_keeps_the_earliest_start_and_latest_end_skipping_bad_values() -> None:
    tracker = PeriodTracker(MONTH)
    for value in ("03/2026", "11/2025", "bad", "", "08/2026", "03/2026"):
        tracker.add(value)
    assert tracker.result() == DataPeriod(MONTH, dt.date(2025, 11, 1), dt.date(2026, 8, 31), "08/2026")
    assert PeriodTracker(YEAR).result() is None


def test_validation_reports_the_period_of_the_data(sample) -> None:
    spec = sample.spec(freshness={"period_column": "ngay_cap_nhat"})
    table = read_table(sample.xlsx(sample.rows()), spec)
    report = validate_table(table, spec)
    assert report.valid
    assert report.period == DataPeriod(DAY, dt.date(2024, 3, 2), dt.date(2024, 3, 15), "15/03/2024")
    assert validate_table(read_table(sample.xlsx(sample.rows()), sample.spec()), sample.spec()).period is None


def _problem_ids(spec) -> list[str]:
    return [message_id for message_id, _ in structure_problems(spec)]


def test_spec_may_not_set_the_dates_that_come_from_the_data(sample) -> None:
    for key in ("data_last_updated", "temporal_coverage_from", "temporal_coverage_to"):
        metadata = {**sample.spec_data()["metadata"], key: dt.date(2026, 3, 31)}
        assert _problem_ids(sample.spec(metadata=metadata)) == ["spec.metadata_from_data"]


@pytest.mark.parametrize(
    ("freshness", "frequency", "problem"),
    [
        ({"period_column": "ngay_cap_nhat"}, "annual", None),
        ({"period_column": "so_giuong"}, "annual", None),  # an integer column holds years
        ({"period_column": "khong_co"}, "annual", "spec.unknown_period_column"),
        ({"period_column": "ten_co_so"}, "annual", "spec.period_column_not_period"),
        ({"period_column": "so_giuong"}, "monthly", "spec.period_column_too_coarse"),
        ({"column": "ngay_cap_nhat"}, "annual", "spec.bad_freshness_block"),
        ("ngay_cap_nhat", "annual", "spec.bad_freshness_block"),
    ],
)
def test_period_column_checks(sample, freshness: object, frequency: str, problem: str | None) -> None:
    metadata = {**sample.spec_data()["metadata"], "update_frequency": frequency}
    spec = sample.spec(metadata=metadata, freshness=freshness)
    assert _problem_ids(spec) == ([] if problem is None else [problem])


def test_overdue_warning_says_why() -> None:
    row = {"name": "tai-nan", "update_frequency": "monthly", "next_due": "2026-10-31", "status": "overdue"}
    period = DataPeriod(MONTH, dt.date(2025, 1, 1), dt.date(2026, 8, 31), "08/2026")
    warning = overdue_warning("tai-nan", row, period)
    vi = render(warning.message_id, "vi", warning.params)
    assert "tháng 08/2026" in vi and "Hằng tháng" in vi and "31/10/2026" in vi and "vẫn quá hạn" in vi
    en = render(warning.message_id, "en", warning.params)
    assert "month 08/2026" in en and "Monthly" in en and "31/10/2026" in en
    plain = overdue_warning("tai-nan", row, None)
    assert "31/10/2026" in render(plain.message_id, "vi", plain.params)


def test_sync_line_carries_the_warning() -> None:
    from sonla_publisher.sync.report import result_line
    from sonla_publisher.sync.run import DatasetResult, Outcome

    row = {"name": "tai-nan", "update_frequency": "monthly", "next_due": "2026-10-31", "status": "overdue"}
    period = DataPeriod(MONTH, dt.date(2025, 1, 1), dt.date(2026, 8, 31), "08/2026")
    result = DatasetResult("tai-nan", Outcome.UPDATED, rows=20, warning=overdue_warning("tai-nan", row, period))
    line = result_line(result, 1, 1, "vi")
    assert line.startswith("[1/1]") and "tai-nan" in line
    assert "vẫn quá hạn" in line and "tháng 08/2026" in line and "31/10/2026" in line
    assert "quá hạn" not in result_line(DatasetResult("x", Outcome.UPDATED, rows=1), 1, 1, "vi")
