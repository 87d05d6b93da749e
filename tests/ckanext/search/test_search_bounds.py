"""What one dataset search may cost (issue #16): query size, nesting, statement time."""
from __future__ import annotations

import time

import ckan.model as model
import ckan.tests.factories as factories
import pytest
import sqlalchemy as sa
from ckan.lib.search.common import SearchQueryError

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets"),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]
API = "/api/3/action/package_search"


def _dataset(org, **fields):
    return factories.Dataset(owner_org=org["id"], notes="Dữ liệu thử nghiệm", update_frequency="monthly",
                             data_last_updated="2026-01-31", **fields)


def _message(response) -> str:
    return response.json["error"]["message"]


def test_a_59kb_query_of_10000_words_is_refused_at_once(app):
    q = " ".join(f"tu{i}" for i in range(10_000))
    started = time.monotonic()
    response = app.post(API, json={"q": q}, status=400)
    assert time.monotonic() - started < 1.0
    assert "q quá dài: 68.889 ký tự, tối đa 2.000" in _message(response), _message(response)
    english = app.post("/en" + API, json={"q": q}, status=400)
    assert "q is too long: 68,889 characters, at most 2,000" in _message(english)


@pytest.mark.ckan_config("ckanext.sonla.search.query_max_length", "100000")
def test_too_many_words_are_refused_even_under_the_length_limit(app):
    response = app.post(API, json={"q": " ".join(["nuoc"] * 65)}, status=400)
    assert "q có quá nhiều từ hoặc điều kiện: 65, tối đa 64" in _message(response), _message(response)
    response = app.post(API, json={"fq": " OR ".join(f"tags:t{i}" for i in range(65))}, status=400)
    assert "fq" in _message(response)
    app.post(API, json={"q": " ".join(["nuoc"] * 64)}, status=200)


def test_an_ordinary_search_still_works(app):
    org = factories.Organization()
    _dataset(org, name="nuoc-sach", title="Nước sạch nông thôn")
    result = app.post(API, json={"q": "nước sạch", "fq": f'owner_org:"{org["id"]}"'}, status=200).json
    assert [d["name"] for d in result["result"]["results"]] == ["nuoc-sach"]


@pytest.mark.parametrize("q", ["NOT " * 40 + "a", "-(" * 40 + "a" + ")" * 40, "(" * 40 + "a" + ")" * 40])
def test_deep_nesting_is_a_400(app, q):
    response = app.post(API, json={"q": q}, status=400)
    assert "nested" in _message(response)


@pytest.mark.ckan_config("ckanext.sonla.search.statement_timeout", "200")
def test_a_statement_past_the_timeout_is_stopped_and_the_transaction_goes_on():
    from ckanext.sonla.search import bounds

    before = model.Session.execute(sa.text("SHOW statement_timeout")).scalar()
    # (no web request here, so no language: the message is the English original)
    with pytest.raises(SearchQueryError, match=r"ran longer than 0\.2 seconds"):
        with bounds.statement_timeout():
            model.Session.execute(sa.text("SELECT pg_sleep(2)"))
    # The caller's transaction is not aborted and keeps its own timeout.
    assert model.Session.execute(sa.text("SHOW statement_timeout")).scalar() == before
    with bounds.statement_timeout():
        assert model.Session.execute(sa.text("SHOW statement_timeout")).scalar() == "200ms"
    assert model.Session.execute(sa.text("SHOW statement_timeout")).scalar() == before


@pytest.mark.ckan_config("ckanext.sonla.search.statement_timeout", "200")
def test_a_slow_search_answers_400_in_bounded_time(app, monkeypatch):
    from ckanext.sonla.search import facets

    real_tally = facets.tally

    def slow_tally(*args, **kwargs):  # stands in for a query that PostgreSQL takes seconds over
        model.Session.execute(sa.text("SELECT pg_sleep(5)"))
        return real_tally(*args, **kwargs)

    monkeypatch.setattr(facets, "tally", slow_tally)
    started = time.monotonic()
    response = app.post(API, json={"q": "nuoc"}, status=400)
    assert time.monotonic() - started < 3
    assert "đã bị dừng" in _message(response), _message(response)
