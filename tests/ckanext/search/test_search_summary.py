"""The facet summary (migration 06) gives exactly the counts a scan of the index gives, for
every user, after every kind of write (real CKAN, real PostgreSQL)."""
from __future__ import annotations

import threading
import time

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
from ckanext.sonla.search import facets

PLUGINS = "sonla_search sonla scheming_datasets"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("ckanext.sonla.search.count_cache_size", 0),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]
FACETS = {"facet.field": ["organization", "groups", "tags", "res_format", "update_frequency"], "facet.limit": -1}

# The summary's content recomputed from the index rows: (filter term, class, term) -> rows.
DIRECT = """
    SELECT f.term, i.site_id, i.state, i.dataset_type, i.private, i.permission_labels, x.term, count(*)
    FROM sonla_search_index i
    CROSS JOIN LATERAL unnest(array_append(i.facet_terms, '')) AS f(term)
    CROSS JOIN LATERAL unnest(array_append(i.facet_terms, '')) AS x(term)
    GROUP BY 1, 2, 3, 4, 5, 6, 7"""
STORED = """
    SELECT s.filter_term, k.site_id, k.state, k.dataset_type, k.private, k.permission_labels, s.term, s.n
    FROM sonla_search_facet_summary s JOIN sonla_search_summary_class k ON k.id = s.class_id"""


def _summary_matches_the_index() -> None:
    session = model.Session

    def rows(sql):
        return {(r[0], r[1], r[2], r[3], r[4], tuple(r[5]), r[6]): r[7] for r in session.execute(sa.text(sql))}

    assert rows(STORED) == rows(DIRECT)
    classes = session.execute(sa.text("SELECT count(*) FROM sonla_search_summary_class")).scalar()
    used = session.execute(sa.text(
        "SELECT count(DISTINCT (site_id, state, dataset_type, private, permission_labels)) "
        "FROM sonla_search_index")).scalar()
    assert classes == used  # no class is left behind without rows


@pytest.fixture
def both_ways(monkeypatch):
    """Count every search from the summary (when it applies) and by scanning the index; they must agree."""
    real = facets.tally
    answered = {"summary": 0, "scan": 0}

    def tally(where, fields, key, scope=None):
        scanned = real(where, fields, None, None)
        if scope is None:
            answered["scan"] += 1
            return scanned
        answered["summary"] += 1
        summed = real(where, fields, None, scope)
        assert summed.count == scanned.count
        assert {f: sorted(v) for f, v in summed.facets.items()} == {f: sorted(v) for f, v in scanned.facets.items()}
        return summed

    monkeypatch.setattr(facets, "tally", tally)
    return answered


def _context(user):
    if user is None:
        return {"user": "", "auth_user_obj": None, "ignore_auth": False}
    return {"user": user["name"], "auth_user_obj": model.User.get(user["name"]), "ignore_auth": False}


def _search_everyone(users, **params) -> dict[tuple[str, tuple[str, ...]], int]:
    counts = {}
    for name, user in users.items():
        for extra in ({}, {"include_private": True}, {"include_private": True, "include_drafts": True}):
            result = helpers.call_action("package_search", context=_context(user), **FACETS, **extra, **params)
            counts[(name, tuple(extra))] = result["count"]
    return counts


def test_summary_counts_equal_a_scan_for_every_user_after_every_write(both_ways):
    org, other_org = factories.Organization(name="so-y-te"), factories.Organization(name="so-gd")
    member, outsider, collaborator = factories.User(), factories.User(), factories.User()
    helpers.call_action("organization_member_create", id=org["id"], username=member["name"], role="editor")
    helpers.call_action("organization_member_create", id=other_org["id"], username=outsider["name"],
                        role="member")
    users = {"anonymous": None, "member": member, "outsider": outsider, "collaborator": collaborator,
             "sysadmin": factories.Sysadmin()}

    def dataset(name, owner=org, **fields):
        fields.setdefault("notes", "Dữ liệu thử nghiệm")
        fields.setdefault("update_frequency", "annual")
        return factories.Dataset(owner_org=owner["id"], name=name, **fields)

    open_one = dataset("open-one", tags=[{"name": "y tế"}], resources=[{"url": "http://x/a.csv", "format": "CSV"}])
    dataset("open-two", owner=other_org, tags=[{"name": "y tế"}, {"name": "giáo dục"}])
    secret = dataset("secret", private=True, tags=[{"name": "y tế"}])
    helpers.call_action("package_collaborator_create", id=secret["id"], user_id=collaborator["id"],
                        capacity="member")
    draft = helpers.call_action("package_create", context={"user": member["name"]}, name="draft-one",
                                owner_org=org["id"], state="draft", notes="Nháp", update_frequency="monthly")
    _summary_matches_the_index()

    def check_all():
        for params in ({}, {"fq": "tags:\"y tế\""}, {"fq": "res_format:CSV"}, {"fq": "organization:so-gd"},
                       {"fq": "+dataset_type:dataset"}, {"fq": "-capacity:private"}):
            _search_everyone(users, **params)
        _summary_matches_the_index()

    check_all()
    helpers.call_action("package_patch", id=open_one["id"], tags=[{"name": "giáo dục"}], update_frequency="monthly")
    check_all()
    helpers.call_action("bulk_update_private", org_id=org["id"], datasets=[open_one["id"]])  # privacy change
    check_all()
    helpers.call_action("bulk_update_public", org_id=org["id"], datasets=[secret["id"]])
    check_all()
    helpers.call_action("package_patch", id=draft["id"], state="active")
    check_all()
    helpers.call_action("package_delete", id=open_one["id"])
    check_all()
    # the scan counted everything the summary did not answer (text, several filters, ranges)
    assert both_ways["summary"] > 100 and both_ways["scan"] > 0

    visible = _search_everyone(users)
    assert visible[("anonymous", ())] == 3  # open-two, secret (now public), draft-one (now active)
    assert visible[("member", ("include_private", "include_drafts"))] == 3
    assert visible[("sysadmin", ("include_private",))] == 3


def test_which_searches_the_summary_answers(both_ways):
    org = factories.Organization(name="so-y-te")
    factories.Dataset(owner_org=org["id"], name="ds", notes="x", update_frequency="annual",
                      tags=[{"name": "y tế"}])
    for params in ({}, {"q": "*:*"}, {"fq": "tags:\"y tế\""}, {"fq": "+dataset_type:dataset +tags:\"y tế\""},
                   {"fq_list": ["tags:\"y tế\"", "tags:\"y tế\""]}, {"fq": "state:(active OR draft)"}):
        both_ways.update(summary=0, scan=0)
        helpers.call_action("package_search", **FACETS, **params)
        assert both_ways == {"summary": 1, "scan": 0}, params
    for params in ({"q": "y tế"}, {"fq": "tags:\"y tế\" update_frequency:annual"}, {"fq": "-tags:\"y tế\""},
                   {"fq": "tags:(\"y tế\" OR x)"}, {"fq": "owner_org:" + org["id"]}, {"fq": "tags:y*"},
                   {"fq": "metadata_modified:[2020-01-01T00:00:00Z TO *]"}, {"fq": "name:ds"}):
        both_ways.update(summary=0, scan=0)
        result = helpers.call_action("package_search", **FACETS, **params)
        assert both_ways == {"summary": 0, "scan": 1}, params
        assert result["count"] in (0, 1)


def test_a_rebuild_and_a_truncate_keep_the_summary_exact(cli):
    from ckanext.sonla.search import commands
    from ckanext.sonla.search.table import search_index

    org = factories.Organization()
    for i in range(3):
        factories.Dataset(owner_org=org["id"], name=f"ds-{i}", notes="x", update_frequency="annual",
                          private=i == 0)
    assert cli.invoke(commands.search_index, ["rebuild"]).exit_code == 0
    _summary_matches_the_index()
    model.Session.execute(sa.text(f"TRUNCATE {search_index.name}"))
    _summary_matches_the_index()
    model.Session.rollback()


def test_concurrent_writers_wait_for_each_other_only_at_commit_and_lose_no_counts():
    """Two transactions writing rows of the same classes and terms in opposite orders.

    Neither waits for the other while it writes (migration 07: the generation is bumped at commit);
    at commit they take the generation row one after the other, so the summary is applied by one
    transaction at a time, in key order: no deadlock, no lost count.
    """
    from ckanext.sonla.search.table import search_index
    from ckanext.sonla.search.tally_cache import current_generation

    org = factories.Organization()
    names = [factories.Dataset(owner_org=org["id"], name=f"ds-{i}", notes="x", update_frequency="annual",
                               tags=[{"name": "aa"}, {"name": "bb"}])["name"] for i in range(4)]
    model.Session.commit()
    before = current_generation()
    engine = model.meta.engine

    def retag(connection, name, tags):
        connection.execute(sa.update(search_index).where(search_index.c.name == name)
                           .values(facet_terms=[f"tags={t}" for t in tags]))

    first, second = engine.connect(), engine.connect()
    first_tx, second_tx = first.begin(), second.begin()
    retag(first, names[0], ["bb", "cc"])
    # A wait here would be an error, not a hang: the first writer holds nothing yet.
    second.execute(sa.text("SET LOCAL lock_timeout = '5s'"))
    retag(second, names[3], ["cc", "aa"])
    second.execute(sa.text("SET LOCAL lock_timeout = 0"))
    # Run the first writer's commit-time work now: it holds the generation row until it commits.
    first.execute(sa.text("SET CONSTRAINTS ALL IMMEDIATE"))
    errors: list[BaseException] = []

    def other_writer():
        try:
            retag(second, names[2], ["aa"])
            second_tx.commit()  # waits for the first writer's commit
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    thread = threading.Thread(target=other_writer)
    thread.start()
    for _ in range(100):  # until the other writer waits for this one
        with engine.connect() as watcher:
            if watcher.execute(sa.text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar():
                break
        time.sleep(0.05)
    else:
        pytest.fail("the second writer never waited for the first at commit")
    retag(first, names[1], ["cc"])
    first_tx.commit()
    thread.join(timeout=30)
    first.close()
    second.close()
    assert not thread.is_alive() and errors == []
    model.Session.rollback()
    _summary_matches_the_index()
    result = helpers.call_action("package_search", **FACETS)
    assert result["facets"]["tags"] == {"aa": 2, "bb": 1, "cc": 3}
    assert current_generation() >= before + 2
    assert model.Session.execute(sa.text("SELECT count(*) FROM sonla_search_generation_marker")).scalar() == 0


def test_many_writes_in_one_transaction_are_applied_once_at_commit():
    """A rebuild writes every row in one transaction: the summary follows at commit, exactly."""
    from ckanext.sonla.search.table import search_index

    org = factories.Organization()
    names = [factories.Dataset(owner_org=org["id"], name=f"ds-{i}", notes="x", update_frequency="annual",
                               tags=[{"name": "aa"}])["name"] for i in range(3)]
    model.Session.commit()
    pending = "SELECT count(*) FROM sonla_search_summary_pending"
    for round_ in range(20):
        for name in names:
            model.Session.execute(sa.update(search_index).where(search_index.c.name == name)
                                  .values(facet_terms=[f"tags=t{round_ % 3}", "tags=aa"]))
    # inside the writing transaction: counted from the index, the summary is not applied yet
    result = helpers.call_action("package_search", **FACETS)
    assert result["facets"]["tags"] == {"aa": 3, "t1": 3}
    assert model.Session.execute(sa.text(pending)).scalar() > 0
    model.Session.commit()
    assert model.Session.execute(sa.text(pending)).scalar() == 0
    _summary_matches_the_index()
    assert helpers.call_action("package_search", **FACETS)["facets"]["tags"] == {"aa": 3, "t1": 3}
    # a re-index that changes neither the class nor the terms logs nothing
    model.Session.execute(sa.update(search_index).values(title_sort="x"))
    assert model.Session.execute(sa.text(pending)).scalar() == 0
    model.Session.rollback()
