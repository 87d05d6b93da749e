"""Period columns (spec ``freshness.period_column``): bad periods in the file, bad specs."""

from __future__ import annotations

from pathlib import Path

from conftest import good_rows, write_health_xlsx

from hostile import INVALID, UNREADABLE, VALID, HostileCase

_PERIOD = {"freshness": {"period_column": "ngay_cap_nhat"}}


def _dates(values: list[object]):
    def build(folder: Path) -> Path:
        rows = good_rows(len(values))
        for row, value in zip(rows, values, strict=True):
            row[5] = value
        return write_health_xlsx(folder / "ky-so-lieu.xlsx", rows)

    return build


CASES = [
    # A period cell that is not a date is a problem in its cell; the others still give the period.
    HostileCase("period-column-bad-date", _dates(["15/03/2024", "31/02/2024", "hôm qua"]), INVALID,
                "Ô F7 (dòng 7", spec_overrides=_PERIOD),
    HostileCase("period-column-good", _dates(["15/03/2024", "01/12/2025", "02/01/2024"]), VALID,
                "Dữ liệu mới nhất là của ngày 01/12/2025", spec_overrides=_PERIOD,
                cleaned={"ngay_cap_nhat": ["2024-03-15", "2025-12-01", "2024-01-02"]}),
    HostileCase("period-column-unknown-field", _dates(["15/03/2024"]), UNREADABLE,
                "freshness.period_column «khong_co» không phải là một trường của lược đồ",
                spec_overrides={"freshness": {"period_column": "khong_co"}}),
]
