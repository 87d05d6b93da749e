"""What the fast reader does not say about the cells of an xlsx sheet, read from its XML.

calamine returns values only. Three things about a cell matter for publishing and are lost:

- a formula error (``#REF!``, ``#DIV/0!``...), which calamine returns as an empty cell and which
  would hide a broken formula as a missing value (the XML marks it ``t="e"``);
- a percent number format: the cell shows ``12,5%`` but holds 0.125;
- a formula reading another workbook (``='[Book2.xlsx]Sheet1'!A1``, stored as ``[1]Sheet1!A1``):
  the value is the one cached when the file was last saved, which may be stale.

The sheet XML is scanned as a stream (bounded memory, bounded number of cells remembered).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

ERROR_VALUES = frozenset({"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!"})
MAX_ERROR_CELLS = 10_000
MAX_EXTERNAL_CELLS = 10_000
# Positions of percent-formatted cells remembered; past this, such cells are read like plain
# numbers (and, in a "(%)" column, warned about as ambiguous: never silently changed).
MAX_PERCENT_CELLS = 500_000
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 4096  # longer than any one <c>...</c> holding an error
_FORMULA = rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?"
_ERROR_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*?\bt="e"[^>]*>' + _FORMULA + rb"<v>([^<]*)</v>"
)
_ERROR_CELL_ANY_ORDER = re.compile(
    rb'<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*>' + _FORMULA + rb"<v>([^<]*)</v>"
)
_ATTRIBUTE = re.compile(rb'\b(r|s|t)="([^"]*)"')
_CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]+)")
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f>)")
_SHARED_INDEX = re.compile(rb'\bsi="([0-9]+)"')
# An external reference in a formula as stored: "[1]Sheet1!A1" (index of an xl/externalLinks
# part) or, in files written by other tools, "'C:\\path\\[x.xlsx]Sheet'!A1".
_EXTERNAL_REFERENCE = re.compile(r"\[[^\]]+\][^!]*!")
_TEXT_LITERAL = re.compile(r'"[^"]*"')
_XML_QUOTES = {"&quot;": '"', "&apos;": "'"}
_PERCENT_BUILTIN_FORMATS = frozenset({9, 10})
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


@dataclass
class SheetFacts:
    """Positions are ``(row, column)``: 1-based row, 0-based column, as in the file."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    # cell -> the formula as stored ("[1]Sheet1!A1"), for formulas reading another workbook
    external_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    external_workbooks: tuple[str, ...] = ()  # the linked files, as the workbook names them


def error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """``{(row, column): "#REF!"}`` (1-based row, 0-based column) for one sheet of an xlsx."""
    return sheet_facts(path, sheet).errors


def sheet_facts(path: Path, sheet: str) -> SheetFacts:
    """Error cells, percent-formatted cells and external-link formulas of one xlsx sheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return SheetFacts()
            facts = _scan(archive, part, _percent_styles(archive))
            if facts.external_cells:
                links = [
                    name for name in archive.namelist() if name.startswith("xl/externalLinks/")
                ]
                facts.external_workbooks = _linked_files(archive, links)
            return facts
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return SheetFacts()  # not an xlsx (xls, ods) or unusual layout: calamine read it already


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell styles (``s="3"``) whose number format shows a percent."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return frozenset()
    percent_formats = set(_PERCENT_BUILTIN_FORMATS)
    for number_format in styles.iterfind("main:numFmts/main:numFmt", _NS):
        code = re.sub(r'"[^"]*"|\\.', "", number_format.get("formatCode", ""))
        if "%" in code:
            percent_formats.add(int(number_format.get("numFmtId", "-1")))
    return frozenset(
        index
        for index, style in enumerate(styles.iterfind("main:cellXfs/main:xf", _NS))
        if int(style.get("numFmtId", "0")) in percent_formats
    )


def _scan(archive: zipfile.ZipFile, part: str, percent_styles: frozenset[int]) -> SheetFacts:
    """One streamed pass over the sheet XML: a large sheet is decompressed only once."""
    facts = SheetFacts()
    styles = _style_pattern(percent_styles)
    shared_external: set[bytes] = set()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            # A cell cut by the chunk boundary is whole in the next window (cells found twice
            # land on the same key).
            data = tail + chunk
            if b't="e"' in data and len(facts.errors) < MAX_ERROR_CELLS:
                _error_positions(data, facts.errors)
            if styles is not None and len(facts.percent_cells) < MAX_PERCENT_CELLS:
                _percent_positions(data, styles, facts)
            # "[" is in every external reference; most sheets have none, and cost one search.
            if (
                (b"[" in data or shared_external)
                and b"<f" in data
                and len(facts.external_cells) < MAX_EXTERNAL_CELLS
            ):
                _external_positions(data, shared_external, facts)
            tail = data[-_OVERLAP:]
    return facts


def _error_positions(data: bytes, found: dict[tuple[int, int], str]) -> None:
    for pattern in (_ERROR_CELL, _ERROR_CELL_ANY_ORDER):
        for match in pattern.finditer(data):
            letters, row, value = match.groups()
            key = (int(row), column_index(letters.decode()))
            found[key] = value.decode("utf-8", "replace")


def _style_pattern(percent_styles: frozenset[int]) -> re.Pattern[bytes] | None:
    """Number cells with one of the percent styles, attributes in the order Excel (and openpyxl)
    write them. A cell written otherwise is missed: in a "(%)" column its value is then warned
    about as ambiguous, never silently changed."""
    if not percent_styles:
        return None
    numbers = b"|".join(str(index).encode() for index in sorted(percent_styles))
    return re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)" s="(?:' + numbers + rb')"(?: t="n")?>')


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTRIBUTE.findall(tag))


def _position(reference: bytes | None) -> tuple[int, int] | None:
    match = _CELL_REF.fullmatch(reference or b"")
    if match is None:
        return None
    return int(match.group(2)), column_index(match.group(1).decode())


def _percent_positions(window: bytes, styles: re.Pattern[bytes], facts: SheetFacts) -> None:
    cells = facts.percent_cells
    for letters, row in styles.findall(window):
        cells.add((int(row), column_index(letters.decode())))
        if len(cells) >= MAX_PERCENT_CELLS:
            return


def _external_positions(window: bytes, shared: set[bytes], facts: SheetFacts) -> None:
    for match in _FORMULA_CELL.finditer(window):
        cell_attributes, formula_attributes, text = match.groups()
        shared_index = _SHARED_INDEX.search(formula_attributes)
        formula = unescape((text or b"").decode("utf-8", "replace"), _XML_QUOTES)
        # a text literal such as "[x]!" is not a reference
        external = bool(_EXTERNAL_REFERENCE.search(_TEXT_LITERAL.sub("", formula)))
        if external and shared_index:
            shared.add(shared_index.group(1))  # the cells sharing this formula read it too
        elif not text and shared_index and shared_index.group(1) in shared:
            external = True
        if external:
            position = _position(_attributes(cell_attributes).get(b"r"))
            if position is not None:
                facts.external_cells[position] = formula
                if len(facts.external_cells) >= MAX_EXTERNAL_CELLS:
                    return


def _linked_files(archive: zipfile.ZipFile, links: list[str]) -> tuple[str, ...]:
    """The files the workbook links to, from each external link part's relationships."""
    targets: list[str] = []
    for name in sorted(links):
        if not name.startswith("xl/externalLinks/_rels/"):
            continue
        rels = ElementTree.fromstring(archive.read(name))
        for rel in rels.iterfind("rel:Relationship", _NS):
            if rel.get("TargetMode") == "External" and rel.get("Target"):
                targets.append(str(rel.get("Target")))
    return tuple(targets[:20])


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
