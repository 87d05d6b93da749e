"""The one rule for text a spreadsheet would run as a formula ("CSV injection"), and its defusing.

Used by the publisher's check (a problem per cell), its cleaned CSV file, and the portal's own
files (DataStore dumps, update-status exports): all must agree on which cells are formulas.
A cell is formula-like when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(OWASP's list) and what follows is not a number as people write it: ``-5``, ``-12,5``, ``=5`` and
the phone number ``+84 212 3852 123`` are data, ``=SUM(A1)``, ``@mention``, ``-abc`` and ``+1+1``
are formulas. A lone ``-`` (a dash meaning "no data") is data. Files defuse a formula-like cell
with a leading apostrophe, as OWASP recommends: Excel and LibreOffice then show the text as it is.
"""

from __future__ import annotations

from sonla_publisher.reading.cells import is_number_like

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"


def is_formula_like(text: str) -> bool:
    """Text a spreadsheet would evaluate as a formula (see the module's docstring)."""
    if len(text) < 2 or not text.startswith(FORMULA_STARTS):
        return False
    rest = text[1:].lstrip()
    return not (rest and is_number_like(rest if text[0] in "=@\t\r" else text))


def neutralised(value: str) -> str:
    """``value``, with a leading apostrophe if a spreadsheet would run it as a formula."""
    return NEUTRALISING_PREFIX + value if is_formula_like(value) else value
