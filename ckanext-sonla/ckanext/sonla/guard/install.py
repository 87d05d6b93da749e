"""Wire the guard into CKAN's Flask app (called from the plugin's IMiddleware hook)."""
from __future__ import annotations

from typing import Any

from ckanext.sonla.compat import config

from . import concurrency, log_bounds, logic_errors, rate_limit, request_hooks


def install_logging() -> None:
    log_bounds.install(config.get("ckanext.sonla.log.max_message_chars"),
                       config.get("ckanext.sonla.log.max_traceback_chars"))


def install(app: Any) -> Any:
    # The rate limit goes first: a client over its limit is refused before anything else is read.
    rate_limit.install(app)
    app.before_request(request_hooks.check_request)
    app.before_request(concurrency.acquire)
    app.teardown_request(concurrency.release)
    logic_errors.install(app)
    return app
