"""Files uploaded on the agency page and their state, kept until published or replaced.

Each upload gets a row (:data:`.tables.agency_upload`) that says where its validation stands,
so the page survives a reload and a background job can report its progress; the file itself
is kept private (0700 folder, 0600 file) under ``<ckan.storage_path>/sonla_agency_uploads/``.
A new upload of a dataset removes the files of that dataset's earlier uploads, a publication
removes its own, and files older than a day are removed at the next upload of any dataset.
"""
from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path
from typing import IO, Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
from ckanext.sonla.compat import model

from .tables import agency_upload

QUEUED, RUNNING, DONE, FAILED, PUBLISHED = "queued", "running", "done", "failed", "published"
EXTENSIONS = (".xlsx", ".csv")
FOLDER = "sonla_agency_uploads"
MAX_AGE_SECONDS = 24 * 3600
_CHUNK = 1024 * 1024


class TooLarge(Exception):
    pass


def _setting(key: str, default: float) -> float:
    value = toolkit.config.get(key)
    return default if value is None or value == "" else float(value)


def max_bytes() -> int:
    return int(_setting("ckanext.sonla.agency_publish.max_upload_mb", 20) * 1024 * 1024)


def background_bytes() -> int:
    return int(_setting("ckanext.sonla.agency_publish.background_kb", 512) * 1024)


def root() -> Path:
    storage = toolkit.config.get("ckan.storage_path")
    if not storage:
        raise RuntimeError("ckan.storage_path is not set: uploads have nowhere to go")
    return Path(storage) / FOLDER


def extension(filename: str) -> str | None:
    suffix = Path(filename).suffix.lower()
    return suffix if suffix in EXTENSIONS else None


def source_path(upload_id: str, filename: str) -> Path:
    # The upload's own name is never used as a path: only its (checked) extension.
    return root() / upload_id / f"source{extension(filename) or ''}"


def store_file(upload_id: str, filename: str, stream: IO[bytes], limit: int) -> int:
    """Copy the upload to its private place, at most ``limit`` bytes; its size, or TooLarge."""
    path = source_path(upload_id, filename)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root(), 0o700)
    size = 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as target:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge()
                target.write(chunk)
    except BaseException:
        discard_files(upload_id)
        raise
    return size


def create(package_id: str, user_id: str, filename: str, size: int, upload_id: str | None = None) -> str:
    upload_id = upload_id or new_id()
    model.Session.execute(sa.insert(agency_upload).values(
        id=upload_id, package_id=package_id, user_id=user_id, filename=filename[:255], size=size, state=QUEUED))
    model.Session.commit()
    return upload_id


def new_id() -> str:
    return uuid.uuid4().hex


def update(upload_id: str, **values: Any) -> None:
    """Change the upload's row and commit at once: the page reads it from other processes."""
    model.Session.execute(sa.update(agency_upload).where(agency_upload.c.id == upload_id)
                          .values(updated_at=sa.func.now(), **values))
    model.Session.commit()


def get(upload_id: str) -> dict[str, Any] | None:
    row = model.Session.execute(sa.select(agency_upload).where(agency_upload.c.id == upload_id)).mappings().first()
    return dict(row) if row is not None else None


def latest(package_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The last upload of each dataset (package id -> row), without its report."""
    if not package_ids:
        return {}
    columns = [c for c in agency_upload.c if c.name != "report_html"]
    rows = model.Session.execute(
        sa.select(*columns).where(agency_upload.c.package_id.in_(package_ids))
        .order_by(agency_upload.c.package_id, agency_upload.c.created_at.desc())
        .distinct(agency_upload.c.package_id)).mappings()
    return {row["package_id"]: dict(row) for row in rows}


def discard_files(upload_id: str) -> None:
    shutil.rmtree(root() / upload_id, ignore_errors=True)


def sweep(package_id: str, keep: str) -> None:
    """Remove the files of the dataset's other uploads, and any upload folder older than a day."""
    others = model.Session.execute(sa.select(agency_upload.c.id).where(
        agency_upload.c.package_id == package_id, agency_upload.c.id != keep))
    for (other,) in others:
        discard_files(other)
    folder = root()
    if not folder.is_dir():
        return
    limit = time.time() - MAX_AGE_SECONDS
    for entry in folder.iterdir():
        if entry.name != keep and entry.is_dir() and entry.stat().st_mtime < limit:
            shutil.rmtree(entry, ignore_errors=True)
