"""Match commune/ward names and codes written by agencies to the 75 official units (2025).

Agencies write ``Tô Hiệu``, ``phường tô hiệu``, ``P. Tô Hiệu``, use the name of a unit merged in
2025 (``Xã Chiềng Xôm`` is now part of ``Phường Chiềng An``) or mistype a name. The code lists
(``codelists/communes.csv`` with its ``merged_from`` column, and ``communes_pre2025.csv``) come
from the spec directory.

Matching order: the official name (with or without ``Xã``/``Phường``, ignoring case, accents
and spacing), then a pre-2025 name (same tolerance, plus the spelling variants between the two
lists, which differ by a letter or two), then nothing — with the nearest official name as a
suggestion.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sonla_publisher.specs import load_codelist

UNCHANGED = "giữ nguyên"  # merged_from value: the unit kept its pre-2025 name and area
_PREFIXES = ("thi tran", "phuong", "xa", "tt", "p", "x")
_BRACKETS = re.compile(r"\(.*?\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# How close (0..1, difflib ratio) a spelling must be to count as the same pre-2025 unit, and to
# be offered as a suggestion for a typo.
_VARIANT_RATIO = 0.8
_SUGGESTION_RATIO = 0.6


def fold(name: str) -> str:
    """A comparison key: no accents, đ→d, lowercase, no unit prefix, no notes in brackets."""
    text = unicodedata.normalize("NFC", name).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = _NON_WORD.sub(" ", _BRACKETS.sub(" ", text.lower())).strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix + " ") and len(text) > len(prefix) + 1:
            return text[len(prefix) + 1 :]
    return text


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # official full name, e.g. "Phường Tô Hiệu"


@dataclass(frozen=True)
class Match:
    """The result of looking up one name. ``unit`` is None when nothing matched."""

    unit: Unit | None
    how: str  # "code", "exact", "name", "old_name", "ambiguous", "unknown"
    candidates: tuple[Unit, ...] = ()  # ambiguous old names, or suggestions for a typo


class CommuneIndex:
    """Lookups over the official units and their pre-2025 names."""

    def __init__(self, units: list[Unit], old_names: dict[str, set[str]]) -> None:
        self.units = units
        self.by_code = {unit.code: unit for unit in units}
        self.by_name = {unit.name: unit for unit in units}
        folded: dict[str, list[Unit]] = {}
        for unit in units:
            folded.setdefault(fold(unit.name), []).append(unit)
        self.by_folded = folded
        self.old_names = old_names  # folded pre-2025 name -> codes of the 2025 units

    @classmethod
    def from_codelists(cls, codelists: Path) -> CommuneIndex:
        rows = load_codelist(codelists / "communes.csv")
        units = [Unit(code=row["code"], name=row["name"]) for row in rows]
        old_names: dict[str, set[str]] = {}
        for row in rows:
            merged = row.get("merged_from") or ""
            names = [row["name"]] if merged in ("", UNCHANGED) else merged.split(";")
            for name in names:
                old_names.setdefault(fold(name), set()).add(row["code"])
        pre2025 = codelists / "communes_pre2025.csv"
        if pre2025.is_file():
            _add_spelling_variants(old_names, load_codelist(pre2025))
        return cls(units, old_names)

    def match(self, value: str) -> Match:
        text = " ".join(value.split())
        if text in self.by_code:
            return Match(self.by_code[text], "code")
        if text in self.by_name:
            return Match(self.by_name[text], "exact")
        key = fold(text)
        current = self.by_folded.get(key, [])
        if len(current) == 1:
            return Match(current[0], "name")
        codes = self.old_names.get(key, set())
        if len(codes) == 1:
            return Match(self.by_code[next(iter(codes))], "old_name")
        if len(codes) > 1 or len(current) > 1:
            candidates = current or [self.by_code[code] for code in sorted(codes)]
            return Match(None, "ambiguous", tuple(candidates))
        return Match(None, "unknown", self.suggest(key))

    def suggest(self, key: str, count: int = 3) -> tuple[Unit, ...]:
        """The official units whose names (current or pre-2025) are nearest to ``key``."""
        names = {fold(unit.name): unit.code for unit in self.units}
        for old, codes in self.old_names.items():
            if len(codes) == 1:
                names.setdefault(old, next(iter(codes)))
        close = difflib.get_close_matches(key, list(names), n=count * 2, cutoff=_SUGGESTION_RATIO)
        found: list[Unit] = []
        for name in close:
            unit = self.by_code[names[name]]
            if unit not in found:
                found.append(unit)
        return tuple(found[:count])


def _add_spelling_variants(old_names: dict[str, set[str]], pre2025: list[dict[str, str]]) -> None:
    """Let the pre-2025 list's spellings find the unit their merge-column spelling points to."""
    known = list(old_names)
    for row in pre2025:
        key = fold(row.get("full_name") or row.get("name") or "")
        if not key or key in old_names:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=_VARIANT_RATIO)
        if close:
            old_names[key] = set(old_names[close[0]])
