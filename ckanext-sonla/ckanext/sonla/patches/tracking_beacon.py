"""The tracking plugin's after-request hook no longer records ``POST /_tracking``.

CKAN's ``tracking`` plugin has no view for its beacon: ``track_request`` (an after-request hook
added in ``make_middleware``) records every POST to /_tracking whatever the answer was, so
browsers were answered 405, robots were counted, and a request without a User-Agent header
failed in the hook. ckanext/sonla/usage/beacon.py is now the view that records it; this patch
leaves CKAN's hook out so that a beacon is recorded once.

Upstream: https://github.com/ckan/ckan/blob/2.11/ckanext/tracking/middleware.py (no issue filed
yet: the hook, not a view, is the design there).
"""
from __future__ import annotations

from typing import Any

originals: dict[str, Any] = {}


def make_middleware(self: Any, app: Any, config: Any) -> Any:
    return app


def install() -> bool:
    try:
        from ckanext.tracking.plugin import TrackingPlugin
    except ImportError:  # a CKAN without the tracking extension
        return False
    current = vars(TrackingPlugin)["make_middleware"]
    if current is not make_middleware:
        originals["make_middleware"] = current
    TrackingPlugin.make_middleware = make_middleware
    return True
