"""Uploaded resource files readable by the service user only (files 0600, folders 0700).

CKAN writes uploads with the process umask, usually 0644 and folders 0755: any account on the
server could read the files of private datasets. The folders are made 0700 before the file is
written, so the file is never reachable by others even for the moment before its own chmod.
Files stored before this change keep their mode; docs/operators.md gives the one-off command.
"""
from __future__ import annotations

import os
from typing import Any, BinaryIO

from ckanext.sonla.compat import ResourceUpload, file_storage_configured

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def _private_directory(path: str) -> None:
    os.makedirs(path, mode=DIRECTORY_MODE, exist_ok=True)
    os.chmod(path, DIRECTORY_MODE)


def private_directories(upload: ResourceUpload, resource_id: str) -> None:
    """The folders of ``resource_id``'s file, made or set 0700 (``<storage>/resources/abc/def``
    and the two above it). Also used by the publish action's staged files."""
    _private_directory(upload.storage_path)
    directory = upload.get_directory(resource_id)
    _private_directory(os.path.dirname(directory))
    _private_directory(directory)


def open_private_file(path: str) -> BinaryIO:
    """``path`` opened for writing, made 0600 before any byte is written (whatever the umask)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)  # an existing file keeps its mode through O_CREAT
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "wb")


class PrivateResourceUpload(ResourceUpload):
    def upload(self, id: str, max_size: int = 10) -> None:
        if self.storage_path and self.filename:
            private_directories(self, id)
        super().upload(id, max_size)
        if self.storage_path and self.filename:
            os.chmod(self.get_path(id), FILE_MODE)


def get_resource_uploader(data_dict: dict[str, Any]) -> ResourceUpload | None:
    """Our uploader where CKAN would use its folder uploader; None (CKAN decides) when a
    file-keeper storage is configured for resources, as CKAN's ``get_resource_uploader`` checks."""
    if file_storage_configured("resource"):
        return None
    return PrivateResourceUpload(data_dict)
