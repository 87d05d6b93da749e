#!/usr/bin/env bash
# Read-only SQL over a data table (the table name is the resource id, in double quotes).
set -euo pipefail
PORTAL_URL="${PORTAL_URL:-https://data.sonla.gov.vn}"

RESOURCE=$(curl -fsS "$PORTAL_URL/api/3/action/package_show?id=dan-so-dien-tich-don-vi-hanh-chinh-cap-xa" |
  jq -r '[.result.resources[] | select(.datastore_active)][0].id')

curl -fsS -G "$PORTAL_URL/api/3/action/datastore_search_sql" \
  --data-urlencode "sql=SELECT loai_don_vi, count(*) AS so_don_vi, sum(dan_so) AS dan_so
                       FROM \"$RESOURCE\" GROUP BY loai_don_vi ORDER BY loai_don_vi" |
  jq -r '.result.records[] | "\(.loai_don_vi): \(.so_don_vi) units, population \(.dan_so)"'
