"""What an error page says: a Vietnamese title for its HTTP status, and a message for a citizen.

CKAN renders every HTTP error with ``error_document_template.html``, passing werkzeug's English
name ("Not Found") and, unless the view gave its own (already translated) message, werkzeug's
English description. Both are replaced here; the status code itself is kept.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
import werkzeug.exceptions

_ = toolkit._


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid"),
        401: _("You need to log in"),
        403: _("You may not view this page"),
        404: _("Page not found"),
        405: _("This action is not allowed here"),
        409: _("The request conflicts with the current data"),
        413: _("The request is too large"),
        429: _("Too many requests"),
        500: _("The portal met an error"),
        503: _("The portal is briefly unavailable"),
    }


def _messages() -> dict[int, str]:
    return {
        404: _("The page you asked for does not exist or has moved. Search the datasets, or go to the home page."),
        429: _("You sent too many requests in a short time. Wait a little, then try again."),
        500: _("Something went wrong on our side. Try again later; if it happens again, tell us."),
    }


def status_code(code: Any) -> int:
    """CKAN passes ``[500]`` for an unexpected error."""
    if isinstance(code, (list, tuple)):
        code = code[0] if code else 500
    try:
        return int(code)
    except (TypeError, ValueError):
        return 500


def sonla_error_page(code: Any, content: Any) -> dict[str, str]:
    status = status_code(code)
    title = _titles().get(status) or _("Error %(error_code)s") % {"error_code": status}
    english = werkzeug.exceptions.default_exceptions.get(status)
    text = str(content or "").strip()
    if not text or (english is not None and text == english.description) or text == "Internal server error":
        text = _messages().get(status, "")
    return {"title": title, "message": text, "code": str(status)}
