"""Recognise the parts of a printed agency sheet that are not data, and log what was cleaned.

A sheet made for printing has, besides the table: a second header row under merged parent titles,
a row numbering the columns ``(1) (2) (3)``, an STT (row number) column, and a signature block at
the bottom ("Người lập biểu", "KT. GIÁM ĐỐC", "Sơn La, ngày … tháng … năm …"). Every change made
to the data is recorded as a :class:`CleaningStep`, so the report can say what was done.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sonla_publisher.cells import header_key
from sonla_publisher.legacy_text import Encoding, fix_legacy
from sonla_publisher.messages import Lang, render

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

    def count(self, repair: str) -> None:
        if repair == "nfc":
            self.nfc_cells += 1
        else:
            self.legacy_cells[repair] += 1  # type: ignore[index]

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
