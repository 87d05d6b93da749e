// One dataset's metadata and its resources (files and tables). Node 18+.
const PORTAL_URL = process.env.PORTAL_URL ?? "https://data.sonla.gov.vn";

const response = await fetch(`${PORTAL_URL}/api/3/action/package_show?id=dan-so-dien-tich-don-vi-hanh-chinh-cap-xa`);
if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
const { result: dataset } = await response.json();

console.log(`title: ${dataset.title}`);
console.log(`organization: ${dataset.organization.name}`);
for (const key of ["update_frequency", "data_last_updated", "license_id"]) console.log(`${key}: ${dataset[key]}`);
for (const resource of dataset.resources) {
  console.log(`- ${resource.format} ${resource.name} datastore=${Boolean(resource.datastore_active)} ${resource.url}`);
}
