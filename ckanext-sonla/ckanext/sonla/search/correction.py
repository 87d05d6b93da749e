"""The typo correction of a search, reported to the caller (never silent).

A free-text query with no hits is run again with misspelt words corrected (typos.py). The
corrected query is kept here for the request's ``package_search`` answer
(``sonla_corrected_query``) and for the search page ("Kết quả cho «…»").
"""
from __future__ import annotations

import re
from contextvars import ContextVar

from . import text

RESULT_KEY = "sonla_corrected_query"
_last: ContextVar[str | None] = ContextVar("sonla_corrected_query", default=None)
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# A word right after "field:" is field-scoped: never corrected (only free words are).
_SCOPED_RE = re.compile(r"[A-Za-z0-9_]+:\s*(\"[^\"]*\"|\([^)]*\)|\S+)")


def reset() -> None:
    _last.set(None)


def record(q_text: str, corrections: dict[str, str]) -> str:
    """The query as it was run: each free word that was corrected replaced by its correction."""
    scoped = [m.span() for m in _SCOPED_RE.finditer(q_text)]

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in scoped):
            return match.group()
        return corrections.get(text.fold(match.group()), match.group())

    corrected = _WORD_RE.sub(replace, q_text)
    _last.set(corrected)
    return corrected


def take() -> str | None:
    """The correction of the last search in this context, once."""
    value = _last.get()
    _last.set(None)
    return value
