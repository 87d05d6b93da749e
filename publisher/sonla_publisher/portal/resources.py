"""The files published with each dataset: the clean CSV, the same table as XLSX and as a CSV for
Excel, the original, the data dictionary.

The XLSX and the CSV for Excel are made here, at publish time, and go in the same request as the
rest (all or nothing): the portal then serves them as files, at no cost per download, instead of
building a workbook from the DataStore for each anonymous request (docs/citizens.md, downloads).

Resource names are always Vietnamese (whatever ``--lang`` says) because re-publishing finds
the existing resources by name.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sonla_publisher.portal.package import sha256_hex
from sonla_publisher.reading.table import SourceTable
from sonla_publisher.resource_names import (  # the texts are shared with the portal's search
    CSV_DESCRIPTION,
    DICTIONARY_DESCRIPTION,
    DICTIONARY_NAME,
    EXCEL_CSV_DESCRIPTION,
    EXCEL_CSV_NAME,
    ORIGINAL_DESCRIPTION,
    ORIGINAL_NAME,
    XLSX_DESCRIPTION,
    XLSX_NAME,
)
from sonla_publisher.specs.spec import Spec
from sonla_publisher.validation.cleaned_output import write_csv_rows, xlsx_bytes
from sonla_publisher.validation.validator import ValidationReport

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ResourceFile:
    """A resource to create or update on the portal, with the file to upload."""

    name: str
    filename: str
    content: bytes
    fields: dict[str, str]  # format, description and the schema's extra resource fields


def cleaned_csv_bytes(table: SourceTable, text_fields: Collection[str] = ()) -> bytes:
    """The cleaned rows as UTF-8 CSV whose header is the field names.

    Formula-like text in ``text_fields`` (allowed with --allow-invalid, and reported as a
    problem per cell) gets a leading apostrophe, so opening the file cannot run it; the
    DataStore table keeps the value as it is.
    """
    buffer = io.StringIO(newline="")
    text = [name in text_fields for name in table.field_names]
    write_csv_rows(buffer, table.field_names, (row.values for row in table.rows), text)
    return buffer.getvalue().encode("utf-8")


def text_field_names(spec: Spec) -> frozenset[str]:
    """The fields of type string (the default type), whose cells may hold formula-like text."""
    return frozenset(
        str(f.get("name")) for f in spec.fields if str(f.get("type") or "string") == "string"
    )


def csv_resource(spec: Spec, table: SourceTable, report: ValidationReport) -> ResourceFile:
    content = cleaned_csv_bytes(table, text_field_names(spec))
    return ResourceFile(
        name=spec.resource_name,
        filename=f"{spec.name}.csv",
        content=content,
        fields={
            "format": "CSV",
            "description": CSV_DESCRIPTION,
            "row_count": str(len(table.rows)),
            "content_hash": sha256_hex(content),
            "validation_status": "valid" if report.valid else "invalid",
        },
    )


def original_resource(source_path: Path, content: bytes) -> ResourceFile:
    file_format = source_path.suffix.lstrip(".").upper() or "BIN"
    return ResourceFile(
        name=ORIGINAL_NAME.format(format=file_format),
        filename=source_path.name,
        content=content,
        fields={"format": file_format, "description": ORIGINAL_DESCRIPTION},
    )


def dictionary_resource(spec: Spec) -> ResourceFile:
    content = json.dumps(spec.schema, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    return ResourceFile(
        name=DICTIONARY_NAME,
        filename=f"{spec.name}-tu-dien-du-lieu.json",
        content=content,
        fields={"format": "JSON", "description": DICTIONARY_DESCRIPTION},
    )


def field_types(spec: Spec) -> list[str]:
    return [str(f.get("type") or "string") for f in spec.fields]


def xlsx_resource(spec: Spec, table: SourceTable) -> ResourceFile:
    """The cleaned table as XLSX: header row, typed cells (the main "XLSX" download)."""
    content = xlsx_bytes(table.field_names, field_types(spec), (row.values for row in table.rows))
    return ResourceFile(
        name=XLSX_NAME,
        filename=f"{spec.name}.xlsx",
        content=content,
        fields={"format": "XLSX", "description": XLSX_DESCRIPTION},
    )


def excel_csv_resource(spec: Spec, clean_csv: ResourceFile) -> ResourceFile:
    """The clean CSV's very bytes behind a UTF-8 byte order mark ("CSV cho Excel")."""
    return ResourceFile(
        name=EXCEL_CSV_NAME,
        filename=f"{spec.name}-excel.csv",
        content=UTF8_BOM + clean_csv.content,
        fields={"format": "CSV", "description": EXCEL_CSV_DESCRIPTION},
    )


def published_files(
    spec: Spec, table: SourceTable, report: ValidationReport, original: ResourceFile
) -> list[ResourceFile]:
    """Every file of a publish, the clean CSV first (it holds the DataStore table)."""
    clean_csv = csv_resource(spec, table, report)
    return [
        clean_csv,
        xlsx_resource(spec, table),
        excel_csv_resource(spec, clean_csv),
        original,
        dictionary_resource(spec),
    ]
