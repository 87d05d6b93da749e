"""One dataset's metadata and its resources (files and tables)."""
import os

from ckanapi import RemoteCKAN

portal = RemoteCKAN(os.environ.get("PORTAL_URL", "https://data.sonla.gov.vn"),
                    user_agent="vi-du-api/1.0 (ban@example.com)")
dataset = portal.action.package_show(id="dan-so-dien-tich-don-vi-hanh-chinh-cap-xa")
print(f"title: {dataset['title']}")
print(f"organization: {dataset['organization']['name']}")
for key in ("update_frequency", "data_last_updated", "license_id"):
    print(f"{key}: {dataset.get(key)}")
for resource in dataset["resources"]:
    print(f"- {resource['format']} {resource['name']} "
          f"datastore={str(resource.get('datastore_active', False)).lower()} {resource['url']}")
