"""Find cells of an xlsx sheet that hold a formula error (``#REF!``, ``#DIV/0!``...).

The fast reader (calamine) returns such cells as empty, which would hide a broken formula as a
missing value. The sheet's XML marks them ``t="e"``; this module scans that XML as a stream
(bounded memory) and returns their positions and error texts.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

ERROR_VALUES = frozenset({"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!"})
MAX_ERROR_CELLS = 10_000
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 4096  # longer than any one <c>...</c> holding an error
_FORMULA = rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?"
_ERROR_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*?\bt="e"[^>]*>' + _FORMULA + rb"<v>([^<]*)</v>"
)
_ERROR_CELL_ANY_ORDER = re.compile(
    rb'<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*>' + _FORMULA + rb"<v>([^<]*)</v>"
)
_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_index(letters: str) -> int:
    """0-based column index of Excel column letters: A -> 0, AA -> 26."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """``{(row, column): "#REF!"}`` (1-based row, 0-based column) for one sheet of an xlsx."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return {}
            return _scan(archive, part)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return {}  # not an xlsx (xls, ods) or unusual layout: calamine has read it already


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for element in workbook.iterfind("main:sheets/main:sheet", _NS):
        if element.get("name") == sheet:
            rel_id = element.get(_REL_ID)
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iterfind("rel:Relationship", _NS):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _scan(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    tail = b""
    with archive.open(part) as stream:
        while len(found) < MAX_ERROR_CELLS:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            if b't="e"' in data:
                for pattern in (_ERROR_CELL, _ERROR_CELL_ANY_ORDER):
                    for match in pattern.finditer(data):
                        letters, row, value = match.groups()
                        key = (int(row), column_index(letters.decode()))
                        found[key] = value.decode("utf-8", "replace")
            tail = data[-_OVERLAP:]
    return found
