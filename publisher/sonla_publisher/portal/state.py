"""What the portal holds, read in bulk: one ``package_search`` page per 1,000 datasets.

``sync`` compares this with the catalogue, so that unchanged datasets cost no request of
their own. Private datasets and drafts the token may see are included.
"""

from __future__ import annotations

from typing import Any

from ckanapi import RemoteCKAN

from sonla_publisher.portal.client import portal_errors

PAGE_SIZE = 1000


def portal_datasets(ckan: RemoteCKAN, page_size: int = PAGE_SIZE) -> dict[str, dict[str, Any]]:
    """Every dataset the token can see, by name, as ``package_search`` returns them.

    Paging is by ``name asc``: a stable order, so a dataset created while the pages are read
    does not shift the others out of view.
    """
    datasets: dict[str, dict[str, Any]] = {}
    start = 0
    with portal_errors(ckan.address):
        while True:
            page = ckan.action.package_search(
                q="*:*",
                rows=page_size,
                start=start,
                sort="name asc",
                include_private=True,
                include_drafts=True,
            )
            results = page.get("results") or []
            for dataset in results:
                datasets.setdefault(dataset["name"], dataset)
            start += len(results)
            if not results or start >= int(page.get("count") or 0):
                return datasets
