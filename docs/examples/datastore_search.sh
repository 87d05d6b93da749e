#!/usr/bin/env bash
# Rows of a data table: exact filters, chosen columns, sorting, then a full-text search.
set -euo pipefail
PORTAL_URL="${PORTAL_URL:-https://data.sonla.gov.vn}"

# The table's id: the first resource of the dataset that is loaded into the DataStore.
RESOURCE=$(curl -fsS "$PORTAL_URL/api/3/action/package_show?id=dan-so-dien-tich-don-vi-hanh-chinh-cap-xa" |
  jq -r '[.result.resources[] | select(.datastore_active)][0].id')
echo "resource: $RESOURCE"

curl -fsS -G "$PORTAL_URL/api/3/action/datastore_search" \
  --data-urlencode "resource_id=$RESOURCE" \
  --data-urlencode 'filters={"loai_don_vi": "Phường"}' \
  --data-urlencode 'fields=ten_don_vi,dan_so' \
  --data-urlencode 'sort=dan_so desc' \
  --data-urlencode 'limit=3' |
  jq -r '.result | "filters loai_don_vi=Phường: total \(.total)", (.records[] | "- \(.ten_don_vi): \(.dan_so)")'

curl -fsS -G "$PORTAL_URL/api/3/action/datastore_search" \
  --data-urlencode "resource_id=$RESOURCE" \
  --data-urlencode 'q=Chiềng' \
  --data-urlencode 'limit=3' |
  jq -r '.result | "q=Chiềng: total \(.total)", (.records[] | "- \(.ten_don_vi)")'
