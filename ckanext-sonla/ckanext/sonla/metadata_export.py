"""The metadata of the whole public catalogue in one file, CSV or JSON (linked from the dataset list).

What is in it is what an anonymous visitor may see: the datasets are read with ``package_search``
as an anonymous user (whoever asks), without private datasets or drafts, so a private dataset never
appears even when an editor downloads the file. The answer is streamed, a page of
:data:`PAGE_SIZE` datasets at a time, and stops at :data:`MAX_DATASETS`: memory and time stay
bounded whatever the catalogue's size.

Dates are ISO 8601 (``2026-12-05``, ``2026-12-05T08:30:00``), not the pages' dd/mm/yyyy: the file
is for programs and spreadsheets to sort and filter, as the data files' CSV dates are (docs/citizens.md).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as toolkit
from flask import Response, stream_with_context

PAGE_SIZE = 500
MAX_DATASETS = 100_000
# The columns of the CSV, and the keys of each JSON object, in this order.
COLUMNS = (
    "name", "url", "title", "title_en", "organization", "organization_title", "themes", "tags",
    "update_frequency", "data_last_updated", "temporal_coverage_from", "temporal_coverage_to",
    "spatial_coverage", "license_id", "catalogue_code", "legal_basis", "contact_name", "contact_email",
    "language", "metadata_created", "metadata_modified", "num_resources", "resource_formats", "notes",
)
LIST_COLUMNS = frozenset({"themes", "tags", "spatial_coverage", "resource_formats"})
_CACHE = "public, max-age=600"


def public_datasets() -> Iterator[dict[str, Any]]:
    """Every public, active dataset, by name, as an anonymous visitor's search returns it."""
    search = toolkit.get_action("package_search")
    start = 0
    while start < MAX_DATASETS:
        # A fresh anonymous context each page: package_search fills it in.
        result = search({"user": "", "ignore_auth": False}, {
            "q": "", "fq": "+dataset_type:dataset", "sort": "name asc", "include_private": False,
            "include_drafts": False, "rows": min(PAGE_SIZE, MAX_DATASETS - start), "start": start,
        })
        page = result["results"]
        yield from page
        if len(page) < PAGE_SIZE:
            return
        start += len(page)


def row(pkg: dict[str, Any], site: str) -> dict[str, Any]:
    """One dataset's metadata; list values as lists."""
    organization = pkg.get("organization") or {}
    coverage = pkg.get("spatial_coverage") or []
    values: dict[str, Any] = {
        "name": pkg["name"],
        "url": f"{site}/dataset/{pkg['name']}",
        "organization": organization.get("name") or "",
        "organization_title": organization.get("title") or "",
        "themes": [group["name"] for group in pkg.get("groups") or []],
        "tags": [tag["name"] for tag in pkg.get("tags") or []],
        "spatial_coverage": [coverage] if isinstance(coverage, str) else list(coverage),
        "num_resources": len(pkg.get("resources") or []),
        "resource_formats": sorted({(r.get("format") or "").upper() for r in pkg.get("resources") or []} - {""}),
    }
    for column in COLUMNS:
        if column not in values:
            value = pkg.get(column)
            values[column] = "" if value is None else value
    return {column: values[column] for column in COLUMNS}


def _site() -> str:
    return str(toolkit.config.get("ckan.site_url") or "").rstrip("/")


def csv_lines() -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield flush()
    site = _site()
    for pkg in public_datasets():
        values = row(pkg, site)
        writer.writerow([";".join(map(str, values[c])) if c in LIST_COLUMNS else values[c] for c in COLUMNS])
        yield flush()


def json_chunks() -> Iterator[str]:
    yield "["
    site = _site()
    for index, pkg in enumerate(public_datasets()):
        yield ("," if index else "") + "\n" + json.dumps(row(pkg, site), ensure_ascii=False)
    yield "\n]\n"


def _download(chunks: Iterator[str], mimetype: str, filename: str) -> Response:
    return Response(stream_with_context(chunks), mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": _CACHE})


def metadata_csv() -> Response:
    return _download(csv_lines(), "text/csv; charset=utf-8", "sieu-du-lieu-danh-muc.csv")


def metadata_json() -> Response:
    return _download(json_chunks(), "application/json; charset=utf-8", "sieu-du-lieu-danh-muc.json")
