"""Vietnamese number and date parsing, NFC normalisation, cell references."""

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from sonla_publisher.reading.cells import (
    cell_to_text,
    clean_text,
    column_letter,
    excel_serial_to_date,
    parse_vn_date,
    parse_vn_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.391.226", Decimal("1391226")),
        ("99,92", Decimal("99.92")),
        ("1.391.226,5", Decimal("1391226.5")),
        ("1,391,226.5", Decimal("1391226.5")),
        ("1.391", Decimal("1391")),  # a lone dot before three digits separates thousands
        ("99.92", Decimal("99.92")),
        ("0.500", Decimal("0.500")),
        ("-12,5", Decimal("-12.5")),
        (" 1 391 226 ", Decimal("1391226")),
        ("1\u00a0391\u00a0226", Decimal("1391226")),
        ("42", Decimal("42")),
    ],
)
def test_parse_vn_number(text: str, expected: Decimal) -> None:
    assert parse_vn_number(text) == expected


@pytest.mark.parametrize("text", ["", "mười", "1.2.3", "12,34,5", "1.391,22,1", "12abc", "-", "1."])
def test_parse_vn_number_rejects_non_numbers(text: str) -> None:
    assert parse_vn_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2024", dt.date(2024, 3, 15)),
        ("5/3/2024", dt.date(2024, 3, 5)),
        ("15-03-2024", dt.date(2024, 3, 15)),
        ("15.03.2024", dt.date(2024, 3, 15)),
        ("2024-03-15", dt.date(2024, 3, 15)),
    ],
)
def test_parse_vn_date(text: str, expected: dt.date) -> None:
    assert parse_vn_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "03/15/2024", "ngày mai", "2024"])
def test_parse_vn_date_rejects_impossible_dates(text: str) -> None:
    assert parse_vn_date(text) is None


def test_excel_serial_to_date() -> None:
    assert excel_serial_to_date(45366) == dt.date(2024, 3, 15)
    assert excel_serial_to_date(45366.75) == dt.date(2024, 3, 15)
    assert excel_serial_to_date(0) is None


@pytest.mark.parametrize(
    ("cell", "field_type", "expected"),
    [
        ("1.391.226", "integer", "1391226"),
        ("99,92", "number", "99.92"),
        (12.0, "integer", "12"),
        (75.5, "number", "75.5"),
        ("12,5", "integer", "12,5"),  # not a whole number: kept so validation can report it
        ("mười", "integer", "mười"),
        ("15/03/2024", "date", "2024-03-15"),
        (45366.0, "date", "2024-03-15"),
        (dt.datetime(2024, 3, 15, 8, 30), "date", "2024-03-15"),
        ("01234", "string", "01234"),  # codes keep their leading zeros
        ("  Sơn La  ", "string", "Sơn La"),
        (True, "boolean", "true"),
        (None, "integer", ""),
    ],
)
def test_cell_to_text(cell: object, field_type: str, expected: str) -> None:
    assert cell_to_text(cell, field_type) == expected


def test_clean_text_composes_decomposed_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Chiềng Cơi")
    assert decomposed != "Chiềng Cơi"
    assert clean_text(f" {decomposed}\u00a0") == "Chiềng Cơi"


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (2, "C"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters
