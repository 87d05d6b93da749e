"""Suggestions ("did you mean"): the known names closest to one typed wrongly.

Officials type dataset names and agencies from memory, often without Vietnamese accents or
with a typo. The standard library's :mod:`difflib` ranks the candidates by similarity of their
folded forms ("Sở Y tế", "so-y-te" and "so y te" all fold to ``so y te``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# How alike (difflib's ratio, 0..1) a candidate must be to be suggested, and how many are named.
SUGGESTION_CUTOFF = 0.6
MAX_SUGGESTIONS = 3


def fold(text: str) -> str:
    """A loose comparison key: NFC, đ→d, no accents, lowercase, other characters → one space."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def closest(typed: str, candidates: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """The names whose spellings are closest to ``typed``, best first.

    ``candidates``: (name to suggest, the spellings it is known by: code, title...).
    """
    by_key: dict[str, str] = {}
    for name, spellings in candidates:
        for spelling in (name, *spellings):
            key = fold(spelling)
            if key:
                by_key.setdefault(key, name)
    keys = list(by_key)
    matches = difflib.get_close_matches(fold(typed), keys, n=len(keys), cutoff=SUGGESTION_CUTOFF)
    names: list[str] = []
    for key in matches:
        if by_key[key] not in names:
            names.append(by_key[key])
    return names[:MAX_SUGGESTIONS]
