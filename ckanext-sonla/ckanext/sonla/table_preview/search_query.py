"""What a visitor types in the preview's search boxes, as a DataStore full-text query.

Each word (letters and digits, in any script) becomes a prefix term, and all must match: "Chiềng
M" finds "Chiềng Mai" while the visitor is still typing. The words are kept as typed: the
DataStore's text-search configuration (``ckan.datastore.default_fts_lang``, ``sonla_vi``) folds
tone marks and đ on both sides, so "chieng" and "Chiềng" find the same rows. Operators of
PostgreSQL's query syntax cannot come through (only word characters are kept), so no input makes
the query invalid.
"""
from __future__ import annotations

import re

# Bounds the query's cost: beyond this, more words only narrow an already narrow result.
MAX_WORDS = 8
MAX_WORD_CHARS = 64

_WORD = re.compile(r"[^\W_]+")


def prefix_query(text: str) -> str:
    """A ``to_tsquery`` expression for ``text``; '' when it holds no word."""
    words = [word[:MAX_WORD_CHARS] for word in _WORD.findall(text)][:MAX_WORDS]
    return " & ".join(f"{word}:*" for word in words)
