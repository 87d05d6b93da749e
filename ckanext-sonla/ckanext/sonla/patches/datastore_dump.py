"""DataStore dumps (``/datastore/dump/<id>``) as CSV or TSV defuse formula-like text cells.

Rows loaded through the API (or published with ``--allow-invalid``) may hold text such as
``=HYPERLINK(...)``, which a spreadsheet opening the dump would run. CKAN builds the dump with
the writers of ``ckanext.datastore.writer``, which the dump view looks up in its module at each
request: ``install`` puts wrapping writers there. They apply the publisher's rule
(``sonla_publisher.reading.formula_cells``): text cells, and column names, that act as formulas get a
leading apostrophe. Numbers, and the JSON and XML dumps, are left as they are.

Upstream: no CKAN issue asks for this (searched the ckan/ckan tracker for dump / CSV formula
injection: none). CKAN's writers put cells out as stored, which is right for a data store; the
defusing is this portal's rule for files opened in spreadsheets (the one the publisher applies
to the files it publishes). The canary in tests/ckanext/test_patches.py checks that CKAN's
own CSV writer still writes formula text as it is; if CKAN starts defusing, this can go.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from ckanext.sonla.compat import datastore_blueprint
from sonla_publisher.reading.formula_cells import neutralised

# DataStore types whose values are text (anything else is a number, date, boolean...).
TEXT_TYPES = frozenset({"text", "_text", "varchar", "char", "bpchar", "citext", "name", "json", "jsonb"})

WriterFactory = Callable[..., AbstractContextManager[Any]]


class _NeutralisingWriter:
    """Rewrites each page of records (CSV text from ``datastore_search``) before CKAN's writer."""

    def __init__(self, writer: Any, text_columns: list[bool], dialect: str) -> None:
        self._writer = writer
        self._text = text_columns
        self._dialect = dialect

    def write_records(self, records: Any) -> bytes:
        if isinstance(records, str) and records and any(self._text):
            records = self._rewrite(records)
        return self._writer.write_records(records)

    def end_file(self) -> bytes:
        return self._writer.end_file()

    def _rewrite(self, records: str) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out, dialect=self._dialect)
        for row in csv.reader(io.StringIO(records, newline=""), dialect=self._dialect):
            writer.writerow(neutralised(v) if i < len(self._text) and self._text[i] else v for i, v in enumerate(row))
        return out.getvalue()


def neutralising(factory: WriterFactory, dialect: str) -> WriterFactory:
    """A writer factory like ``factory`` whose header and text cells are defused."""

    @contextmanager
    def wrapped(fields: list[dict[str, Any]], bom: bool = False) -> Iterator[_NeutralisingWriter]:
        text = [str(f.get("type", "")).lower() in TEXT_TYPES for f in fields]
        header = [{**f, "id": neutralised(str(f["id"]))} for f in fields]
        with factory(header, bom=bom) as writer:
            yield _NeutralisingWriter(writer, text, dialect)

    # A mark on the function, read back with getattr (below); mypy knows no attributes on functions.
    wrapped.sonla_neutralising = True  # type: ignore[attr-defined]
    return wrapped


def install() -> bool:
    blueprint = datastore_blueprint()
    if blueprint is None:  # a CKAN without the DataStore
        return False
    for name, dialect in (("csv_writer", "excel"), ("tsv_writer", "excel-tab")):
        factory = getattr(blueprint, name, None)
        if factory is not None and not getattr(factory, "sonla_neutralising", False):
            setattr(blueprint, name, neutralising(factory, dialect))
    return True
