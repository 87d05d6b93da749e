"""View counts in search results and package_show come from batched queries and equal CKAN's own reads."""
from __future__ import annotations

import datetime

import ckan.model as model
import pytest
from ckan.tests import factories, helpers
from ckanext.sonla.patches import tracking_summaries as tracking_views
from ckanext.tracking.model import TrackingSummary
from ckanext.tracking.plugin import TrackingPlugin


def add_summary(package_id: str, url: str, day: datetime.date, total: int, recent: int) -> None:
    model.Session.execute(TrackingSummary.__table__.insert().values(
        url=url, package_id=package_id, tracking_type="page", count=1, running_total=total,
        recent_views=recent, tracking_date=day))
    model.Session.commit()


@pytest.mark.usefixtures("clean_db", "with_plugins", "with_request_context")
def test_batched_summaries_match_ckans_one_by_one_reads() -> None:
    org = factories.Organization(kind="provincial_agency")
    first = factories.Dataset(update_frequency="annual", notes="x", owner_org=org["id"], resources=[{"url": "http://example.org/a.csv"}])
    second = factories.Dataset(update_frequency="annual", notes="x", owner_org=org["id"])
    never = factories.Dataset(update_frequency="annual", notes="x", owner_org=org["id"])
    today = datetime.date.today()
    add_summary(first["id"], "/dataset/" + first["name"], today - datetime.timedelta(days=2), 5, 3)
    add_summary(first["id"], "/dataset/" + first["name"], today, 9, 7)  # the latest row wins
    add_summary(second["id"], "/dataset/" + second["name"], today, 2, 2)
    add_summary("", "http://example.org/a.csv", today, 4, 1)

    assert TrackingPlugin.after_dataset_search is tracking_views.after_dataset_search
    results = {"results": [dict(first), dict(second), dict(never), "only-a-name"]}
    tracking_views.after_dataset_search(None, results, {})
    for package in results["results"][:3]:
        assert package["tracking_summary"] == TrackingSummary.get_for_package(package["id"])
    resource = results["results"][0]["resources"][0]
    assert resource["tracking_summary"] == TrackingSummary.get_for_resource(resource["url"]) == {
        "total": 4, "recent": 1}
    assert results["results"][0]["tracking_summary"] == {"total": 9, "recent": 7}
    assert results["results"][2]["tracking_summary"] == {"total": 0, "recent": 0}

    # package_show gets the same counts from the batched reads.
    assert TrackingPlugin.after_dataset_show is tracking_views.after_dataset_show
    dataset = helpers.call_action("package_show", id=first["id"])
    assert dataset["tracking_summary"] == TrackingSummary.get_for_package(first["id"]) == {"total": 9, "recent": 7}
    assert dataset["resources"][0]["tracking_summary"] == {"total": 4, "recent": 1}
