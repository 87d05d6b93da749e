"""The portal's one way of writing dates, times and numbers, on every page, report, export and e-mail.

=============  ==================  ==================
               Vietnamese          English
=============  ==================  ==================
date           15/10/2026          2026-10-15
date and time  22:15 06/12/2026    2026-12-06 22:15
number         1.234.567 / 38,89   1,234,567 / 38.89
=============  ==================  ==================

Moments are shown in the province's time zone (``ckan.display_timezone``). The language is the
request's; without a request it is English, as gettext's text is then (an error message of a
background job reads "0.2 seconds", not "0,2 seconds"). The freshness e-mails and reports run in a
request context in their language (freshness/cli.py).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import ckan.plugins.toolkit as toolkit
from babel.numbers import format_decimal
from flask import has_request_context

from .freshness import rules as freshness


def language(lang: str | None = None) -> str:
    if lang:
        return lang
    if has_request_context():
        return toolkit.h.lang() or "vi"
    return "en"


def _zone() -> ZoneInfo:
    name = toolkit.config.get("ckan.display_timezone") or "UTC"
    try:
        return ZoneInfo("UTC" if name == "server" else name)
    except ZoneInfoNotFoundError:
        return ZoneInfo("UTC")


def local_moment(value: datetime | str | None) -> datetime | None:
    """A moment (CKAN keeps UTC without a zone) in the province's time zone."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(_zone())


def format_date(value: date | datetime | str | None, lang: str | None = None) -> str:
    """A day: dd/mm/yyyy in Vietnamese, ISO in English; "" for no or an unreadable date.

    A moment (a datetime, or ISO text with a time) is first brought into the province's day.
    """
    if isinstance(value, datetime) or (isinstance(value, str) and len(value.strip()) > 10):
        moment = local_moment(value)
        day = moment.date() if moment else freshness.parse_date(value)
    else:
        day = freshness.parse_date(value)
    if day is None:
        return ""
    return day.isoformat() if language(lang) == "en" else day.strftime("%d/%m/%Y")


def format_datetime(value: datetime | str | None, lang: str | None = None) -> str:
    """A moment in the province: HH:MM dd/mm/yyyy in Vietnamese, yyyy-mm-dd HH:MM in English."""
    moment = local_moment(value)
    if moment is None:
        return format_date(value if isinstance(value, (date, str)) else None, lang)
    if language(lang) == "en":
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.strftime("%H:%M %d/%m/%Y")


def format_number(value: Any, lang: str | None = None, decimals: int | None = None, grouped: bool = True) -> str:
    """1.234.567 and 38,89 in Vietnamese, 1,234,567 and 38.89 in English; ``decimals`` rounds;
    ``grouped=False`` keeps a year's digits together (2024, not 2.024)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is not None:
        number = round(number, decimals)
        pattern = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
        return format_decimal(number, format=pattern, locale=language(lang))
    return format_decimal(number, locale=language(lang), decimal_quantization=False, group_separator=grouped)
