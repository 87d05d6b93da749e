"""Commune/ward names matched to the 75 official units, old names mapped, typos suggested."""

from __future__ import annotations

from pathlib import Path

import pytest
from agency_sheets import write_beds_catalogue
from sonla_publisher.commune_names import CommuneIndex, fold

REAL_CODELISTS = Path(__file__).resolve().parents[2] / "dataset_specs" / "codelists"


@pytest.fixture
def communes(tmp_path: Path) -> CommuneIndex:
    return CommuneIndex.from_codelists(write_beds_catalogue(tmp_path) / "codelists")


def test_fold() -> None:
    assert fold("Phường Tô Hiệu") == "to hieu"
    assert fold("  XÃ   ĐOÀN KẾT ") == "doan ket"
    assert fold("P. Tô Hiệu") == "to hieu"
    assert fold("Xã Chiềng Chung (huyện Mai Sơn)") == "chieng chung"


@pytest.mark.parametrize(
    ("value", "how", "name"),
    [
        ("03646", "code", "Phường Tô Hiệu"),
        ("Phường Tô Hiệu", "exact", "Phường Tô Hiệu"),
        ("Tô Hiệu", "name", "Phường Tô Hiệu"),
        ("phường tô hiệu", "name", "Phường Tô Hiệu"),
        ("PHUONG TO HIEU", "name", "Phường Tô Hiệu"),
        ("Mường Bám", "name", "Xã Mường Bám"),
        ("Phường Quyết Tâm", "old_name", "Phường Tô Hiệu"),
        ("Xã Chiềng Xôm", "old_name", "Phường Chiềng An"),
        ("Xã Nong Lay", "old_name", "Xã Chiềng La"),  # merge list spelling
        ("Xã Noong Lay", "old_name", "Xã Chiềng La"),  # pre-2025 list spelling
    ],
)
def test_matches(communes: CommuneIndex, value: str, how: str, name: str) -> None:
    match = communes.match(value)
    assert (match.how, match.unit.name if match.unit else None) == (how, name)


def test_ambiguous_old_name_lists_both_units(communes: CommuneIndex) -> None:
    match = communes.match("Xã Chiềng Chung")
    assert match.unit is None and match.how == "ambiguous"
    assert {unit.name for unit in match.candidates} == {"Xã Đoàn Kết", "Xã Mường Chanh"}


def test_typo_gets_the_nearest_name(communes: CommuneIndex) -> None:
    match = communes.match("Xã Mường Bắm")  # accent typo is folded away
    assert match.unit is not None
    match = communes.match("Xã Muong Bam Moi")
    assert match.unit is None and match.how == "unknown"
    assert match.candidates[0].name == "Xã Mường Bám"


def test_unknown_place_far_from_every_name(communes: CommuneIndex) -> None:
    match = communes.match("Quận Hoàn Kiếm, Hà Nội")
    assert (match.unit, match.how, match.candidates) == (None, "unknown", ())


def test_the_real_code_lists_spelling_variants() -> None:
    """The variants dataset_specs/README.md lists between the merge column and the old list."""
    communes = CommuneIndex.from_codelists(REAL_CODELISTS)
    assert len(communes.units) == 75
    for old, new in [
        ("Xã Nậm ét", "Xã Mường Sại"),
        ("Xã Nặm Ét", "Xã Mường Sại"),
        ("Xã Pú Pẩu", "Xã Bó Sinh"),
        ("Xã Pú Bẩu", "Xã Bó Sinh"),
        ("Xã Noong Lay", "Xã Chiềng La"),
        ("Xã Chiềng Xôm", "Phường Chiềng An"),
    ]:
        match = communes.match(old)
        assert match.unit is not None and match.unit.name == new, old
