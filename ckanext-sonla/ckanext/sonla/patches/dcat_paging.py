"""``/catalog.ttl?q=son la`` answered 500: ckanext-dcat's paging URIs carry the query unencoded.

ckanext-dcat 2.4.4's ``logic._pagination_info`` joins ``q``/``fq``/``modified_since``/``profiles``
into the hydra page URIs as they are; a space or a double quote is not allowed in an IRI, and
rdflib's serialiser then fails. ``install`` wraps it: each page URI is rebuilt from the same
request arguments, percent-encoded (``q=son+la``), with the same page number.

Upstream: the pull-request text is docs/upstream/ckanext-dcat-paging.md. The canary in
tests/ckanext/test_patches.py fails once ckanext-dcat encodes the arguments itself: this can go then.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import ckan.plugins.toolkit as toolkit

log = logging.getLogger(__name__)

PAGE_KEYS = ("current", "first", "last", "next", "previous")
# The request arguments ckanext-dcat carries into page URIs (logic._pagination_info).
CARRIED = ("modified_since", "profiles", "q", "fq")


def encoded(page_url: str) -> str:
    """``page_url`` rebuilt with the request's carried arguments percent-encoded."""
    base = page_url.split("?", 1)[0]
    page = page_url.rsplit("page=", 1)[-1]
    params = [(key, value) for key, value in toolkit.request.args.items(multi=True) if key in CARRIED]
    return f"{base}?{urlencode([*params, ('page', page)])}"


def wrapped(original: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    def pagination_info(query: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
        info = original(query, data_dict)
        return {key: encoded(value) if key in PAGE_KEYS and isinstance(value, str) else value
                for key, value in info.items()}

    pagination_info.sonla_original = original  # type: ignore[attr-defined]
    return pagination_info


def install() -> bool:
    try:
        from ckanext.dcat import logic
    except ImportError:
        return False
    current = logic._pagination_info
    if not hasattr(current, "sonla_original"):
        logic._pagination_info = wrapped(current)
    return True
