"""Check the whole spec catalogue: every spec well formed, names unique, codes known."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sonla_publisher.errors import SpecError
from sonla_publisher.i18n.messages import Lang, render
from sonla_publisher.specs.spec import (
    Spec,
    codelist_keys,
    iter_spec_paths,
    load_codelist,
    load_spec,
    structure_problems,
)

# code list file -> what it defines
CODELIST_FILES = {
    "agencies": "agencies.csv",
    "communes": "communes.csv",
    "themes": "themes.csv",
    "frequencies": "frequencies.csv",
    "licences": "licences.csv",
}


@dataclass(frozen=True)
class CatalogueProblem:
    path: str  # relative to the spec directory
    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        return render(self.message_id, lang, self.params)


@dataclass(frozen=True)
class CatalogueReport:
    spec_count: int
    problems: tuple[CatalogueProblem, ...]

    @property
    def valid(self) -> bool:
        return not self.problems


def _load_codelists(
    codelists_dir: Path,
) -> tuple[dict[str, set[str] | None], list[CatalogueProblem]]:
    """Keys of each code list; None (and a problem) for a missing file."""
    keys: dict[str, set[str] | None] = {}
    problems = []
    for kind, file_name in CODELIST_FILES.items():
        path = codelists_dir / file_name
        if path.is_file():
            keys[kind] = codelist_keys(load_codelist(path))
        else:
            keys[kind] = None
            problems.append(
                CatalogueProblem(
                    f"codelists/{file_name}",
                    "catalogue.missing_codelist",
                    {"file": f"codelists/{file_name}"},
                )
            )
    return keys, problems


def code_problems(
    spec: Spec, codes: dict[str, set[str] | None]
) -> list[tuple[str, dict[str, Any]]]:
    """Metadata values that are not in their code list (code lists that are missing are skipped)."""
    problems: list[tuple[str, dict[str, Any]]] = []
    metadata = spec.metadata
    organizations = (codes["agencies"] or set()) | (codes["communes"] or set())
    owner = metadata.get("owner_org")
    if (
        owner
        and (codes["agencies"] is not None or codes["communes"] is not None)
        and (owner not in organizations)
    ):
        problems.append(("catalogue.unknown_org", {"value": owner}))
    themes = metadata.get("themes") or []
    if not isinstance(themes, list):
        problems.append(("catalogue.themes_not_list", {}))
    elif codes["themes"] is not None:
        problems.extend(
            ("catalogue.unknown_theme", {"value": theme})
            for theme in themes
            if theme not in codes["themes"]
        )
    for key, kind, message_id in (
        ("update_frequency", "frequencies", "catalogue.unknown_frequency"),
        ("license_id", "licences", "catalogue.unknown_licence"),
    ):
        value = metadata.get(key)
        known = codes[kind]
        if value and known is not None and value not in known:
            problems.append((message_id, {"value": value}))
    return problems


def check_catalogue(specs_dir: Path) -> CatalogueReport:
    if not (specs_dir / "datasets").is_dir():
        raise SpecError("spec.no_catalogue", specs_dir=str(specs_dir))
    codes, problems = _load_codelists(specs_dir / "codelists")
    seen: dict[str, str] = {}
    count = 0
    for path in iter_spec_paths(specs_dir):
        count += 1
        relative = path.relative_to(specs_dir).as_posix()
        try:
            spec = load_spec(path)
        except SpecError as error:
            problems.append(CatalogueProblem(relative, error.message_id, error.params))
            continue
        found = structure_problems(spec, thorough=True) + code_problems(spec, codes)
        if spec.name and spec.name in seen:
            found.append(
                ("catalogue.duplicate_name", {"name": spec.name, "other": seen[spec.name]})
            )
        seen.setdefault(spec.name, relative)
        problems.extend(
            CatalogueProblem(relative, message_id, params) for message_id, params in found
        )
    return CatalogueReport(spec_count=count, problems=tuple(problems))
