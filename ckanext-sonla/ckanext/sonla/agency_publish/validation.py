"""Validate an uploaded file with the publisher's library, as ``sonla-publish validate`` does.

One validator: the publisher reads and cleans the file (``open_table``), checks it
(``validate_table``) and renders the report (``render_html``) with the same cell references,
messages and cleaning list as on the command line. :func:`validate_upload` is the background
job (CKAN's queue on Redis) for large files, and runs in the request for small ones; either way
it records its progress and result in the upload's row.
"""
from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as toolkit
from sonla_publisher.errors import PublisherError
from sonla_publisher.i18n.messages import Lang
from sonla_publisher.reading.table import SourceTable, TableStream, open_table, read_table
from sonla_publisher.validation.html_report import render_html
from sonla_publisher.validation.validator import ValidationReport, validate_table

from . import spec_store, uploads

log = logging.getLogger(__name__)
_ = toolkit._

# How often the job writes its progress (rows read so far) to the upload's row.
PROGRESS_SECONDS = 1.0


class CannotValidate(Exception):
    """The file or the spec could not be read: the message says why, in the user's language."""


def _counted(rows: Iterable[Any], progress: Callable[[int], None]) -> Iterator[Any]:
    count, last = 0, time.monotonic()
    for row in rows:
        count += 1
        if time.monotonic() - last >= PROGRESS_SECONDS:
            progress(count)
            last = time.monotonic()
        yield row
    progress(count)


def lang_of(lang: str) -> Lang:
    return "en" if lang == "en" else "vi"


def check_file(stored: spec_store.StoredSpec, upload: dict[str, Any], lang: str,
               progress: Callable[[int], None] = lambda rows: None) -> ValidationReport:
    """The report of the uploaded file, or CannotValidate."""
    spec = stored.spec()
    path = uploads.source_path(upload["id"], upload["filename"])
    try:
        with stored.codelist_dir() as codelists:
            stream: TableStream = open_table(path, spec, codelists, uploads.max_bytes())
            stream.rows = _counted(stream.rows, progress)
            return validate_table(stream, spec, codelists)
    except PublisherError as error:
        raise CannotValidate(error.message(lang_of(lang))) from error


def read_for_publishing(stored: spec_store.StoredSpec,
                        upload: dict[str, Any]) -> tuple[SourceTable, ValidationReport]:
    """The whole table (to publish it) and its report, read again from the kept file."""
    spec = stored.spec()
    path = uploads.source_path(upload["id"], upload["filename"])
    with stored.codelist_dir() as codelists:
        table = read_table(path, spec, codelists, uploads.max_bytes())
        return table, validate_table(table, spec, codelists)


def validate_upload(upload_id: str, lang: str = "vi") -> None:
    """The job: validate the upload and record the report (or why it could not be read)."""
    upload = uploads.get(upload_id)
    if upload is None or upload["state"] not in (uploads.QUEUED, uploads.RUNNING):
        return
    uploads.update(upload_id, state=uploads.RUNNING)
    stored = spec_store.load(upload["package_id"])
    if stored is None:
        uploads.update(upload_id, state=uploads.FAILED,
                       message=_("The portal has no spec for this dataset: publish it once with sonla-publish"))
        return
    try:
        report = check_file(stored, upload, lang, lambda rows: uploads.update(upload_id, rows_read=rows))
        # The file's name as the user gave it, not its private path on the server.
        html = render_html(dataclasses.replace(report, path=Path(upload["filename"])), lang_of(lang))
    except CannotValidate as error:
        uploads.update(upload_id, state=uploads.FAILED, message=str(error))
        return
    except Exception:
        log.exception("Upload %s: validation failed", upload_id)
        uploads.update(upload_id, state=uploads.FAILED,
                       message=_("The file could not be validated; try again or ask the portal's operators"))
        return
    uploads.update(upload_id, state=uploads.DONE, valid=report.valid, problem_count=len(report.problems),
                   row_count=report.row_count, rows_read=report.row_count, report_html=html)
