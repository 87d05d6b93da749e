"""Check a cleaned table against its spec, row by row, and say where each problem is.

Types and constraints are checked with the Table Schema rules (types, ``required``,
``minimum``, ``pattern``, ``enum``...) by cell readers called directly on each cell so that rows
stream through without being collected: ours (:mod:`sonla_publisher.reading.cell_readers`, the same
results) for the types and constraints the catalogue uses, Frictionless' own for the others.
Around them this module checks what needs the whole table (``unique``, ``primaryKey``, totals)
and the province's own rules: formula errors left in cells, text that a spreadsheet would run
as a formula, commune names and codes.

The result is data (a :class:`ValidationReport`), not an exception: each problem says where it
is in the agency's file (row number, cell like ``C17``, column title), the value, and what is
wrong, in Vietnamese and English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from sonla_publisher.errors import SpecError
from sonla_publisher.i18n.messages import Lang, Ref, render
from sonla_publisher.reading.cell_readers import cell_reader, simple_schema
from sonla_publisher.reading.cleaning import ChangeList, CleaningStep
from sonla_publisher.reading.commune_names import CommuneIndex, Match
from sonla_publisher.reading.formula_cells import FORMULA_STARTS, is_formula_like
from sonla_publisher.reading.formula_errors import ERROR_VALUES
from sonla_publisher.reading.table import (
    ReadProblem,
    SourceRow,
    SourceTable,
    TableLayout,
    TableStream,
    commune_fields,
    load_communes,
    problems_up_to,
)
from sonla_publisher.specs.data_period import DataPeriod, PeriodTracker, period_column, period_kind
from sonla_publisher.specs.pattern_words import pattern_rule
from sonla_publisher.specs.spec import Spec, schema_reason
from sonla_publisher.validation.coverage import (
    CoverageTracker,
    SpatialCoverage,
    coverage_without_column,
)

MAX_ERRORS = 1000
CACHE_SIZE = 50_000  # distinct values remembered per field
# A field's cache is judged when it holds this many values: if nearly every row had a value of
# its own (ids, names, phones), the cache would cost memory and inserts for no hits.
_CACHE_PROBE = 10_000
_CACHE_PROBE_ROWS = 12_500  # fewer rows than this at the probe: hardly any value repeated
_KNOWN_CONSTRAINTS = ("required", "minimum", "maximum", "minLength", "maxLength", "pattern", "enum")
_KNOWN_TYPES = ("integer", "number", "date", "datetime", "year", "boolean", "time")
_FORMULA_CHARS = frozenset("".join(FORMULA_STARTS))
_FORMULA_STARTS_EACH = repeat(tuple(FORMULA_STARTS))  # str.startswith's argument, for map
TOTAL_KEY = "x-sonla-total"
# Columns whose total row is not a sum (a rate, a density, an average, a price).
_NOT_SUMMED = re.compile(r"%|tỷ lệ|tỉ lệ|mật độ|bình quân|trung bình|tỷ suất|chỉ số|giá")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located in the source file."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    cell: str | None = None
    column: str | None = None
    value: str | None = None
    field_index: int | None = None  # position of the field in the spec's schema

    def message(self, lang: Lang) -> str:
        return render(self.message_id, lang, self.params)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON reports, with the message in both languages."""
        return {
            "row": self.row,
            "cell": self.cell,
            "column": self.column,
            "value": self.value,
            "code": self.message_id,
            "message": {"vi": self.message("vi"), "en": self.message("en")},
        }


@dataclass(frozen=True)
class ValidationReport:
    spec_name: str
    path: Path
    sheet: str | None
    header_row: int
    row_count: int
    problems: tuple[Problem, ...]
    truncated: bool = False  # True when more than MAX_ERRORS problems were found
    dropped_total_rows: tuple[int, ...] = ()
    cleaning_steps: tuple[CleaningStep, ...] = ()
    fields: tuple[dict[str, Any], ...] = ()  # the spec's schema fields, to explain expectations
    changes: ChangeList = field(default_factory=ChangeList)  # every value the cleaner changed
    source: dict[str, str] = field(default_factory=dict)  # sheet, or csv encoding and delimiter
    # the periods the data covers, from the spec's freshness.period_column (None without one)
    period: DataPeriod | None = None
    # the communes and wards the data covers (validation/coverage.py); None without code lists
    coverage: SpatialCoverage | None = None

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_table(
    table: SourceTable | TableStream, spec: Spec, codelists: Path | None = None
) -> ValidationReport:
    """Validate every row of ``table`` (in memory, or streamed) against ``spec``."""
    layout = table.layout if isinstance(table, TableStream) else table
    validator = RowValidator(layout, spec, load_communes(spec, codelists), codelists)
    taken = 0  # problems found while reading (file structure), interleaved in row order
    read_problems = table.read_problems
    add = validator.add
    for row in table.iter_rows():
        # (looked for only when the reader found some since the last row: a call per row costs)
        if len(read_problems) > taken:
            found, taken = problems_up_to(read_problems, taken, row.number)
            validator.add_read_problems(found)
        add(row)
    validator.add_read_problems(problems_up_to(table.read_problems, taken, None)[0])
    return validator.finish(table.steps(), table.change_list())


@dataclass
class _FieldCheck:
    index: int
    reader: Callable[[Any], tuple[Any, dict[str, str] | None]]
    type: str
    constraints: dict[str, Any]
    unique: bool
    commune: bool
    summed: bool
    text: bool  # a string field: checked for text that would run as a formula
    example: Any = None  # the field's example value, quoted when a pattern is not met
    seen: dict[int, int] = field(default_factory=dict)  # hash of value -> first row
    # Frictionless' result per distinct value (values repeat: dates, categories, numbers).
    cache: dict[str, tuple[Any, dict[str, str] | None]] = field(default_factory=dict)
    cache_limit: int = CACHE_SIZE  # 0 once the values turn out not to repeat
    # commune names already found certain (and not formula-like): no need to look again
    passed: set[str] = field(default_factory=set)
    # values known to need nothing at all (no note, no sum, no other check): see add
    quiet: set[str] = field(default_factory=set)
    # plain text (no constraint but maybe required): whether a value needs anything can be
    # told without the reader: see add
    plain: bool = False
    required: bool = False

    @property
    def can_be_quiet(self) -> bool:
        """Whether a value of this field may need nothing: not when each cell counts (sums,
        unique values), nor when values are not cached (they hardly repeat)."""
        return not self.summed and not self.unique and self.cache_limit > 0


class RowValidator:
    """Feed rows one at a time with :meth:`add`; :meth:`finish` returns the report."""

    def __init__(
        self,
        layout: TableLayout,
        spec: Spec,
        communes: CommuneIndex | None,
        codelists: Path | None = None,
    ) -> None:
        self.layout = layout
        self.spec = spec
        self.communes = communes
        self.codelists = codelists
        self.problems: list[Problem] = []
        self.truncated = False
        self.row_count = 0
        self.totals: list[int] = []
        missing = set(layout.missing_fields)
        self.checks = [
            check
            for check in _field_checks(spec, communes is not None)
            if check.index not in missing
        ]
        self._make_plan()
        self.key_indexes = [layout.field_names.index(name) for name in spec.primary_key]
        self.key_missing = any(index in missing for index in self.key_indexes)
        self.keys_seen: dict[int, int] = {}
        # The row's key in one C call (a text for one column, a tuple for several), and the
        # test that it is complete; None when there is no key or one of its columns is missing.
        self.key_of: Callable[[tuple[str, ...]], Any] | None = None
        if self.key_indexes and not self.key_missing:
            self.key_of = itemgetter(*self.key_indexes)
        self.key_complete: Callable[[Any], bool] = bool if len(self.key_indexes) == 1 else all
        width = len(layout.field_names)
        self.segment: list[Any] = [0] * width  # sums since the last total row, per field
        self.overall: list[Any] = [0] * width  # sums since the first row, per field
        self.commune_cache: dict[str, Match] = {}
        self.explained_empty: dict[int, list[tuple[int, int]]] = {}  # field -> merged rows
        self.coverage: CoverageTracker | None = None
        if communes is not None:
            self.coverage = CoverageTracker(
                [index for index in commune_fields(spec) if index not in missing]
            )
        self.period: PeriodTracker | None = None
        self.period_index = -1
        kind = period_kind(spec.data, spec.fields)
        column = period_column(spec.data)
        if kind is not None and column in layout.field_names:
            self.period_index = layout.field_names.index(column)
            if self.period_index not in missing:
                self.period = PeriodTracker(kind)
        for index in layout.missing_fields:
            self._report(
                "problem.missing_column",
                {"title": layout.column_titles[index], "row": layout.header_row},
                row=layout.header_row,
                column=layout.column_titles[index],
                field_index=index,
            )

    def _make_plan(self) -> None:
        # The per-field data as plain tuples, unpacked into locals by add (once per cell).
        self.plan = [
            (
                c,
                c.index,
                c.cache,
                c.cache_limit,
                c.reader,
                c.summed,
                c.commune or c.unique,
                c.passed,
                c.text,
                c.quiet if c.can_be_quiet else None,
            )
            for c in self.checks
        ]
        # When every quiet-capable field of a row holds a value known to need nothing (most
        # rows: categories, dates, addresses repeat), one C-level test (map over the sets)
        # replaces their loop and only the other fields are checked.
        quiet = [c for c in self.checks if c.can_be_quiet]
        self.quiet_sets = [c.quiet for c in quiet]
        self.quiet_pick = itemgetter(*(c.index for c in quiet)) if len(quiet) > 1 else None
        self.loud_plan = [step for step in self.plan if step[-1] is None]
        # Plain text fields whose values do not repeat (names, phones): a value needs nothing
        # when it is not empty (if required), not a formula error and does not start like a
        # formula; tested for all of them at once in C.
        ruled = [
            c
            for c in self.checks
            if c.plain and not c.can_be_quiet and not c.summed and not c.commune and not c.unique
        ]
        ruled_at = {c.index for c in ruled}
        self.ruled_pick = _picker([c.index for c in ruled])
        self.required_pick = _picker([c.index for c in ruled if c.required])
        self.loudest_plan = [step for step in self.loud_plan if step[1] not in ruled_at]

    # --- rows

    def add(self, row: SourceRow) -> None:
        # Written for speed (it runs once per row): the per-field data is unpacked from plain
        # tuples into locals, and the rare cases go to _check_cell.
        if row.total:
            self._check_total(row)
            return
        self.row_count += 1
        values = row.values
        if self.period is not None:
            self.period.add(values[self.period_index])
        if self.coverage is not None:
            self.coverage.add(values)
        segment, overall = self.segment, self.overall
        plan = self.plan
        if self.quiet_pick is not None and all(
            map(set.__contains__, self.quiet_sets, self.quiet_pick(values))
        ):
            plan = self.loud_plan
            if self.ruled_pick is not None:
                ruled = self.ruled_pick(values)
                if (
                    ERROR_VALUES.isdisjoint(ruled)
                    and not any(map(str.startswith, ruled, _FORMULA_STARTS_EACH))
                    and (self.required_pick is None or all(self.required_pick(values)))
                ):
                    plan = self.loudest_plan
        for check, index, cache, limit, reader, summed, special, passed, text, quiet in plan:
            value = values[index]
            cached = cache.get(value)
            if cached is None:
                if value in ERROR_VALUES:  # never cached, so a cache hit is never an error
                    self._cell_problem(check, row, "problem.formula_error", {"value": value})
                    continue
                cached = reader(value)
                if len(cache) < limit:
                    cache[value] = cached
                    if len(cache) == _CACHE_PROBE:
                        self._judge_cache(check)
            parsed, notes = cached
            if parsed is None and not notes:
                if quiet is not None and len(quiet) < limit:
                    quiet.add(value)
                continue
            if summed and parsed is not None:
                segment[index] += parsed
                overall[index] += parsed
            if (
                notes
                or (special and value not in passed)
                or (text and value[0] in _FORMULA_CHARS)
            ):
                self._check_cell(check, row, value, notes)
            elif quiet is not None and len(quiet) < limit:
                quiet.add(value)
        key_of = self.key_of
        if key_of is not None:
            key = key_of(values)
            if not self.key_complete(key):
                self._key_problem(row, None)
                return
            number = row.number
            first = self.keys_seen.setdefault(hash(key), number)
            if first != number:
                self._key_problem(row, first)

    def _judge_cache(self, check: _FieldCheck) -> None:
        """Stop caching a field whose values hardly repeat (takes effect from the next row)."""
        if self.row_count < _CACHE_PROBE_ROWS:
            check.cache_limit = 0
            check.cache.clear()
            check.quiet.clear()
            self._make_plan()

    def add_read_problems(self, problems: list[ReadProblem]) -> None:
        for found in problems:
            location = found._asdict()
            explains = location.pop("explains")
            if explains is not None:
                first, last, fields = explains
                for index in fields:
                    self.explained_empty.setdefault(index, []).append((first, last))
            self._report(location.pop("message_id"), location.pop("params"), **location)

    def _explained(self, check: _FieldCheck, row: SourceRow, message_id: str) -> bool:
        """An empty required cell under a merged range already reported as such."""
        spans = self.explained_empty.get(check.index)
        if not spans or message_id != "problem.constraint.required":
            return False
        return any(first <= row.number <= last for first, last in spans)

    def finish(
        self, steps: list[CleaningStep], changes: ChangeList | None = None
    ) -> ValidationReport:
        if self.row_count == 0:
            self._report("problem.no_rows", {"row": self.layout.header_row})
        return ValidationReport(
            spec_name=self.spec.name,
            path=self.layout.path,
            sheet=self.layout.sheet,
            header_row=self.layout.header_row,
            row_count=self.row_count,
            problems=tuple(self.problems),
            truncated=self.truncated,
            dropped_total_rows=tuple(self.totals),
            cleaning_steps=tuple(steps),
            fields=tuple(self.spec.fields),
            changes=changes or ChangeList(),
            source=dict(self.layout.source),
            period=self.period.result() if self.period is not None else None,
            coverage=self._coverage(),
        )

    def _coverage(self) -> SpatialCoverage | None:
        if self.coverage is None or self.communes is None:
            return coverage_without_column(self.spec, self.codelists)
        columns = [self.layout.field_names[index] for index in self.coverage.positions]
        return self.coverage.result(self.communes, columns)

    # --- checks

    def _check_cell(
        self, check: _FieldCheck, row: SourceRow, value: str, notes: dict[str, str] | None
    ) -> None:
        if notes:
            message_id, params = _note_message(notes, check, value)
            self._cell_problem(check, row, message_id, params)
            return
        if check.text and is_formula_like(value):
            params = {"value": value, "char": value[0]}
            self._cell_problem(check, row, "problem.formula_injection", params)
        if check.commune:
            self._check_commune(check, row, value)
        if check.unique:
            first = check.seen.setdefault(hash(value), row.number)
            if first != row.number:
                params = {"value": value, "other_row": first}
                self._cell_problem(check, row, "problem.duplicate", params)

    def _key_problem(self, row: SourceRow, other_row: int | None) -> None:
        titles = ", ".join(self.layout.column_titles[index] for index in self.key_indexes)
        first_index = self.key_indexes[0]
        location = {
            "row": row.number,
            "cell": self.layout.cell_ref(first_index, row.number),
            "column": titles,
            "field_index": first_index,
        }
        if other_row is None:
            self._report("problem.empty_key", {"columns": titles}, **location)
            return
        shown = " | ".join(row.values[index] for index in self.key_indexes)
        params = {"columns": titles, "value": shown, "other_row": other_row}
        self._report("problem.duplicate_key", params, value=shown, **location)

    def _check_commune(self, check: _FieldCheck, row: SourceRow, value: str) -> None:
        assert self.communes is not None
        match = self.commune_cache.get(value)
        if match is None:
            match = self.communes.match(value)
            if len(self.commune_cache) < CACHE_SIZE:
                self.commune_cache[value] = match
        if match.certain:
            if len(check.passed) < CACHE_SIZE and not is_formula_like(value):
                check.passed.add(value)
            return
        if match.how == "suggestion" and match.unit is not None:
            params: dict[str, Any] = {"value": value, "name": match.unit.name}
            self._cell_problem(check, row, "problem.commune_suggestion_pending", params)
            return
        names = ", ".join(f"«{unit.name}»" for unit in match.candidates)
        if match.how == "split":
            params = {"value": value, "candidates": names}
            self._cell_problem(check, row, "problem.commune_split", params)
            return
        if match.how == "ambiguous":
            params = {"value": value, "candidates": names}
            self._cell_problem(check, row, "problem.commune_ambiguous", params)
            return
        suggestion: Any = Ref("problem.commune_suggestion", {"names": names}) if names else ""
        params = {"value": value, "suggestion": suggestion}
        self._cell_problem(check, row, "problem.commune_unknown", params)

    def _check_total(self, row: SourceRow) -> None:
        self.totals.append(row.number)
        for check in self.checks:
            if not check.summed:
                continue
            value = row.values[check.index]
            parsed, notes = check.reader(value)
            if notes or parsed is None:
                continue
            sums = (self.segment[check.index], self.overall[check.index])
            tolerance = _tolerance(value)
            if all(abs(parsed - total) > tolerance for total in sums):
                params = {"value": value, "sum": _plain(sums[0])}
                self._cell_problem(check, row, "problem.total_mismatch", params)
        self.segment = [0] * len(self.segment)

    # --- recording

    def _cell_problem(
        self, check: _FieldCheck, row: SourceRow, message_id: str, params: dict[str, Any]
    ) -> None:
        if self.explained_empty and self._explained(check, row, message_id):
            return
        self._report(
            message_id,
            params,
            row=row.number,
            cell=self.layout.cell_ref(check.index, row.number),
            column=self.layout.column_titles[check.index],
            value=row.values[check.index],
            field_index=check.index,
        )

    def _report(self, message_id: str, params: dict[str, Any], **location: Any) -> None:
        if len(self.problems) >= MAX_ERRORS:
            self.truncated = True
            return
        self.problems.append(Problem(message_id, params, **location))


def _field_checks(spec: Spec, with_communes: bool) -> list[_FieldCheck]:
    # Frictionless (27 MB once imported) only for a schema our readers do not cover.
    schema_fields = None if simple_schema(spec.schema) else _frictionless_fields(spec)
    communes = set(commune_fields(spec)) if with_communes else set()
    checks = []
    for index, spec_field in enumerate(spec.fields):
        constraints = dict(spec_field.get("constraints") or {})
        field_type = str(spec_field.get("type") or "string")
        title = str(spec_field.get("title") or "").casefold()
        summed = (
            field_type in ("integer", "number")
            and spec_field.get(TOTAL_KEY, True) is not False
            and not _NOT_SUMMED.search(title)
        )
        if schema_fields is None:
            reader = _simple_reader(field_type, constraints)
        else:
            reader = _reader(schema_fields[index], field_type, constraints)
        checks.append(
            _FieldCheck(
                index=index,
                reader=reader,
                type=field_type,
                constraints=constraints,
                unique=bool(constraints.get("unique")),
                commune=index in communes,
                summed=summed,
                text=field_type == "string",
                example=spec_field.get("example"),
                plain=reader is _plain_text or getattr(reader, "required_only", False),
                required=bool(constraints.get("required")),
            )
        )
    return checks


def _frictionless_fields(spec: Spec) -> list[Any]:
    from frictionless import FrictionlessException, Schema

    try:
        schema = Schema.from_descriptor(spec.schema)
    except FrictionlessException as error:
        reason = schema_reason(error.error.note or str(error))
        raise SpecError("spec.bad_schema_in", name=spec.name, reason=reason) from error
    if len(schema.fields) != len(spec.fields):
        raise ValueError("the schema's fields do not match the spec's")
    return list(schema.fields)


def _plain_text(value: str) -> tuple[str | None, None]:
    return (value or None), None


_FAST_STRING_CONSTRAINTS = frozenset({"required", "pattern"})


def _reader(schema_field: Any, field_type: str, constraints: dict[str, Any]) -> Any:
    """Frictionless' cell reader; for text with at most ``required`` and ``pattern`` the same
    result, cheaper: ids, names and phones hardly repeat, so the reader runs on most cells."""
    missing = schema_field.missing_values
    if not schema_field.has_defined("missing_values") and schema_field.schema:
        missing = schema_field.schema.missing_values
    fast = (
        field_type == "string"
        and schema_field.format == "default"
        and list(missing) == [""]
        and set(constraints) <= _FAST_STRING_CONSTRAINTS
    )
    if not fast:
        return _never_raising(schema_field.create_cell_reader(), field_type)
    return _simple_reader(field_type, constraints)


def _never_raising(reader: Any, field_type: str) -> Any:
    """Frictionless' reader, with a value it cannot compare (``sNaN`` against a bound raises
    decimal.InvalidOperation there) reported as a type problem instead of a traceback."""

    def read(value: Any) -> tuple[Any, dict[str, str] | None]:
        try:
            return reader(value)
        except ArithmeticError:
            return None, {"type": f'type is "{field_type}/default"'}

    return read


def _simple_reader(field_type: str, constraints: dict[str, Any]) -> Any:
    """The reader of a field of a simple schema (see :func:`simple_schema`)."""
    if field_type == "string" and set(constraints) <= _FAST_STRING_CONSTRAINTS:
        return _string_reader(constraints) if constraints else _plain_text
    return cell_reader(field_type, constraints)


def _string_reader(constraints: dict[str, Any]) -> Callable[[str], tuple[Any, Any]]:
    """Frictionless' checks of ``required`` and ``pattern`` on a text cell, with its notes."""
    required = bool(constraints.get("required"))
    pattern = constraints.get("pattern")
    match = re.compile(f"^{pattern}$").match if pattern is not None else None
    required_note = f'constraint "required" is "{constraints.get("required")}"'
    pattern_note = f'constraint "pattern" is "{pattern}"'

    def read(value: str) -> tuple[str | None, dict[str, str] | None]:
        if value == "":
            return None, ({"required": required_note} if required else None)
        if match is not None and not match(value):
            return value, {"pattern": pattern_note}
        return value, None

    # A flag on the function, read back with getattr by the caller; mypy knows no attributes
    # on functions.
    read.required_only = match is None  # type: ignore[attr-defined]
    return read


def _picker(indexes: list[int]) -> Callable[[tuple[str, ...]], tuple[str, ...]] | None:
    """A C-level function taking these positions of a row, always as a tuple (or None)."""
    if not indexes:
        return None
    if len(indexes) == 1:
        return itemgetter(indexes[0], indexes[0])  # a pair: itemgetter of one is not a tuple
    return itemgetter(*indexes)


def _note_message(
    notes: dict[str, str], check: _FieldCheck, value: str
) -> tuple[str, dict[str, Any]]:
    if "type" in notes:
        type_id = check.type if check.type in _KNOWN_TYPES else "other"
        return "problem.type", {"value": value, "type": Ref(f"type.{type_id}")}
    name = next(iter(notes))
    if name in _KNOWN_CONSTRAINTS:
        limit = check.constraints.get(name)
        if name == "pattern":  # in words: an official cannot read a regular expression
            rule = pattern_rule(limit, check.example)
            return "problem.constraint.pattern", {"value": value, "limit": rule}
        if isinstance(limit, list):
            limit = ", ".join(map(str, limit))
        return f"problem.constraint.{name}", {"value": value, "limit": limit}
    return "problem.constraint.other", {"value": value, "detail": notes[name]}


def _tolerance(text: str) -> Decimal:
    """Half a unit of the last decimal the total row shows (it may be rounded)."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1) if decimals else Decimal(0)


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
