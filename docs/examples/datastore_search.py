"""Rows of a data table: exact filters, chosen columns, sorting, then a full-text search."""
import os

from ckanapi import RemoteCKAN

portal = RemoteCKAN(os.environ.get("PORTAL_URL", "https://data.sonla.gov.vn"),
                    user_agent="vi-du-api/1.0 (ban@example.com)")
dataset = portal.action.package_show(id="dan-so-dien-tich-don-vi-hanh-chinh-cap-xa")
resource_id = next(r["id"] for r in dataset["resources"] if r.get("datastore_active"))
print(f"resource: {resource_id}")

wards = portal.action.datastore_search(
    resource_id=resource_id,
    filters={"loai_don_vi": "Phường"},
    fields=["ten_don_vi", "dan_so"],
    sort="dan_so desc",
    limit=3,
)
print(f"filters loai_don_vi=Phường: total {wards['total']}")
for row in wards["records"]:
    print(f"- {row['ten_don_vi']}: {row['dan_so']}")

found = portal.action.datastore_search(resource_id=resource_id, q="Chiềng", limit=3)
print(f"q=Chiềng: total {found['total']}")
for row in found["records"]:
    print(f"- {row['ten_don_vi']}")
