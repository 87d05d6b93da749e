"""Dataset specs (``dataset_specs/datasets/**/<name>.yaml``) and code lists (``codelists/*.csv``).

The format is described in ``docs/spec-format.md``. Loading is lenient (a spec is any YAML
mapping) so that ``catalogue check`` can report every problem at once; :func:`structure_problems`
says what is wrong with one spec without looking at the code lists.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sonla_publisher.error_reasons import os_reason, yaml_problem
from sonla_publisher.errors import ReadError, SpecError
from sonla_publisher.i18n.messages import Ref
from sonla_publisher.reading.cell_readers import simple_schema
from sonla_publisher.specs import data_period
from sonla_publisher.specs.suggestions import closest

NAME_PATTERN = re.compile(r"^[a-z0-9-]{2,100}$")
REQUIRED_METADATA = ("title", "notes", "owner_org", "update_frequency")
SPEC_SUFFIXES = (".yaml", ".yml")
# Values of a field's ``x-sonla-codelist`` key.
FIELD_CODELISTS = ("communes",)
# A code list's key column: the first of these that the file has.
CODELIST_KEY_COLUMNS = ("slug", "id", "code")

# libyaml's parser when PyYAML has it (its wheels do): ten times faster than the pure-Python
# one, which matters when sync reads 805 specs. Same safe subset of YAML either way.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Table Schema field types (what Frictionless accepts), named in the message for an unknown one.
FIELD_TYPES = (
    "string", "number", "integer", "boolean", "date", "time", "datetime", "year", "yearmonth",
    "duration", "geopoint", "geojson", "object", "array", "any",
)  # fmt: skip
_UNSUPPORTED_TYPE = re.compile(r'field type "([^"]*)" is not supported')
_MISSING_PROPERTY = re.compile(r"'([^']+)' is a required property")

# A problem found in a spec: a message id and its parameters.
SpecProblem = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class SourceSpec:
    """Where the agency's spreadsheet keeps the table (the spec's ``source:`` block)."""

    file: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str] | None = None  # column title in the file -> field name
    # fields whose vertically merged cells over data rows may be filled down (reported)
    fill_merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    """One dataset spec, as loaded from YAML. ``raw_bytes`` are hashed to detect changes."""

    path: Path
    raw_bytes: bytes
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.data.get("name") or "")

    @property
    def metadata(self) -> dict[str, Any]:
        metadata = self.data.get("metadata")
        return metadata if isinstance(metadata, dict) else {}

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or self.name)

    @property
    def schema(self) -> dict[str, Any]:
        schema = self.data.get("schema")
        return schema if isinstance(schema, dict) else {}

    @property
    def fields(self) -> list[dict[str, Any]]:
        fields = self.schema.get("fields")
        if not isinstance(fields, list):
            return []
        return [field for field in fields if isinstance(field, dict)]

    @property
    def primary_key(self) -> list[str]:
        key = self.schema.get("primaryKey") or []
        return [key] if isinstance(key, str) else list(key)

    @property
    def resource_name(self) -> str:
        resource = self.data.get("resource")
        if isinstance(resource, dict) and resource.get("name"):
            return str(resource["name"])
        return f"{self.title} (CSV)"

    @property
    def source(self) -> SourceSpec:
        source = self.data.get("source")
        if not isinstance(source, dict):
            return SourceSpec()
        columns = source.get("columns")
        return SourceSpec(
            file=source.get("file"),
            sheet=source.get("sheet"),
            header_row=source.get("header_row"),
            columns={str(k): str(v) for k, v in columns.items()}
            if isinstance(columns, dict)
            else None,
            fill_merged=_fill_merged(source.get("fill_merged")),
        )


def _fill_merged(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(name) for name in value)
    return () if value is None else (str(value),)


def load_spec(path: Path) -> Spec:
    """Read one spec file; SpecError when it is not readable YAML holding a mapping."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SpecError(
            "spec.unreadable", path=str(path), reason=os_reason(error)
        ) from error
    try:
        data = yaml.load(raw, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        problem, line, column = yaml_problem(error)
        where = "" if line is None else Ref("yaml.where", {"line": line, "column": column})
        raise SpecError("spec.bad_yaml", path=str(path), where=where, reason=problem) from error
    if not isinstance(data, dict):
        raise SpecError("spec.not_mapping", path=str(path))
    return Spec(path=path, raw_bytes=raw, data=data)


def iter_spec_paths(specs_dir: Path) -> Iterator[Path]:
    """Every spec file under ``<specs_dir>/datasets``, in a stable order."""
    datasets = specs_dir / "datasets"
    for path in sorted(datasets.rglob("*")):
        if path.suffix in SPEC_SUFFIXES and path.is_file():
            yield path


def find_spec(specs_dir: Path, name: str) -> Spec:
    """The spec named ``name``, or the spec file at path ``name`` if that file exists.

    Files are usually named after the dataset, so those are tried first; otherwise every spec
    is read and its ``name`` compared.
    """
    as_path = Path(name)
    if as_path.suffix in SPEC_SUFFIXES and as_path.is_file():
        return load_spec(as_path)
    if not (specs_dir / "datasets").is_dir():
        raise SpecError("spec.no_catalogue", specs_dir=str(specs_dir))
    paths = list(iter_spec_paths(specs_dir))
    for path in paths:
        if path.stem == name:
            spec = load_spec(path)  # a broken file named like the spec is worth an error
            if spec.name == name:
                return spec
    known: list[tuple[str, tuple[str, ...]]] = []
    for path in paths:
        if path.stem != name:
            try:
                spec = load_spec(path)
            except SpecError:
                continue  # someone else's broken spec: `catalogue check` reports it
            if spec.name == name:
                return spec
            known.append((spec.name or path.stem, (spec.title, path.stem)))
    suggestions = closest(name, known)
    if suggestions:
        raise SpecError(
            "spec.not_found_suggest",
            name=name,
            specs_dir=str(specs_dir),
            suggestions=", ".join(suggestions),
        )
    raise SpecError("spec.not_found", name=name, specs_dir=str(specs_dir))


def source_path(spec: Spec, specs_dir: Path, file: Path | None = None) -> Path:
    """The file given on the command line, else the spec's ``source.file`` under ``sources/``."""
    if file is not None:
        return file
    if not spec.source.file:
        raise ReadError("read.no_source_file", name=spec.name)
    return specs_dir / "sources" / spec.source.file


def structure_problems(spec: Spec, thorough: bool = False) -> list[SpecProblem]:
    """What is missing or malformed in one spec, code lists aside.

    The schema is checked by Frictionless when ``thorough`` or when it is not simple (see
    :func:`~sonla_publisher.reading.cell_readers.simple_schema`, which Frictionless finds valid):
    its import costs 27 MB, and ``validate`` needs no more than the simple check.
    """
    problems: list[SpecProblem] = []
    if not NAME_PATTERN.match(spec.name):
        problems.append(("spec.bad_name", {"name": spec.name}))
    if not isinstance(spec.data.get("metadata"), dict):
        problems.append(("spec.missing_key", {"key": "metadata"}))
    else:
        for key in REQUIRED_METADATA:
            if not spec.metadata.get(key):
                problems.append(("spec.missing_key", {"key": f"metadata.{key}"}))
    if not spec.fields:
        problems.append(("spec.missing_key", {"key": "schema.fields"}))
        return problems
    if thorough or not simple_schema(spec.schema):
        problems.extend(_schema_problems(spec))
    problems.extend(_extension_problems(spec))
    problems.extend(
        data_period.spec_problems(spec.data, spec.fields, spec.metadata.get("update_frequency"))
    )
    field_names = {field.get("name") for field in spec.fields}
    for key in spec.primary_key:
        if key not in field_names:
            problems.append(("spec.unknown_primary_key", {"field": key}))
    source = spec.source
    if source.header_row is not None and (
        not isinstance(source.header_row, int) or source.header_row < 1
    ):
        problems.append(("spec.bad_header_row", {"value": source.header_row}))
    for title, field_name in (source.columns or {}).items():
        if field_name not in field_names:
            problems.append(("spec.unknown_column_field", {"title": title, "field": field_name}))
    source_data = spec.data.get("source")
    raw_fill = source_data.get("fill_merged") if isinstance(source_data, dict) else None
    if raw_fill is not None and not isinstance(raw_fill, list):
        problems.append(("spec.bad_fill_merged", {"value": raw_fill}))
    for field_name in source.fill_merged:
        if field_name not in field_names:
            problems.append(("spec.bad_fill_merged", {"value": field_name}))
    from sonla_publisher.sources import live_spec  # (imports this module's siblings)
    from sonla_publisher.specs import view_hints

    problems.extend(live_spec.problems(spec.data, {str(name) for name in field_names}))
    problems.extend(view_hints.problems(spec))
    return problems


def _extension_problems(spec: Spec) -> list[SpecProblem]:
    """The province's own field keys (docs/spec-format.md): known values only."""
    problems: list[SpecProblem] = []
    for field in spec.fields:
        name = str(field.get("name"))
        codelist = field.get("x-sonla-codelist")
        if codelist is not None and codelist not in FIELD_CODELISTS:
            problems.append(
                (
                    "spec.unknown_field_codelist",
                    {"field": name, "value": codelist, "known": ", ".join(FIELD_CODELISTS)},
                )
            )
        if "x-sonla-total" in field and not isinstance(field["x-sonla-total"], bool):
            problems.append(("spec.bad_total_flag", {"field": name}))
    return problems


def _schema_problems(spec: Spec) -> list[SpecProblem]:
    from frictionless import Schema

    report = Schema.validate_descriptor(spec.schema)
    return [
        ("spec.bad_schema", {"reason": schema_reason(error.note or error.message)})
        for error in report.errors
    ]


def schema_reason(note: str) -> Ref:
    """Frictionless' (English) note on a schema, as a message in the user's language."""
    unsupported = _UNSUPPORTED_TYPE.search(note)
    if unsupported:
        known = ", ".join(FIELD_TYPES)
        return Ref("spec.schema.unsupported_type", {"type": unsupported.group(1), "known": known})
    missing = _MISSING_PROPERTY.search(note)
    if missing:
        return Ref("spec.schema.missing_property", {"key": missing.group(1)})
    return Ref("spec.schema.other", {"detail": note})


def load_codelist(path: Path) -> list[dict[str, str]]:
    """Rows of a code list CSV (UTF-8, with or without BOM)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SpecError(
            "codelist.unreadable", path=str(path), reason=os_reason(error)
        ) from error
    except UnicodeDecodeError as error:
        raise SpecError("codelist.unreadable", path=str(path), reason=str(error)) from error
    rows = list(csv.DictReader(io.StringIO(text)))
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in rows]


def codelist_keys(rows: list[dict[str, str]]) -> set[str]:
    """The identifiers a code list defines (its ``slug``, else ``id``, else ``code`` column)."""
    if not rows:
        return set()
    column = next((name for name in CODELIST_KEY_COLUMNS if name in rows[0]), next(iter(rows[0])))
    return {row[column] for row in rows if row.get(column)}
