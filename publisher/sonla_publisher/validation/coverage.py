"""Which communes and wards a dataset covers (``spatial_coverage``), read from its data.

The rule (docs/spec-format.md, "Spatial coverage"):

- a spec with a commune column (``x-sonla-codelist: communes``): the units named in that column,
  after the cleaner's mapping (a pre-2025 name counts as the unit it was merged into). A value
  that is not certainly one unit (unknown, ambiguous, a suggestion not accepted) is not counted:
  validation reports it as a problem, and the count of such values is reported here too;
- every one of the 75 units named: the whole province ("Toàn tỉnh", code ``14``);
- no commune column, and the owner is a commune or ward (``codelists/communes.csv``): that unit;
- no commune column, and the owner is a provincial agency: the whole province.

The spec may not set ``metadata.spatial_coverage`` itself (``data_period.FROM_THE_DATA``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sonla_publisher.reading.commune_names import CommuneIndex
from sonla_publisher.specs.spec import Spec, load_codelist

PROVINCE_CODE = "14"  # Sơn La in the national list of administrative units
PROVINCE_NAME = "Toàn tỉnh Sơn La"
# Distinct values remembered per column: certain names collapse to at most 75 official names, so
# only unknown spellings (each one a problem already) can pass this.
_DISTINCT_LIMIT = 5_000


@dataclass(frozen=True)
class SpatialCoverage:
    """What ``spatial_coverage`` the publisher sends, and why.

    ``reason``: "columns" (the units in the commune column), "all_units" (every unit: the whole
    province), "owner" (no commune column, the owner is that commune or ward), "province" (no
    commune column, a provincial agency), "none_found" (a commune column with no certain unit).
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    reason: str
    columns: tuple[str, ...] = ()
    uncounted: int = 0  # distinct values of the column that are not certainly one unit
    units: int = 0  # communes and wards named in the column

    @property
    def whole_province(self) -> bool:
        return self.codes == (PROVINCE_CODE,)


class CoverageTracker:
    """Collects the distinct values of the commune columns while rows are validated."""

    def __init__(self, positions: Sequence[int]) -> None:
        self.positions = tuple(positions)
        self.seen: set[str] = set()

    def add(self, values: Sequence[str]) -> None:
        seen = self.seen
        for index in self.positions:
            value = values[index]
            if value and value not in seen and len(seen) < _DISTINCT_LIMIT:
                seen.add(value)

    def result(self, communes: CommuneIndex, columns: Sequence[str]) -> SpatialCoverage:
        found: set[str] = set()
        uncounted = 0
        for value in self.seen:
            match = communes.match(value)
            if match.certain and match.unit is not None:
                found.add(match.unit.code)
            else:
                uncounted += 1
        return coverage_of_codes(communes, found, tuple(columns), uncounted)


def coverage_of_codes(
    communes: CommuneIndex, found: set[str], columns: tuple[str, ...], uncounted: int = 0
) -> SpatialCoverage:
    """The coverage of a commune column that named the units ``found`` (codes)."""
    if not found:
        return SpatialCoverage((), (), "none_found", columns, uncounted)
    if found >= set(communes.by_code):
        return SpatialCoverage(
            (PROVINCE_CODE,), (PROVINCE_NAME,), "all_units", columns, uncounted, len(found)
        )
    units = [communes.by_code[code] for code in sorted(found)]
    return SpatialCoverage(
        tuple(unit.code for unit in units),
        tuple(unit.name for unit in units),
        "columns",
        columns,
        uncounted,
        len(units),
    )


def coverage_without_column(spec: Spec, codelists: Path | None) -> SpatialCoverage | None:
    """The coverage of a dataset without commune column: its owner's unit, or the province.

    None when the code lists are not at hand (nothing is sent then: the portal keeps its value).
    """
    path = codelists / "communes.csv" if codelists is not None else None
    if path is None or not path.is_file():
        return None
    owner = str(spec.metadata.get("owner_org") or "")
    for row in load_codelist(path):
        if row.get("slug") == owner:
            return SpatialCoverage((row["code"],), (row["name"],), "owner")
    return SpatialCoverage((PROVINCE_CODE,), (PROVINCE_NAME,), "province")
