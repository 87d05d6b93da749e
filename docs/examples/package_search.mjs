// Search datasets: words typed without accents, a filter (fq) and facet counts. Node 18+.
const PORTAL_URL = process.env.PORTAL_URL ?? "https://data.sonla.gov.vn";

const params = new URLSearchParams({
  q: "truong hoc",
  fq: "res_format:CSV",
  "facet.field": JSON.stringify(["organization", "res_format"]),
  rows: "5",
});
const response = await fetch(`${PORTAL_URL}/api/3/action/package_search?${params}`);
if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
const { result } = await response.json();

console.log(`count: ${result.count}`);
for (const dataset of result.results) console.log(`- ${dataset.name}: ${dataset.title}`);
for (const [field, facet] of Object.entries(result.search_facets)) {
  console.log(`facet ${field}: ` + facet.items.map((item) => `${item.name} (${item.count})`).join(", "));
}
