"""Commune/ward names (issue #15): old names that differ from a current name only by tone
marks, names without accents or unit type, decomposed (NFD) text, old units with the same name,
an old unit divided among new units. Run against the real code lists of dataset_specs/."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import openpyxl

from hostile import INVALID, VALID, HostileCase

_CODELISTS = Path(__file__).resolve().parents[3] / "dataset_specs" / "codelists"
REAL_COMMUNES = {
    name: (_CODELISTS / name).read_text(encoding="utf-8") for name in ("communes.csv", "communes_pre2025.csv")
}
SPEC: dict[str, Any] = {
    "schema": {
        "fields": [
            {"name": "ma_co_so", "title": "Mã cơ sở", "type": "string",
             "constraints": {"required": True, "pattern": "^[0-9]{5}$"}},
            {"name": "xa_phuong", "title": "Xã, phường", "type": "string", "x-sonla-codelist": "communes",
             "constraints": {"required": True}},
        ],
        "primaryKey": ["ma_co_so"],
    },
    "source": {"sheet": "Danh sách"},
}


def communes_sheet(*names: str, file_name: str = "xa.xlsx"):
    """A sheet with the header on row 1 and one row per name (B2, B3, ...)."""

    def build(folder: Path) -> Path:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Danh sách"
        sheet.append(["Mã cơ sở", "Xã, phường"])
        for index, name in enumerate(names):
            sheet.append([f"{14000 + index:05d}", name])
        path = folder / file_name
        workbook.save(path)
        return path

    return build


def commune_case(name: str, names: tuple[str, ...], exit_code: int, message: str, cleaned: list[str],
                 **kwargs: Any) -> HostileCase:
    kwargs.setdefault("codelists", REAL_COMMUNES)
    return HostileCase(name, communes_sheet(*names), exit_code, message, spec_overrides=SPEC,
                       cleaned={"xa_phuong": cleaned}, **kwargs)


SPLIT_COMMUNES = (
    "code,slug,name,short_name,kind,name_en,merged_from\n"
    "00001,xa-a,Xã Nậm A,Nậm A,xa,Nam A Commune,Xã Bản Cũ;Xã Nậm A\n"
    "00002,xa-b,Xã Nậm B,Nậm B,xa,Nam B Commune,Xã Bản Cũ;Xã Nậm B\n"
)

CASES = [
    # the four names of the issue: a pre-2025 name, one tone away from a current unit's name
    commune_case("old-name-muong-sai-not-muong-sai-current", ("Xã Mường Sai",), VALID,
                 "Ô B2 (dòng 2, cột «Xã, phường»): «Xã Mường Sai» → «Xã Chiềng Khương»", ["Xã Chiềng Khương"],
                 message_en='"Xã Mường Sai" → "Xã Chiềng Khương" — pre-2025 name'),
    commune_case("old-name-chieng-an-not-ward-chieng-an", ("Xã Chiềng Ân",), VALID,
                 "«Xã Chiềng Ân» → «Xã Chiềng Hoa»", ["Xã Chiềng Hoa"]),
    commune_case("old-name-muong-bang-not-muong-bang-current", ("Xã Mường Bằng",), VALID,
                 "«Xã Mường Bằng» → «Xã Chiềng Mung»", ["Xã Chiềng Mung"]),
    commune_case("old-name-chieng-hac-not-chieng-hac-current", ("Xã Chiềng Hắc",), VALID,
                 "«Xã Chiềng Hắc» → «Phường Mộc Châu»", ["Phường Mộc Châu"]),
    # the current names themselves stay (upper case is only rewritten)
    commune_case("current-name-muong-sai-kept", ("Xã Mường Sại", "XÃ MƯỜNG BANG"), VALID,
                 "«XÃ MƯỜNG BANG» → «Xã Mường Bang»", ["Xã Mường Sại", "Xã Mường Bang"]),
    # without tones, a name may be the current unit or the old one: ask
    commune_case("toneless-name-is-ambiguous", ("Xa Muong Sai",), INVALID,
                 "«Xa Muong Sai» có thể là nhiều đơn vị: «Xã Mường Sại», «Xã Chiềng Khương»", ["Xa Muong Sai"],
                 message_en='"Xa Muong Sai" may be one of several units'),
    commune_case("toneless-name-without-type-is-ambiguous", ("Chieng Hac",), INVALID,
                 "«Chieng Hac» có thể là nhiều đơn vị: «Xã Chiềng Hặc», «Phường Mộc Châu»", ["Chieng Hac"]),
    # "Xã" of the old Xã Chiềng Ân with the tones of the ward Chiềng An: not guessed
    commune_case("type-and-tones-disagree-is-ambiguous", ("Xã Chiềng An",), INVALID,
                 "có thể là nhiều đơn vị: «Phường Chiềng An», «Xã Chiềng Hoa»", ["Xã Chiềng An"]),
    # tones without unit type decide
    commune_case("old-name-without-type-tones-decide", ("Mường Sai", "Chiềng An"), VALID,
                 "«Mường Sai» → «Xã Chiềng Khương»", ["Xã Chiềng Khương", "Phường Chiềng An"]),
    # decomposed Unicode (NFD, as some Mac and web forms write) keeps its tones
    commune_case("nfd-old-name", (unicodedata.normalize("NFD", "Xã Mường Bằng"),), VALID,
                 "→ «Xã Chiềng Mung»", ["Xã Chiềng Mung"]),
    commune_case("nfd-current-name", (unicodedata.normalize("NFD", "Xã Chiềng Hặc"),), VALID,
                 "chuẩn hoá chữ tiếng Việt tổ hợp", ["Xã Chiềng Hặc"]),
    # two old units had the same name: the district note decides, none is guessed without it
    commune_case("two-old-units-same-name", ("Xã Chiềng Chung",), INVALID,
                 "«Xã Đoàn Kết», «Xã Mường Chanh»", ["Xã Chiềng Chung"]),
    commune_case("two-old-units-district-note", ("Xã Chiềng Chung (huyện Mai Sơn)",), VALID,
                 "→ «Xã Mường Chanh»", ["Xã Mường Chanh"]),
    # an old unit divided among several new units (Sơn La's 2025 data has none: a made-up list)
    commune_case("old-unit-split-among-new-units", ("Xã Bản Cũ",), INVALID,
                 "Đơn vị cũ «Xã Bản Cũ» đã được chia cho nhiều đơn vị mới: «Xã Nậm A», «Xã Nậm B»", ["Xã Bản Cũ"],
                 codelists={"communes.csv": SPLIT_COMMUNES, "communes_pre2025.csv": "code,name,full_name\n"}),
]
