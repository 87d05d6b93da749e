"""Per-client rate limits on the API, counted in Redis so they hold across workers and machines.

Flask-Limiter does the counting (docs/dependencies.md says why this library). A client is its
user when signed in (browser session or API token), otherwise its IP address; behind a reverse
proxy that address comes from X-Forwarded-For, trusted for the configured number of proxies only.
"""
from __future__ import annotations

import logging
import time
from typing import Any

import flask
import werkzeug
from ckanext.sonla.compat import config, current_user
from flask import request
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded, RequestLimit
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import formatting
from . import messages
from .request_hooks import json_error

log = logging.getLogger(__name__)


def _signed_in() -> bool:
    return bool(getattr(current_user, "is_authenticated", False))


def client_key() -> str:
    if _signed_in():
        return f"user:{current_user.id}"
    return f"ip:{request.remote_addr or 'unknown'}"


def limit_for_client() -> str:
    if _signed_in():
        return config.get("ckanext.sonla.ratelimit.user")
    return config.get("ckanext.sonla.ratelimit.anonymous")


def _action_name() -> str:
    view_args = request.view_args or {}
    return str(view_args.get("logic_function") or "")


def request_cost() -> int:
    """Expensive actions (arbitrary SQL) use up more of the allowance than a lookup."""
    if _action_name() in config.get("ckanext.sonla.ratelimit.expensive_actions"):
        return max(1, config.get("ckanext.sonla.ratelimit.expensive_cost"))
    return 1


def exempt() -> bool:
    """Only the listed paths are limited; sysadmins may be exempt."""
    if not any(request.path.startswith(p) for p in config.get("ckanext.sonla.ratelimit.paths")):
        return True
    return bool(config.get("ckanext.sonla.ratelimit.exempt_sysadmins")
                and _signed_in() and getattr(current_user, "sysadmin", False))


def _on_breach(limit: RequestLimit) -> flask.Response:
    seconds = max(1, int(limit.reset_at - time.time()))
    response = json_error(429, "Rate Limit Error",
                          messages.text("rate_limited", amount=formatting.format_number(limit.limit.amount),
                                        period=formatting.format_number(limit.limit.get_expiry()), seconds=seconds))
    response.headers["Retry-After"] = str(seconds)
    log.info("Rate limit %s reached by %s on %s", limit.limit, client_key(), request.path[:200])
    return response


def _rate_limit_exceeded(error: RateLimitExceeded) -> werkzeug.Response:
    return error.get_response()


def install(app: Any) -> Limiter | None:
    """Count API requests in Redis and answer 429 (JSON, Retry-After) past the limit."""
    if not config.get("ckanext.sonla.ratelimit.enabled"):
        return None
    proxies = config.get("ckanext.sonla.ratelimit.trusted_proxies")
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)
    storage = config.get("ckanext.sonla.ratelimit.storage_url") or config.get("ckan.redis.url")
    limiter = Limiter(
        client_key,
        app=app,
        storage_uri=storage,
        strategy="sliding-window-counter",
        application_limits=[ApplicationLimit(limit_for_client, cost=request_cost, exempt_when=exempt)],
        on_breach=_on_breach,
        headers_enabled=True,
        retry_after="delta-seconds",
        # A Redis outage must not take the portal down with it: requests pass, the error is logged.
        swallow_errors=True,
        key_prefix=f"sonla-ratelimit:{config.get('ckan.site_id')}",
    )
    # CKAN renders every HTTP error as an HTML page; the API's clients need the JSON answer.
    app.register_error_handler(RateLimitExceeded, _rate_limit_exceeded)
    return limiter
