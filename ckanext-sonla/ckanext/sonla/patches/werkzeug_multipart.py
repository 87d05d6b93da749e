"""Work around Werkzeug's multipart parser adding a stray CR to uploaded parts.

Werkzeug 3.1.5 to 3.1.9 (at least) sometimes end an uploaded file or form field with an extra
``\\r`` (pallets/werkzeug#3285, open): when the request body reaches the parser split inside the
closing delimiter (``\\r\\n--BOUNDARY--``), the carriage return is taken for data.
Upstream: https://github.com/pallets/werkzeug/issues/3285 (open). How the body
is split depends on the network, so the same upload may or may not be damaged. Every upload to
the portal goes through this parser: resource files from the web form and ``resource_create``,
and ``sonla_dataset_publish``'s parts.

The decoder holds back the end of its buffer while it may be the start of a delimiter; it sized
that window by the opening delimiter, two bytes shorter than the closing one. Installed here:
the same decision with the window sized by the closing delimiter. Remove this module once
Werkzeug fixes the issue: the canary in tests/ckanext/test_patches.py then fails and says so.
"""
from __future__ import annotations

import logging

import werkzeug
from werkzeug.sansio.multipart import MultipartDecoder

log = logging.getLogger(__name__)

_METHOD = "_last_partial_boundary_index"
# Werkzeug's own rule, kept for the test that shows the fault.
original = getattr(MultipartDecoder, _METHOD, None)


def held_back_from(decoder: MultipartDecoder, data: bytes | bytearray) -> int:
    """Where the data that may still start a delimiter begins (``len(data)``: nowhere).

    A delimiter is CR LF ``--`` boundary, and ``--`` more when it closes the body: any CR or LF
    within that many bytes of the end may be its start, so everything from the earliest of
    them waits for more data.
    """
    window = len(b"\r\n--") + len(decoder.boundary) + len(b"--")
    start = max(0, len(data) - window)
    found = [index for index in (data.find(b"\r", start), data.find(b"\n", start)) if index != -1]
    return min(found) if found else len(data)


def install() -> bool:
    """Replace the decoder's hold-back rule (only where Werkzeug has that rule)."""
    if original is None:
        log.warning("Werkzeug %s: multipart work-around not installed (%s not found)",
                    getattr(werkzeug, "__version__", "?"), _METHOD)
        return False
    setattr(MultipartDecoder, _METHOD, held_back_from)
    return True
