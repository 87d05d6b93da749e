"""Pages that let CKAN's "not authorized" or "not found" escape answer 403 / 404, not 500.

Some of CKAN's views call actions without catching these (``/dataset/changes_multiple`` with an
activity the caller may not read), and Flask turns any uncaught exception into a server error.
The answer is CKAN's error page; its text is generic, because the exception's own message can
name the object refused (the id of a private dataset).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit
import flask
from werkzeug.exceptions import Forbidden, HTTPException, NotFound

from . import request_hooks


def _answer(error: HTTPException, api_type: str) -> Any:
    if request_hooks.is_api_request():
        return request_hooks.json_error(error.code or 500, api_type, str(error.description))
    # CKAN's own handler for HTTP errors renders its error page.
    return flask.current_app.handle_http_exception(error)


def _not_authorized(_error: Exception) -> Any:
    return _answer(Forbidden(toolkit._("Not authorized to see this page")), "Authorization Error")


def _not_found(_error: Exception) -> Any:
    return _answer(NotFound(toolkit._("Not found")), "Not Found Error")


def install(app: Any) -> None:
    app.register_error_handler(toolkit.NotAuthorized, _not_authorized)
    app.register_error_handler(toolkit.ObjectNotFound, _not_found)
