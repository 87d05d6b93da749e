// Read-only SQL over a data table (the table name is the resource id, in double quotes). Node 18+.
const PORTAL_URL = process.env.PORTAL_URL ?? "https://data.sonla.gov.vn";

async function action(name, params) {
  const response = await fetch(`${PORTAL_URL}/api/3/action/${name}?${new URLSearchParams(params)}`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()).result;
}

const dataset = await action("package_show", { id: "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa" });
const resourceId = dataset.resources.find((r) => r.datastore_active).id;

const result = await action("datastore_search_sql", {
  sql: `SELECT loai_don_vi, count(*) AS so_don_vi, sum(dan_so) AS dan_so
        FROM "${resourceId}" GROUP BY loai_don_vi ORDER BY loai_don_vi`,
});
for (const row of result.records) console.log(`${row.loai_don_vi}: ${row.so_don_vi} units, population ${row.dan_so}`);
