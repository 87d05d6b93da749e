"""The before-request check that runs :mod:`input_check` on every request, and the error answers.

API requests get CKAN's JSON error shape with status 400; pages get CKAN's error page.
"""
from __future__ import annotations

import io
from typing import Any

import flask
from ckanext.sonla.compat import config, datastore_blueprint
from flask import request

from . import input_check, messages


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, error_type: str, message: str) -> flask.Response:
    """An error in the shape CKAN's action API uses, so clients parse it as they parse CKAN's."""
    response = flask.jsonify({"success": False, "error": {"__type": error_type, "message": message}})
    response.status_code = status
    return response


def bad_request(message: str) -> flask.Response:
    if is_api_request():
        return json_error(400, "Bad Request", message)
    flask.abort(400, description=message)


def _dump_format_error() -> str | None:
    """CKAN's dump view fails with a 500 on an unknown format (its validator message is broken)."""
    if request.endpoint != "datastore.dump":
        return None
    DUMP_FORMATS = datastore_blueprint().DUMP_FORMATS

    value = request.args.get("format", "csv")
    if value in DUMP_FORMATS:
        return None
    return messages.text("dump_format", value=value.replace("\x00", "\\x00")[:40],
                         choices=", ".join(DUMP_FORMATS))


def check_request() -> Any:
    """Flask before-request hook: None lets the request through, a response stops it."""
    max_depth = config.get("ckanext.sonla.request.max_depth")
    try:
        input_check.check_path(request.path)
        input_check.check_pairs(request.args.lists(), max_depth)
        if request.method in ("POST", "PUT", "PATCH"):
            if request.mimetype == "application/x-www-form-urlencoded":
                # Read through the cache, and hand the body back: CKAN's tracking middleware reads
                # the raw wsgi.input of POST /_tracking after the response.
                body = request.get_data(cache=True)
                request.environ["wsgi.input"] = io.BytesIO(body)
                input_check.check_pairs(request.form.lists(), max_depth)
            elif request.mimetype == "multipart/form-data":
                input_check.check_pairs(request.form.lists(), max_depth)
            elif is_api_request():  # CKAN reads any other body as JSON
                input_check.check_json_body(request.get_data(cache=True), max_depth)
    except input_check.BadInput as error:
        return bad_request(str(error))
    problem = _dump_format_error()
    if problem:
        return bad_request(problem)
    return None
