"""Byte-identical xlsx files: fixed zip entry times, file modes and document dates.

openpyxl stamps the time of writing into every zip entry and into docProps/core.xml; rewriting
them with one fixed time makes a seeded generator give the same bytes on every run. Used by
make_demo_sources.py (the demo catalogue) and benchmarks/generate_catalogue.py.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

FIXED_TIME = dt.datetime(2026, 4, 21, 8, 0, 0)  # the day of Quyết định 978/QĐ-UBND


def pin_zip(data: bytes) -> bytes:
    """Rewrite an xlsx with fixed entry timestamps and document dates, so re-runs are byte-identical."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), body)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()
