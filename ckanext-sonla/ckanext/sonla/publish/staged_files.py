"""A publication's files, written under a staging name and moved into place only when the
dataset's metadata is saved (or deleted when it is not).

CKAN's own uploader writes a resource's file to its final path while the dataset is being
saved: a publication refused or stopped after that leaves the new file under the old metadata
(an update) or an orphan file nobody refers to (a new dataset). Here each file is first
written next to its final path as ``<path>~sonla-<token>`` (same directory, so the move is
one atomic ``os.replace``) and:

- :meth:`StagedFiles.put_in_place` moves them into place (after the metadata commit of an
  update; before the commit of a new dataset, whose paths nobody refers to yet);
- :meth:`StagedFiles.discard` removes the staged files, and the placed files of resources the
  failed publication had created.

Only local-storage uploaders (CKAN's ``ResourceUpload`` and its subclasses, such as the sonla
plugin's :class:`~ckanext.sonla.private_storage.PrivateResourceUpload`) can be staged; staged
files get the same private modes (folders 0700, file 0600). With another uploader (an
``IUploader`` plugin writing elsewhere) the files are written by that uploader after the
metadata commit.
"""
from __future__ import annotations

import logging
import os
import shutil
import uuid
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import uploader

from .. import private_storage

log = logging.getLogger(__name__)
_ = toolkit._
STAGED_SUFFIX = "~sonla-"


@dataclass
class _File:
    upload: Any  # the resource's uploader
    resource_id: str
    staged: str | None  # None: an uploader that cannot be staged
    final: str | None
    new: bool  # no file was there before


@dataclass
class StagedFiles:
    max_bytes: int
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    _files: list[_File] = field(default_factory=list)
    _placed: list[_File] = field(default_factory=list)

    def stage(self, fields: dict[str, Any], resource_id: str) -> None:
        """Take ``fields``' ``upload`` (setting ``url``, ``url_type``, ``size``, ``mimetype`` as
        CKAN does) and write it under its staging name. ``fields`` is left without upload, so
        CKAN's actions write no file of their own."""
        upload = uploader.get_resource_uploader(fields)  # pops "upload"
        if getattr(upload, "filename", None) is None:
            return  # no file in this resource
        fields.setdefault("mimetype", getattr(upload, "mimetype", None))
        fields["size"] = getattr(upload, "filesize", None)
        if fields["size"] is not None and fields["size"] > self.max_bytes:
            raise toolkit.ValidationError({"upload": [_("The file {name} is larger than the portal accepts "
                                                        "({mb} MB)").format(name=fields.get("name"),
                                                                            mb=self.max_bytes // (1024 * 1024))]})
        # isinstance: the sonla plugin's own uploader (private_storage) is a ResourceUpload.
        if not isinstance(upload, uploader.ResourceUpload) or not upload.storage_path:
            self._files.append(_File(upload, resource_id, None, None, new=False))
            return
        final = upload.get_path(resource_id)
        staged = final + STAGED_SUFFIX + self.token
        item = _File(upload, resource_id, staged, final, new=not os.path.exists(final))
        self._files.append(item)  # before writing: discard() removes a half-written file too
        # Private like a direct upload (private_storage): os.replace keeps the staged file's mode.
        private_storage.private_directories(upload, resource_id)
        with private_storage.open_private_file(staged) as output:
            upload.upload_file.seek(0)
            shutil.copyfileobj(upload.upload_file, output)

    def put_in_place(self) -> None:
        """Move the staged files to their final paths (other uploaders write theirs now)."""
        for item in self._files:
            if item.staged is None:
                item.upload.upload(item.resource_id, uploader.get_max_resource_size())
            else:
                assert item.final is not None
                os.replace(item.staged, item.final)
            self._placed.append(item)
        self._files = []

    def discard(self) -> None:
        """Remove what a failed publication wrote (best effort: the original error is the one
        to report)."""
        doomed = [item.staged for item in self._files] + [item.final for item in self._placed if item.new]
        for path in doomed:
            if path is None:
                continue
            try:
                os.remove(path)
            except FileNotFoundError:
                pass
            except OSError:
                log.exception("Could not remove %s", path)
        self._files, self._placed = [], []
