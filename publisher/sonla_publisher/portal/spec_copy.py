"""The spec the portal keeps with each dataset (part ``spec`` of ``sonla_dataset_publish``).

The portal's agency page validates an uploaded file against it, with the same library as
``validate``, so it needs the spec file as published and the code lists the spec uses
(the commune lists, for fields marked ``x-sonla-codelist: communes``). The portal keeps the copy
private and bounded (``ckanext/sonla/agency_publish/spec_store.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from sonla_publisher.reading.table import commune_fields
from sonla_publisher.specs.spec import Spec

COMMUNE_CODELISTS = ("communes.csv", "communes_pre2025.csv")


def codelists_of(spec_path: Path) -> Path | None:
    """The ``codelists/`` folder of the spec file's catalogue (beside ``datasets/``)."""
    for parent in spec_path.resolve().parents:
        if (parent / "datasets").is_dir() and (parent / "codelists").is_dir():
            return parent / "codelists"
    return None


def spec_part(spec: Spec, codelists: Path | None = None) -> str | None:
    """The JSON part, or None when the spec file is not UTF-8 text (the portal keeps text)."""
    try:
        text = spec.raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lists: dict[str, str] = {}
    directory = codelists or codelists_of(spec.path)
    if commune_fields(spec) and directory is not None:
        for name in COMMUNE_CODELISTS:
            path = directory / name
            if path.is_file():
                lists[name] = path.read_text(encoding="utf-8-sig")
    return json.dumps({"yaml": text, "codelists": lists}, ensure_ascii=False)
