"""Chart and map hints (spec ``chart:`` / ``map:``) that cannot be drawn: refused with the spec
(exit 2, in Vietnamese), before any file is read or anything is published."""

from __future__ import annotations

from pathlib import Path

from conftest import good_rows, write_health_xlsx

from hostile import UNREADABLE, VALID, HostileCase


def _file(folder: Path) -> Path:
    return write_health_xlsx(folder / "bieu-do.xlsx", good_rows(3))


CASES = [
    HostileCase("chart-hint-markup-for-a-column", _file, UNREADABLE,
                "chart.x: «<script>alert(1)</script>» không phải cột trong schema.fields",
                message_en="chart.x: «<script>alert(1)</script>» is not a column of schema.fields",
                spec_overrides={"chart": {"x": "<script>alert(1)</script>", "y": "so_giuong"}}),
    HostileCase("chart-hint-on-a-text-column", _file, UNREADABLE,
                "chart.y: cột «ten_co_so» có kiểu «string»",
                spec_overrides={"chart": {"x": "ma_co_so", "y": "ten_co_so"}}),
    HostileCase("map-hint-as-a-list", _file, UNREADABLE, "«map» phải là một khối khóa",
                spec_overrides={"map": ["so_giuong", "ty_le"]}),
    HostileCase("chart-hint-good", _file, VALID, "Hợp lệ: 3 dòng",
                spec_overrides={"chart": {"type": "line", "x": "ten_co_so", "y": "so_giuong"}}),
]
