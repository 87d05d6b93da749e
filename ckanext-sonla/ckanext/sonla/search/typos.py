"""Misspelt query words corrected from the words the index holds ("truonh hocc" -> "truong hoc").

First the indexed words one edit away, where swapping two neighbouring letters is one edit ("hco" ->
"hoc", "vein" -> "vien"), as in the Damerau-Levenshtein distance: pg_trgm's similarity alone misses
these in short words, where a swap changes most trigrams ("vein" and "vien" share 1 of 9). The
candidates are generated here and looked up by the vocabulary's primary key, so the cost does not grow
with the vocabulary. Where several indexed words are one edit away ("hco": "hoc", "cho"), the one found
most often with the query's other words wins ("truong hco" -> "truong hoc"): a user's words belong
together. Only a word with no such neighbour falls back to the closest word by trigram similarity
(larger errors in longer words).
"""
from __future__ import annotations

import sqlalchemy as sa
from ckanext.sonla.compat import TSQUERY, model
from sqlalchemy.dialects.postgresql import ARRAY

from .conditions import lexeme
from .table import search_index, search_words

# The letters an insertion or substitution may bring: the vocabulary is accent-folded (text.fold).
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Order of preference among edits when several give an indexed word: a swap, then a wrong letter,
# a doubled letter, a missing one (typing on a phone); among edits of one kind, how often the word goes
# with the other words (a frequent short word such as "co" would otherwise beat the meant one).
SWAP, SUBSTITUTION, DELETION, INSERTION = range(4)
# Bounds on that choice (it runs only for searches that found nothing): the misspelt words weighed
# so (the others take the first candidate), the candidates weighed per word, and the datasets counted
# per candidate: at most 4 × 6 counts of at most 200 rows each.
MAX_WEIGHED_WORDS = 4
MAX_CANDIDATES = 6
COUNT_CAP = 200


def one_edit(word: str) -> dict[str, int]:
    """Every string one Damerau edit away from ``word``, with the kind of its edit (the likeliest kept)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants: dict[str, int] = {}

    def add(candidate: str, kind: int) -> None:
        if candidate and candidate != word and kind < variants.get(candidate, len(ALPHABET)):
            variants[candidate] = kind

    for left, right in splits:
        if len(right) > 1:
            add(left + right[1] + right[0] + right[2:], SWAP)
        if right:
            for letter in ALPHABET:
                add(left + letter + right[1:], SUBSTITUTION)
            add(left + right[1:], DELETION)
        for letter in ALPHABET:
            add(left + letter + right, INSERTION)
    return variants


def corrections(words: list[str]) -> dict[str, str]:
    """The closest indexed word for each query word the index lacks (numbers are never corrected)."""
    candidates = [w for w in dict.fromkeys(words) if not w.isdigit()]
    if not candidates:
        return {}
    known = set(model.Session.execute(
        sa.select(search_words.c.word).where(search_words.c.word.in_(candidates))).scalars())
    unknown = [w for w in candidates if w not in known]
    edits = {word: one_edit(word) for word in unknown}
    every = sorted({variant for variants in edits.values() for variant in variants})
    indexed = set(model.Session.execute(
        sa.select(search_words.c.word).where(search_words.c.word == sa.any_(sa.literal(every, ARRAY(sa.UnicodeText)))))
        .scalars()) if every else set()
    found: dict[str, str] = {}
    for number, word in enumerate(unknown):
        near = sorted((kind, variant) for variant, kind in edits[word].items() if variant in indexed)
        near = [item for item in near if item[0] == near[0][0]][:MAX_CANDIDATES]  # the likeliest edit only
        if len(near) > 1 and known and number < MAX_WEIGHED_WORDS:
            # Alphabetical order stays the tie-break: sorted() is stable.
            near.sort(key=lambda item: -_together(item[1], known))
        closest = near[0][1] if near else _closest_by_trigrams(word)
        if closest:
            found[word] = closest
    return found


def _together(candidate: str, others: set[str]) -> int:
    """How many indexed datasets hold ``candidate`` and every one of ``others`` (at most COUNT_CAP)."""
    query = " & ".join(lexeme(w) for w in sorted({candidate, *others}))
    matching = (sa.select(sa.literal(1)).select_from(search_index)
                .where(search_index.c.search_vector.op("@@")(sa.cast(sa.literal(query), TSQUERY)))
                .limit(COUNT_CAP).subquery())
    return int(model.Session.execute(sa.select(sa.func.count()).select_from(matching)).scalar() or 0)


def _closest_by_trigrams(word: str) -> str | None:
    closest: str | None = model.Session.execute(
        sa.select(search_words.c.word)
        .where(search_words.c.word.op("%")(word))
        .order_by(search_words.c.word.op("<->")(word))
        .limit(1)
    ).scalar()
    return closest
