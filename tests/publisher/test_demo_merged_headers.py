"""The demonstration sources with a two-row merged header (dataset_specs/sources/) are read through the
joined ``Parent - Child`` titles their specs map in ``source.columns``.

These read the real demo files; they skip when dataset_specs/ is not there (the publisher installed alone).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sonla_publisher.reading.table import SourceTable, read_table
from sonla_publisher.specs.spec import Spec, find_spec, load_spec, source_path

REAL_SPECS = Path(__file__).resolve().parents[2] / "dataset_specs"
JOINED = " - "  # how the reader joins a merged parent title and a child title


def demo_specs_with_merged_headers() -> list[Spec]:
    if not (REAL_SPECS / "datasets").is_dir():
        return []
    specs = [load_spec(path) for path in sorted(REAL_SPECS.glob("datasets/*/*.yaml"))]
    return [spec for spec in specs if any(JOINED in title for title in spec.source.columns or {})]


def read_demo(spec: Spec) -> SourceTable:
    path = source_path(spec, REAL_SPECS)
    if not path.is_file():
        pytest.skip(f"demo source {path} is not there")
    return read_table(path, spec, REAL_SPECS / "codelists")


def test_poverty_table_with_vertically_merged_titles() -> None:
    """STT, Mã xã, Xã phường and Tổng số hộ are merged down both header rows; "Hộ nghèo" and
    "Hộ cận nghèo" are merged across their "Số hộ" and "Tỷ lệ (%)" children."""
    if not (REAL_SPECS / "datasets").is_dir():
        pytest.skip("dataset_specs/ is not there")
    spec = find_spec(REAL_SPECS, "ho-ngheo-ho-can-ngheo-theo-xa")
    table = read_demo(spec)
    assert spec.source.header_row == 6  # the first of the two header rows
    assert table.header_row == 7
    assert table.column_titles == (
        "Mã xã",
        "Xã, phường",
        "Tổng số hộ",
        "Hộ nghèo - Số hộ",
        "Hộ nghèo - Tỷ lệ (%)",
        "Hộ cận nghèo - Số hộ",
        "Hộ cận nghèo - Tỷ lệ (%)",
    )
    assert table.columns == (1, 2, 3, 4, 5, 6, 7)  # column A is STT
    steps = table.cleaning_steps
    assert [step.message_id for step in steps[:2]] == ["clean.merged_header", "clean.stt_column"]
    assert steps[0].message("en").startswith("Joined the two-row header (rows 6–7)")
    assert len(table.rows) == 75
    assert table.rows[0].number == 8  # data start right under the second header row
    assert table.rows[0].values[:2] == ("03646", "Phường Tô Hiệu")
    assert table.dropped_total_rows == (83,)


def test_at_least_four_agencies_send_two_row_headers() -> None:
    specs = demo_specs_with_merged_headers()
    if not specs:
        pytest.skip("dataset_specs/ is not there")
    assert len({spec.metadata["owner_org"] for spec in specs}) >= 4


@pytest.mark.parametrize("spec", demo_specs_with_merged_headers(), ids=lambda spec: spec.name)
def test_demo_two_row_header_maps_every_field(spec: Spec) -> None:
    table = read_demo(spec)
    assert table.cleaning_steps[0].message_id == "clean.merged_header"
    assert None not in table.columns
    by_field = dict(zip(table.field_names, table.column_titles, strict=True))
    for title, field_name in (spec.source.columns or {}).items():
        assert by_field[field_name] == title
    assert table.header_row == (spec.source.header_row or 0) + 1
