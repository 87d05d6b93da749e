"""What a request may hold: kinds, statuses, text bounds, and the checks of each field.

Every check raises ``toolkit.ValidationError`` with a translated message, which the API answers
with a 409 and the pages with a 400: bad input never reaches the database.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Any

import ckan.plugins.toolkit as toolkit

REQUEST, PROBLEM = "request", "problem"
KINDS = (REQUEST, PROBLEM)
NEW, IN_PROGRESS, FULFILLED, REJECTED = "new", "in_progress", "fulfilled", "rejected"
STATUSES = (NEW, IN_PROGRESS, FULFILLED, REJECTED)
OPEN_STATUSES = (NEW, IN_PROGRESS)

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
LOCATION_MAX = 300
REASON_MAX = 2000
COMMENT_MAX = 2000
EMAIL_MAX = 254
PAGE_SIZE = 20
MAX_PAGE = 500

# One address, no spaces, a dot in the domain: enough to reach someone, and the confirmation link
# proves the rest.
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


STATUS_LABELS = {NEW: N_("New"), IN_PROGRESS: N_("In progress"), FULFILLED: N_("Fulfilled"),
                 REJECTED: N_("Rejected")}
KIND_LABELS = {REQUEST: N_("Data request"), PROBLEM: N_("Data problem report")}


def status_label(status: str) -> str:
    return toolkit._(STATUS_LABELS.get(status, status))


def kind_label(kind: str) -> str:
    return toolkit._(KIND_LABELS.get(kind, kind))


def _invalid(field: str, message: str) -> toolkit.ValidationError:
    return toolkit.ValidationError({field: [message]})


class Errors:
    """Every field's error at once, so a form shows them all after one try."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def check(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except toolkit.ValidationError as error:
            for key, messages in (error.error_dict or {}).items():
                self.found.setdefault(str(key), []).extend(messages if isinstance(messages, list) else [messages])
            return None

    def raise_any(self) -> None:
        if self.found:
            raise toolkit.ValidationError(self.found)


def text(data: dict[str, Any], field: str, limit: int, *, required: bool) -> str:
    """The field's text, trimmed; its absence or excess is an error naming the limit."""
    value = data.get(field)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _invalid(field, toolkit._("Must be text"))
    value = value.strip().replace("\r\n", "\n")
    if required and not value:
        raise _invalid(field, toolkit._("Missing value"))
    if len(value) > limit:
        raise _invalid(field, toolkit._("At most %(limit)s characters (this one has %(count)s)")
                       % {"limit": limit, "count": len(value)})
    if "\x00" in value:
        raise _invalid(field, toolkit._("Must be text"))
    return value


def line(data: dict[str, Any], field: str, limit: int, *, required: bool) -> str:
    """One line of text: a title goes into e-mail subjects, where a line break has no place (any
    character ``str.splitlines`` breaks at, U+2028 and NEL included, and other control characters)."""
    value = text(data, field, limit, required=required)
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise _invalid(field, toolkit._("Must be one line"))
    return value


def email(data: dict[str, Any], field: str = "email") -> str:
    """An address the mail server can take: ASCII, as CKAN's own check of account addresses asks."""
    value = line(data, field, EMAIL_MAX, required=True)
    if not value.isascii() or not _EMAIL.match(value):
        raise _invalid(field, toolkit._("Not a valid e-mail address"))
    return value.lower()


def kind(data: dict[str, Any]) -> str:
    value = data.get("kind") or REQUEST
    if value not in KINDS:
        raise _invalid("kind", toolkit._("Must be one of: %(choices)s") % {"choices": ", ".join(KINDS)})
    return str(value)


def status(data: dict[str, Any], field: str = "status") -> str:
    value = data.get(field)
    if value not in STATUSES:
        raise _invalid(field, toolkit._("Must be one of: %(choices)s") % {"choices": ", ".join(STATUSES)})
    return str(value)


def optional_status(data: dict[str, Any], field: str = "status") -> str | None:
    return status(data, field) if data.get(field) else None


def optional_kind(data: dict[str, Any]) -> str | None:
    return kind(data) if data.get("kind") else None


def page(data: dict[str, Any]) -> int:
    raw = data.get("page") or 1
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise _invalid("page", toolkit._("Must be a whole number from 1 to %(max)s") % {"max": MAX_PAGE}) from None
    if not 1 <= value <= MAX_PAGE:
        raise _invalid("page", toolkit._("Must be a whole number from 1 to %(max)s") % {"max": MAX_PAGE})
    return value


def response_days() -> int:
    return int(toolkit.config.get("ckanext.sonla.requests.response_days") or 15)


def due_date(created: date) -> date:
    return created + timedelta(days=response_days())


def problem_title(dataset_title: str, description: str) -> str:
    """A problem report's title: its first line, cut to fit (the form asks no title)."""
    first = (description.splitlines() or [""])[0].strip()
    if len(first) > 120:
        first = first[:119].rstrip() + "…"
    return first or dataset_title
