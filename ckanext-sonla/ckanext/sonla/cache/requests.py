"""Which requests the cache may answer, and the key of their answer.

Only anonymous GET/HEAD requests to a short list of read-only endpoints: a signed-in user (browser
session or API token) is never served from, nor stored in, the cache, so a private dataset they can see
never reaches another client. The key holds everything an anonymous answer depends on: the address and
its query string (sorted, so ``?a=1&b=2`` and ``?b=2&a=1`` share an entry), the language, today's date
in the province (freshness statuses change at midnight) and the two generations (:mod:`.generation`).
"""
from __future__ import annotations

import hashlib
import json

from ckanext.sonla.compat import current_user
from flask import request

from .. import clock

# Pages and actions whose anonymous answer depends only on the catalogue (and the request itself).
PAGES = frozenset({"home.index", "dataset.search", "dataset.read"})
ACTIONS = frozenset({"package_search", "package_show", "datastore_search"})
CREDENTIAL_HEADERS = ("Authorization", "X-CKAN-API-Key")


def signed_in() -> bool:
    if any(request.headers.get(name) for name in CREDENTIAL_HEADERS):
        return True
    return bool(getattr(current_user, "is_authenticated", False))


def covered_endpoint() -> bool:
    if request.endpoint in PAGES:
        return True
    action = str((request.view_args or {}).get("logic_function") or "")
    return request.blueprint == "api" and action in ACTIONS


def cacheable() -> bool:
    """An anonymous GET/HEAD of a covered endpoint (checked after CKAN has identified the user)."""
    return request.method in ("GET", "HEAD") and covered_endpoint() and not signed_in()


def entry_key(generations: tuple[int, int], language: str) -> str:
    args = sorted(request.args.items(multi=True))
    material = json.dumps([request.host, request.path, args, language, clock.today().isoformat(),
                           list(generations)], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
