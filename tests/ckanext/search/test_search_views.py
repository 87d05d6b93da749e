"""Sorting by page views: served when CKAN's tracking plugin is on, a clear error when off."""
from __future__ import annotations

import datetime

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.lib import search
from ckan.lib.search.common import SearchQueryError

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def _views(dataset, recent: int, total: int) -> None:
    from ckanext.tracking.model import TrackingSummary

    model.Session.add(TrackingSummary(url=f"/dataset/{dataset['name']}", package_id=dataset["id"],
                                      tracking_type="page", count=recent, running_total=total,
                                      recent_views=recent, tracking_date=datetime.date.today()))
    model.Session.commit()
    search.rebuild(dataset["id"])  # what `ckan tracking update` does for changed datasets
    model.Session.commit()


@pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets tracking")
def test_sort_by_recent_and_total_views_when_tracking_is_on():
    org = factories.Organization()
    names = ["it-viewed", "much-viewed", "never-viewed", "once-popular"]
    datasets = {n: factories.Dataset(owner_org=org["id"], name=n, update_frequency="annual") for n in names}
    _views(datasets["much-viewed"], recent=120, total=130)
    _views(datasets["it-viewed"], recent=9, total=15)
    _views(datasets["once-popular"], recent=1, total=900)
    by_recent = helpers.call_action("package_search", sort="views_recent desc")
    # 120 before 9: numbers, not text; datasets never viewed count 0 views
    assert [d["name"] for d in by_recent["results"]] == ["much-viewed", "it-viewed", "once-popular",
                                                         "never-viewed"]
    by_total = helpers.call_action("package_search", sort="views_total desc")
    assert [d["name"] for d in by_total["results"]][:3] == ["once-popular", "much-viewed", "it-viewed"]


@pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets")
def test_sort_by_views_is_a_clear_error_when_tracking_is_off(app):
    with pytest.raises(SearchQueryError, match="tracking"):
        helpers.call_action("package_search", sort="views_recent desc")
    response = app.get("/api/3/action/package_search", query_string={"sort": "views_recent desc"}, status=400)
    assert "tracking" in str(response.json["error"])
