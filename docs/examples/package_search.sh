#!/usr/bin/env bash
# Search datasets: words typed without accents, a filter (fq) and facet counts.
set -euo pipefail
PORTAL_URL="${PORTAL_URL:-https://data.sonla.gov.vn}"

curl -fsS -G "$PORTAL_URL/api/3/action/package_search" \
  --data-urlencode 'q=truong hoc' \
  --data-urlencode 'fq=res_format:CSV' \
  --data-urlencode 'facet.field=["organization","res_format"]' \
  --data-urlencode 'rows=5' |
  jq -r '.result
    | "count: \(.count)",
      (.results[] | "- \(.name): \(.title)"),
      (.search_facets | to_entries[]
        | "facet \(.key): " + ([.value.items[] | "\(.name) (\(.count))"] | join(", ")))'
