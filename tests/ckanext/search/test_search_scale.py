"""What keeps a search cheap on a large catalogue (issue 19, search at scale), on real CKAN and PostgreSQL.

Ranking reads a compact vector kept in the row, word matches are planned through the word index,
OR-ed words are one match, and a search matching too much for its ranking budget ranks its newest
matches and says so.
"""
from __future__ import annotations

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
from ckan.lib.search import SearchQueryError
from ckanext.sonla.search import conditions, filters, planning, query_parser, ranking_budget
from ckanext.sonla.search.table import search_index as t
from search_datasets import dataset as _dataset  # tests/ is on sys.path

PLUGINS = "sonla_search sonla scheming_datasets"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _row(name: str) -> dict:
    return dict(model.Session.execute(sa.select(t).where(t.c.name == name)).mappings().one())


def test_the_ranking_vector_has_no_field_scoped_words_and_gives_the_same_scores():
    org = factories.Organization(title="Sở Y tế")
    _dataset(org, name="benh-vien", title="Danh sách bệnh viện", notes="Bệnh viện đa khoa theo xã")
    row = _row("benh-vien")
    lexemes = list(model.Session.execute(sa.text(
        "SELECT lexeme FROM sonla_search_index, unnest(rank_vector) WHERE name = 'benh-vien'")).scalars())
    assert "benh" in lexemes and "bệnh" in lexemes
    assert not [word for word in lexemes if ":" in word]
    assert "title:benh" in row["search_vector"]  # field-scoped searches still have their words
    weights = "{0.05,0.2,0.4,1}"
    for query in ("benh & vien", "bệnh", "danh | xa", "benh <-> vien"):
        scores = model.Session.execute(sa.text(
            "SELECT ts_rank(CAST(:w AS real[]), search_vector, CAST(:q AS tsquery)), "
            "ts_rank(CAST(:w AS real[]), rank_vector, CAST(:q AS tsquery)) FROM sonla_search_index WHERE name = :n"),
            {"w": weights, "q": query, "n": "benh-vien"}).one()
        assert scores[0] > 0 and scores[0] == pytest.approx(scores[1]), query


def _plan(statement: sa.Select) -> str:
    compiled = statement.compile(dialect=model.meta.engine.dialect)
    cursor = model.Session.connection().connection.cursor()
    cursor.execute(f"EXPLAIN {compiled}", compiled.params)
    return "\n".join(row[0] for row in cursor.fetchall())


def test_a_word_search_is_planned_through_the_word_index_not_by_reading_every_row():
    org = factories.Organization()
    for i in range(30):
        _dataset(org, name=f"dan-so-{i}", title=f"Dân số xã {i}")
    node = query_parser.parse("dan so")
    # An anonymous search's conditions, as package_search builds them.
    where = sa.and_(*filters.clauses([], True, ["public"]), conditions.compile_node(node))
    statement = sa.select(sa.func.count()).select_from(t).where(where)
    with planning.words_through_index(node):
        plan = _plan(statement)
    # Not a sequential scan testing every row's out-of-line vector, nor the permission labels' index
    # (dropped by migration 10: "public" narrows nothing) and then every row's words.
    assert "sonla_search_index_vector" in plan, plan
    assert "Seq Scan" not in plan and "sonla_search_index_labels" not in plan, plan
    assert model.Session.execute(sa.text("SELECT current_setting('enable_seqscan')")).scalar() == "on"


def test_the_planner_setting_is_put_back_after_a_search_and_after_a_refused_one():
    org = factories.Organization()
    _dataset(org, name="dan-so", title="Dân số")
    assert helpers.call_action("package_search", q="dan so")["count"] == 1
    with pytest.raises(SearchQueryError):
        helpers.call_action("package_search", q="dan so", sort="nosuchfield")
    assert model.Session.execute(sa.text("SELECT current_setting('enable_seqscan')")).scalar() == "on"


def test_or_ed_words_are_one_word_match():
    node = query_parser.parse("dan OR so OR \"truong hoc\" OR title:xa OR name:abc")
    sql = str(conditions.compile_node(node).compile(compile_kwargs={"literal_binds": True}))
    # One match for the three free terms; the field-scoped word and the name filter stay apart.
    assert sql.count("@@") == 2, sql
    assert "'(''dan'') | (''so'') | (''truong'' <-> ''hoc'')'" in sql, sql


def test_or_ed_words_find_what_each_word_finds():
    org = factories.Organization()
    _dataset(org, name="dan-so", title="Dân số")
    _dataset(org, name="truong-hoc", title="Trường học")
    _dataset(org, name="giao-thong", title="Giao thông")
    result = helpers.call_action("package_search", q="dân OR \"trường học\" OR nosuchword")
    assert sorted(d["name"] for d in result["results"]) == ["dan-so", "truong-hoc"]


@pytest.fixture
def six_water_datasets():
    """Six datasets with "nước", created (so modified) in order: nuoc-1 oldest, nuoc-6 newest.

    nuoc-1 and nuoc-2 have the word in their title (most relevant); the others in their notes only.
    """
    org = factories.Organization()
    for i in range(1, 7):
        if i <= 2:
            _dataset(org, name=f"nuoc-{i}", title=f"Nước sạch {i}")
        else:
            _dataset(org, name=f"nuoc-{i}", title=f"Công trình {i}", notes="Cấp nước nông thôn")
    return [f"nuoc-{i}" for i in range(1, 7)]


def test_without_a_tight_budget_every_match_is_ranked(six_water_datasets):
    result = helpers.call_action("package_search", q="nuoc", rows=10)
    names = [d["name"] for d in result["results"]]
    assert set(names[:2]) == {"nuoc-1", "nuoc-2"}
    assert ranking_budget.RESULT_KEY not in result


@pytest.mark.ckan_config("ckanext.sonla.search.rank_budget", "3")
def test_over_budget_the_newest_matches_are_ranked_the_rest_follow_newest_first_and_the_answer_says_so(
        six_water_datasets, monkeypatch):
    monkeypatch.setattr(ranking_budget, "MIN_RANKED", 1)
    # "nuoc": one word, no accent, no pair: one lookup a row, so 3 rows ranked.
    result = helpers.call_action("package_search", q="nuoc", rows=10)
    names = [d["name"] for d in result["results"]]
    assert result["count"] == 6
    assert result[ranking_budget.RESULT_KEY] == {"ranked": 3, "count": 6}
    assert sorted(names[:3]) == ["nuoc-4", "nuoc-5", "nuoc-6"]  # the newest three, ranked
    assert names[3:] == ["nuoc-3", "nuoc-2", "nuoc-1"]  # the rest, newest first
    # Pages across the end of the ranked matches give the same order.
    pages = [d["name"] for start in (0, 2, 4)
             for d in helpers.call_action("package_search", q="nuoc", rows=2, start=start)["results"]]
    assert pages == names
    # A sort that is not by relevance is not limited.
    by_name = helpers.call_action("package_search", q="nuoc", rows=10, sort="name asc")
    assert [d["name"] for d in by_name["results"]] == sorted(names)
    assert ranking_budget.RESULT_KEY not in by_name


@pytest.mark.ckan_config("ckanext.sonla.search.rank_budget", "3")
def test_the_search_page_says_which_matches_are_ranked(app, six_water_datasets, monkeypatch):
    monkeypatch.setattr(ranking_budget, "MIN_RANKED", 1)
    page = app.get("/dataset/", query_string={"q": "nuoc"}, headers={"Accept-Language": "vi"})
    assert "Có 6 bộ dữ liệu khớp: 3 bộ cập nhật gần nhất được xếp theo mức liên quan" in page.body
    english = app.get("/en/dataset/", query_string={"q": "nuoc"})
    assert "6 datasets match: the 3 most recently updated are ordered by relevance" in english.body
