"""Validators of the Sơn La schemas (all named ``sonla_…``), with Vietnamese-first messages."""
from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as toolkit
import flask
import flask_babel
from ckanext.scheming.validation import scheming_validator
from ckanext.sonla.compat import Missing, StopOnError

from . import safe_urls
from .schemas import COMMUNES_FILE

# The validators the plugin registers (``toolkit.blanket.validators`` reads ``__all__``); named
# ``sonla_…`` so they never shadow CKAN's or another extension's.
__all__ = ["sonla_organization_code", "sonla_required", "sonla_safe_url", "sonla_temporal_coverage_order"]

def _label(field: dict[str, Any]) -> str:
    label = field.get("label")
    if flask.has_request_context():
        return toolkit.h.scheming_language_text(label) or field["field_name"]
    # CLI, background job: no reader, so the site's language (scheming's helper needs a request).
    if isinstance(label, dict):
        default = toolkit.config.get("ckan.locale_default") or "en"
        return label.get(default) or label.get("en") or next(iter(label.values()), "") or field["field_name"]
    return label or field["field_name"]


def _(message: str) -> str:
    """``toolkit._`` in the reader's language, or outside a request in the site's (CKAN's locale
    selector reads the request, and raises without one)."""
    if flask.has_request_context() or not flask.has_app_context():
        return toolkit._(message)
    with flask_babel.force_locale(toolkit.config.get("ckan.locale_default") or "en"):
        return toolkit._(message)


@scheming_validator
def sonla_required(field: dict[str, Any], schema: dict[str, Any]) -> Callable[..., Any]:
    """Like ``not_empty``, but the message names the field by its label in the reader's language."""

    def check(key: tuple[Any, ...], data: dict[Any, Any], errors: dict[Any, list[str]],
              context: dict[str, Any]) -> None:
        value = data.get(key)
        if value is None or isinstance(value, Missing) or (isinstance(value, str) and not value.strip()):
            errors[key].append(_('"%(field)s" is required: please fill it in.') % {"field": _label(field)})
            raise StopOnError

    return check


def sonla_temporal_coverage_order(key: tuple[Any, ...], data: dict[Any, Any], errors: dict[Any, list[str]],
                                  context: dict[str, Any]) -> None:
    """The end of the temporal coverage must not come before its start."""
    start = data.get(("temporal_coverage_from",))
    end = data.get(key)
    if isinstance(start, str) and isinstance(end, str) and start and end and end < start:
        errors[key].append(toolkit._("The end of the period cannot be before its start."))


# Electronic identifier of an agency (Quyết định 20/2020/QĐ-TTg): four groups, e.g. 000.00.15.H53.
AGENCY_IDENTIFIER = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}")


@functools.cache
def _commune_codes() -> frozenset[str]:
    with COMMUNES_FILE.open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


def sonla_organization_code(key: tuple[Any, ...], data: dict[Any, Any], errors: dict[Any, list[str]],
                            context: dict[str, Any]) -> None:
    """A commune's or ward's code is one of the 75 official ones; an agency's is its electronic identifier."""
    code = data.get(key)
    if not isinstance(code, str) or not code:
        return
    kind = data.get((*key[:-1], "kind"))
    if kind in ("xa", "phuong"):
        if code not in _commune_codes():
            errors[key].append(toolkit._(
                '"%(code)s" is not the code of a commune or ward of Sơn La (5 digits, e.g. 03646).') % {"code": code})
    elif not AGENCY_IDENTIFIER.fullmatch(code):
        errors[key].append(toolkit._(
            '"%(code)s" is not an electronic identifier of an agency (e.g. 000.00.15.H53).') % {"code": code})


def sonla_safe_url(key: tuple[Any, ...], data: dict[Any, Any], errors: dict[Any, list[str]],
                   context: dict[str, Any]) -> None:
    """A link must be http(s) or ftp; an uploaded file's (or DataStore table's) URL has no scheme."""
    url = data.get(key)
    if not isinstance(url, str) or not url.strip():
        return
    scheme = safe_urls.scheme_of(url)
    if scheme in safe_urls.SAFE_SCHEMES:
        return
    url_type = data.get((*key[:-1], "url_type"))
    if scheme is None and isinstance(url_type, str) and url_type:
        return
    errors[key].append(toolkit._(
        'The link "%(url)s" is not allowed: a link must start with http://, https:// or ftp:// '
        "(or upload a file).") % {"url": url[:200]})
