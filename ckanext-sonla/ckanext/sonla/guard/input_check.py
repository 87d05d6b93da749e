"""Reject, once for every request, input that no action can use: NUL bytes and over-deep nesting.

PostgreSQL refuses NUL in text and Python's JSON decoder and the query parser recurse, so such
input used to surface as a 500 from whichever action met it first. Checking the path, the query
string, the form fields and the JSON body here covers every view and action, CKAN's and ours, at once.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, AnyStr

from . import messages


class BadInput(ValueError):
    """Input that no action accepts; the message is the user-facing ``vi / en`` text."""


# A JSON string literal, unrolled (one way to match any text). An unclosed string runs to the
# end of the text, so the match from every quote succeeds on its first try and nothing is
# retried. Requiring the closing quote made malformed input (a quote and a backslash repeated)
# be retried from every quote: a cost quadratic in its length, minutes of CPU for one anonymous
# request of a megabyte. (Possessive quantifiers would say the same but need Python 3.11.)
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)'
_STRING_TEXT = re.compile(_STRING, re.S)
_STRING_BYTES = re.compile(_STRING.encode(), re.S)
_BRACKETS_TEXT = re.compile(r"[\[\]{}]")
_BRACKETS_BYTES = re.compile(rb"[\[\]{}]")


def nesting_depth(document: str | bytes, stop_at: int) -> int:
    """How deep ``[``/``{`` nest in JSON text, counted without parsing (stops past ``stop_at``)."""
    if isinstance(document, bytes):
        return _depth(_STRING_BYTES.sub(b'""', document), _BRACKETS_BYTES, (b"[", b"{"), stop_at)
    return _depth(_STRING_TEXT.sub('""', document), _BRACKETS_TEXT, ("[", "{"), stop_at)


def _depth(stripped: AnyStr, brackets: re.Pattern[AnyStr], opening: tuple[AnyStr, AnyStr], stop_at: int) -> int:
    depth = deepest = 0
    for match in brackets.finditer(stripped):
        if match.group() in opening:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_at:
                break
        else:
            depth -= 1
    return deepest


def _looks_like_json(value: str) -> bool:
    return value[:1] in ("{", "[") or value.lstrip()[:1] in ("{", "[")


def check_value(name: str, value: Any, max_depth: int) -> None:
    """Raise BadInput if ``value`` (a decoded parameter, any JSON shape) holds a NUL or nests too deep."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise BadInput(messages.text("too_deep", name=name, limit=max_depth))
        if isinstance(item, str):
            _check_text(name, item, max_depth)
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and "\x00" in key:
                    raise BadInput(messages.text("nul_byte", name=name))
                stack.append((child, depth + 1))
        elif isinstance(item, (list, tuple)):
            stack.extend((child, depth + 1) for child in item)


def _check_text(name: str, value: str, max_depth: int) -> None:
    if "\x00" in value:
        raise BadInput(messages.text("nul_byte", name=name))
    if not _looks_like_json(value):
        return
    # A JSON document inside a parameter (sonla_dataset_publish's fields, datastore filters
    # sent as text): the action will decode it, so it must be decodable safely.
    if nesting_depth(value, max_depth) > max_depth:
        raise BadInput(messages.text("too_deep", name=name, limit=max_depth))
    if "\\u0000" in value.lower():
        try:
            decoded = json.loads(value)
        except ValueError:
            return  # not JSON after all; the action reports it
        check_value(name, decoded, max_depth)


def check_path(path: str) -> None:
    """The URL's path: its segments reach views and actions as ids and names, as parameters do."""
    if "\x00" in path:
        raise BadInput(messages.text("nul_in_path"))


def check_pairs(pairs: Iterable[tuple[str, list[str]]], max_depth: int) -> None:
    """Query-string or form fields: every name and every value."""
    for name, values in pairs:
        # CKAN's API also takes a whole JSON document sent as a form field's name.
        _check_text(repr(name[:40].replace("\x00", "")), name, max_depth)
        for value in values:
            check_value(name, value, max_depth)


def check_json_body(body: bytes, max_depth: int) -> None:
    """A JSON request body: depth first (decoding recurses), then every name and value."""
    if not body.strip():
        return
    if nesting_depth(body, max_depth) > max_depth:
        raise BadInput(messages.text("too_deep", name="JSON", limit=max_depth))
    try:
        decoded = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return  # CKAN answers malformed JSON with its own 400
    check_value("JSON", decoded, max_depth)
