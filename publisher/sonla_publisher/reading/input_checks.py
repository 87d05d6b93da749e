"""Refuse files that cannot be a table before trying to read them, with a clear reason.

Checked from the file's size, its first bytes and (for xlsx) the zip directory, without
decompressing anything: too large, empty, a PDF or a Word file renamed to .xlsx, an encrypted
(password-protected) workbook, and a zip bomb (a small file that would expand to gigabytes).
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from sonla_publisher.error_reasons import os_reason, read_failure_reason
from sonla_publisher.errors import ReadError
from sonla_publisher.i18n.messages import Ref

DEFAULT_MAX_FILE_MB = 50.0
MAX_FILE_MB_ENV = "SONLA_MAX_FILE_MB"
# A workbook whose parts add up to more than this once decompressed is refused: real agency
# workbooks of the allowed size stay below it, and the reader holds a sheet in memory.
MAX_UNCOMPRESSED_BYTES = 1024**3
# A part this large with a compression ratio above MAX_RATIO is a zip bomb, not a sheet: every
# row and cell of a real sheet carries its own reference (r="C17"), which keeps its ratio low
# (measured: data about 6:1, a million empty formatted rows about 23:1).
LARGE_PART_BYTES = 10 * 1024**2
MAX_RATIO = 100
_INFLATE_CHUNK = 1024 * 1024
_LOCAL_MAGIC = b"PK\x03\x04"
# The fixed part of a zip local file header; its last two fields are the name and extra lengths.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")

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
            # whoever raised the file size limit (--max-size) accepts larger sheets in proportion
            scale = max(1.0, max_bytes / max_file_bytes(DEFAULT_MAX_FILE_MB))
            check_zip(path, round(MAX_UNCOMPRESSED_BYTES * scale))
        elif not head.startswith(OLE_MAGIC) and path.suffix.lower() != ".ods":
            raise ReadError(
                "read.not_spreadsheet", path=str(path), reason=Ref("reason.not_a_workbook")
            )
    elif head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise ReadError("read.spreadsheet_as_csv", path=str(path))


def check_zip(path: Path, max_total: int | None = None) -> None:
    """Refuse a zip bomb: a workbook whose parts would expand to far more than a real sheet.

    First from the zip directory (instant): the total size, and each large part's compression
    ratio. Then, since the directory can lie, each part is inflated as a stream, discarding the
    output, only up to the size its directory entry declares: a part that inflates to more is
    refused. Memory stays bounded (one chunk at a time) and so does time (the declared sizes
    were checked first).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        reason = read_failure_reason(error)
        raise ReadError("read.not_spreadsheet", path=str(path), reason=reason) from error
    limit = MAX_UNCOMPRESSED_BYTES if max_total is None else max_total
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Office writes only these two; for any other method the size check below could not
            # inflate the part to prove its declared size, so a lying directory would get through.
            reason = Ref("reason.zip_method", {"part": info.filename, "method": info.compress_type})
            raise ReadError("read.not_spreadsheet", path=str(path), reason=reason)
        total += info.file_size
        if total > limit:
            raise ReadError("read.zip_bomb", path=str(path), size=round(total / 1024**2))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > LARGE_PART_BYTES and ratio > MAX_RATIO:
            raise ReadError(
                "read.zip_bomb_ratio",
                path=str(path),
                part=info.filename,
                size=round(info.file_size / 1024**2),
                packed=round(info.compress_size / 1024),
                ratio=round(ratio),
                limit=MAX_RATIO,
            )
    with path.open("rb") as handle:
        for info in infos:
            if _inflates_beyond(handle, info):
                raise ReadError(
                    "read.zip_size_lies", path=str(path), part=info.filename, size=info.file_size
                )


def _inflates_beyond(handle: BinaryIO, info: zipfile.ZipInfo) -> bool:
    """True when a deflated part yields more bytes than its directory entry declares."""
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return False  # stored parts cannot grow (check_zip refuses every other method)
    handle.seek(info.header_offset)
    local = handle.read(_LOCAL_HEADER.size)
    if len(local) < _LOCAL_HEADER.size or not local.startswith(_LOCAL_MAGIC):
        return True  # the directory points at no part: not a sound workbook
    name_length, extra_length = _LOCAL_HEADER.unpack(local)[-2:]
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    allowed = info.file_size + 1  # one byte more than declared is enough to prove a lie
    produced = 0
    left = info.compress_size
    while left > 0 and not inflater.eof:
        chunk = handle.read(min(_INFLATE_CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        data = inflater.decompress(chunk, _INFLATE_CHUNK)
        produced += len(data)
        while inflater.unconsumed_tail and produced < allowed:
            data = inflater.decompress(inflater.unconsumed_tail, _INFLATE_CHUNK)
            produced += len(data)
        if produced >= allowed:
            return True
    return False


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
