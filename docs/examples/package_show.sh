#!/usr/bin/env bash
# One dataset's metadata and its resources (files and tables).
set -euo pipefail
PORTAL_URL="${PORTAL_URL:-https://data.sonla.gov.vn}"

curl -fsS "$PORTAL_URL/api/3/action/package_show?id=dan-so-dien-tich-don-vi-hanh-chinh-cap-xa" |
  jq -r '.result
    | "title: \(.title)",
      "organization: \(.organization.name)",
      "update_frequency: \(.update_frequency)",
      "data_last_updated: \(.data_last_updated)",
      "license_id: \(.license_id)",
      (.resources[] | "- \(.format) \(.name) datastore=\(.datastore_active) \(.url)")'
