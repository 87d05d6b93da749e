"""Usage figures (issue #22, point 5): the /_tracking beacon, the summary job and the statistics page.

Real CKAN, PostgreSQL and Redis: beacons as tracking.js sends them, summed by ``ckan sonla
usage-summary``, read back from the public statistics page and its CSV export.
"""
from __future__ import annotations

import csv
import datetime
import html
import io

import ckan.model as model
import ckan.tests.factories as factories
import pytest
import redis
import sqlalchemy as sa
from ckan.cli.cli import ckan as ckan_command
from ckan.common import config
from ckanext.sonla import popularity
from ckanext.sonla.usage import stats
from ckanext.tracking.model import TrackingRaw
from i18n_audit import leftovers  # tests/i18n_audit.py (tests/ is on sys.path)

PLUGINS = "sonla_search sonla scheming_datasets scheming_organizations tracking"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
ROBOTS = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
          "python-requests/2.32", "curl/8.5.0", ""]

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.usefixtures("with_plugins", "clean_db", "no_cache")]


@pytest.fixture
def no_cache():
    popularity.forget()
    stats.forget()
    yield
    stats.forget()


def beacon(app, url: str, kind: str = "page", agent: str = BROWSER, address: str = "10.0.0.1", status: int = 204):
    return app.post("/_tracking", data={"url": url, "type": kind}, headers={"User-Agent": agent},
                    environ_overrides={"REMOTE_ADDR": address}, status=status)


def summarise(cli) -> str:
    result = cli.invoke(ckan_command, ["sonla", "usage-summary"])
    assert result.exit_code == 0, result.output
    return result.output


def raw_rows() -> int:
    return model.Session.execute(sa.select(sa.func.count()).select_from(TrackingRaw.__table__)).scalar_one()


@pytest.fixture
def catalogue() -> dict[str, dict]:
    org = factories.Organization(name="so-y-te", title="Sở Y tế", kind="provincial_agency")
    theme = factories.Group(name="y-te", title="Y tế")
    other = factories.Organization(name="so-gd", title="Sở Giáo dục", kind="provincial_agency")
    clinics = factories.Dataset(name="benh-vien", title="Bệnh viện", notes="x", update_frequency="annual",
                                owner_org=org["id"], groups=[{"id": theme["id"]}],
                                resources=[{"url": "http://example.org/benh-vien.csv", "format": "CSV"}])
    schools = factories.Dataset(name="truong-hoc", title="Trường học", notes="x", update_frequency="annual",
                                owner_org=other["id"])
    hidden = factories.Dataset(name="noi-bo", title="Nội bộ", notes="x", update_frequency="annual",
                               owner_org=org["id"], private=True)
    return {"clinics": clinics, "schools": schools, "hidden": hidden, "org": org, "theme": theme}


def test_the_beacon_is_answered_and_counted_once_a_visitor_a_day_without_robots(app, cli, catalogue):
    for visitor in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        beacon(app, "/dataset/benh-vien", address=visitor)
        beacon(app, "/dataset/benh-vien", address=visitor)  # the same visitor again: once a day
    beacon(app, "/en/dataset/benh-vien", address="10.0.0.4")
    beacon(app, "/dataset/truong-hoc")
    beacon(app, "/dataset/noi-bo")  # private: never in the figures
    beacon(app, "")  # the home page (tracking.js strips its "/"): recorded, no dataset's
    resource = catalogue["clinics"]["resources"][0]
    beacon(app, f"http://test.ckan.net/dataset/{catalogue['clinics']['id']}/resource/{resource['id']}/download/x.csv",
           kind="resource", address="10.0.0.7")
    beacon(app, "http://example.org/benh-vien.csv", kind="resource", address="10.0.0.8")  # an outside link
    recorded = raw_rows()
    for robot in ROBOTS:
        beacon(app, "/dataset/truong-hoc", agent=robot, address="10.9.9.9")
    assert raw_rows() == recorded  # answered, not recorded

    output = summarise(cli)
    assert datetime.date.today().strftime("%d/%m/%Y") in output

    datasets = stats.ranking("dataset")
    assert [(d["name"], d["views"], d["downloads"]) for d in datasets] == [("benh-vien", 4, 2), ("truong-hoc", 1, 0)]
    assert datasets[0]["parent"] == "Sở Y tế"
    assert [(a["name"], a["views"]) for a in stats.ranking("agency")] == [("so-y-te", 4), ("so-gd", 1)]
    assert [(t["name"], t["views"], t["downloads"]) for t in stats.ranking("theme")] == [("y-te", 4, 2)]
    months = stats.by_month(datetime.date.today())
    assert len(months) == stats.MONTHS and months[-1] == {
        "month": datetime.date.today().strftime("%Y-%m"), "views": 5, "downloads": 2}

    # A second run the same day sums the same beacons again: the figures do not grow.
    stats.forget()
    summarise(cli)
    assert stats.ranking("dataset")[0]["views"] == 4


@pytest.mark.parametrize("data", [{"url": "/dataset/x", "type": "click"},
                                  {"url": "/" + "x" * 1000, "type": "page"}, {}])
def test_a_malformed_beacon_is_a_400_in_vietnamese(app, data):
    response = app.post("/_tracking", data=data, headers={"User-Agent": BROWSER}, status=400)
    assert raw_rows() == 0
    assert "page" in response.body or "ký tự" in response.body


@pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")
def test_the_beacon_needs_no_csrf_token(app):
    """tracking.js sends no token: with CSRF protection on, the beacon is still answered and counted."""
    beacon(app, "/dataset/benh-vien")
    assert raw_rows() == 1


def test_the_statistics_page_shows_the_figures_with_a_chart_and_csv(app, cli, catalogue):
    for n in range(1234):
        model.Session.add(TrackingRaw(user_key=f"visitor-{n}", url="/dataset/benh-vien", tracking_type="page"))
    model.Session.commit()
    beacon(app, "/dataset/truong-hoc")
    assert "Chưa ghi nhận" not in summarise(cli)

    raw = app.get("/thong-ke").body
    assert leftovers(raw) == []  # no English left on the Vietnamese page
    page = html.unescape(raw)
    assert "Thống kê sử dụng" in page
    assert '<svg class="sonla-usage-chart"' in page
    this_month = datetime.date.today().strftime("%m/%Y")
    assert f"{this_month}: 1.235 lượt xem" in page  # vi numbers and dates
    dataset_table = page[page.index('class="sonla-usage-dataset"'):page.index('class="sonla-usage-agency"')]
    assert dataset_table.index("Bệnh viện") < dataset_table.index("Trường học") and "1.234" in dataset_table
    assert "Nội bộ" not in page
    assert "Views per month" not in page
    english = html.unescape(app.get("/en/statistics").body)
    assert "Usage statistics" in english and "1,234" in english

    rows = list(csv.reader(io.StringIO(app.get("/thong-ke/dataset.csv").body.lstrip("\ufeff"))))
    assert rows[1][:2] == ["benh-vien", "Bệnh viện"] and rows[1][3:] == ["1234", "0"]
    months = list(csv.reader(io.StringIO(app.get("/thong-ke/months.csv").body.lstrip("\ufeff"))))
    assert months[-1] == [datetime.date.today().strftime("%Y-%m"), "1235", "0"]

    # One month: this month has them all, last year's none.
    this_month = datetime.date.today().strftime("%Y-%m")
    assert "1.234" in html.unescape(app.get("/thong-ke", query_string={"month": this_month}).body)
    last_year = app.get("/thong-ke", query_string={"month": f"{datetime.date.today().year - 1}-01"}).body
    assert "Bệnh viện" not in last_year.split('class="sonla-usage-dataset"')[1]
    assert "YYYY-MM" in app.get("/thong-ke", query_string={"month": "2026-13"}, status=400).body
    app.get("/thong-ke/secrets.csv", status=404)


@pytest.mark.ckan_config("ckanext.sonla.cache.enabled", "true")
def test_the_home_page_panel_follows_the_summary(app, cli, catalogue):
    """The anonymous-page cache keeps the home page: the summary job makes it show the new figures."""
    store = redis.Redis.from_url(config["ckan.redis.url"])
    for key in store.scan_iter("sonla:cache:*"):
        store.delete(key)
    for _ in range(2):  # stored, then answered from the cache
        assert "Chưa ghi nhận lượt xem nào" in app.get("/").body
    beacon(app, "/dataset/truong-hoc")
    summarise(cli)
    section = html.unescape(app.get("/").body).split("sonla-popular")[1]
    assert "/dataset/truong-hoc" in section
