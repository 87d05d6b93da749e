"""Vietnamese-aware text folding and tokenising for the search index.

Folding is done in Python, both when a document is indexed and when a query is
parsed, so the database needs no ``unaccent`` dictionary and the two sides can
never disagree.
"""
from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d + a combining mark, so NFD leaves them.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """NFC-normalise and lower-case ``text`` (accents kept)."""
    return unicodedata.normalize("NFC", text).lower()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics: "Trường Đà" -> "truong da"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def words(text: str) -> list[str]:
    """Split normalised ``text`` into word tokens (letters and digits)."""
    return _WORD_RE.findall(normalise(text))


def folded_words(text: str) -> list[str]:
    """Split ``text`` into accent-folded word tokens."""
    return _WORD_RE.findall(fold(text))
