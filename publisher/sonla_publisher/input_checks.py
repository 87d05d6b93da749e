"""Refuse files that cannot be a table before trying to read them, with a clear reason.

Checked from the file's size, its first bytes and (for xlsx) the zip directory, without
decompressing anything: too large, empty, a PDF or a Word file renamed to .xlsx, an encrypted
(password-protected) workbook, and a zip bomb (a small file that would expand to gigabytes).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from sonla_publisher.error_reasons import os_reason, read_failure_reason
from sonla_publisher.errors import ReadError
from sonla_publisher.messages import Ref

DEFAULT_MAX_FILE_MB = 50.0
MAX_FILE_MB_ENV = "SONLA_MAX_FILE_MB"
# A workbook whose parts add up to more than this once decompressed is refused: real agency
# workbooks of the allowed size stay far below it.
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3
# A part this large with a compression ratio above MAX_RATIO is a zip bomb, not a sheet
# (a sheet with a million empty formatted rows compresses about 100:1).
LARGE_PART_BYTES = 100 * 1024**2
MAX_RATIO = 1000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
# Office stores an encrypted xlsx inside an OLE container with a stream of this name.
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_HEAD_BYTES = 8
_OLE_SCAN_BYTES = 1024 * 1024


def max_file_bytes(max_mb: float | None = None) -> int:
    """The size limit: ``--max-size``, else ``SONLA_MAX_FILE_MB``, else 50 MB."""
    if max_mb is None:
        try:
            max_mb = float(os.environ.get(MAX_FILE_MB_ENV, DEFAULT_MAX_FILE_MB))
        except ValueError:
            max_mb = DEFAULT_MAX_FILE_MB
    return round(max_mb * 1024 * 1024)


def check_file(path: Path, *, spreadsheet: bool, max_bytes: int) -> None:
    """ReadError (exit 2) when ``path`` is missing, empty, too large or not what it claims."""
    if path.is_dir():
        raise ReadError("read.is_directory", path=str(path))
    if not path.is_file():
        raise ReadError("read.not_found", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise ReadError("read.empty_file", path=str(path))
    if size > max_bytes:
        raise ReadError(
            "read.too_large",
            path=str(path),
            size=f"{size / 1024**2:.3g}",
            limit=f"{max_bytes / 1024**2:.3g}",
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(_OLE_SCAN_BYTES)
    except OSError as error:
        raise ReadError(
            "read.unreadable", path=str(path), reason=os_reason(error)
        ) from error
    if not head.strip() and size <= len(head):
        raise ReadError("read.empty_file", path=str(path))
    if head.startswith(PDF_MAGIC):
        raise ReadError("read.pdf", path=str(path))
    if head.startswith(OLE_MAGIC) and _is_encrypted(path, head):
        raise ReadError("read.password", path=str(path))
    if spreadsheet:
        if head.startswith(ZIP_MAGIC):
            check_zip(path)
        elif not head.startswith(OLE_MAGIC) and path.suffix.lower() != ".ods":
            raise ReadError(
                "read.not_spreadsheet", path=str(path), reason=Ref("reason.not_a_workbook")
            )
    elif head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise ReadError("read.spreadsheet_as_csv", path=str(path))


def check_zip(path: Path) -> None:
    """Refuse a zip whose directory promises too much decompressed data (reads the directory)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        reason = read_failure_reason(error)
        raise ReadError("read.not_spreadsheet", path=str(path), reason=reason) from error
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            info.file_size > LARGE_PART_BYTES and ratio > MAX_RATIO
        ):
            raise ReadError("read.zip_bomb", path=str(path), size=f"{total / 1024**2:.0f}")


def _is_encrypted(path: Path, head: bytes) -> bool:
    """An OLE file whose directory names an ``EncryptionInfo`` stream (the directory may be
    anywhere in the file; the file is at most the size limit, read in chunks)."""
    if _ENCRYPTION_STREAM in head:
        return True
    overlap = len(_ENCRYPTION_STREAM)
    with path.open("rb") as handle:
        handle.seek(len(head))
        tail = head[-overlap:]
        while chunk := handle.read(_OLE_SCAN_BYTES):
            if _ENCRYPTION_STREAM in tail + chunk:
                return True
            tail = chunk[-overlap:]
    return False
