"""Publish a validated upload through ``sonla_dataset_publish``, the action ``sonla-publish`` calls.

The request is built by the publisher's own functions (dataset fields, the three files, the
DataStore columns and rows), from the portal's copy of the spec: the dataset comes out as
``sonla-publish push`` would make it from the same file, with the same source hash. The action
authorises the caller before its first write and publishes all or nothing.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from sonla_publisher.errors import PublisherError
from sonla_publisher.portal.datastore import datastore_fields, table_copy_text
from sonla_publisher.portal.package import build_package_dict, source_hash
from sonla_publisher.portal.resources import original_resource, published_files
from werkzeug.datastructures import FileStorage

from .. import clock
from . import spec_store, uploads, validation

_ = toolkit._


class NotPublishable(Exception):
    """The upload is not (or no longer) valid: the message says why."""


def _upload(content: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(content), filename=filename)


def request_for(stored: spec_store.StoredSpec, upload: dict[str, Any]) -> dict[str, Any]:
    """The ``sonla_dataset_publish`` data dict for the upload, read and validated again."""
    table, report = validation.read_for_publishing(stored, upload)
    if not report.valid:
        raise NotPublishable(_("The file has errors: fix them and upload it again"))
    spec = stored.spec()
    source_bytes = uploads.source_path(upload["id"], upload["filename"]).read_bytes()
    package = build_package_dict(spec, today=clock.today(), source_hash=source_hash(spec, source_bytes),
                                 period=report.period, coverage=report.coverage)
    files = published_files(spec, table, report, original_resource(Path(upload["filename"]), source_bytes))
    data: dict[str, Any] = {
        "package": package,
        "resources": [{"name": f.name, **f.fields, "file": f"file{index}"} for index, f in enumerate(files)],
        "datastore": {"resource": 0, "fields": datastore_fields(spec), "primary_key": spec.primary_key},
        "rows": _upload(table_copy_text(table, spec), "rows.tsv"),
    }
    for index, item in enumerate(files):
        data[f"file{index}"] = _upload(item.content, item.filename)
    return data


def publish(context: dict[str, Any], upload: dict[str, Any]) -> dict[str, Any]:
    stored = spec_store.load(upload["package_id"])
    if stored is None:
        raise NotPublishable(_("The portal has no spec for this dataset: publish it once with sonla-publish"))
    try:
        data = request_for(stored, upload)
    except PublisherError as error:
        raise NotPublishable(error.message(validation.lang_of(toolkit.h.lang()))) from error
    answer = toolkit.get_action("sonla_dataset_publish")(context, data)
    uploads.update(upload["id"], state=uploads.PUBLISHED, published_at=sa.func.now())
    uploads.discard_files(upload["id"])
    return answer
