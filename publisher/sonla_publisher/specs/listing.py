"""``sonla-publish catalogue list``: the catalogue's datasets with their agency and frequency."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sonla_publisher.errors import SpecError
from sonla_publisher.i18n.messages import Lang
from sonla_publisher.specs.spec import iter_spec_paths, load_codelist, load_spec
from sonla_publisher.specs.suggestions import closest, fold

# Code lists naming the organizations a spec's owner_org may be: agencies, then communes/wards.
ORGANIZATION_LISTS = ("agencies.csv", "communes.csv")


@dataclass(frozen=True)
class Organization:
    slug: str
    names: dict[Lang, str]


@dataclass(frozen=True)
class ListedDataset:
    name: str
    title: str
    agency: str  # the owner_org code
    frequency: str  # the update_frequency code


def organizations(codelists: Path) -> dict[str, Organization]:
    """slug -> organization, from the code lists that exist."""
    result: dict[str, Organization] = {}
    for file_name in ORGANIZATION_LISTS:
        path = codelists / file_name
        if not path.is_file():
            continue
        for row in load_codelist(path):
            slug = row.get("slug") or ""
            if slug:
                name = row.get("name") or slug
                result[slug] = Organization(slug, {"vi": name, "en": row.get("name_en") or name})
    return result


def frequency_names(codelists: Path) -> dict[str, dict[Lang, str]]:
    """code -> its name in each language (codelists/frequencies.csv)."""
    path = codelists / "frequencies.csv"
    if not path.is_file():
        return {}
    return {
        row["code"]: {"vi": row.get("name") or row["code"], "en": row.get("name_en") or row["code"]}
        for row in load_codelist(path)
        if row.get("code")
    }


def find_agency(typed: str, known: dict[str, Organization], specs_dir: Path) -> str:
    """The slug of the agency given by code or name (case and accents aside), else SpecError."""
    if typed in known:
        return typed
    wanted = fold(typed)
    for slug, organization in known.items():
        if wanted in {fold(slug), *(fold(name) for name in organization.names.values())}:
            return slug
    suggestions = closest(
        typed, ((slug, organization.names.values()) for slug, organization in known.items())
    )
    if suggestions:
        raise SpecError(
            "catalogue.unknown_agency_suggest",
            agency=typed,
            specs_dir=str(specs_dir),
            suggestions=", ".join(suggestions),
        )
    raise SpecError("catalogue.unknown_agency", agency=typed, specs_dir=str(specs_dir))


@dataclass(frozen=True)
class Listing:
    datasets: list[ListedDataset]
    unreadable: list[Path]  # spec files that could not be read: `catalogue check` says why


def list_datasets(specs_dir: Path, agency: str | None = None) -> Listing:
    """Every readable spec, by agency then name; ``agency``: code or name, else SpecError."""
    if not (specs_dir / "datasets").is_dir():
        raise SpecError("spec.no_catalogue", specs_dir=str(specs_dir))
    known = organizations(specs_dir / "codelists")
    slug = find_agency(agency, known, specs_dir) if agency else None
    datasets, unreadable = [], []
    for path in iter_spec_paths(specs_dir):
        try:
            spec = load_spec(path)
        except SpecError:
            unreadable.append(path)
            continue
        owner = str(spec.metadata.get("owner_org") or "")
        if slug is None or owner == slug:
            frequency = str(spec.metadata.get("update_frequency") or "")
            datasets.append(ListedDataset(spec.name or path.stem, spec.title, owner, frequency))
    datasets.sort(key=lambda dataset: (dataset.agency, dataset.name))
    return Listing(datasets, unreadable)
