"""What every form page of the portal shares: who is asking, the CSRF check, and validation errors
as the forms show them (agency publishing, data requests, subscriptions, showcases)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import g, request
from flask_wtf.csrf import CSRFError, validate_csrf  # type: ignore[import-untyped]


def user_name() -> str:
    user = toolkit.current_user
    return str(user.name) if user.is_authenticated else ""


def context() -> dict[str, Any]:
    """An action context for the visitor of this page (empty user: anonymous)."""
    return {"user": user_name()}


def check_csrf() -> None:
    """The form's CSRF token, checked here as well: CKAN exempts a view from Flask-WTF's check for
    good once any request reached it with an API token (ckan/config/middleware/flask_app.py)."""
    if g.get("login_via_auth_header"):
        return
    try:
        validate_csrf(request.form.get(toolkit.config.get("WTF_CSRF_FIELD_NAME") or "_csrf_token"))
    except (CSRFError, ValueError, TypeError) as error:
        toolkit.abort(400, toolkit._("The form has expired or did not come from this portal: reload the page "
                                     "and try again"))
        raise AssertionError("unreachable: abort raises") from error


def errors(error: toolkit.ValidationError) -> dict[str, list[str]]:
    """A ValidationError's messages by field, each a list of strings."""
    return {str(key): [str(m) for m in (value if isinstance(value, list) else [value])]
            for key, value in (error.error_dict or {}).items()}
