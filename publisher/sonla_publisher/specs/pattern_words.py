"""Say a spec's ``pattern`` constraint in words, never as a regular expression.

An official fixing a file cannot read ``^(0[1-9]|1[0-2])/20[0-9]{2}$``; they can read "tháng/năm,
ví dụ 08/2026". The patterns the catalogue uses are of a few shapes: known whole patterns
(month/year, school year), and codes made of fixed letters and a number of digits
(``^CC[0-9]{2}$``, ``^[0-9]{1,4}/GP-UBND$``). Those are described part by part with an example
built from the parts. Any other pattern is "the prescribed format", with the spec's example
value (the field's ``example``) when it has one.
"""

from __future__ import annotations

import re
from typing import Any

from sonla_publisher.i18n.messages import Ref

# Whole patterns whose meaning is more than their parts (a month is not "two digits").
KNOWN_PATTERNS: dict[str, Ref] = {
    "^(0[1-9]|1[0-2])/20[0-9]{2}$": Ref("pattern.month_year"),
    "^(0[1-9]|1[0-2])/[0-9]{4}$": Ref("pattern.month_year"),
    "^[0-9]{4}-[0-9]{4}$": Ref("pattern.school_year"),
    "^(0[0-9]|1[0-1])$": Ref("pattern.number_range", {"low": "00", "high": "11", "example": "05"}),
}
_DIGITS = re.compile(r"(?:\[0-9\]|\\d)(?:\{(\d+)(?:,(\d+))?\})?")
_CHOICE = re.compile(r"\(((?:[^()|\\\[\]{}.*+?^$]+\|)+[^()|\\\[\]{}.*+?^$]+)\)")
_ESCAPED = re.compile(r"\\([.\-/()\[\]{}+*?|^$\\ ])")
_LITERAL = re.compile(r"[^\\\[\](){}.*+?|^$]")
_SAMPLE_DIGITS = "1234567890"
MAX_PARTS = 8


def pattern_words(pattern: Any, example: Any = None) -> Ref:
    """The rule of ``pattern`` as a message (rendered in the report's language)."""
    text = str(pattern)
    known = KNOWN_PATTERNS.get(text)
    if known is not None:
        return known
    parts = _parts(text)
    if parts is None:
        if example not in (None, ""):
            return Ref("pattern.unknown_example", {"example": example})
        return Ref("pattern.unknown")
    words, sample = parts
    return Ref("pattern.described", {"parts": _chain(words), "example": example or sample})


def pattern_rule(pattern: Any, example: Any = None) -> Ref | str:
    """What to append to "không đúng định dạng quy định": the rule, or nothing when unknown."""
    words = pattern_words(pattern, example)
    if words.message_id == "pattern.unknown":
        return ""
    return Ref("pattern.rule", {"words": words})


def _parts(pattern: str) -> tuple[list[Ref], str] | None:
    """The pattern's parts in words and an example value; None outside the known shapes."""
    if not (pattern.startswith("^") and pattern.endswith("$")) or pattern.endswith("\\$"):
        return None
    body = pattern[1:-1]
    words: list[Ref] = []
    sample = ""
    literal = ""
    position = 0
    while position < len(body):
        digits = _DIGITS.match(body, position)
        choice = _CHOICE.match(body, position)
        escaped = _ESCAPED.match(body, position)
        plain = _LITERAL.match(body, position)
        if (digits or choice) and literal:
            words.append(Ref("pattern.part.literal", {"text": literal}))
            literal = ""
        if digits:
            low, high = digits.group(1), digits.group(2)
            count = int(low) if low else 1
            if high and high != low:
                words.append(Ref("pattern.part.digits_range", {"low": low, "high": high}))
            else:
                words.append(Ref("pattern.part.digits", {"count": count}))
            sample += (_SAMPLE_DIGITS * (count // 10 + 1))[:count]
            position = digits.end()
        elif choice:
            options = choice.group(1).split("|")
            words.append(Ref("pattern.part.choice", {"options": " / ".join(options)}))
            sample += options[0]
            position = choice.end()
        elif escaped or plain:
            match = escaped or plain
            assert match is not None
            character = match.group(1) if escaped else match.group(0)
            literal += character
            sample += character
            position = match.end()
        else:
            return None
        if len(words) > MAX_PARTS:
            return None
    if literal:
        words.append(Ref("pattern.part.literal", {"text": literal}))
    if not words:
        return None
    return words, sample


def _chain(words: list[Ref]) -> Ref:
    if len(words) == 1:
        return words[0]
    return Ref("pattern.then", {"first": words[0], "rest": _chain(words[1:])})
