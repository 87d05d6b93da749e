// Rows of a data table: exact filters, chosen columns, sorting, then a full-text search. Node 18+.
const PORTAL_URL = process.env.PORTAL_URL ?? "https://data.sonla.gov.vn";

async function action(name, params) {
  const response = await fetch(`${PORTAL_URL}/api/3/action/${name}?${new URLSearchParams(params)}`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()).result;
}

const dataset = await action("package_show", { id: "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa" });
const resourceId = dataset.resources.find((r) => r.datastore_active).id;
console.log(`resource: ${resourceId}`);

const wards = await action("datastore_search", {
  resource_id: resourceId,
  filters: JSON.stringify({ loai_don_vi: "Phường" }),
  fields: "ten_don_vi,dan_so",
  sort: "dan_so desc",
  limit: "3",
});
console.log(`filters loai_don_vi=Phường: total ${wards.total}`);
for (const row of wards.records) console.log(`- ${row.ten_don_vi}: ${row.dan_so}`);

const found = await action("datastore_search", { resource_id: resourceId, q: "Chiềng", limit: "3" });
console.log(`q=Chiềng: total ${found.total}`);
for (const row of found.records) console.log(`- ${row.ten_don_vi}`);
