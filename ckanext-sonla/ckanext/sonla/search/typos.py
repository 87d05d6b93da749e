"""Misspelt query words corrected from the words the index holds ("truonh hocc" -> "truong hoc")."""
from __future__ import annotations

import sqlalchemy as sa
from ckanext.sonla.compat import model

from .table import search_words


def corrections(words: list[str]) -> dict[str, str]:
    """Closest indexed word (pg_trgm similarity) for each query word the index lacks."""
    found: dict[str, str] = {}
    for word in dict.fromkeys(words):
        known = model.Session.execute(
            sa.select(search_words.c.word).where(search_words.c.word == word)).first()
        if known:
            continue
        closest = model.Session.execute(
            sa.select(search_words.c.word)
            .where(search_words.c.word.op("%")(word))
            .order_by(search_words.c.word.op("<->")(word))
            .limit(1)
        ).scalar()
        if closest:
            found[word] = closest
    return found
