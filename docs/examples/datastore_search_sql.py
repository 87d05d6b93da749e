"""Read-only SQL over a data table (the table name is the resource id, in double quotes)."""
import os

from ckanapi import RemoteCKAN

portal = RemoteCKAN(os.environ.get("PORTAL_URL", "https://data.sonla.gov.vn"),
                    user_agent="vi-du-api/1.0 (ban@example.com)")
dataset = portal.action.package_show(id="dan-so-dien-tich-don-vi-hanh-chinh-cap-xa")
resource_id = next(r["id"] for r in dataset["resources"] if r.get("datastore_active"))

result = portal.action.datastore_search_sql(
    sql=f'SELECT loai_don_vi, count(*) AS so_don_vi, sum(dan_so) AS dan_so '
        f'FROM "{resource_id}" GROUP BY loai_don_vi ORDER BY loai_don_vi'
)
for row in result["records"]:
    print(f"{row['loai_don_vi']}: {row['so_don_vi']} units, population {row['dan_so']}")
