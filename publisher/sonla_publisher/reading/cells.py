"""Turn one spreadsheet cell into clean text, the way Vietnamese offices write values.

Numbers are written with "." between thousands and "," before decimals (``1.391.226``,
``99,92``); dates as ``15/03/2024`` or stored by Excel as serial day numbers. Every cleaned
value is returned as text in a canonical form (``1391226``, ``99.92``, ``2024-03-15``) that
Frictionless and the DataStore understand. A value that cannot be parsed is returned as the
trimmed original text, so validation can point at it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

# Excel's day 0 (serials count days from here; correct for dates after 1900-02-28).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_NUMBER_CHARS = re.compile(r"^[+-]?[0-9][0-9.,]*$")
_THOUSANDS_GROUPS = re.compile(r"^[0-9]{1,3}(?:[0-9]{3})*$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
# A number as people write it: "-5", "+84 212 3852 123", "-12,5", "+1.234.567", "-12,5%".
# Digits, with ".", "," or single spaces between digit groups (formula_cells: not a formula).
_NUMBER_LIKE = re.compile(r"^[+-]?[0-9][0-9.,]*(?:[ \u00a0\u202f][0-9][0-9.,]*)*%?$")
_PERCENT_TEXT = re.compile(r"^(.*?)\s*%$")


def clean_text(value: str) -> str:
    """NFC-normalise (decomposed Vietnamese becomes composed) and trim; non-breaking spaces too."""
    text = unicodedata.normalize("NFC", value)
    return text.replace("\u00a0", " ").strip()


def header_key(value: Any) -> str:
    """A comparison key for a column title: NFC, single spaces, case-insensitive."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    return _SPACES.sub(" ", text).strip().casefold()


def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _valid_grouping(integer_part: str, separator: str) -> bool:
    groups = integer_part.split(separator)
    return bool(_THOUSANDS_GROUPS.match(groups[0])) and all(len(g) == 3 for g in groups[1:])


def parse_vn_number(text: str) -> Decimal | None:
    """Parse a number written the Vietnamese way; None if it is not a number.

    Rules: when both "." and "," appear, the last one is the decimal mark. A lone "," is a
    decimal mark (``99,92``). Several "." or "," are thousands separators (``1.391.226``).
    A lone "." is a thousands separator only when followed by exactly three digits and the
    part before it does not start with 0 (``1.391`` = 1391, but ``99.92`` and ``0.500`` are
    decimals).
    """
    compact = _SPACES.sub("", text)
    if not _NUMBER_CHARS.match(compact):
        return None
    sign = ""
    if compact[0] in "+-":
        sign, compact = compact[0], compact[1:]
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        decimal_mark = "." if compact.rfind(".") > compact.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        if compact.count(decimal_mark) > 1:
            return None
        integer_part, fraction = compact.split(decimal_mark)
        if not _valid_grouping(integer_part, thousands):
            return None
        digits = integer_part.replace(thousands, "") + "." + fraction
    elif commas == 1:
        digits = compact.replace(",", ".")
    elif commas > 1:
        if not _valid_grouping(compact, ","):
            return None
        digits = compact.replace(",", "")
    elif dots > 1:
        if not _valid_grouping(compact, "."):
            return None
        digits = compact.replace(".", "")
    elif dots == 1:
        integer_part, fraction = compact.split(".")
        grouped = len(fraction) == 3 and not integer_part.startswith("0")
        digits = integer_part + fraction if grouped else compact
    else:
        digits = compact
    if digits.endswith(".") or not digits:
        return None
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        return None


def is_number_like(text: str) -> bool:
    """Digits with thousands/decimal marks or spaces between groups, maybe signed or with "%"."""
    return bool(_NUMBER_LIKE.match(text))


def parse_percent_text(text: str) -> Decimal | None:
    """The number of percentage points typed as ``12,5%`` or ``12,5 %``; None otherwise."""
    match = _PERCENT_TEXT.match(text.strip())
    if not match or not match.group(1):
        return None
    return parse_vn_number(match.group(1))


def excel_serial_to_date(serial: float) -> dt.date | None:
    """The date for an Excel serial day number, or None when out of Excel's range."""
    if not 1 <= serial <= _MAX_EXCEL_SERIAL:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_vn_date(text: str) -> dt.date | None:
    """Parse ``15/03/2024``, ``15-03-2024``, ``15.03.2024`` (day first) or ISO ``2024-03-15``."""
    compact = text.strip()
    match = _DMY.match(compact)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO.match(compact)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_decimal(value: Decimal) -> str:
    """Plain notation without trailing zeros: Decimal('99.90') -> '99.9', never '1E+6'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _number_to_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format_decimal(Decimal(str(value)))


def _text_for_number_field(text: str, field_type: str) -> str:
    number = parse_vn_number(text)
    if number is None:
        return text
    if field_type in ("integer", "year"):
        return str(int(number)) if number == number.to_integral_value() else text
    return format_decimal(number)


def cell_to_text(cell: Any, field_type: str) -> str:
    """Clean text for a raw cell (as read from xlsx or csv) destined to a field of this type."""
    if type(cell) is str:  # the common case first: this runs for every cell of large files
        if field_type == "string":
            return cell.strip() if cell.isascii() else clean_text(cell)
    elif cell is None:
        return ""
    if cell == "":
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if field_type == "date" else cell.isoformat()
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    if isinstance(cell, (int, float)):
        if field_type == "date":
            day = excel_serial_to_date(cell)
            return day.isoformat() if day else _number_to_text(cell)
        return _number_to_text(cell)
    text = cell.strip() if type(cell) is str and cell.isascii() else clean_text(str(cell))
    if field_type in ("integer", "number", "year"):
        return _text_for_number_field(text, field_type)
    if field_type == "date":
        day = parse_vn_date(text)
        return day.isoformat() if day else text
    return text
