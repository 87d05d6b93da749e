"""Atom feeds (issue #22, point 3): the dataset list and each agency have one, linked from their pages."""
from __future__ import annotations

import re

import ckan.tests.factories as factories
import pytest
from lxml import etree

PLUGINS = "sonla_search sonla scheming_datasets scheming_organizations activity"
ATOM = "{http://www.w3.org/2005/Atom}"
pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "clean_db")]


def _alternate(body: str) -> list[str]:
    return re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', body)


def _titles(app, url: str) -> list[str]:
    feed = etree.fromstring(app.get(url).body.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_the_dataset_list_and_each_agency_link_their_atom_feeds(app):
    health = factories.Organization(name="so-y-te", title="Sở Y tế", kind="provincial_agency")
    schools = factories.Organization(name="so-gd", title="Sở Giáo dục", kind="provincial_agency")
    factories.Dataset(name="benh-vien", title="Bệnh viện", notes="x", update_frequency="annual", owner_org=health["id"])
    factories.Dataset(name="truong-hoc", title="Trường học", notes="x", update_frequency="annual",
                      owner_org=schools["id"])

    listing = app.get("/dataset/").body
    assert _alternate(listing) == ["/feeds/dataset.atom"]
    assert 'href="/feeds/dataset.atom"' in listing.split("sonla-feed-link")[1]  # also a visible link
    assert "nguồn tin Atom" in listing
    assert sorted(_titles(app, "/feeds/dataset.atom")) == ["Bệnh viện", "Trường học"]

    agency = app.get("/organization/so-y-te").body
    assert _alternate(agency) == ["/feeds/organization/so-y-te.atom"]
    assert 'href="/feeds/organization/so-y-te.atom"' in agency.split("sonla-feed-link")[1]
    assert _titles(app, "/feeds/organization/so-y-te.atom") == ["Bệnh viện"]
