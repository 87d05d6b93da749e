"""Commune/ward names matched to the 75 official units, old names mapped, typos suggested."""

from __future__ import annotations

import csv
import functools
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from agency_sheets import write_beds_catalogue
from sonla_publisher.reading.commune_names import CommuneIndex, fold

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
        ("PHUONG TO HIEU", "folded", "Phường Tô Hiệu"),
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
    match = communes.match("Xã Mường Bắm")  # a wrong tone, one unit only: applied
    assert (match.how, match.unit.name if match.unit else None) == ("folded", "Xã Mường Bám")
    match = communes.match("Xã Muong Bam Moi")  # a typo near one unit: only a suggestion
    assert (match.how, match.certain) == ("suggestion", False)
    assert match.unit is not None and match.unit.name == "Xã Mường Bám"
    match = communes.match("Muong Bam Xa Moi")  # too far to suggest one unit
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


# --- issue #15: tone marks and unit types are information; no guessing


@pytest.fixture(scope="module")
def real() -> CommuneIndex:
    return CommuneIndex.from_codelists(REAL_CODELISTS)


@pytest.mark.parametrize(
    ("value", "name"),
    [
        # pre-2025 names that differ from a current unit's name only by tone marks
        ("Xã Mường Sai", "Xã Chiềng Khương"),  # not Xã Mường Sại
        ("Xã Chiềng Ân", "Xã Chiềng Hoa"),  # not Phường Chiềng An
        ("Xã Mường Bằng", "Xã Chiềng Mung"),  # not Xã Mường Bang
        ("Xã Chiềng Hắc", "Phường Mộc Châu"),  # not Xã Chiềng Hặc
        ("xã mường sai", "Xã Chiềng Khương"),
        ("Mường Sai", "Xã Chiềng Khương"),  # no type, but the tones decide
        ("Chiềng An", "Phường Chiềng An"),
        ("Xã Chiềng Chung (huyện Mai Sơn)", "Xã Mường Chanh"),  # the district note decides
        ("Xã Chiềng Chung (Thị xã Mộc Châu)", "Xã Đoàn Kết"),
        ("Xã Chiềng Xôm (cũ)", "Phường Chiềng An"),  # a note that names no district is ignored
    ],
)
def test_old_names_are_not_rewritten_to_a_current_unit_by_tone(
    real: CommuneIndex, value: str, name: str
) -> None:
    match = real.match(value)
    assert match.certain and match.unit is not None and match.unit.name == name, match


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Xa Muong Sai", {"Xã Mường Sại", "Xã Chiềng Khương"}),
        ("XA MUONG BANG", {"Xã Mường Bang", "Xã Chiềng Mung"}),
        ("Chieng Hac", {"Xã Chiềng Hặc", "Phường Mộc Châu"}),
        ("Chieng An", {"Phường Chiềng An", "Xã Chiềng Hoa"}),
        # a type that matches neither spelling exactly: "Xã" of the old name, or "Chiềng An"
        # (the current ward) with the wrong type?
        ("Xã Chiềng An", {"Phường Chiềng An", "Xã Chiềng Hoa"}),
        ("Xã Chiềng Chung", {"Xã Đoàn Kết", "Xã Mường Chanh"}),
    ],
)
def test_uncertain_names_list_the_candidates(real: CommuneIndex, value: str, names: set[str]) -> None:
    match = real.match(value)
    assert (match.unit, match.how) == (None, "ambiguous")
    assert {unit.name for unit in match.candidates} == names


def test_nfd_and_upper_case_keep_their_tones(real: CommuneIndex) -> None:
    for value in (unicodedata.normalize("NFD", "Xã Mường Sai"), "XÃ MƯỜNG SAI"):
        match = real.match(value)
        assert match.unit is not None and match.unit.name == "Xã Chiềng Khương"


def test_an_old_unit_split_among_new_units_is_asked_not_guessed(tmp_path: Path) -> None:
    codelists = tmp_path / "codelists"
    codelists.mkdir()
    (codelists / "communes.csv").write_text(
        "code,slug,name,short_name,kind,name_en,merged_from\n"
        "00001,xa-a,Xã A,A,xa,A,Xã Cũ;Xã A\n"
        "00002,xa-b,Xã B,B,xa,B,Xã Cũ;Xã B\n",
        encoding="utf-8",
    )
    communes = CommuneIndex.from_codelists(codelists)
    for value in ("Xã Cũ", "xa cu"):
        match = communes.match(value)
        assert (match.unit, match.how) == (None, "split"), value
        assert {unit.name for unit in match.candidates} == {"Xã A", "Xã B"}


def test_a_current_name_wins_over_the_same_old_name(tmp_path: Path) -> None:
    """An old "Xã A" merged elsewhere while a new unit is also called "Xã A": the current one."""
    codelists = tmp_path / "codelists"
    codelists.mkdir()
    (codelists / "communes.csv").write_text(
        "code,slug,name,short_name,kind,name_en,merged_from\n"
        "00001,xa-a,Xã A,A,xa,A,Xã X;Xã Y\n"
        "00002,xa-b,Xã B,B,xa,B,Xã A;Xã B\n",
        encoding="utf-8",
    )
    match = CommuneIndex.from_codelists(codelists).match("Xã A")
    assert match.unit is not None and match.unit.name == "Xã A"


# --- every name of the reference data (../shared), checked against the merger data

# ../shared beside the clone (as CI has it); SONLA_REFERENCE_DATA points elsewhere (a worktree).
REFERENCE = Path(
    os.environ.get("SONLA_REFERENCE_DATA", Path(__file__).resolve().parents[3] / "shared" / "reference-data")
)
_VARIANTS = {  # the pre-2025 list's spellings of the merge column's names (dataset_specs/README.md)
    "Xã Nậm ét": "Xã Nặm Ét",
    "Xã Mường é": "Xã Mường É",
    "Xã é Tòng": "Xã É Tòng",
    "Xã Noong Lay": "Xã Nong Lay",
    "Xã Nậm Păm": "Xã Nặm Păm",
    "Xã Liên Hoà": "Xã Liên Hòa",
    "Xã Nà Ơt": "Xã Nà Ớt",
    "Xã Pú Pẩu": "Xã Pú Bẩu",
}
_TYPES = ("thị trấn", "phường", "xã")


def _reference(name: str) -> list[dict[str, str]]:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"reference data not found: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def _toneless(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.cache
def _without_type(name: str) -> str:
    """The name with its tones, without Xã/Phường/Thị trấn, in lower case."""
    key = unicodedata.normalize("NFC", name).lower()
    for kind in _TYPES:
        if key.startswith(kind + " "):
            return key[len(kind) + 1 :]
    return key


@functools.cache
def _loose(name: str) -> str:
    key = _toneless(name).lower()
    for kind in _TYPES:
        if key.startswith(_toneless(kind) + " "):
            return key[len(kind) + 1 :]
    return key


class _Merger:
    """The reference data read on its own: which current unit(s) each name leads to."""

    def __init__(self) -> None:
        current = _reference("sonla_communes_2025.csv")
        pre2025 = _reference("sonla_communes_pre2025.csv")
        self.current = {row["ten_day_du"]: row["ma_xa"] for row in current}
        self.names = {row["ma_xa"]: row["ten_day_du"] for row in current}
        self.old: dict[str, set[str]] = {}  # old full name (with its note) -> codes
        for row in current:
            merged = row["truoc_sap_nhap"]
            for old in (merged.split(", ") if merged and merged != "giữ nguyên" else [row["ten_day_du"]]):
                old = "Xã Xím Vàng" if old == "Xã Xí m Vàng" else old  # the source's typo
                self.old.setdefault(old, set()).add(row["ma_xa"])
        self.pre2025: list[tuple[str, str]] = []  # (full name, district)
        for row in pre2025:
            self.pre2025.append((row["ten_day_du"], row["ten_huyen"]))

    def targets_of_pre2025(self, name: str, district: str) -> set[str]:
        name = _VARIANTS.get(name, name)
        if name in self.old:
            return self.old[name]
        noted = [old for old in self.old if old.startswith(name + " (") and district.lower() in old.lower()]
        assert len(noted) == 1, (name, district)
        return self.old[noted[0]]

    def loose_targets(self, value: str, key_of: Callable[[str], str] = _loose) -> set[str]:
        """Every unit a name may mean once ``key_of`` has dropped what it drops (accents, type);
        a district note narrows the old names."""
        base, _, note = value.partition(" (")
        key, note = key_of(base), _toneless(note).lower().rstrip(")")
        found = {code for name, code in self.current.items() if key_of(name) == key}
        for old, codes in self.old.items():
            old_base, _, old_note = old.partition(" (")
            if key_of(old_base) == key and (not note or _toneless(old_note).lower().rstrip(")") == note):
                found |= codes
        for name, district in self.pre2025:
            if key_of(name) == key and (not note or note.endswith(_toneless(district).lower())):
                found |= self.targets_of_pre2025(name, district)
        return found


def _check(communes: CommuneIndex, merger: _Merger, value: str, codes: set[str], tolerant: bool) -> None:
    match = communes.match(value)
    if tolerant:
        codes = merger.loose_targets(value)
    if len(codes) == 1:
        assert match.certain and match.unit is not None, (value, match)
        assert match.unit.code == next(iter(codes)), (value, match.unit, merger.names[next(iter(codes))])
    else:
        assert match.unit is None and match.how in ("ambiguous", "split"), (value, match)
        assert {unit.code for unit in match.candidates} == codes, value


def test_every_reference_name_in_every_spelling_leads_to_its_unit() -> None:
    merger = _Merger()
    communes = CommuneIndex.from_codelists(REAL_CODELISTS)
    checked = 0
    names = [(name, {code}) for name, code in merger.current.items()]
    for old, codes in merger.old.items():
        if old not in merger.current:  # a current name written in full wins (tested above)
            names.append((old, codes))
    for name, district in merger.pre2025:
        if name not in merger.current and name not in merger.old:
            names.append((f"{name} ({district})", merger.targets_of_pre2025(name, district)))
    for name, codes in names:
        for spelling in (name, name.upper(), unicodedata.normalize("NFD", name)):
            _check(communes, merger, spelling, codes, tolerant=False)
            checked += 1
        _check(communes, merger, _toneless(name), codes, tolerant=True)
        _check(communes, merger, _toneless(name).upper(), codes, tolerant=True)
        # without its type, a name (tones kept) may be a current and an old unit: one only if
        # both lead to the same current unit
        short = name.split(" ", 2)[-1] if name.startswith("Thị trấn ") else name.split(" ", 1)[-1]
        _check(communes, merger, short, merger.loose_targets(short, _without_type), tolerant=False)
        checked += 3
    assert len(names) > 200 and checked == 6 * len(names)  # 75 current, 200 old (some the same)


def test_the_code_lists_agree_with_the_reference_data() -> None:
    """dataset_specs/codelists (what the product reads) holds the reference data's merger data."""
    reference = {row["ma_xa"]: row for row in _reference("sonla_communes_2025.csv")}
    ours = {row["code"]: row for row in csv.DictReader((REAL_CODELISTS / "communes.csv").open(encoding="utf-8"))}
    assert set(ours) == set(reference)
    for code, row in reference.items():
        assert ours[code]["name"] == row["ten_day_du"]
        expected = row["truoc_sap_nhap"].replace("Xã Xí m Vàng", "Xã Xím Vàng").replace(", ", ";")
        assert ours[code]["merged_from"] == expected, code
    old = [(row["ma_xa_cu"], row["ten_day_du"], row["ten_huyen"]) for row in _reference("sonla_communes_pre2025.csv")]
    with (REAL_CODELISTS / "communes_pre2025.csv").open(encoding="utf-8") as handle:
        assert [(r["code"], r["full_name"], r["district_name"]) for r in csv.DictReader(handle)] == old
