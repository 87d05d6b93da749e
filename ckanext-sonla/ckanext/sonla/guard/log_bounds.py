"""Keep every log record short: a request's data must not be copied into the log in full.

CKAN logs request data (``Bad Action API request data``, validation errors with the submitted
values) and whole tracebacks; one 2.6 KB request once wrote 166 KB to web.log. Records are cut
where they are made, so every handler (the console, gunicorn's capture, pytest's) sees the same.
"""
from __future__ import annotations

import logging
import traceback
from typing import Any

_limits = {"message": 2000, "traceback": 8000}
_wrapped: list[Any] = [logging.getLogRecordFactory()]
_installed = False


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = limit * 3 // 4
    tail = limit - head
    return f"{text[:head]} …[{len(text) - limit} characters cut]… {text[-tail:]}"


def _record_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _wrapped[0](*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report, as before
        return record
    if len(message) > _limits["message"]:
        record.msg, record.args = _cut(message, _limits["message"]), None
    if record.exc_info and record.exc_info[0] is not None:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        # Deep recursion repeats one frame a thousand times: the formatter would print them all.
        record.exc_text = _cut(text, _limits["traceback"])
    return record


def install(message_chars: int, traceback_chars: int) -> None:
    """Cut messages to ``message_chars`` and tracebacks to ``traceback_chars`` (idempotent)."""
    global _installed
    _limits.update(message=max(200, message_chars), traceback=max(500, traceback_chars))
    if _installed:
        # Only once per process: a library that wrapped the factory since then calls ours, so
        # taking its wrapper as the one we call would make each call the other, endlessly.
        return
    _installed = True
    _wrapped[0] = logging.getLogRecordFactory()  # keep whatever factory another library installed
    logging.setLogRecordFactory(_record_factory)
