"""The chart and map views of the demo catalogue in a real browser (docs/citizens.md): drawn from the
portal's own assets, with Vietnamese numbers, and with no request leaving the portal (no tile layer)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.e2e

POPULATION = "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa"
PLACES = "diem-du-lich"
PLACES_AGENCY = "so-van-hoa-the-thao-va-du-lich"
VI_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 29.356, 10.000


def _open_view(page, dataset: str, title: str):  # type: ignore[no-untyped-def]
    """The resource page of the dataset's table, on the view named ``title``; its frame and the
    hosts every request of the page went to."""
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"/dataset/{dataset}")
    page.locator(".resource-item a.heading").first.click()
    page.get_by_role("link", name=title).first.click()
    page.wait_for_function("t => [...document.querySelectorAll('iframe')].some(f => f.src.includes('/view/'))",
                           arg=title)
    return hosts


def _frame(page, selector: str):  # type: ignore[no-untyped-def]
    page.frame_locator("iframe").first.locator(selector).first.wait_for(timeout=30_000)
    return next(f for f in page.frames if "/view/" in f.url and f.locator(selector).count())


def test_the_population_chart_has_its_bars_and_vietnamese_numbers(page, site):  # type: ignore[no-untyped-def]
    hosts = _open_view(page, POPULATION, "Dân số theo xã, phường")
    chart = _frame(page, "#sonla-chart")
    chart.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('sonla-chart'))")
    drawn = chart.evaluate("""() => {
        const c = Chart.getChart(document.getElementById('sonla-chart'));
        const meta = c.getDatasetMeta(0);
        return {type: c.config.type, bars: meta.data.length,
                drawn: meta.data.filter(b => b.height > 0).length,
                ticks: c.scales.y.ticks.map(t => t.label),
                labels: c.data.labels.length};
    }""")
    assert drawn["type"] == "bar"
    assert drawn["bars"] == drawn["labels"] == 75  # one bar per commune/ward of the demo table
    assert drawn["drawn"] == 75
    assert any(VI_THOUSANDS.match(str(t)) for t in drawn["ticks"]), drawn["ticks"]  # 10.000, not 10,000
    # The tooltip of a bar, as a visitor pointing at it sees it.
    tooltip = chart.evaluate("""() => {
        const c = Chart.getChart(document.getElementById('sonla-chart'));
        const bar = c.getDatasetMeta(0).data[0];
        c.tooltip.setActiveElements([{datasetIndex: 0, index: 0}], {x: bar.x, y: bar.y});
        c.update();
        return c.tooltip.body.map(b => b.lines.join(' ')).join(' ');
    }""")
    value = re.search(r"([\d.,]+)$", tooltip)
    assert value and VI_THOUSANDS.match(value.group(1)), tooltip
    # The numbers are also in a table under the chart, Vietnamese-formatted.
    chart.locator(".sonla-chart-numbers summary").click()
    cells = chart.locator(".sonla-chart-numbers tbody td.text-end").all_inner_texts()
    assert len(cells) == 75 and all(VI_THOUSANDS.match(c) or c.isdigit() for c in cells), cells[:5]
    screenshot(page, "chart")
    assert hosts == {urlsplit(site).netloc}, hosts  # Chart.js came from the portal, not a CDN


def test_the_chart_speaks_english_in_english(page):  # type: ignore[no-untyped-def]
    page.goto(f"/en/dataset/{POPULATION}")
    page.locator(".resource-item a.heading").first.click()
    page.get_by_role("link", name="Dân số theo xã, phường").first.click()
    chart = _frame(page, "#sonla-chart")
    chart.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('sonla-chart'))")
    ticks = chart.evaluate("() => Chart.getChart(document.getElementById('sonla-chart')).scales.y.ticks"
                           ".map(t => t.label)")
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", str(t)) for t in ticks), ticks


def test_the_tourist_map_has_a_marker_per_site_and_escaped_popups(page, site):  # type: ignore[no-untyped-def]
    hosts = _open_view(page, PLACES, "Bản đồ điểm du lịch")
    map_frame = _frame(page, "#sonla-map")
    expected = int(map_frame.locator("#sonla-map").get_attribute("data-points") or 0)
    map_frame.locator(".sonla-map-marker").first.wait_for(timeout=30_000)
    markers = map_frame.locator(".leaflet-marker-icon.sonla-map-marker")
    assert expected > 5 and markers.count() == expected
    assert map_frame.locator(".leaflet-tile").count() == 0  # the tile layer is off by default
    assert map_frame.locator(".sonla-map-no-tiles").is_visible()
    # A popup: the site's values, as text.
    markers.first.click()
    popup = map_frame.locator(".leaflet-popup-content .sonla-map-popup")
    popup.wait_for()
    text = popup.inner_text()
    assert "Tên điểm du lịch" in text and "Xã, phường" in text
    screenshot(page, "map")
    assert hosts == {urlsplit(site).netloc}, hosts  # no tile server, no CDN: nothing left the portal


HOSTILE = '<img src=x onerror="document.title=1">Bản & "Mường"'


@pytest.fixture
def hostile_places(portal):  # type: ignore[no-untyped-def]
    """A dataset whose place name holds markup, published as the publisher does (map view in the
    request), purged afterwards so that the demo catalogue's counts stay as they are."""
    import io
    import json

    import requests

    name = "thu-ban-do-ky-tu-dac-biet"
    headers = {"Authorization": portal.token}
    fields = [{"id": "ten", "type": "text", "info": {"label": "Tên điểm"}},
              {"id": "vi_do", "type": "numeric", "info": {"label": "Vĩ độ"}},
              {"id": "kinh_do", "type": "numeric", "info": {"label": "Kinh độ"}}]
    rows = f"{HOSTILE}\t21.3274\t103.9144\nBản Áng\t20.86\t104.65\n".encode()
    response = requests.post(f"{portal.url}/api/3/action/sonla_dataset_publish", headers=headers, timeout=120, data={
        "package": json.dumps({"name": name, "title": "Thử bản đồ", "notes": "Thử", "owner_org": PLACES_AGENCY,
                               "update_frequency": "annual", "data_last_updated": "2026-10-01"}),
        "resources": json.dumps([{"name": "Bảng", "format": "CSV", "file": "file0"}]),
        "datastore": json.dumps({"resource": 0, "fields": fields, "primary_key": ["ten"]}),
        "views": json.dumps([{"resource": 0, "view_type": "sonla_map", "latitude": "vi_do", "longitude": "kinh_do",
                              "popup": ["ten"], "title": "Bản đồ thử"}]),
    }, files={"file0": ("bang.csv", io.BytesIO(b"ten\n")), "rows": ("rows.tsv", io.BytesIO(rows))})
    assert response.status_code == 200, response.text[:500]
    yield name
    requests.post(f"{portal.url}/api/3/action/dataset_purge", headers=headers, json={"id": name}, timeout=120)


def test_a_popup_shows_markup_as_text(page, hostile_places):  # type: ignore[no-untyped-def]
    _open_view(page, hostile_places, "Bản đồ thử")
    map_frame = _frame(page, "#sonla-map")
    markers = map_frame.locator(".leaflet-marker-icon.sonla-map-marker")
    markers.first.wait_for(timeout=30_000)
    assert markers.count() == 2
    markers.first.click()
    popup = map_frame.locator(".leaflet-popup-content .sonla-map-popup dd").first
    popup.wait_for()
    assert popup.inner_text() == HOSTILE  # the value, as text
    assert map_frame.locator(".leaflet-popup-content img").count() == 0  # not as markup
    assert map_frame.evaluate("() => document.title") != "1"
