"""Search datasets: words typed without accents, a filter (fq) and facet counts."""
import os

from ckanapi import RemoteCKAN

portal = RemoteCKAN(os.environ.get("PORTAL_URL", "https://data.sonla.gov.vn"),
                    user_agent="vi-du-api/1.0 (ban@example.com)")
result = portal.action.package_search(
    q="truong hoc",
    fq="res_format:CSV",
    rows=5,
    **{"facet.field": ["organization", "res_format"]},
)
print(f"count: {result['count']}")
for dataset in result["results"]:
    print(f"- {dataset['name']}: {dataset['title']}")
for field, facet in result["search_facets"].items():
    print(f"facet {field}: " + ", ".join(f"{item['name']} ({item['count']})" for item in facet["items"]))
