"""Werkzeug's multipart parser, with the sonla plugin's work-around for pallets/werkzeug#3285
(its canary, which shows the fault without it, is in test_patches.py).

Bodies with random binary parts (rich in CR, LF and "-") are fed to the decoder in random
pieces, as a network may deliver them; every part must come out exactly as it was sent.
"""
from __future__ import annotations

import random

import pytest
from ckanext.sonla.patches import werkzeug_multipart
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

pytestmark = [pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets"),
              pytest.mark.usefixtures("with_plugins")]


def _body(parts: list[bytes], boundary: bytes) -> bytes:
    body = b""
    for index, content in enumerate(parts):
        body += (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="p%d"; filename="f"\r\n' % index
                 + b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n")
    return body + b"--" + boundary + b"--\r\n"


def _decode(body: bytes, boundary: bytes, cuts: list[int]) -> list[bytes]:
    decoder = MultipartDecoder(boundary, max_form_memory_size=None)
    pieces = [body[start:end] for start, end in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    parts: list[bytearray] = []
    fed, ended = 0, False
    while True:
        event = decoder.next_event()
        if isinstance(event, NeedData):
            if fed < len(pieces):
                decoder.receive_data(pieces[fed])
                fed += 1
            elif not ended:
                decoder.receive_data(None)
                ended = True
            else:
                break
        elif isinstance(event, (Field, File)):
            parts.append(bytearray())
        elif isinstance(event, Data):
            parts[-1].extend(event.data)
        elif isinstance(event, Epilogue):
            break
    return [bytes(part) for part in parts]


def _damaged(cases: int, seed: int = 3285) -> int:
    """How many of ``cases`` random bodies, split at random, decode to other parts than sent."""
    rng = random.Random(seed)
    damaged = 0
    for _ in range(cases):
        boundary = b"b%d" % rng.randrange(10**6)
        alphabet = [b"a", b"\r", b"\n", b"-", b"x", boundary[:2]]
        parts = [b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                 for _ in range(rng.randint(1, 3))]
        body = _body(parts, boundary)
        if rng.random() < 0.3:
            cuts = list(range(1, len(body)))  # a byte at a time
        else:
            cuts = sorted({rng.randrange(1, len(body)) for _ in range(rng.randint(0, 6))})
        damaged += _decode(body, boundary, cuts) != parts
    return damaged


def test_the_plugin_installs_the_work_around():
    assert MultipartDecoder._last_partial_boundary_index is werkzeug_multipart.held_back_from


def test_every_part_comes_out_as_sent_however_the_body_is_split():
    assert _damaged(2000) == 0

