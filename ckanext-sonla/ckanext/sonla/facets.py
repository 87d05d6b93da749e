"""Facet titles of the dataset search, agency and theme pages (translatable, Vietnamese first)."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
import flask

from . import helpers


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


def label_choices(search_results: dict[str, Any]) -> dict[str, Any]:
    """Give facet items of coded fields (update status, schema choices) their label as display name.

    CKAN shows ``display_name`` in the applied-filter pills and the API's ``search_facets``;
    without this they would read "overdue" or "monthly" instead of "Quá hạn" or "Hằng tháng".
    """
    if not flask.has_request_context():
        return search_results  # no language to translate into (e.g. a CLI search)
    for name, facet in (search_results.get("search_facets") or {}).items():
        label = helpers.sonla_facet_label_function(name)
        if label is None:
            continue
        for item in facet.get("items") or []:
            item["display_name"] = label(item)
    return search_results
