"""Recognise the parts of a printed agency sheet that are not data, and log what was cleaned.

A sheet made for printing has, besides the table: a second header row under merged parent titles,
a row numbering the columns ``(1) (2) (3)``, an STT (row number) column, and a signature block at
the bottom ("Người lập biểu", "KT. GIÁM ĐỐC", "Sơn La, ngày … tháng … năm …"). Every change made
to the data is recorded as a :class:`CleaningStep`, so the report can say what was done, and
every value changed in a cell as a :class:`Change` (cell, old value, new value, reason).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from typing import Any, Literal

from sonla_publisher.i18n.messages import Lang, render
from sonla_publisher.reading.cells import cell_to_text, column_letter, header_key
from sonla_publisher.reading.commune_names import CommuneIndex, Match
from sonla_publisher.reading.legacy_text import BEYOND_LATIN1, Encoding, fix_legacy
from sonla_publisher.reading.months import MONTH, is_month_field, month_text
from sonla_publisher.specs.spec import Spec

STT_TITLES = frozenset({"stt", "tt", "số tt", "số thứ tự", "s tt", "thứ tự"})
_COLUMN_NUMBER = re.compile(r"^\(?([0-9]{1,2}|[A-Z])\)?$")
_SIGNATURE_STARTS = (
    "người lập",
    "người ghi",
    "người tổng hợp",
    "thủ trưởng",
    "kt.",
    "kt ",
    "tm.",
    "tm ",
    "tl.",
    "q.",
    "giám đốc",
    "phó giám đốc",
    "chủ tịch",
    "phó chủ tịch",
    "kế toán",
    "trưởng phòng",
    "xác nhận",
    "(ký",
    "ký tên",
    "ký, ",
    "(đã ký)",
    "đã ký",
)
_DATE_LINE = re.compile(r"ngày\s*[.…_\d\s]*tháng\s*[.…_\d\s]*năm")
_MAX_SIGNATURE_CELLS = 4
_EXAMPLES = 3  # how many examples a cleaning step quotes
# Changes kept per reason (all are counted): a file of a million rows written "1.234" must not
# keep a million records in memory. Reports say how many more there were.
MAX_CHANGES_PER_REASON = 200
ACCEPT_SUGGESTIONS_KEY = "accept_suggestions"  # in the spec's source: block
_NUMBER_TYPES = frozenset({"integer", "number", "year"})


@dataclass(frozen=True)
class Change:
    """One value the cleaner changed: where (cell, row, column), from what, to what, and why."""

    row: int
    cell: str | None
    column: str
    old: str
    new: str
    reason: str  # message id "change.…"
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        return render(self.reason, lang, {"old": self.old, "new": self.new, **self.params})

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "cell": self.cell,
            "column": self.column,
            "old": self.old,
            "new": self.new,
            "code": self.reason,
            "message": {"vi": self.message("vi"), "en": self.message("en")},
        }


@dataclass
class ChangeList:
    """The changes kept (at most :data:`MAX_CHANGES_PER_REASON` per reason) and all counts."""

    kept: list[Change] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, change: Change) -> None:
        self.counts[change.reason] += 1
        if self.counts[change.reason] <= MAX_CHANGES_PER_REASON:
            self.kept.append(change)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_reason(self) -> dict[str, list[Change]]:
        """Kept changes grouped by reason, reasons in order of first appearance."""
        groups: dict[str, list[Change]] = {}
        for change in self.kept:
            groups.setdefault(change.reason, []).append(change)
        return groups

    def omitted(self, reason: str) -> int:
        """How many changes of this reason were counted but not kept."""
        return max(0, self.counts[reason] - MAX_CHANGES_PER_REASON)


# C0 control characters other than tab, LF and CR: never text (PostgreSQL cannot store NUL)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class CleaningStep:
    """One thing done to the file's content before validation."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        return render(self.message_id, lang, self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.message_id,
            "message": {"vi": self.message("vi"), "en": self.message("en")},
        }


@dataclass
class CleaningLog:
    """Collects steps and counters while rows stream by; :meth:`steps` summarises them."""

    steps_so_far: list[CleaningStep] = field(default_factory=list)
    nfc_cells: int = 0
    legacy_cells: Counter[Encoding] = field(default_factory=Counter)
    legacy_examples: dict[Encoding, list[tuple[str, str]]] = field(default_factory=dict)
    empty_rows: int = 0
    note_rows: list[int] = field(default_factory=list)
    commune_fixes: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    changes: ChangeList = field(default_factory=ChangeList)
    # Where the table's fields are (set once the header is found): cell references and titles.
    columns: tuple[int | None, ...] = ()
    titles: tuple[str, ...] = ()

    def record(self, row: int, index: int, old: str, new: str, reason: str, **params: Any) -> None:
        """A value changed in the cell of field ``index`` on ``row``."""
        # Counted first: past the kept limit (most changes of a large file) nothing else is built.
        counts = self.changes.counts
        count = counts[reason] + 1
        counts[reason] = count
        if count > MAX_CHANGES_PER_REASON:
            return
        column = self.columns[index] if 0 <= index < len(self.columns) else None
        cell = None if column is None else f"{column_letter(column)}{row}"
        title = self.titles[index] if 0 <= index < len(self.titles) else ""
        self.changes.kept.append(Change(row, cell, title, old, new, reason, params))

    def add(self, message_id: str, **params: Any) -> None:
        self.steps_so_far.append(CleaningStep(message_id, params))

    def clean_text(self, text: str) -> str:
        """NFC and legacy-encoding repair of one text cell, counted."""
        return self.repair(text)[0]

    def repair(self, text: str) -> tuple[str, str | None]:
        """The repaired text and what was repaired ("nfc", "tcvn3", "vni" or None), counted."""
        fixed, encoding = fix_legacy(text)
        if encoding is not None:
            self.count(encoding)
            examples = self.legacy_examples.setdefault(encoding, [])
            if len(examples) < _EXAMPLES:
                examples.append((text, fixed))
            return fixed, encoding
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            self.count("nfc")
            return unicodedata.normalize("NFC", text), "nfc"
        return text, None

    def count(self, repair: Encoding | Literal["nfc"]) -> None:
        if repair == "nfc":
            self.nfc_cells += 1
        else:
            self.legacy_cells[repair] += 1

    def steps(self) -> list[CleaningStep]:
        steps = list(self.steps_so_far)
        if self.nfc_cells:
            steps.append(CleaningStep("clean.nfc", {"count": self.nfc_cells}))
        for encoding, count in sorted(self.legacy_cells.items()):
            pairs = self.legacy_examples.get(encoding, [])
            examples = "; ".join(f"«{old}» → «{new}»" for old, new in pairs)
            steps.append(
                CleaningStep(
                    "clean.legacy",
                    {"count": count, "encoding": encoding.upper(), "examples": examples},
                )
            )
        if self.empty_rows:
            steps.append(CleaningStep("clean.empty_rows", {"count": self.empty_rows}))
        if self.note_rows:
            steps.append(CleaningStep("clean.note_rows", {"rows": _row_list(self.note_rows)}))
        for (old, new, how), count in sorted(self.commune_fixes.items()):
            steps.append(
                CleaningStep(f"clean.commune.{how}", {"old": old, "new": new, "count": count})
            )
        return steps


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:10]))
    return shown + (", …" if len(rows) > 10 else "")


def non_empty(row: list[Any]) -> list[Any]:
    return [cell for cell in row if cell is not None and str(cell).strip() != ""]


def is_column_number_row(row: list[Any]) -> bool:
    """A row numbering the columns: ``(1) (2) (3)``, ``1 2 3``, ``A B 1 2``..."""
    cells = non_empty(row)
    if len(cells) < 3:
        return False
    numbers: list[int] = []
    for cell in cells:
        if isinstance(cell, bool):
            return False
        if isinstance(cell, (int, float)):
            if cell != int(cell):
                return False
            numbers.append(int(cell))
            continue
        match = _COLUMN_NUMBER.match(str(cell).strip())
        if not match:
            return False
        if match.group(1).isdigit():
            numbers.append(int(match.group(1)))
    return len(numbers) >= 2 and all(b == a + 1 for a, b in pairwise(numbers))


def is_signature_row(row: list[Any]) -> bool:
    """Every non-empty cell is a signature-block line (title of a signer, date line, "(Ký...)")."""
    if len(row) - row.count(None) - row.count("") > _MAX_SIGNATURE_CELLS:
        return False  # a data row (checked first, in C: it runs on every row)
    texts: list[str] = []
    for cell in row:  # a loop that gives up early: it runs on every row of large files
        if cell is None or cell == "":
            continue
        if not isinstance(cell, str) or len(texts) == _MAX_SIGNATURE_CELLS:
            return False
        if not cell.isspace():
            texts.append(cell)
    return bool(texts) and all(_is_signature_text(text) for text in texts)


def _is_signature_text(text: str) -> bool:
    key = header_key(text)
    return key.startswith(_SIGNATURE_STARTS) or bool(_DATE_LINE.search(key))


def is_stt_title(title: Any) -> bool:
    return header_key(title).rstrip(" .:") in STT_TITLES


def join_header_rows(
    parent: list[Any], child: list[Any], merged_parents: dict[int, Any] | None
) -> list[str]:
    """Titles for a two-row header: ``Parent - Child`` under a merged parent, else the one title.

    ``merged_parents`` maps a column to the value of the merged range covering it in the parent
    row (from the workbook's merged ranges). Without it (csv), an empty parent cell takes the
    parent of the column on its left when both columns have a child title.
    """
    width = max(len(parent), len(child))
    titles: list[str] = []
    carried: str = ""
    for column in range(width):
        own = _text(parent[column] if column < len(parent) else None)
        sub = _text(child[column] if column < len(child) else None)
        if merged_parents is not None:
            top = own or _text(merged_parents.get(column))
        else:
            top = own or (carried if sub else "")
        carried = top if sub else ""
        if top and sub:
            titles.append(f"{top} - {sub}")
        else:
            titles.append(top or sub)
    return titles


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def cleaning_types(fields: list[dict[str, Any]]) -> list[str]:
    """Each field's type for cleaning: its Table Schema type, or ``month`` for a month column."""
    return [MONTH if is_month_field(f) else str(f.get("type") or "string") for f in fields]


def with_accepted_suggestions(spec: Spec) -> Spec:
    """The spec as if its ``source:`` block said ``accept_suggestions: true``."""
    source = spec.data.get("source")
    data = {
        **spec.data,
        "source": {**(source if isinstance(source, dict) else {}), ACCEPT_SUGGESTIONS_KEY: True},
    }
    return Spec(spec.path, spec.raw_bytes, data)


def accepts_suggestions(source: Any) -> bool:
    """True when the spec's ``source:`` block says ``accept_suggestions: true``."""
    return isinstance(source, dict) and source.get(ACCEPT_SUGGESTIONS_KEY) is True


def _is_nfc_unicode(text: str) -> bool:
    """Text that legacy_text.detect leaves alone and that is NFC already."""
    return BEYOND_LATIN1.search(text) is not None and unicodedata.is_normalized("NFC", text)


def _change_reason(field_type: str, repair: str | None) -> tuple[str, dict[str, Any]]:
    if repair == "nfc":
        return "change.nfc", {}
    if repair is not None:
        return "change.legacy", {"encoding": repair.upper()}
    if field_type in _NUMBER_TYPES:
        return "change.number", {}
    if field_type == "date":
        return "change.date", {}
    if field_type == MONTH:
        return "change.month", {}
    if field_type == "string":
        return "change.spaces", {}
    return "change.parsed", {}


def _reread_reason(cell: Any, field_type: str, result: str) -> str | None:
    """Why a typed (non-text) cell's value was read as something else, if it was."""
    if field_type != "date" or isinstance(cell, bool):
        return None
    if isinstance(cell, dt.datetime) and cell.time() != dt.time():
        return "change.date_time_dropped"  # a date column keeps the day only
    if isinstance(cell, (int, float)) and result != _plain_cell(cell):
        return "change.date_serial"  # a number in a date column: Excel's day count
    return None


def _plain_cell(cell: Any) -> str:
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


class CellCleaner:
    """Clean text for each cell, with a bounded cache per field (values repeat a lot).

    Values the cleaning leaves as they are (apart from surrounding spaces) are cached in
    :attr:`caches`, which the reader looks up directly. A value that changes always goes through
    :meth:`text`, so that each changed cell is recorded in the log with its row (:attr:`row`, set
    by the reader before each row); what it changes to, and why, is cached in :attr:`changed`
    (agency files repeat "99,5" and "15/03/2024" a lot), except repairs of old encodings and
    NFC, which the log also counts per cell.
    Numbers and dates are cached by value, except 0 and 1 (equal to False and True as keys).
    """

    CACHE_SIZE = 50_000
    # A field's cache is judged when it holds this many values: if nearly every row had a
    # value of its own (ids, names, phones), caching costs memory and inserts for no hits.
    CACHE_PROBE = 10_000
    PROBE_ROWS = 12_500

    def __init__(self, types: list[str], log: CleaningLog) -> None:
        self.types = types
        self.log = log
        self.caches: list[dict[Any, str]] = [{} for _ in types]
        self.limits = [self.CACHE_SIZE for _ in types]
        self.strings = [field_type == "string" for field_type in types]
        # per field: a changing value -> (old as shown, new, reason, params)
        self.changed: list[dict[Any, tuple[str, str, str, dict[str, Any]]]] = [{} for _ in types]
        self.row = 0
        # (field, cell) of the current row's cells holding control characters; the reader
        # reports them and clears the list
        self.controls: list[tuple[int, str]] = []

    def fill_misses(self, cells: tuple[Any, ...], cleaned: list[str | None]) -> None:
        """Clean, in place, the cells of a row not found in the caches (None in ``cleaned``).

        One call per row, not per cell: the two commonest misses are handled here without a
        call of :meth:`text`: plain text (its fast path) and a change seen before whose reason
        is past the kept limit (only counted).
        """
        strings, limits, changed = self.strings, self.limits, self.changed
        counts = self.log.changes.counts
        index = -1
        for _ in range(cleaned.count(None)):
            index = cleaned.index(None, index + 1)
            cell = cells[index]
            if type(cell) is str:
                if (
                    strings[index]
                    and not limits[index]
                    and cell.isprintable()
                    and (cell.isascii() or _is_nfc_unicode(cell))
                ):
                    cleaned[index] = cell.strip()  # as in text: a value that does not repeat
                    continue
                known = changed[index].get(cell)
                if known is not None and counts[known[2]] >= MAX_CHANGES_PER_REASON:
                    counts[known[2]] += 1
                    cleaned[index] = known[1]
                    continue
            cleaned[index] = self.text(cell, index)

    def text(self, cell: Any, index: int) -> str:
        # Fast path for text in a text field (ids, names, phones) that is ASCII, or Unicode (a
        # letter beyond Latin-1: not a legacy encoding) already NFC: only spaces around it can
        # go, which is no change (the change list compares trimmed values); printable, it holds
        # no control character nor non-breaking space. Such a value is never in self.changed.
        if (
            type(cell) is str
            and self.strings[index]
            and cell.isprintable()
            and (cell.isascii() or _is_nfc_unicode(cell))
        ):
            result = cell.strip()
            if self.limits[index]:
                self._remember(cell, index, result)
            return result
        known = self.changed[index].get(cell) if type(cell) is not bool else None
        if known is not None:
            old, result, reason, params = known
            # Past the kept limit only the count grows: counted here, without the call.
            counts = self.log.changes.counts
            if counts[reason] >= MAX_CHANGES_PER_REASON:
                counts[reason] += 1
            else:
                self.log.record(self.row, index, old, result, reason, **params)
            return result
        field_type = self.types[index]
        if type(cell) is not str:
            if field_type == MONTH:
                month = month_text(cell)
                if month is not None:
                    old = cell_to_text(cell, "date")
                    return self._changed(cell, index, old, month, "change.month_date", {})
            result = cell_to_text(cell, "string" if field_type == MONTH else field_type)
            reread = _reread_reason(cell, field_type, result)
            if reread is not None:
                return self._changed(cell, index, _plain_cell(cell), result, reread, {})
            # Numbers and dates repeat too. Not 0 and 1: True == 1 and False == 0 as dict keys.
            if type(cell) is not bool and cell not in (0, 1):
                self._remember(cell, index, result)
            return result
        repair = None
        text = cell
        if not cell.isascii():
            text, repair = self.log.repair(cell)
        if field_type == MONTH:
            result = month_text(text) or cell_to_text(text, "string")
        elif repair is None and field_type == "string":
            # cells.clean_text without its NFC step: repair found the text NFC already
            result = text.replace("\u00a0", " ").strip()
        else:
            result = cell_to_text(text, field_type)
        old = cell.strip()
        if not cell.isprintable() and CONTROL_CHARS.search(cell):
            self.controls.append((index, cell))  # never cached, so that every such cell is reported
            return result
        if result == old:
            self._remember(cell, index, result)
            return result
        reason, params = _change_reason(field_type, repair)
        if repair is not None:  # not cached: the log counts each repaired cell
            self.log.record(self.row, index, old, result, reason, **params)
            return result
        return self._changed(cell, index, old, result, reason, params)

    def _remember(self, cell: Any, index: int, result: str) -> None:
        cache = self.caches[index]
        if len(cache) < self.limits[index]:
            cache[cell] = result
            if len(cache) == self.CACHE_PROBE and self.row < self.PROBE_ROWS:
                self.limits[index] = 0  # values that do not repeat: stop caching them
                cache.clear()

    def _changed(
        self, cell: Any, index: int, old: str, new: str, reason: str, params: dict[str, Any]
    ) -> str:
        """Record a changed cell, and remember the change for the next cell holding ``cell``."""
        self.log.record(self.row, index, old, new, reason, **params)
        changed = self.changed[index]
        # Not 0 and 1: True == 1 and False == 0 as dict keys.
        if len(changed) < self.CACHE_SIZE and (type(cell) is str or cell not in (0, 1)):
            changed[cell] = (old, new, reason, params)
        return new


class CommuneFixer:
    """Write commune/ward names as the official 2025 unit names, recording each change.

    Certain matches are applied; a typo's suggestion only when ``accept`` says the official
    accepted suggestions. Ambiguous and unknown names are left for validation to report.
    """

    CACHE_SIZE = 10_000

    def __init__(self, communes: CommuneIndex, positions: set[int], accept: bool) -> None:
        self.communes = communes
        self.positions = sorted(positions)
        self.accept = accept
        self.cache: dict[str, Match] = {}
        # Names left as they are (official already, unknown, a suggestion not accepted, empty):
        # the reader skips the call of fix for a row whose names are all here.
        self.kept: set[str] = set()
        self.pick = itemgetter(*self.positions, *self.positions)  # a row's names, as a tuple

    def fix(self, values: tuple[str, ...], row: int, log: CleaningLog) -> tuple[str, ...]:
        fixed: list[str] | None = None
        for index in self.positions:
            value = values[index]
            if not value or value.isdigit():
                if len(self.kept) < self.CACHE_SIZE:
                    self.kept.add(value)
                continue
            match = self.cache.get(value)
            if match is None:
                match = self.communes.match(value)
                if len(self.cache) < self.CACHE_SIZE:
                    self.cache[value] = match
            kept = match.unit is None or match.how in ("code", "exact")
            if kept or (match.how == "suggestion" and not self.accept):
                if len(self.kept) < self.CACHE_SIZE:
                    self.kept.add(value)
                continue
            assert match.unit is not None  # a match without a unit is kept above
            fixed = fixed or list(values)
            fixed[index] = match.unit.name
            log.commune_fixes[(value, match.unit.name, match.how)] += 1
            log.record(
                row, index, value, match.unit.name, f"change.commune.{match.how}", via=match.via
            )
        return values if fixed is None else tuple(fixed)
