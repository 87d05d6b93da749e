"""Quality score of a dataset: "đúng - đủ - sạch - sống" (correct, complete, clean, live).

Pure rules, no CKAN imports: 100 points, 25 per dimension, each criterion earning part of them.
Every criterion gives a reason (earned or not) so the dataset page can say how to do better.
docs/quality.md explains each point; keep it in step with the tables here.

Messages are English msgids marked with ``N_`` (extracted into the .po files) and translated
by the caller; their ``%(name)s`` parameters are in ``Reason.params``.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sonla_publisher.resource_names import DICTIONARY_NAME as DICTIONARY_RESOURCE_NAME  # as sonla-publish names it

from ..freshness import rules as freshness

CORRECT, COMPLETE, CLEAN, LIVE = "correct", "complete", "clean", "live"
DIMENSIONS = (CORRECT, COMPLETE, CLEAN, LIVE)
OPEN_FORMATS = {"CSV", "JSON", "GEOJSON"}

REQUIRED_FIELDS = ("title", "notes", "owner_org", "update_frequency", "license_id")
RECOMMENDED_FIELDS = ("title_en", "tags", "data_last_updated", "temporal_coverage_from",
                      "temporal_coverage_to", "spatial_coverage", "legal_basis", "contact_email")

# criterion -> (dimension, points)
POINTS: dict[str, tuple[str, int]] = {
    "validation": (CORRECT, 15),
    "valid_rows": (CORRECT, 10),
    "required_metadata": (COMPLETE, 8),
    "recommended_metadata": (COMPLETE, 7),
    "data_dictionary": (COMPLETE, 5),
    "resource_urls": (COMPLETE, 5),
    "open_format": (CLEAN, 10),
    "no_formula_cells": (CLEAN, 8),
    "consistent_codes": (CLEAN, 7),
    "freshness": (LIVE, 25),
}
LIVE_POINTS = {freshness.ON_TIME: 25, freshness.DUE_SOON: 20, freshness.NO_SCHEDULE: 15, freshness.OVERDUE: 0}
GOOD, FAIR, POOR = "good", "fair", "poor"
GRADE_FLOORS = ((85, GOOD), (60, FAIR), (0, POOR))


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Reason:
    criterion: str
    dimension: str
    points: int
    max_points: int
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def full(self) -> bool:
        return self.points == self.max_points


@dataclass(frozen=True)
class Score:
    total: int
    reasons: list[Reason]

    @property
    def grade(self) -> str:
        return next(grade for floor, grade in GRADE_FLOORS if self.total >= floor)

    def dimension(self, name: str) -> tuple[int, int]:
        """(points, max points) of one dimension."""
        mine = [r for r in self.reasons if r.dimension == name]
        return sum(r.points for r in mine), sum(r.max_points for r in mine)


def _reason(criterion: str, points: int, message: str, **params: Any) -> Reason:
    dimension, max_points = POINTS[criterion]
    return Reason(criterion, dimension, max(0, min(points, max_points)), max_points, message, params)


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def _as_int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def data_resource(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """The resource whose validation counts: the cleaned CSV sonla-publish writes, else any CSV."""
    resources = pkg.get("resources") or []
    checked = [r for r in resources if r.get("validation_status")]
    csvs = [r for r in resources if (r.get("format") or "").upper() == "CSV"]
    return (checked or csvs or [None])[0]


def _correct(pkg: dict[str, Any]) -> list[Reason]:
    resource = data_resource(pkg) or {}
    status = resource.get("validation_status") or "not_checked"
    if status == "valid":
        validation = _reason("validation", 15, N_("The data passed the province's validation (sonla-publish)."))
    elif status == "invalid":
        validation = _reason("validation", 0, N_("Validation found errors in the data."))
    else:
        validation = _reason("validation", 0, N_("The data has not been validated."))

    rows = _as_int(resource.get("row_count"))
    invalid = _as_int(resource.get("invalid_row_count"))
    if rows and invalid is not None:
        share = max(rows - invalid, 0) / rows
        valid_rows = _reason("valid_rows", round(10 * share), N_("%(percent)s%% of the rows are valid."),
                             percent=round(100 * share))
    elif rows and status == "valid":
        # sonla-publish marks a table valid only when no row has an error.
        valid_rows = _reason("valid_rows", 10, N_("All %(rows)s rows are valid."), rows=rows)
    elif status == "invalid":
        valid_rows = _reason("valid_rows", 0, N_("The share of valid rows is not recorded."))
    else:
        valid_rows = _reason("valid_rows", 0, N_("No validated rows."))
    return [validation, valid_rows]


def _complete(pkg: dict[str, Any]) -> list[Reason]:
    missing_required = [name for name in REQUIRED_FIELDS if not _filled(pkg.get(name))]
    required_points = 8 * (len(REQUIRED_FIELDS) - len(missing_required)) // len(REQUIRED_FIELDS)
    if missing_required:
        required = _reason("required_metadata", required_points, N_("Required metadata missing: %(fields)s."),
                           fields=missing_required)
    else:
        required = _reason("required_metadata", 8, N_("All required metadata is filled in."))

    missing = [name for name in RECOMMENDED_FIELDS
               if not (_filled(pkg.get(name)) or (name == "contact_email" and _filled(pkg.get("contact_name"))))]
    points = 7 * (len(RECOMMENDED_FIELDS) - len(missing)) // len(RECOMMENDED_FIELDS)
    if missing:
        recommended = _reason("recommended_metadata", points, N_("Recommended metadata missing: %(fields)s."),
                              fields=missing)
    else:
        recommended = _reason("recommended_metadata", 7, N_("All recommended metadata is filled in."))

    resources = pkg.get("resources") or []
    has_dictionary = any(r.get("name") == DICTIONARY_RESOURCE_NAME or _filled(r.get("data_dictionary_url"))
                         for r in resources)
    dictionary = (_reason("data_dictionary", 5, N_("A data dictionary describes the columns."))
                  if has_dictionary else
                  _reason("data_dictionary", 0, N_("No data dictionary describes the columns.")))

    without_url = [r.get("name") or r.get("id") or "" for r in resources if not _filled(r.get("url"))]
    if not resources:
        urls = _reason("resource_urls", 0, N_("The dataset has no files."))
    elif without_url:
        urls = _reason("resource_urls", 0, N_("Files without a link: %(names)s."), names=without_url)
    else:
        urls = _reason("resource_urls", 5, N_("Every file has a download link."))
    return [required, recommended, dictionary, urls]


def _clean(pkg: dict[str, Any], known_codes: dict[str, Collection[str]]) -> list[Reason]:
    data_files = [r for r in pkg.get("resources") or [] if r.get("name") != DICTIONARY_RESOURCE_NAME]
    open_files = [r for r in data_files if (r.get("format") or "").upper() in OPEN_FORMATS]
    open_format = (_reason("open_format", 10, N_("The data is in an open machine-readable format (CSV/JSON)."))
                   if open_files else
                   _reason("open_format", 0, N_("No file in an open machine-readable format (CSV/JSON).")))

    status = (data_resource(pkg) or {}).get("validation_status") or "not_checked"
    if status == "valid":
        formulas = _reason("no_formula_cells", 8, N_("No formula errors or formula-like text in the cells."))
    elif status == "invalid":
        formulas = _reason("no_formula_cells", 0, N_("Validation found problems in cells (formulas, codes, values)."))
    else:
        formulas = _reason("no_formula_cells", 0, N_("Cells have not been checked for formulas."))

    unknown: list[str] = []
    for name, allowed in known_codes.items():
        values = pkg.get(name)
        for value in values if isinstance(values, list) else [values]:
            if _filled(value) and value not in allowed:
                unknown.append(f"{name}={value}")
    codes = (_reason("consistent_codes", 0, N_("Codes not in the official lists: %(codes)s."), codes=unknown)
             if unknown else
             _reason("consistent_codes", 7, N_("Frequency, licence and commune codes are from the official lists.")))
    return [open_format, formulas, codes]


def _live(status: str) -> list[Reason]:
    messages = {
        freshness.ON_TIME: N_("The data is up to date."),
        freshness.DUE_SOON: N_("The data is due for an update soon."),
        freshness.NO_SCHEDULE: N_("The data has no fixed update schedule."),
        freshness.OVERDUE: N_("The data is overdue for an update."),
    }
    return [_reason("freshness", LIVE_POINTS[status], messages[status])]


def score(pkg: dict[str, Any], status: str, known_codes: dict[str, Collection[str]] | None = None) -> Score:
    """The quality score of ``pkg`` (a dataset dict with scheming fields at the top level).

    ``status`` is the dataset's freshness status today; ``known_codes`` maps a field name to its
    allowed values (e.g. ``spatial_coverage`` to the commune codes) for the consistency check.
    """
    reasons = [*_correct(pkg), *_complete(pkg), *_clean(pkg, known_codes or {}), *_live(status)]
    return Score(sum(r.points for r in reasons), reasons)
