"""Publish a dataset in one request, through the Sơn La portal's ``sonla_dataset_publish``.

The step-by-step way (:mod:`push`) works on any CKAN but makes six dataset writes; the portal's
own action makes one, loads the rows with COPY, and creates a new dataset all at once (see
``ckanext-sonla/ckanext/sonla/publish/action.py``). ``--mode auto`` uses it when the portal has
it and the table is not too large for one request.
"""

from __future__ import annotations

import io
import json
from typing import Any

from ckanapi import RemoteCKAN

from sonla_publisher.portal.client import portal_offers_action
from sonla_publisher.portal.datastore import datastore_fields
from sonla_publisher.portal.resources import ResourceFile
from sonla_publisher.portal.spec_copy import spec_part
from sonla_publisher.specs import view_hints
from sonla_publisher.specs.spec import Spec

ACTION = "sonla_dataset_publish"
# Larger tables go step by step, in batches: one request must stay well inside the portal's
# worker timeout and upload size limit.
MAX_ROWS = 200_000



def portal_offers_it(ckan: RemoteCKAN) -> bool:
    """Whether the portal has ``sonla_dataset_publish`` (asked once per portal and process)."""
    return portal_offers_action(ckan, ACTION)


def publish_in_one_request(
    ckan: RemoteCKAN,
    spec: Spec,
    package: dict[str, Any],
    files: list[ResourceFile],
    rows: bytes,
) -> dict[str, Any]:
    """Send the dataset, its files (the first holds the table) and its rows (COPY text, see
    :func:`datastore.table_copy_text`); the portal's answer."""
    resources = [
        {"name": item.name, **item.fields, "file": f"file{index}"}
        for index, item in enumerate(files)
    ]
    datastore = {
        "resource": 0,
        "fields": datastore_fields(spec),
        "primary_key": spec.primary_key,
    }
    uploads: dict[str, tuple[str, io.BytesIO]] = {
        f"file{index}": (item.filename, io.BytesIO(item.content))
        for index, item in enumerate(files)
    }
    uploads["rows"] = ("rows.tsv", io.BytesIO(rows))
    # The portal checks each upload against its size (and undoes a known server-side fault).
    sizes = {part: len(content.getvalue()) for part, (_, content) in uploads.items()}
    parts = {
        "package": json.dumps(package, ensure_ascii=False),
        "resources": json.dumps(resources, ensure_ascii=False),
        "datastore": json.dumps(datastore, ensure_ascii=False),
        "sizes": json.dumps(sizes),
        # The chart and map of the table (the spec's hints): made, changed or removed with the
        # dataset, in the same request; an empty list removes the views an older spec asked for.
        "views": json.dumps(
            [{"resource": 0, **view} for view in view_hints.views(spec)], ensure_ascii=False
        ),
    }
    # The portal keeps the spec for its agency page, saved with the dataset (all or nothing).
    spec_text = spec_part(spec)
    if spec_text is not None:
        parts["spec"] = spec_text
    return ckan.call_action(ACTION, parts, files=uploads)
