"""Match commune/ward names and codes written by agencies to the 75 official units (2025).

Agencies write ``Tô Hiệu``, ``phường tô hiệu``, ``P. Tô Hiệu``, use the name of a unit merged in
2025 (``Xã Chiềng Xôm`` is now part of ``Phường Chiềng An``) or mistype a name. The code lists
(``codelists/communes.csv`` with its ``merged_from`` column, and ``communes_pre2025.csv``) come
from the spec directory.

Tone marks tell units apart: ``Xã Mường Sai`` (merged into Xã Chiềng Khương in 2025) is not
``Xã Mường Sại`` (a current unit). So matching goes from the most to the least exact, and a
looser step is taken only when the stricter ones found nothing:

1. a current unit's code, or its name exactly (NFC, ignoring case and spacing, tones kept);
2. a pre-2025 name exactly (→ the unit it was merged into; an old unit split among several new
   units, or two old units with that name, is not guessed);
3. the name with accents and unit type ignored (``Xa Muong Sai``): applied only when every
   current and old name with that key points to one unit, else ambiguous (candidates listed);
4. the nearest names (typos): a *suggestion*, applied only when the official accepts it.

The unit type (Xã/Phường/Thị trấn) is part of the name: with it, step 1-2 compare it too;
without it, a current and an old unit with the same name are ambiguous unless both lead to the
same current unit.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sonla_publisher.specs.spec import load_codelist

UNCHANGED = "giữ nguyên"  # merged_from value: the unit kept its pre-2025 name and area
# Unit types as written (folded, lower case) -> the kind they name.
_PREFIXES = (
    ("thi tran", "thi_tran"),
    ("phuong", "phuong"),
    ("xa", "xa"),
    ("tt", "thi_tran"),
    ("p", "phuong"),
    ("x", "xa"),
)
_DISTRICT_PREFIXES = ("thanh pho", "thi xa", "huyen", "tp", "tx", "h")
_NOTE = re.compile(r"\(([^)]*)\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[^\W_]+")
# How close (0..1, difflib ratio) a spelling of the pre-2025 list must be to the merge column's
# spelling to count as the same old unit, and how close a typo must be to be suggested.
_VARIANT_RATIO = 0.8
_SUGGESTION_RATIO = 0.6


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def fold(name: str) -> str:
    """A loose comparison key: no accents, đ→d, lowercase, no unit prefix, no notes in brackets."""
    return _parse(name).folded


def _fold_words(text: str) -> str:
    return _NON_WORD.sub(" ", _strip_accents(text).lower()).strip()


def district_key(name: str) -> str:
    """``Huyện Mai Sơn``, ``huyện Mai Sơn``, ``H. Mai Son`` -> ``mai son``."""
    key = _fold_words(name)
    for prefix in _DISTRICT_PREFIXES:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            return key[len(prefix) + 1 :]
    return key


@dataclass(frozen=True)
class _Parsed:
    kind: str | None  # "xa", "phuong", "thi_tran"; None when no unit type was written
    exact: str  # the name without type: NFC, case-folded, single spaces, tones kept
    folded: str  # the name without type, accents or punctuation
    note: str  # district key of a note in brackets ("(huyện Mai Sơn)" -> "mai son"), or ""


def _parse(value: str) -> _Parsed:
    text = unicodedata.normalize("NFC", value)
    notes = _NOTE.findall(text)
    words = _WORD.findall(_NOTE.sub(" ", text).casefold())
    plain = [_strip_accents(word) for word in words]
    kind = None
    for prefix, prefix_kind in _PREFIXES:
        size = prefix.count(" ") + 1
        if len(plain) > size and " ".join(plain[:size]) == prefix:
            kind, words, plain = prefix_kind, words[size:], plain[size:]
            break
    note = district_key(notes[0]) if notes else ""
    return _Parsed(kind=kind, exact=" ".join(words), folded=" ".join(plain), note=note)


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # official full name, e.g. "Phường Tô Hiệu"


@dataclass(frozen=True)
class OldUnit:
    """A commune-level unit before 2025, and the current unit(s) it became part of."""

    name: str  # full name as the list spells it, e.g. "Xã Mường Sai"
    district: str  # district key ("mai son"), or "" when the list does not say
    targets: frozenset[str]  # codes of the current units


@dataclass(frozen=True)
class Match:
    """The result of looking up one name. ``unit`` is None unless the match is certain.

    ``how``: "code", "exact" (already the official name), "name" (the official name written
    another way: case, spacing, unit type), "old_name" (a pre-2025 name), "folded" (accents
    ignored, one unit only), "suggestion" (a typo's nearest unit: ``unit`` holds it, but it is
    applied only when accepted), "ambiguous", "split" (an old unit divided among ``candidates``),
    "unknown" (``candidates`` are the nearest names, if any).
    """

    unit: Unit | None
    how: str
    candidates: tuple[Unit, ...] = ()
    via: str = ""  # the current or pre-2025 name that matched

    @property
    def certain(self) -> bool:
        return self.unit is not None and self.how != "suggestion"


@dataclass
class _Entry:
    parsed: _Parsed
    unit: Unit | None = None  # a current unit
    old: OldUnit | None = None  # or a pre-2025 unit

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else self.old.name if self.old else ""

    @property
    def targets(self) -> list[str]:
        """Codes of the current unit(s) this name leads to."""
        if self.unit is not None:
            return [self.unit.code]
        return sorted(self.old.targets) if self.old else []


@dataclass
class CommuneIndex:
    """Lookups over the official units and their pre-2025 names."""

    units: list[Unit]
    old_units: list[OldUnit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_code = {unit.code: unit for unit in self.units}
        self.by_name = {unit.name: unit for unit in self.units}
        self._entries = [_Entry(_parse(unit.name), unit=unit) for unit in self.units]
        self._entries += [_Entry(_parse(old.name), old=old) for old in self.old_units]
        self._by_exact: dict[str, list[_Entry]] = {}
        self._by_folded: dict[str, list[_Entry]] = {}
        for entry in self._entries:
            self._by_exact.setdefault(entry.parsed.exact, []).append(entry)
            self._by_folded.setdefault(entry.parsed.folded, []).append(entry)

    @classmethod
    def from_codelists(cls, codelists: Path) -> CommuneIndex:
        rows = load_codelist(codelists / "communes.csv")
        units = [Unit(code=row["code"], name=row["name"]) for row in rows]
        pre2025_path = codelists / "communes_pre2025.csv"
        pre2025 = load_codelist(pre2025_path) if pre2025_path.is_file() else []
        return cls(units, old_units_from(rows, pre2025))

    # --- matching

    def match(self, value: str) -> Match:
        text = " ".join(value.split())
        if text in self.by_code:
            return Match(self.by_code[text], "code")
        if text in self.by_name:
            return Match(self.by_name[text], "exact", via=text)
        parsed = _parse(text)
        if not parsed.folded:
            return Match(None, "unknown")
        exact = self._exact(parsed)
        if exact is not None:
            return exact
        folded = self._by_folded.get(parsed.folded, [])
        if folded:
            return self._decide(_with_note(folded, parsed.note), "folded")
        return self._suggestion(parsed.folded)

    def _exact(self, parsed: _Parsed) -> Match | None:
        entries = self._by_exact.get(parsed.exact, [])
        if parsed.kind is not None:
            entries = [entry for entry in entries if entry.parsed.kind == parsed.kind]
            current = [entry for entry in entries if entry.unit is not None]
            if current:  # a current name written in full wins over a pre-2025 name
                return self._decide(current, "name")
        if not entries:
            return None
        return self._decide(_with_note(entries, parsed.note), "name")

    def _decide(self, entries: list[_Entry], how: str) -> Match:
        """One current unit behind every entry: a match; else the candidates, never a guess."""
        targets: dict[str, None] = {}
        for entry in entries:
            targets.update(dict.fromkeys(entry.targets))
        candidates = tuple(self.by_code[code] for code in targets)
        via = entries[0].name
        if len(candidates) == 1:
            if how == "name" and entries[0].unit is None:
                how = "old_name"
            return Match(candidates[0], how, via=via)
        if all(entry.old is not None for entry in entries) and all(
            entry.targets == entries[0].targets for entry in entries
        ):
            return Match(None, "split", candidates, via=via)
        return Match(None, "ambiguous", candidates)

    def _suggestion(self, key: str) -> Match:
        close = difflib.get_close_matches(key, list(self._by_folded), n=6, cutoff=_SUGGESTION_RATIO)
        near = self._units_of(close)
        strong = [name for name in close if _ratio(key, name) >= _VARIANT_RATIO]
        sure = self._units_of(strong)
        if len(sure) == 1:
            return Match(sure[0], "suggestion", sure, via=self._by_folded[strong[0]][0].name)
        return Match(None, "unknown", near[:3])

    def _units_of(self, names: list[str]) -> tuple[Unit, ...]:
        found: dict[str, None] = {}
        for name in names:
            for entry in self._by_folded[name]:
                found.update(dict.fromkeys(entry.targets))
        return tuple(self.by_code[code] for code in found)

    def suggest(self, key: str, count: int = 3) -> tuple[Unit, ...]:
        """The official units whose names (current or pre-2025) are nearest to ``key``."""
        return self._suggestion(fold(key)).candidates[:count]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _with_note(entries: list[_Entry], note: str) -> list[_Entry]:
    """Keep the old units of the district a note names (``(huyện Mai Sơn)``), if it names one."""
    if not note:
        return entries
    kept = [entry for entry in entries if entry.old is None or entry.old.district == note]
    return kept if any(entry.old is not None for entry in kept) else entries


def old_units_from(rows: list[dict[str, str]], pre2025: list[dict[str, str]]) -> list[OldUnit]:
    """The pre-2025 units, from the merge column and from the pre-2025 list.

    The merge column names each old unit (with a district note when two have the same name);
    the same old name in several rows means the old unit was divided among them. The pre-2025
    list adds each unit's district and its own spelling where the two lists differ
    (``Xã Noong Lay`` / ``Xã Nong Lay``): such a spelling is tied to the one merge-column name
    that no pre-2025 row spells exactly and that is the same name without accents or a close
    spelling, in the same district if the merge column says.
    """
    merged: dict[tuple[str, str], set[str]] = {}
    display: dict[tuple[str, str], str] = {}
    for row in rows:
        entry = row.get("merged_from") or ""
        names = [row["name"]] if entry in ("", UNCHANGED) else entry.split(";")
        for written in names:
            parsed = _parse(written)
            name = _NOTE.sub("", written).strip()
            key = (name, parsed.note)
            merged.setdefault(key, set()).add(row["code"])
            display.setdefault(key, name)
    districts: dict[tuple[str, str], str] = {}
    variants: list[OldUnit] = []
    spelled = {(row.get("full_name") or "").strip() for row in pre2025}
    unclaimed = [key for key in merged if key[0] not in spelled]
    for row in pre2025:
        name = (row.get("full_name") or "").strip()
        district = district_key(row.get("district_name") or "")
        same = [key for key in merged if key[0] == name]
        if len(same) == 1:
            districts[same[0]] = district
            continue
        noted = [key for key in same if key[1] == district]
        if len(noted) == 1:
            districts[noted[0]] = district
            continue
        spelling = _spelling_of(name, district, unclaimed)
        if spelling is not None:
            districts.setdefault(spelling, district)
            variants.append(OldUnit(name, district, frozenset(merged[spelling])))
    units = [
        OldUnit(display[key], key[1] or districts.get(key, ""), frozenset(codes))
        for key, codes in merged.items()
    ]
    return units + variants


def _spelling_of(
    name: str, district: str, keys: Iterable[tuple[str, str]]
) -> tuple[str, str] | None:
    """The one merge-column name spelling the same old unit as a pre-2025 list name, if any."""
    options = [key for key in keys if not key[1] or key[1] == district]
    folded = fold(name)
    same = [key for key in options if fold(key[0]) == folded]
    if len(same) == 1:
        return same[0]
    by_folded = {fold(key[0]): key for key in options}
    close = difflib.get_close_matches(folded, list(by_folded), n=2, cutoff=_VARIANT_RATIO)
    if len(close) == 1:
        return by_folded[close[0]]
    return None
