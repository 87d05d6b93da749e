"""At most N expensive actions (arbitrary DataStore SQL) at once in each web process.

Each such call may hold a thread up to the DataStore timeout. Without a cap, a few clients can
occupy every thread of a worker, and the requests gunicorn has already handed to that worker
queue behind them; with it, the other threads stay free for ordinary requests. A call past the
cap is answered 503 at once, with Retry-After.
"""
from __future__ import annotations

import threading
from typing import Any

import flask
from ckanext.sonla.compat import config
from flask import request

from . import messages
from .request_hooks import json_error

_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()
RETRY_AFTER_SECONDS = 2


def slots(size: int) -> threading.BoundedSemaphore:
    """This process's semaphore for ``size`` concurrent calls (one per configured size)."""
    with _slots_lock:
        if size not in _slots:
            _slots[size] = threading.BoundedSemaphore(size)
        return _slots[size]


def _is_expensive() -> bool:
    action = str((request.view_args or {}).get("logic_function") or "")
    return request.blueprint == "api" and action in config.get("ckanext.sonla.ratelimit.expensive_actions")


def acquire() -> Any:
    """Before-request hook: take a slot for an expensive call, or answer 503."""
    size = config.get("ckanext.sonla.ratelimit.expensive_concurrency")
    if size <= 0 or not _is_expensive():
        return None
    slot = slots(size)
    if not slot.acquire(blocking=False):
        response = json_error(503, "Busy", messages.text("busy", seconds=RETRY_AFTER_SECONDS))
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    flask.g.sonla_expensive_slot = slot
    return None


def release(_error: BaseException | None = None) -> None:
    """Teardown hook: give the slot back whatever happened to the request."""
    slot = flask.g.pop("sonla_expensive_slot", None)
    if slot is not None:
        slot.release()
