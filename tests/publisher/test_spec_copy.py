"""The spec part of ``sonla_dataset_publish``: the spec file as published and the code lists it
needs, so the portal's agency page validates with the same spec (issue #18, point 1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sonla_publisher.portal.spec_copy import codelists_of, spec_part
from sonla_publisher.specs.spec import find_spec, load_spec

SPECS = Path(__file__).resolve().parents[2] / "dataset_specs"


def test_a_spec_without_commune_fields_goes_alone() -> None:
    spec = find_spec(SPECS, "tai-nan-giao-thong-theo-thang")
    part = json.loads(spec_part(spec) or "{}")
    assert part["yaml"].encode("utf-8") == spec.raw_bytes  # the bytes the source hash covers
    assert part["codelists"] == {}


def _catalogue_with_a_commune_field(root: Path) -> Path:
    spec = root / "datasets" / "so-y-te" / "tram-y-te.yaml"
    spec.parent.mkdir(parents=True)
    spec.write_text(
        "name: tram-y-te\nmetadata: {title: Trạm y tế, notes: x, owner_org: so-y-te, update_frequency: annual}\n"
        "schema:\n  fields:\n  - {name: xa, title: Xã, type: string, x-sonla-codelist: communes}\n",
        encoding="utf-8")
    shutil.copytree(SPECS / "codelists", root / "codelists")
    return spec


def test_a_spec_with_commune_fields_takes_the_commune_lists(tmp_path: Path) -> None:
    spec = load_spec(_catalogue_with_a_commune_field(tmp_path))
    part = json.loads(spec_part(spec) or "{}")
    assert set(part["codelists"]) == {"communes.csv", "communes_pre2025.csv"}
    assert part["codelists"]["communes.csv"] == (SPECS / "codelists" / "communes.csv").read_text("utf-8-sig")


def test_a_spec_outside_a_catalogue_goes_without_lists(tmp_path: Path) -> None:
    source = _catalogue_with_a_commune_field(tmp_path / "catalogue")
    alone = tmp_path / source.name
    shutil.copy(source, alone)
    assert codelists_of(alone) is None
    assert json.loads(spec_part(load_spec(alone)) or "{}")["codelists"] == {}


def test_a_spec_that_is_not_utf8_is_not_sent(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("name: x\ntitle: Sơn La\n".encode("utf-16"))
    assert spec_part(load_spec(path)) is None
