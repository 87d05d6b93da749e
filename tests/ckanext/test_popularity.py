"""The home page's most viewed datasets: views recorded as browsers send them, counted by `ckan tracking update`."""
from __future__ import annotations

import datetime
import html
import re

import ckan.tests.factories as factories
import pytest
from ckan.cli.cli import ckan as ckan_command
from ckanext.sonla import popularity

PLUGINS = "sonla_search sonla scheming_datasets scheming_organizations tracking"


def _visit(app, path: str, visitor: str) -> None:
    """What tracking.js sends from every page; a visitor is a browser (user agent) at an address."""
    app.post("/_tracking", data={"url": path, "type": "page"}, headers={"User-Agent": visitor},
             environ_overrides={"REMOTE_ADDR": "10.0.0.1"})


def _popular_section(app, prefix: str = "") -> str:
    page = html.unescape(app.get(f"{prefix}/").body)
    return page[page.index('class="col-md-6 sonla-home-list sonla-popular"'):]


@pytest.fixture
def no_cache():
    popularity.forget()
    yield
    popularity.forget()


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db", "no_cache")
class TestMostViewed:
    def test_order_follows_the_views_counted_by_tracking_update(self, app, cli):
        org = factories.Organization(name="so-y-te", title="Sở Y tế", kind="provincial_agency")
        for name, title, private in (("benh-vien", "Bệnh viện", False), ("nha-thuoc", "Nhà thuốc", False),
                                     ("tram-y-te", "Trạm y tế", False), ("noi-bo", "Nội bộ", True)):
            factories.Dataset(name=name, title=title, title_en=f"{title} (en)", notes="x", private=private,
                              update_frequency="annual", owner_org=org["id"])
        visits = {"/dataset/nha-thuoc": 3, "/dataset/tram-y-te": 2, "/dataset/benh-vien": 1, "/dataset/noi-bo": 5,
                  "/en/dataset/tram-y-te": 2}
        for path, visitors in visits.items():
            for n in range(visitors):
                _visit(app, path, f"visitor-{n}")
                _visit(app, path, f"visitor-{n}")  # the same visitor again the same day counts once
        # from today: without a date the first run walks every day since 2011
        result = cli.invoke(ckan_command, ["tracking", "update", datetime.date.today().isoformat()])
        assert result.exit_code == 0, result.output

        section = _popular_section(app)
        titles = re.findall(r'<a href="/dataset/([a-z-]+)">', section)
        assert titles == ["tram-y-te", "nha-thuoc", "benh-vien"]  # 2 + 2 (English page) > 3 > 1; private left out
        assert "4 lượt xem trong 14 ngày qua" in section and "Sở Y tế" in section
        english = _popular_section(app, "/en")
        assert "Trạm y tế (en)" in english and "1 view in the last 14 days" in english

    def test_without_views_the_section_says_so(self, app):
        factories.Dataset(name="benh-vien", notes="x", update_frequency="annual",
                          owner_org=factories.Organization(kind="provincial_agency")["id"])
        section = _popular_section(app)
        assert "Chưa ghi nhận lượt xem nào" in section and "/dataset/benh-vien" not in section
