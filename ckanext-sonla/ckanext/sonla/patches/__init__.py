"""Every change this extension makes to code it does not own: CKAN, its plugins, Werkzeug.

Each module replaces one thing, says why and links the upstream issue, and has a canary test in
tests/ckanext/test_patches.py that fails, saying which patch can go, once upstream has changed.
``install`` is the one call that puts them in place, from each plugin's ``update_config``: the
first hook CKAN runs, before it checks for Solr and before any request is parsed.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from . import datastore_dump, dcat_paging, mailer_timeout, tracking_beacon, tracking_summaries, werkzeug_multipart

log = logging.getLogger(__name__)


def _search_backend() -> bool:
    # Imported only when sonla_search is on: it brings in the whole PostgreSQL search.
    from . import search_backend

    return search_backend.install()


def _harvest_index() -> bool:
    from . import harvest_index

    return harvest_index.install()


# By plugin: each patch's name and its ``install`` (which answers whether it was installed; a
# patch of a plugin that is not there, such as the DataStore, is skipped).
PATCHES: dict[str, dict[str, Callable[[], bool]]] = {
    "sonla": {
        "tracking_summaries": tracking_summaries.install,
        "tracking_beacon": tracking_beacon.install,
        "werkzeug_multipart": werkzeug_multipart.install,
        "datastore_dump": datastore_dump.install,
        "dcat_paging": dcat_paging.install,
        "mailer_timeout": mailer_timeout.install,
    },
    "sonla_search": {"search_backend": _search_backend, "harvest_index": _harvest_index},
}


def install(plugin: str) -> list[str]:
    """Put ``plugin``'s patches in place (idempotent); the names of those installed."""
    installed = [name for name, install_one in PATCHES[plugin].items() if install_one()]
    log.info("%s: patches installed: %s", plugin, ", ".join(installed) or "none")
    return installed
