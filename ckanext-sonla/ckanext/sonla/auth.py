"""Auth functions of the ``sonla`` plugin's actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as toolkit

# Registered by ``toolkit.blanket.auth_functions``, which reads ``__all__``.
__all__ = ["sonla_dataset_publish", "sonla_freshness_list"]


@toolkit.auth_allow_anonymous_access
def sonla_freshness_list(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Public: the report only lists datasets the caller's own package_search returns.
    return {"success": True}


def sonla_dataset_publish(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, bool]:
    # Logged-in users only (CKAN refuses anonymous callers of functions without the decorator);
    # the actions it calls (package_create / package_update, datastore_create) check the rest.
    return {"success": True}
