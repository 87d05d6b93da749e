"""The portal's dataset (CKAN package) for a spec, and the hash that says whether it changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from typing import Any

from sonla_publisher.specs.data_period import DataPeriod
from sonla_publisher.specs.spec import Spec
from sonla_publisher.validation.coverage import SpatialCoverage


def sha256_hex(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def source_hash(spec: Spec, source_bytes: bytes) -> str:
    """sha256 of the spec file's bytes followed by the source file's bytes."""
    return sha256_hex(spec.raw_bytes, source_bytes)


def _portal_value(value: Any) -> Any:
    """YAML gives dates as date objects and text possibly decomposed; CKAN wants ISO and NFC."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list):
        return [_portal_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _portal_value(item) for key, item in value.items()}
    return value


def build_package_dict(
    spec: Spec,
    *,
    today: dt.date,
    source_hash: str | None = None,
    period: DataPeriod | None = None,
    coverage: SpatialCoverage | None = None,
) -> dict[str, Any]:
    """Package fields from the spec's ``metadata``, and the dates that come from the data.

    ``themes`` become CKAN groups and ``tags`` CKAN tags; other keys are passed as they are.
    ``data_last_updated`` ("Công bố lần cuối") is ``today``, the publish day, and
    ``temporal_coverage_from``/``_to`` ("Dữ liệu đến") the periods of the data (``period``,
    from the spec's period column), emptied when there is none: the portal's freshness follows
    them (docs/quality.md). ``state`` is always active: a dataset of the catalogue that was
    deleted on the portal comes back when it is published again.
    """
    package: dict[str, Any] = {"name": spec.name, "state": "active"}
    for key, value in spec.metadata.items():
        if key == "themes":
            package["groups"] = [{"name": theme} for theme in _portal_value(value or [])]
        elif key == "tags":
            package["tags"] = [{"name": tag} for tag in _portal_value(value or [])]
        else:
            package[key] = _portal_value(value)
    # A spec may not set these (``catalogue check`` refuses it): they come from the data.
    package["data_last_updated"] = today.isoformat()
    package["temporal_coverage_from"] = period.first.isoformat() if period else ""
    package["temporal_coverage_to"] = period.last.isoformat() if period else ""
    if coverage is not None:
        package["spatial_coverage"] = list(coverage.codes)
    if source_hash is not None:
        package["source_hash"] = source_hash
    return package
