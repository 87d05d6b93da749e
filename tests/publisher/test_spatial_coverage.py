"""spatial_coverage: the communes and wards a dataset covers, from its data (validation/coverage.py)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from agency_sheets import BEDS_SPEC, COMMUNES_CSV, write_beds_catalogue, write_messy_workbook
from click.testing import CliRunner
from sonla_publisher.cli.main import main
from sonla_publisher.portal.package import build_package_dict
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.spec import find_spec, structure_problems
from sonla_publisher.validation.coverage import PROVINCE_CODE
from sonla_publisher.validation.json_report import report_dict
from sonla_publisher.validation.validator import ValidationReport, validate_table

ALL_CODES = [line.split(",")[0] for line in COMMUNES_CSV.splitlines()[1:]]


def _validate(root: Path, rows: list[list[Any]] | None = None, spec: dict[str, Any] | None = None
              ) -> ValidationReport:
    catalogue = write_beds_catalogue(root / "dataset_specs", spec)
    loaded = find_spec(catalogue, str((spec or BEDS_SPEC)["name"]))
    path = write_messy_workbook(root / "beds.xlsx", rows)
    table = read_table(path, loaded, catalogue / "codelists")
    return validate_table(table, loaded, catalogue / "codelists")


def _row(number: int, commune: str) -> list[Any]:
    return [number, f"Trạm Y tế số {number}", commune, 10, 9]


def test_commune_column_gives_the_units_after_the_old_names_are_mapped(tmp_path: Path) -> None:
    # "Xã Chiềng Xôm" and "Phường Quyết Tâm" are pre-2025 names: they count as the units they
    # were merged into; "tô hiệu" is the current unit written loosely; "03760" is a code.
    rows = [_row(1, "Xã Chiềng Xôm"), _row(2, "Phường Quyết Tâm"), _row(3, "tô hiệu"), _row(4, "03760")]
    report = _validate(tmp_path, rows)
    assert report.valid
    coverage = report.coverage
    assert coverage is not None
    assert coverage.reason == "columns"
    assert coverage.codes == ("03646", "03664", "03760")
    assert coverage.names == ("Phường Tô Hiệu", "Phường Chiềng An", "Xã Mường Bám")
    assert coverage.columns == ("xa_phuong",) and coverage.uncounted == 0


def test_every_unit_named_is_the_whole_province(tmp_path: Path) -> None:
    rows = [_row(index, code) for index, code in enumerate(ALL_CODES, start=1)]
    coverage = _validate(tmp_path, rows).coverage
    assert coverage is not None
    assert (coverage.codes, coverage.reason, coverage.units) == ((PROVINCE_CODE,), "all_units", len(ALL_CODES))


def test_a_name_that_is_not_certainly_one_unit_is_not_counted(tmp_path: Path) -> None:
    # "Xã Chiềng Chung" was two old units (now Đoàn Kết and Mường Chanh): never guessed.
    rows = [_row(1, "Phường Tô Hiệu"), _row(2, "Xã Chiềng Chung"), _row(3, "Không có xã này")]
    report = _validate(tmp_path, rows)
    assert not report.valid  # validation reports both names
    assert report.coverage is not None
    assert report.coverage.codes == ("03646",)
    assert report.coverage.uncounted == 2


def test_no_unit_at_all_leaves_the_coverage_empty(tmp_path: Path) -> None:
    coverage = _validate(tmp_path, [_row(1, "Không có xã này")]).coverage
    assert coverage is not None and (coverage.codes, coverage.reason) == ((), "none_found")


def _without_commune_column(owner: str) -> dict[str, Any]:
    spec = copy.deepcopy(BEDS_SPEC)
    spec["metadata"]["owner_org"] = owner
    spec["schema"]["fields"][1] = {"name": "xa_phuong", "title": "Xã, phường", "type": "string"}
    return spec


def test_no_commune_column_and_a_provincial_agency_is_the_whole_province(tmp_path: Path) -> None:
    coverage = _validate(tmp_path, spec=_without_commune_column("so-y-te")).coverage
    assert coverage is not None and (coverage.codes, coverage.reason) == ((PROVINCE_CODE,), "province")


def test_no_commune_column_and_a_ward_as_owner_is_that_ward(tmp_path: Path) -> None:
    coverage = _validate(tmp_path, spec=_without_commune_column("phuong-to-hieu")).coverage
    assert coverage is not None and (coverage.codes, coverage.reason) == (("03646",), "owner")


def test_without_code_lists_nothing_is_sent(tmp_path: Path) -> None:
    catalogue = write_beds_catalogue(tmp_path / "dataset_specs", _without_commune_column("so-y-te"))
    spec = find_spec(catalogue, "so-giuong-benh")
    table = read_table(write_messy_workbook(tmp_path / "beds.xlsx"), spec)
    report = validate_table(table, spec)
    assert report.coverage is None
    assert "spatial_coverage" not in build_package_dict(spec, today=dt.date(2026, 1, 1))


def test_the_package_carries_the_coverage(tmp_path: Path) -> None:
    report = _validate(tmp_path, [_row(1, "Xã Chiềng Xôm"), _row(2, "Xã Mường Bám")])
    spec = find_spec(tmp_path / "dataset_specs", "so-giuong-benh")
    package = build_package_dict(spec, today=dt.date(2026, 1, 1), coverage=report.coverage)
    assert package["spatial_coverage"] == ["03664", "03760"]
    assert report_dict(report)["tasks"][0]["spatialCoverage"] == {
        "codes": ["03664", "03760"], "reason": "columns", "uncounted": 0}


def test_a_spec_may_not_set_the_coverage_itself(tmp_path: Path) -> None:
    spec_data = copy.deepcopy(BEDS_SPEC)
    spec_data["metadata"]["spatial_coverage"] = ["03646"]
    spec = find_spec(write_beds_catalogue(tmp_path / "dataset_specs", spec_data), "so-giuong-benh")
    assert "spec.metadata_from_data" in [message_id for message_id, _ in structure_problems(spec)]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Spatial coverage sent to the portal: 2 communes and wards, the units named in the column "
               "xa_phuong: Phường Chiềng An, Xã Mường Bám."),
        ("vi", "Phạm vi địa lý gửi lên cổng: 2 xã, phường, là các đơn vị có trong cột xa_phuong: "
               "Phường Chiềng An, Xã Mường Bám."),
    ],
)
def test_validate_says_what_coverage_is_sent_and_why(tmp_path: Path, lang: str, expected: str) -> None:
    catalogue = write_beds_catalogue(tmp_path / "dataset_specs")
    path = write_messy_workbook(tmp_path / "beds.xlsx", [_row(1, "Xã Chiềng Xôm"), _row(2, "Xã Mường Bám")])
    result = CliRunner().invoke(
        main, ["validate", "so-giuong-benh", str(path), "--specs", str(catalogue), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_validate_says_why_a_dataset_is_the_whole_province(tmp_path: Path) -> None:
    catalogue = write_beds_catalogue(tmp_path / "dataset_specs", _without_commune_column("so-y-te"))
    path = write_messy_workbook(tmp_path / "beds.xlsx")
    result = CliRunner().invoke(
        main, ["validate", "so-giuong-benh", str(path), "--specs", str(catalogue), "--lang", "en"])
    assert ("Spatial coverage sent to the portal: the whole province (the data has no commune column "
            "and the owner is a provincial agency).") in result.output


def test_sync_line_says_the_coverage_sent() -> None:
    from sonla_publisher.sync.report import result_line
    from sonla_publisher.sync.run import DatasetResult, Outcome
    from sonla_publisher.validation.coverage import SpatialCoverage

    wards = SpatialCoverage(("03646", "03664"), ("Phường Tô Hiệu", "Phường Chiềng An"), "columns")
    line = result_line(DatasetResult("x", Outcome.UPDATED, rows=3, coverage=wards), 1, 1, "vi")
    assert line.endswith("(3 dòng) — phạm vi địa lý: 2 xã, phường")
    province = SpatialCoverage((PROVINCE_CODE,), ("Toàn tỉnh Sơn La",), "province")
    line = result_line(DatasetResult("x", Outcome.CREATED, rows=3, coverage=province), 1, 1, "en")
    assert line.endswith("(3 rows) — spatial coverage: the whole province")
