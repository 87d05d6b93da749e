"""Cached totals and facet counts stay exact: every index write, and every change of who
is asking, gives fresh counts (real CKAN, real PostgreSQL)."""
from __future__ import annotations

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
from ckanext.sonla.search import facets
from search_datasets import dataset as _dataset  # tests/ is on sys.path

PLUGINS = "sonla_search sonla scheming_datasets"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]
FACETS = {"facet.field": ["organization", "tags", "update_frequency"], "facet.limit": -1}


@pytest.fixture
def counting_passes(monkeypatch):
    """How many times totals and facets were actually counted (from the index or the summary)."""
    calls = {"terms": 0, "rows": 0}
    real_terms, real_rows = facets._count_terms, facets._count_rows

    def terms(where, scope=None):
        calls["terms"] += 1
        return real_terms(where, scope)

    def rows(where, scope=None):
        calls["rows"] += 1
        return real_rows(where, scope)

    monkeypatch.setattr(facets, "_count_terms", terms)
    monkeypatch.setattr(facets, "_count_rows", rows)
    return calls


def _reset(calls):
    """Forget the scans made while setting up (CKAN's own actions search too)."""
    calls.update(terms=0, rows=0)


def test_a_repeated_search_is_counted_once(counting_passes):
    org = factories.Organization(name="so-y-te")
    _dataset(org, name="ds-a", tags=[{"name": "y tế"}])
    _reset(counting_passes)
    first = helpers.call_action("package_search", q="*:*", **FACETS)
    second = helpers.call_action("package_search", q="*:*", **FACETS)
    assert counting_passes["terms"] == 1
    assert first["facets"] == second["facets"] == {
        "organization": {"so-y-te": 1}, "tags": {"y tế": 1}, "update_frequency": {"annual": 1}}
    # another query is another entry
    helpers.call_action("package_search", q="y tế", **FACETS)
    assert counting_passes["terms"] == 2


def test_counts_follow_update_and_delete(counting_passes):
    org = factories.Organization(name="so-y-te")
    kept = _dataset(org, name="kept", tags=[{"name": "y tế"}])
    gone = _dataset(org, name="gone", tags=[{"name": "y tế"}])
    _reset(counting_passes)
    before = helpers.call_action("package_search", **FACETS)
    assert before["count"] == 2 and before["facets"]["tags"] == {"y tế": 2}

    helpers.call_action("package_patch", id=kept["id"], tags=[{"name": "giáo dục"}],
                        update_frequency="monthly")
    after_update = helpers.call_action("package_search", **FACETS)
    assert after_update["facets"]["tags"] == {"y tế": 1, "giáo dục": 1}
    assert after_update["facets"]["update_frequency"] == {"annual": 1, "monthly": 1}

    helpers.call_action("package_delete", id=gone["id"])
    after_delete = helpers.call_action("package_search", **FACETS)
    assert after_delete["count"] == 1
    assert after_delete["facets"]["tags"] == {"giáo dục": 1}
    assert counting_passes["terms"] == 3


def test_counts_follow_a_dataset_made_private():
    org = factories.Organization()
    datasets = [_dataset(org, name=f"ds-{i}") for i in range(3)]
    anonymous = {"user": "", "auth_user_obj": None, "ignore_auth": False}
    assert helpers.call_action("package_search", context=dict(anonymous), **FACETS)["count"] == 3
    helpers.call_action("bulk_update_private", org_id=org["id"], datasets=[datasets[0]["id"]])
    result = helpers.call_action("package_search", context=dict(anonymous), include_private=True, **FACETS)
    assert result["count"] == 2
    assert result["facets"]["update_frequency"] == {"annual": 2}


def test_counts_follow_a_new_member_of_the_organization():
    user = factories.User()
    org = factories.Organization()
    _dataset(org, name="public-one")
    _dataset(org, name="private-one", private=True)

    def count():
        context = {"user": user["name"], "ignore_auth": False, "auth_user_obj": model.User.get(user["name"])}
        return helpers.call_action("package_search", context=context, include_private=True, **FACETS)["count"]

    assert count() == 1
    helpers.call_action("organization_member_create", id=org["id"], username=user["name"], role="member")
    assert count() == 2
    sysadmin = factories.Sysadmin()
    helpers.call_action("organization_member_delete", context={"user": sysadmin["name"]}, id=org["id"],
                        username=user["name"])
    assert count() == 1


def test_any_write_to_the_index_table_bumps_the_generation():
    from ckanext.sonla.search.table import search_index
    from ckanext.sonla.search.tally_cache import current_generation

    model.Session.commit()
    before = current_generation()
    model.Session.execute(sa.delete(search_index).where(search_index.c.package_id == "none"))
    model.Session.execute(sa.delete(search_index).where(search_index.c.package_id == "other"))
    assert current_generation() is None  # this transaction wrote: no cache for it
    model.Session.commit()
    assert current_generation() == before + 1  # once per transaction, even if no row changed


def test_relative_dates_are_never_cached(counting_passes):
    org = factories.Organization()
    _dataset(org, name="ds")
    _reset(counting_passes)
    for _ in range(2):
        result = helpers.call_action("package_search", fq="metadata_modified:[NOW-1DAY TO *]", **FACETS)
        assert result["count"] == 1
    assert counting_passes["terms"] == 2


@pytest.mark.ckan_config("ckanext.sonla.search.count_cache_size", 0)
def test_the_cache_can_be_turned_off(counting_passes):
    org = factories.Organization()
    _dataset(org, name="ds")
    _reset(counting_passes)
    for _ in range(2):
        helpers.call_action("package_search", **FACETS)
    assert counting_passes["terms"] == 2


def test_a_search_without_facets_counts_rows_only(counting_passes):
    org = factories.Organization()
    _dataset(org, name="ds")
    _reset(counting_passes)
    assert helpers.call_action("package_search", q="*:*")["count"] == 1
    assert counting_passes == {"terms": 0, "rows": 1}


def test_a_transaction_that_wrote_to_the_index_neither_reads_nor_fills_the_cache(counting_passes):
    from ckanext.sonla.search.table import search_index

    org = factories.Organization()
    _dataset(org, name="ds")
    _reset(counting_passes)
    helpers.call_action("package_search", **FACETS)
    # An uncommitted write of this transaction: only it sees it, and it may still roll back.
    model.Session.execute(sa.update(search_index).values(facet_terms=[]))
    uncommitted = helpers.call_action("package_search", **FACETS)
    assert uncommitted["facets"]["update_frequency"] == {}
    assert counting_passes["terms"] == 2
    model.Session.rollback()
    assert helpers.call_action("package_search", **FACETS)["facets"]["update_frequency"] == {"annual": 1}


def test_a_cached_page_follows_writes():
    org = factories.Organization()
    for i in range(3):
        _dataset(org, name=f"ds-{i}", title=f"Dân số {i}")
    first = helpers.call_action("package_search", q="dan so", sort="title_string asc", rows=2)
    assert [d["name"] for d in first["results"]] == ["ds-0", "ds-1"]
    helpers.call_action("package_patch", id="ds-0", title="Zzz dân số")
    again = helpers.call_action("package_search", q="dan so", sort="title_string asc", rows=2)
    assert [d["name"] for d in again["results"]] == ["ds-1", "ds-2"]
    assert again["results"][0]["title"] == "Dân số 1"
