"""Quality of one dataset as the portal shows it: translated grades, dimensions and reasons.

The rules are in ``rules.py`` (pure); this module feeds them the portal's data (today's date, the
schema's code lists, licences) and translates what they return.
"""
from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from .. import clock
from ..freshness import rules as freshness
from . import rules as quality


def grade_labels() -> dict[str, str]:
    _ = toolkit._
    return {quality.GOOD: _("Good"), quality.FAIR: _("Fair"), quality.POOR: _("Needs improvement")}


def dimension_labels() -> dict[str, str]:
    _ = toolkit._
    return {quality.CORRECT: _("Correct"), quality.COMPLETE: _("Complete"),
            quality.CLEAN: _("Clean"), quality.LIVE: _("Live")}


def _schema_choices() -> dict[str, Collection[str]]:
    """Allowed values of the schema's coded fields, and the licence ids."""
    schema = toolkit.h.scheming_get_dataset_schema("dataset") or {}
    codes: dict[str, Collection[str]] = {}
    for field in schema.get("dataset_fields", []):
        choices = toolkit.h.scheming_field_choices(field) if (
            field.get("choices") or field.get("choices_helper")) else None
        if choices:
            codes[field["field_name"]] = {str(choice["value"]) for choice in choices}
    codes["license_id"] = set(model.Package.get_license_register().keys())
    return codes


def _field_labels() -> dict[str, str]:
    schema = toolkit.h.scheming_get_dataset_schema("dataset") or {}
    labels = {f["field_name"]: toolkit.h.scheming_language_text(f.get("label")) or f["field_name"]
              for f in schema.get("dataset_fields", [])}
    # The schema edits tags as "tag_string"; datasets carry them as "tags".
    labels.setdefault("tags", labels.get("tag_string", "tags"))
    return labels


def reason_text(reason: quality.Reason, field_labels: dict[str, str]) -> str:
    params = {}
    for key, value in reason.params.items():
        if key == "fields":
            value = ", ".join(field_labels.get(name, name) for name in value)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        params[key] = value
    message = toolkit._(reason.message)
    return message % params if params else message.replace("%%", "%")


def score(pkg: dict[str, Any], today: date | None = None,
          codes: dict[str, Collection[str]] | None = None) -> quality.Score:
    status = freshness.dataset_freshness(pkg, today or clock.today()).status
    return quality.score(pkg, status, _schema_choices() if codes is None else codes)


def known_codes() -> dict[str, Collection[str]]:
    """Compute once per page when scoring many datasets."""
    return _schema_choices()


def dataset_quality(pkg: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    result = score(pkg, today)
    labels = _field_labels()
    dimensions = dimension_labels()
    return {
        "total": result.total,
        "grade": result.grade,
        "grade_label": grade_labels()[result.grade],
        "dimensions": [{"name": name, "label": dimensions[name], "points": result.dimension(name)[0],
                        "max": result.dimension(name)[1]} for name in quality.DIMENSIONS],
        "reasons": [{"dimension": dimensions[r.dimension], "points": r.points, "max": r.max_points,
                     "full": r.full, "text": reason_text(r, labels)} for r in result.reasons],
    }
