"""What a showcase may hold: kinds, statuses, text bounds, its link and its datasets.

Text checks are the data requests' (:mod:`..requests.rules`); each check raises
``toolkit.ValidationError`` with a translated message (409 from the API, 400 from the pages).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import ckan.plugins.toolkit as toolkit

from ..requests.rules import N_, Errors, line, page, text
from ..safe_urls import is_safe_link, scheme_of

__all__ = ["Errors", "line", "page", "text"]

APP, ARTICLE, VISUALISATION = "app", "article", "visualisation"
KINDS = (APP, ARTICLE, VISUALISATION)
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
URL_MAX = 1000
AUTHOR_MAX = 200
REASON_MAX = 2000
MAX_DATASETS = 20
PAGE_SIZE = 20
# A link is only ever a web page: no ftp, and never javascript:, data: or vbscript:.
LINK_SCHEMES = frozenset({"http", "https"})

KIND_LABELS = {APP: N_("Application"), ARTICLE: N_("Article"), VISUALISATION: N_("Visualisation")}
STATUS_LABELS = {PENDING: N_("Awaiting review"), APPROVED: N_("Approved"), REJECTED: N_("Rejected")}


def kind_label(kind: str) -> str:
    return toolkit._(KIND_LABELS.get(kind, kind))


def status_label(status: str) -> str:
    return toolkit._(STATUS_LABELS.get(status, status))


def _invalid(field: str, message: str) -> toolkit.ValidationError:
    return toolkit.ValidationError({field: [message]})


def _choice(data: dict[str, Any], field: str, choices: tuple[str, ...], *, required: bool) -> str | None:
    value = data.get(field)
    if value in (None, "") and not required:
        return None
    if value not in choices:
        raise _invalid(field, toolkit._("Must be one of: %(choices)s") % {"choices": ", ".join(choices)})
    return str(value)


def kind(data: dict[str, Any], *, required: bool = True) -> str | None:
    return _choice(data, "kind", KINDS, required=required)


def status(data: dict[str, Any], *, required: bool = True) -> str | None:
    return _choice(data, "status", STATUSES, required=required)


def url(data: dict[str, Any], field: str = "url") -> str:
    """An absolute http(s) address with a host; whatever a browser would read as another scheme is refused."""
    value = line(data, field, URL_MAX, required=True)
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[::1" and the like
        raise _invalid(field, toolkit._("Must be a web address starting with http:// or https://")) from None
    # No user part ("https://sonla.gov.vn@other.example" goes to other.example) and no invisible or
    # direction-changing characters: a moderator must read where the link goes.
    if not is_safe_link(value) or scheme_of(value) not in LINK_SCHEMES or not parts.hostname \
            or "@" in parts.netloc or any(ch in value for ch in "<>\"' ") \
            or any(unicodedata.category(ch).startswith("C") for ch in value):
        raise _invalid(field, toolkit._("Must be a web address starting with http:// or https://"))
    return value


def dataset_names(data: dict[str, Any], field: str = "datasets") -> list[str]:
    """The names given, as a list or as text split at commas, spaces or new lines; duplicates dropped."""
    value = data.get(field)
    if value is None or value == "":
        raw: list[Any] = []
    elif isinstance(value, str):
        raw = re.split(r"[\s,;]+", value)
    elif isinstance(value, list):
        raw = value
    else:
        raise _invalid(field, toolkit._("Must be a list of dataset names"))
    names: dict[str, None] = {}  # ordered, and a lookup does not grow with the list
    for item in raw:
        if not isinstance(item, str):
            raise _invalid(field, toolkit._("Must be a list of dataset names"))
        names.setdefault(item.strip(), None)
        names.pop("", None)
        if len(names) > MAX_DATASETS:  # stop here: the rest of a long list costs nothing
            raise _invalid(field, toolkit._("At most %(limit)s datasets") % {"limit": MAX_DATASETS})
    if not names:
        raise _invalid(field, toolkit._("Name at least one dataset the showcase uses"))
    return list(names)


def per_hour() -> int:
    value = toolkit.config.get("ckanext.sonla.showcases.per_hour")
    return 5 if value in (None, "") else int(value)
