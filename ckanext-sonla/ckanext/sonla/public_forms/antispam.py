"""What an anonymous requester must get past: a hidden field, a minimum time on the form, a limit
per address and per e-mail, and a confirmation link to their e-mail.

The form's start time and the confirmation link are signed with the portal's secret (``SECRET_KEY``),
so neither can be made up; the link expires after ``ckanext.sonla.requests.confirm_hours``.
Data requests, e-mail subscriptions and showcases use the same checks, counted apart (``scope``) and
with links of their own (``salt``).
"""
from __future__ import annotations

import hashlib
import time
from typing import Any

import ckan.plugins.toolkit as toolkit
import flask
from ckanext.sonla.compat import connect_to_redis, model
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

HONEYPOT = "website"
FORM_TOKEN = "form_token"
FORM_MAX_AGE = 24 * 3600
_WINDOW = 3600


def _secret() -> str:
    secret = toolkit.config.get("SECRET_KEY") or toolkit.config.get("beaker.session.secret")
    if not secret:
        raise RuntimeError("SECRET_KEY is not set: request links cannot be signed")
    return str(secret)


def _int(key: str, default: int) -> int:
    value = toolkit.config.get(key)
    return default if value in (None, "") else int(value)


def min_form_seconds() -> int:
    return _int("ckanext.sonla.requests.min_form_seconds", 3)


def confirm_hours() -> int:
    return _int("ckanext.sonla.requests.confirm_hours", 48)


def per_hour() -> int:
    return _int("ckanext.sonla.requests.per_hour", 5)


def form_token() -> str:
    """Put in every form an anonymous visitor may send: when the form was shown.

    The token changes every second, so the page cache (:mod:`ckanext.sonla.cache.http`) stores a
    placeholder in its place and serves a fresh one: otherwise a cached form would carry the time it was
    cached, and a page's ETag would change every second.
    """
    token = TimestampSigner(_secret(), salt="sonla-request-form").sign(str(int(time.time()))).decode()
    shown = flask.g.setdefault("sonla_form_tokens", set()) if flask.has_app_context() else set()
    shown.add(token)
    return token


def _refuse(field: str, message: str) -> toolkit.ValidationError:
    return toolkit.ValidationError({field: [message]})


def check_form(data: dict[str, object]) -> None:
    """The hidden field is empty and the form was shown between a few seconds and a day ago."""
    if str(data.get(HONEYPOT) or "").strip():
        raise _refuse(HONEYPOT, toolkit._("This field must stay empty"))
    token = str(data.get(FORM_TOKEN) or "")
    try:
        shown = TimestampSigner(_secret(), salt="sonla-request-form").unsign(token, max_age=FORM_MAX_AGE)
    except SignatureExpired:
        raise _refuse(FORM_TOKEN, toolkit._("The form has expired: reload the page and try again")) from None
    except BadSignature:
        raise _refuse(FORM_TOKEN, toolkit._("The form did not come from this portal: reload the page and "
                                            "try again")) from None
    if time.time() - int(shown) < min_form_seconds():
        raise _refuse(FORM_TOKEN, toolkit._("The form was sent too fast: wait a few seconds and send it "
                                            "again"))


def sender(context: dict[str, Any]) -> Any:
    """The signed-in user sending (``model.User``), or None for an anonymous visitor."""
    name = str(context.get("user") or "")
    return model.User.by_name(name) if name else None


def client(user: Any) -> str:
    """Who is counted by the hourly limit: the account, else the address the request came from."""
    if user is not None:
        return f"user:{user.id}"
    if flask.has_request_context():
        return f"ip:{flask.request.remote_addr or 'unknown'}"
    return ""


def _bucket(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]  # no address in Redis in clear
    site = toolkit.config.get("ckan.site_id") or "default"
    return f"sonla:{scope}:{site}:{kind}:{digest}:{int(time.time()) // _WINDOW}"


def check_rate(client: str, email: str | None, scope: str = "requests", limit: int | None = None) -> None:
    """At most ``per_hour`` submissions an hour from one client (user or address) and to one e-mail.

    Other public forms (subscriptions, showcases) count in their own ``scope``, showcases with their own
    ``limit``.
    """
    redis = connect_to_redis()
    limit = per_hour() if limit is None else limit
    for kind, value in (("client", client), ("email", email or "")):
        if not value:
            continue
        key = _bucket(scope, kind, value)
        count = redis.incr(key)
        if count == 1:
            redis.expire(key, _WINDOW)
        if count > limit:
            raise toolkit.ValidationError({"email" if kind == "email" else "rate": [
                toolkit._("Too many requests sent in an hour (at most %(limit)s): try again later")
                % {"limit": limit}]})


def confirm_token(request_id: str, salt: str = "sonla-request-confirm") -> str:
    return URLSafeTimedSerializer(_secret(), salt=salt).dumps(request_id)


def confirmed_id(token: str, salt: str = "sonla-request-confirm", expired: str | None = None) -> str:
    """What a confirmation link is for; ValidationError if it is forged or has expired."""
    try:
        value = URLSafeTimedSerializer(_secret(), salt=salt).loads(token, max_age=confirm_hours() * 3600)
    except SignatureExpired:
        raise _refuse("token", expired or toolkit._("This confirmation link has expired: send the request "
                                                    "again")) from None
    except BadSignature:
        raise _refuse("token", toolkit._("This confirmation link is not valid")) from None
    return str(value)


def signed(value: object, salt: str) -> str:
    """A link that does not expire (an unsubscribe link), signed so that nobody can make one up."""
    return URLSafeTimedSerializer(_secret(), salt=salt).dumps(value)


def unsigned(token: str, salt: str) -> object:
    try:
        return URLSafeTimedSerializer(_secret(), salt=salt).loads(token)
    except BadSignature:
        raise _refuse("token", toolkit._("This link is not valid")) from None
