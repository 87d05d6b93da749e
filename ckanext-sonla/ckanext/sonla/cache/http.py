"""Serve anonymous answers from the cache, store new ones, and add HTTP validators (ETag/304).

``serve`` runs before the view (after CKAN has identified the user and after the guard's checks, so a
cached answer is still rate-limited). ``finish`` runs on Flask's ``request_finished`` signal, i.e. on the
final response, after CKAN's own after-request hook and after the session cookie was written: a response
that sets a cookie (a new session, a flash message) is never stored.

HTML pages carry the client's CSRF token (CKAN's base template) and the time their anonymous forms
were shown (:func:`ckanext.sonla.public_forms.antispam.form_token`). The stored copy and the ETag's hash
have placeholders in their place, and each client gets fresh values when the copy is served.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import flask
from ckanext.sonla.compat import config
from ckanext.sonla.public_forms import antispam
from flask import g, request
from flask_wtf.csrf import generate_csrf  # type: ignore[import-untyped]

from . import generation, store
from . import requests as cache_requests
from . import settings as cache_settings

NOT_A_WRITE = ("GET", "HEAD", "OPTIONS")
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
CACHE_CONTROL = "public, max-age=0, must-revalidate"  # clients revalidate: a publish is visible at once
HIT_HEADER = "X-Sonla-Cache"
# Fixed, so that the ETag of a page is the same whichever client's token it was rendered with.
CSRF_PLACEHOLDER = "sonla-cache-csrf-token-placeholder"
FORM_TOKEN_PLACEHOLDER = b"sonla-cache-form-token-placeholder"


@dataclass
class State:
    key: str | None  # None: HTTP validators only (the Redis copy is off or not usable)
    hit: bool = False


def language() -> str:
    return str(request.environ.get("CKAN_LANG") or config.get("ckan.locale_default") or "")


def serve() -> Any:
    """Before-request hook: answer from the cache, or note that the answer may be stored."""
    current = cache_settings.current()
    if not (current.enabled or current.http_headers) or not cache_requests.cacheable():
        return None
    if flask.session.get("_flashes"):
        return None  # a message waits for this client: it must see a fresh page
    key = None
    if current.enabled:
        index_generation = generation.search_index_generation()
        if index_generation is not None:
            key = cache_requests.entry_key((index_generation, generation.counter()), language())
    g.sonla_cache = State(key)
    entry = store.get(key) if key else None
    if entry is None:
        return None
    g.sonla_cache.hit = True
    if current.http_headers and request.if_none_match.contains_weak(entry.etag):
        response = flask.Response(status=304)
    else:
        body = entry.body
        if entry.csrf_placeholder:
            body = body.replace(entry.csrf_placeholder.encode("ascii"), generate_csrf().encode("ascii"))
        if FORM_TOKEN_PLACEHOLDER in body:
            body = body.replace(FORM_TOKEN_PLACEHOLDER, antispam.form_token().encode("ascii"))
        response = flask.Response(body, status=entry.status)
        for name, value in entry.headers:
            response.headers[name] = value
    response.headers[HIT_HEADER] = "hit"
    if current.http_headers:
        response.headers["ETag"] = _quoted(entry.etag)
    return response


def _quoted(etag: str) -> str:
    return f'W/"{etag}"'


def _csrf_token() -> str | None:
    token = g.get(config.get("WTF_CSRF_FIELD_NAME") or "csrf_token")
    return str(token) if token else None


def finish(sender: Any, response: flask.Response, **extra: Any) -> None:
    """request_finished: headers, 304, storing; or, after a signed-in user's write, a new generation."""
    state: State | None = g.get("sonla_cache")
    if state is None:
        if request.method not in NOT_A_WRITE and response.status_code < 400 and cache_requests.signed_in():
            generation.bump()
        return
    current = cache_settings.current()
    if current.http_headers:
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.vary.update(("Cookie", "Authorization"))
    if state.hit or response.status_code != 200 or response.is_streamed or response.direct_passthrough:
        return
    body = response.get_data()
    token = _csrf_token()
    placeholder = None
    if token and token.encode("ascii") in body:
        placeholder = CSRF_PLACEHOLDER
        body = body.replace(token.encode("ascii"), placeholder.encode("ascii"))
    for form_token in g.get("sonla_form_tokens") or ():
        body = body.replace(form_token.encode("ascii"), FORM_TOKEN_PLACEHOLDER)
    # Weak: HTML copies differ in their tokens, and the comparison is the same for both kinds.
    etag = hashlib.sha256(body).hexdigest()[:32]
    if (state.key and request.method == "GET" and "Set-Cookie" not in response.headers):
        headers = [(name, response.headers[name]) for name in KEPT_HEADERS if name in response.headers]
        stored = store.put(state.key, store.Entry(200, headers, etag, placeholder, body), current)
        response.headers[HIT_HEADER] = "stored" if stored else "miss"
    if current.http_headers:
        response.headers["ETag"] = _quoted(etag)
        if request.if_none_match.contains_weak(etag):
            response.make_conditional(request)


def install(app: Any) -> None:
    app.before_request(serve)
    flask.request_finished.connect(finish, app)
