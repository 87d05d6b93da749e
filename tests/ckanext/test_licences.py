"""The portal offers the province's licences, the same ones the catalogue's specs use."""
from __future__ import annotations

import csv
from pathlib import Path

import ckan.tests.helpers as helpers
import pytest

CODELIST = Path(__file__).resolve().parents[2] / "dataset_specs" / "codelists" / "licences.csv"


@pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets")
@pytest.mark.usefixtures("with_plugins")
def test_licence_list_matches_the_code_list():
    with CODELIST.open(encoding="utf-8") as handle:
        expected = {row["id"]: row["title"] for row in csv.DictReader(handle)}
    offered = {lic["id"]: lic["title"] for lic in helpers.call_action("license_list")}
    assert offered == expected
