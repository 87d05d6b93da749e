"""``POST /_tracking``: the view beacon tracking.js sends from every page and download link.

CKAN's tracking plugin has no view at that address: it records the beacon in an after-request
hook, so browsers got a 405 (or, with CSRF on, nothing counted cleanly) and every client, bots
included, was counted. This view answers 204, records only a well-formed beacon of a browser
that is not a robot, and is bounded (address length, two types). CKAN's hook is switched off by
patches/tracking_beacon.py so that a beacon is never recorded twice.
"""
from __future__ import annotations

import hashlib
import re

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import csrf_exempt, model
from ckanext.tracking.model import TrackingRaw
from flask import Blueprint, Response, request

usage_beacon = Blueprint("sonla_usage_beacon", __name__)

TYPES = frozenset({"page", "resource"})
MAX_URL = 1000
# Crawlers, link checkers, feed readers, HTTP libraries and headless browsers (which also run tracking.js).
ROBOT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|archiver|facebookexternalhit|preview|monitor|check|"
    r"headless|phantomjs|selenium|puppeteer|playwright|lighthouse|python|curl|wget|java/|"
    r"go-http|okhttp|httpclient|libwww|axios|node-fetch|feed|rss", re.IGNORECASE)


def is_robot(user_agent: str) -> bool:
    """No user agent, or one that names a robot or a program rather than a person's browser."""
    return not user_agent.strip() or bool(ROBOT.search(user_agent))


def visitor_key() -> str:
    """An anonymous key for a visitor (as CKAN's): browser, address and languages, hashed."""
    material = "".join([request.headers.get("User-Agent", ""), request.remote_addr or "",
                        request.headers.get("Accept-Language", ""), request.headers.get("Accept-Encoding", "")])
    return hashlib.md5(material.encode("utf-8"), usedforsecurity=False).hexdigest()


def _bad(message: str) -> Response:
    return Response(message, status=400, mimetype="text/plain")


def track() -> Response:
    url = request.form.get("url", "")
    kind = request.form.get("type", "")
    if kind not in TYPES:
        return _bad(toolkit._('The type must be "page" or "resource".'))
    if len(url) > MAX_URL:  # (the home page's address is empty: tracking.js strips the trailing "/")
        return _bad(toolkit._("The address must have at most %(max)s characters.") % {"max": MAX_URL})
    if not is_robot(request.headers.get("User-Agent", "")):
        # The same visitor on the same address in the same instant is one row (the table's key).
        model.Session.merge(TrackingRaw(user_key=visitor_key(), url=url, tracking_type=kind))
        model.Session.commit()
    return Response(status=204)


# A beacon changes nothing a session owns and carries no token (tracking.js sends none).
usage_beacon.add_url_rule("/_tracking", view_func=csrf_exempt(track), endpoint="track", methods=["POST"])
