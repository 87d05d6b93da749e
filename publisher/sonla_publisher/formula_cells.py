"""The one rule for text a spreadsheet would run as a formula ("CSV injection"), and its defusing.

Used by the publisher's check (a problem per cell), its cleaned CSV file, and the portal's own
files (DataStore dumps, update-status exports): all must agree on which cells are formulas.
A cell is formula-like when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(OWASP's list) and is not a plain signed number (``-5``, ``+12,5``). A phone number written
with spaces, ``+84 212 3852 123``, is formula-like: Excel reads it as ``=84 212 3852 123``.
Files defuse such a cell with a leading apostrophe, as OWASP recommends: Excel and LibreOffice
then show the text as it is.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*")
NEUTRALISING_PREFIX = "'"


def acts_as_formula(value: str) -> bool:
    """Text a spreadsheet would evaluate (``=1+1``, ``@SUM``, ``-2+3``), but not ``-12,5``."""
    return (
        len(value) > 1
        and value.startswith(FORMULA_STARTS)
        and not _SIGNED_NUMBER.fullmatch(value)
    )


def neutralised(value: str) -> str:
    """``value``, with a leading apostrophe if a spreadsheet would run it as a formula."""
    return NEUTRALISING_PREFIX + value if acts_as_formula(value) else value
