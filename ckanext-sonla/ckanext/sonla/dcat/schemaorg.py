"""schema.org ``Dataset`` JSON-LD on each dataset page, for web search (ckanext-dcat's
``structured_data`` plugin with this profile, ``ckanext.dcat.structured_data.profiles``).

ckanext-dcat's ``schemaorg`` profile reads CKAN's usual keys (``temporal_start``, ``spatial_text``,
a resource's ``download_url``); the Sơn La schema names them otherwise. This profile hands it a copy
of the dataset with those keys filled from ours, so search engines get the temporal and spatial
coverage and each file's ``contentUrl``. The creator and publisher are the agency (the profile's
fallback to the organization).
"""
from __future__ import annotations

import functools
from typing import Any

from ckanext.dcat.profiles import SchemaOrgProfile

from ..helpers import sonla_spatial_coverage_choices

WHOLE_PROVINCE = "Tỉnh Sơn La, Việt Nam"


@functools.cache
def _place_names() -> dict[str, str]:
    return {choice["value"]: choice["label"]["vi"] for choice in sonla_spatial_coverage_choices({})}


def _spatial_text(codes: Any) -> str:
    """The communes' names; the province when the dataset names none (every dataset is about it)."""
    if isinstance(codes, str):
        codes = [codes] if codes else []
    names = [_place_names().get(str(code), str(code)) for code in codes or []]
    return ", ".join(names) if names else WHOLE_PROVINCE


def for_schema_org(dataset: dict[str, Any]) -> dict[str, Any]:
    """The dataset with the keys the schemaorg profile reads."""
    adapted = dict(dataset)
    adapted["temporal_start"] = dataset.get("temporal_coverage_from") or None
    adapted["temporal_end"] = dataset.get("temporal_coverage_to") or None
    adapted["spatial_text"] = _spatial_text(dataset.get("spatial_coverage"))
    adapted["resources"] = [{**resource, "download_url": resource.get("download_url") or resource.get("url")}
                            for resource in dataset.get("resources", [])]
    return adapted


class SonlaSchemaOrgProfile(SchemaOrgProfile):
    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        super().graph_from_dataset(for_schema_org(dataset_dict), dataset_ref)
