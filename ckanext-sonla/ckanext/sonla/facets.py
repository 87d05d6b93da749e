"""Facet titles of the dataset search, agency and theme pages (translatable, Vietnamese first)."""
from __future__ import annotations

from collections import OrderedDict

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit


def titles() -> dict[str, str]:
    _ = toolkit._
    return {
        "organization": _("Agencies"),
        "groups": _("Themes"),
        "tags": _("Tags"),
        "res_format": _("Formats"),
        "license_id": _("Licences"),
        "update_frequency": _("Update frequency"),
        "spatial_coverage": _("Communes and wards"),
        FRESHNESS: _("Update status"),
    }


FRESHNESS = "freshness_status"


def with_freshness(facets: OrderedDict[str, str]) -> OrderedDict[str, str]:
    """Add the update status facet; only sonla_search can compute it for today (not Solr)."""
    if plugins.plugin_loaded("sonla_search"):
        facets[FRESHNESS] = titles()[FRESHNESS]
    return facets


def retitle(facets: OrderedDict[str, str]) -> OrderedDict[str, str]:
    """Give the configured facets (``search.facets``) our titles; keep the order and the rest."""
    known = titles()
    for name in facets:
        if name in known:
            facets[name] = known[name]
    return facets
