"""Each dataset's spec as ``sonla-publish`` published it, kept by the portal for the agency page.

``sonla-publish`` sends the spec file's bytes and the code lists the spec needs with the dataset
(part ``spec`` of ``sonla_dataset_publish``); the action saves them in its own transaction, so
the portal's copy is the one of the data it serves. The copy is private (no action shows it, the
search index never reads it: the source mapping names the agency's own files and sheets) and
bounded in size.
"""
from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
import yaml
from ckanext.sonla.compat import model
from sonla_publisher.specs.spec import SAFE_LOADER, Spec, structure_problems

from .tables import dataset_spec

_ = toolkit._

# The largest spec of the catalogue is about 10 kB; the commune lists together about 22 kB.
MAX_SPEC_BYTES = 256 * 1024
MAX_CODELIST_BYTES = 256 * 1024
# The code lists reading and validation use (reading/commune_names.py); no other is accepted.
CODELIST_NAMES = frozenset({"communes.csv", "communes_pre2025.csv"})


@dataclass(frozen=True)
class StoredSpec:
    raw: bytes
    codelists: dict[str, str] = field(default_factory=dict)

    def spec(self) -> Spec:
        data = yaml.load(self.raw, Loader=SAFE_LOADER)
        name = str(data.get("name") or "spec") if isinstance(data, dict) else "spec"
        return Spec(path=Path(f"{name}.yaml"), raw_bytes=self.raw, data=data if isinstance(data, dict) else {})

    @contextlib.contextmanager
    def codelist_dir(self) -> Iterator[Path]:
        """The code lists as files, where the publisher's reader looks for them."""
        with tempfile.TemporaryDirectory(prefix="sonla-codelists-") as directory:
            for name, text in self.codelists.items():
                (Path(directory) / name).write_text(text, encoding="utf-8")
            yield Path(directory)


def _refuse(message: str) -> toolkit.ValidationError:
    return toolkit.ValidationError({"spec": [message]})


def parse_part(value: Any, dataset_name: str) -> StoredSpec | None:
    """The request's ``spec`` part (JSON: ``yaml`` text, ``codelists`` name -> text), checked."""
    if value is None or value == "":
        return None
    if isinstance(value, (str, bytes)):
        if len(value) > MAX_SPEC_BYTES + MAX_CODELIST_BYTES + 1024:
            raise _refuse(_("The spec is too large"))
        try:
            value = json.loads(value)
        except ValueError as error:
            raise _refuse(_("Not valid JSON: {error}").format(error=error)) from error
    if not isinstance(value, dict) or not isinstance(value.get("yaml"), str):
        raise _refuse(_("The spec must be a JSON object with the spec file's text under \"yaml\""))
    raw = value["yaml"].encode("utf-8")
    codelists = value.get("codelists") or {}
    if len(raw) > MAX_SPEC_BYTES:
        raise _refuse(_("The spec is too large"))
    if not isinstance(codelists, dict) or not all(
            isinstance(k, str) and k in CODELIST_NAMES and isinstance(v, str) for k, v in codelists.items()):
        raise _refuse(_("Unknown code list; the portal keeps only: {names}").format(
            names=", ".join(sorted(CODELIST_NAMES))))
    if sum(len(v.encode("utf-8")) for v in codelists.values()) > MAX_CODELIST_BYTES:
        raise _refuse(_("The code lists are too large"))
    stored = StoredSpec(raw=raw, codelists=dict(codelists))
    try:
        spec = stored.spec()
    except yaml.YAMLError as error:
        raise _refuse(_("The spec is not valid YAML")) from error
    if spec.name != dataset_name:
        raise _refuse(_("The spec is of dataset \"{spec}\", not \"{name}\"").format(spec=spec.name,
                                                                                  name=dataset_name))
    if structure_problems(spec):
        raise _refuse(_("The spec does not pass `sonla-publish catalogue check`"))
    return stored


def save(package_id: str, stored: StoredSpec) -> None:
    """Upsert in the session: committed (or rolled back) with the publication."""
    values = {"spec": stored.raw, "codelists": json.dumps(stored.codelists, ensure_ascii=False),
              "saved_at": sa.func.now()}
    updated = model.Session.execute(
        sa.update(dataset_spec).where(dataset_spec.c.package_id == package_id).values(**values))
    if not getattr(updated, "rowcount", 0):
        model.Session.execute(sa.insert(dataset_spec).values(package_id=package_id, **values))


def load(package_id: str) -> StoredSpec | None:
    row = model.Session.execute(
        sa.select(dataset_spec.c.spec, dataset_spec.c.codelists).where(dataset_spec.c.package_id == package_id)
    ).first()
    if row is None:
        return None
    return StoredSpec(raw=bytes(row[0]), codelists=json.loads(row[1] or "{}"))


def packages_with_spec(package_ids: list[str]) -> set[str]:
    if not package_ids:
        return set()
    rows = model.Session.execute(
        sa.select(dataset_spec.c.package_id).where(dataset_spec.c.package_id.in_(package_ids)))
    return {row[0] for row in rows}
