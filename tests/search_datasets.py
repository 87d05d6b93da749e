"""Datasets for the search tests (tests/ckanext/search/): one place for what they all need."""
from __future__ import annotations

from typing import Any

import ckan.tests.factories as factories


def dataset(org: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A dataset of ``org`` valid for the Sơn La schema (notes and an update frequency unless given)."""
    fields.setdefault("notes", "Dữ liệu thử nghiệm")
    fields.setdefault("update_frequency", "annual")
    return factories.Dataset(owner_org=org["id"], **fields)


def names(result: dict[str, Any]) -> list[str]:
    """The names a package_search result lists, sorted."""
    return sorted(d["name"] for d in result["results"])
