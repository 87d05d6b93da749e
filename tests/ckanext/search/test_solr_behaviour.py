"""Search answers as CKAN's Solr gives them (issue 19): each test is one difference found by CKAN's own
tests (make test-search-conformance) or by hand, fixed."""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.lib.search.common import SearchError, SearchQueryError
from search_datasets import dataset as _dataset  # tests/ is on sys.path
from search_datasets import names as _names

PLUGINS = "sonla_search sonla scheming_datasets"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _search(**params):
    return helpers.call_action("package_search", **params)


def test_last_word_is_a_whole_word_in_package_search():
    org = factories.Organization()
    _dataset(org, name="price-list", title="Price list")
    _dataset(org, name="price-lis", title="Price lis table")
    # "lis" is a word of one title: it alone matches, as in Solr (no implicit "lis*").
    assert _names(_search(q="price lis")) == ["price-lis"]
    assert _names(_search(q="price lis*")) == ["price-lis", "price-list"]  # an explicit prefix still works


def test_last_word_is_a_prefix_on_the_search_page(app):
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    page = app.get("/dataset/", query_string={"q": "danh sach truo"})
    assert "/dataset/truong-hoc" in page.body


def test_a_typo_correction_is_reported_in_the_result():
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    result = _search(q="truonh hocc")
    assert _names(result) == ["truong-hoc"]
    assert result["sonla_corrected_query"] == "truong hoc"
    exact = _search(q="truong hoc")
    assert "sonla_corrected_query" not in exact


@pytest.mark.ckan_config("ckanext.sonla.search.typo_correction", "false")
def test_typo_correction_can_be_turned_off(app):
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    result = _search(q="truonh hocc")
    assert result["count"] == 0 and "sonla_corrected_query" not in result
    page = app.get("/dataset/", query_string={"q": "truonh hocc"}, headers={"Accept-Language": "vi"})
    assert "/dataset/truong-hoc" not in page.body and "sonla-corrected-query" not in page.body


def test_no_typo_correction_of_field_scoped_words():
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    result = _search(q="title:truonh")
    assert result["count"] == 0
    assert "sonla_corrected_query" not in result


def test_the_search_page_says_which_query_gave_the_results(app):
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    page = app.get("/dataset/", query_string={"q": "truonh hocc"}, headers={"Accept-Language": "vi"})
    assert "/dataset/truong-hoc" in page.body
    assert "Kết quả cho «truong hoc»" in page.body


@pytest.mark.parametrize("page_of", ["organization", "group"])
def test_agency_and_group_pages_say_which_query_gave_the_results(app, page_of):
    """The agency and group pages search their datasets through the same form as the dataset page: a
    corrected query is said there too (it was shown silently; CKAN's own test_organization_search_within_org_
    no_results failed whenever its random text held a word one letter from "Nout", such as "not")."""
    org = factories.Organization()
    group = factories.Group()
    _dataset(org, name="truong-hoc", title="Danh sách trường học", groups=[{"name": group["name"]}])
    owner = org if page_of == "organization" else group
    page = app.get(f"/{page_of}/{owner['name']}", query_string={"q": "truonh hocc"},
                   headers={"Accept-Language": "vi"})
    assert "/dataset/truong-hoc" in page.body
    assert "Kết quả cho «truong hoc»" in page.body
    exact = app.get(f"/{page_of}/{owner['name']}", query_string={"q": "truong hoc"}, headers={"Accept-Language": "vi"})
    assert "/dataset/truong-hoc" in exact.body and "sonla-corrected-query" not in exact.body


@pytest.mark.parametrize("sort", ["metadata_modified", "name", "title_string, name asc"])
def test_a_sort_without_direction_is_an_error(sort):
    with pytest.raises(SearchQueryError, match="asc or desc"):
        _search(sort=sort)


def test_a_doubled_prefix_is_a_search_error_not_everything():
    org = factories.Organization()
    _dataset(org, name="alpha", title="Alpha")
    with pytest.raises(SearchError, match="--"):
        _search(q="--included")


def test_the_search_page_reports_a_doubled_prefix_as_a_search_error(app):
    org = factories.Organization()
    _dataset(org, name="alpha", title="Alpha")
    page = app.get("/dataset/", query_string={"q": "--included"})
    assert 'id="search-error"' in page.body
    assert "/dataset/alpha" not in page.body


@pytest.mark.parametrize("q", ["{!bool must=test}", "_query_:{!bool must=test}", "name:x {!lucene}y"])
def test_local_parameters_are_refused_by_default_as_ckan_does(q):
    with pytest.raises(SearchError) as error:
        _search(q=q)
    assert "supported in param 'q'" in str(error.value) or "beginning of param 'q'" in str(error.value)


@pytest.mark.ckan_config("ckan.search.solr_allowed_query_parsers", "bool lucene")
def test_allowed_query_parsers_run():
    org = factories.Organization()
    _dataset(org, name="bees", title="A dataset about bees")
    _dataset(org, name="butterflies", title="A dataset about butterflies")
    assert _names(_search(q="{!bool must=bees}")) == ["bees"]
    assert _names(_search(q="{!bool must=bees must_not=butterflies}")) == ["bees"]
    assert _search(q="{!type=bool must=beetles}")["count"] == 0  # no typo correction here
    assert _search(q="{!lucene q.op=AND}bees butterflies")["count"] == 0
    assert _names(_search(q="{!lucene q.op=OR}bees butterflies")) == ["bees", "butterflies"]


@pytest.mark.ckan_config("ckan.search.solr_allowed_query_parsers", "knn")
def test_an_allowed_parser_without_an_equivalent_is_a_clear_error():
    with pytest.raises(SearchQueryError, match="knn"):
        _search(q="{!knn f=vector topK=10}[1.0, 2.0]")


def test_field_scoped_words_search_that_field_only():
    org = factories.Organization()
    _dataset(org, name="zebra-in-title", title="Zebra crossings", notes="Road safety")
    _dataset(org, name="zebra-in-notes", title="Road safety", notes="Where the zebra crossings are")
    assert _names(_search(q="title:zebra")) == ["zebra-in-title"]
    assert _names(_search(q="notes:zebra")) == ["zebra-in-notes"]
    assert _names(_search(q='notes:"zebra crossings"')) == ["zebra-in-notes"]
    assert _names(_search(q="text:zebra")) == ["zebra-in-notes", "zebra-in-title"]
    assert _names(_search(q="zebra")) == ["zebra-in-notes", "zebra-in-title"]
    assert _names(_search(q="title:trường", fq="notes:safety")) == []
    assert _names(_search(fq="title:road")) == ["zebra-in-notes"]


def test_dataset_extras_filter_by_their_solr_name():
    org = factories.Organization()
    _dataset(org, name="with-code", extras=[{"key": "legacy_code", "value": "DM01"}])
    _dataset(org, name="other-code", extras=[{"key": "legacy_code", "value": "DM02"}])
    assert _names(_search(fq="extras_legacy_code:DM01")) == ["with-code"]
    assert _names(_search(q="extras_legacy_code:DM0*")) == ["other-code", "with-code"]


@pytest.mark.ckan_config("ckan.extra_resource_fields", "alt_url")
def test_resource_extras_are_indexed_as_res_extras(monkeypatch):
    import ckan.model as model

    # CKAN reads ckan.extra_resource_fields once per process: read it again under this test's config.
    monkeypatch.setattr(model.Resource, "extra_columns", None)
    org = factories.Organization()
    _dataset(org, name="alt", resources=[{"url": "http://example.com/a.csv", "alt_url": "alt_1"}])
    _dataset(org, name="plain", resources=[{"url": "http://example.com/b.csv"}])
    assert _names(_search(fq="res_extras_alt_url:alt_1")) == ["alt"]
    assert _names(_search(fq="res_extras_alt_url:*")) == ["alt"]


def test_boost_and_fuzzy_are_accepted():
    org = factories.Organization()
    _dataset(org, name="zebra", title="Zebra crossings")
    _dataset(org, name="other", title="Road safety")
    assert _names(_search(q="zebra^2")) == ["zebra"]
    assert _names(_search(q="title:zebra^2.5 OR title:road")) == ["other", "zebra"]
    assert _names(_search(q="zebar~")) == ["zebra"]
    assert _names(_search(q="title:zebar~1")) == ["zebra"]
    assert _names(_search(q='"zebra crossings"~3')) == ["zebra"]
    result = _search(q="zebra~")
    assert _names(result) == ["zebra"] and "sonla_corrected_query" not in result


def test_inner_wildcards_work_on_value_fields():
    org = factories.Organization()
    _dataset(org, name="banana", title="Fruit")
    _dataset(org, name="bandana", title="Cloth")
    assert _names(_search(q="name:ba*a")) == ["banana", "bandana"]
    assert _names(_search(q="name:ban?na")) == ["banana"]


def test_inner_wildcards_in_free_text_are_a_clear_error():
    with pytest.raises(SearchQueryError, match="ký tự đại diện"):
        _search(q="ba*a")
    with pytest.raises(SearchQueryError, match="ký tự đại diện"):
        _search(q="title:b?nana")


def test_fl_dates_come_back_in_solrs_form():
    import re

    org = factories.Organization()
    dataset = _dataset(org, name="dated", title="Dated")
    [row] = _search(fl="name,metadata_modified,metadata_created")["results"]
    for key in ("metadata_modified", "metadata_created"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z", row[key]), row[key]
    assert row["metadata_modified"][:19] == dataset["metadata_modified"][:19]


def test_solr_date_form():
    from ckanext.sonla.search.pages import solr_date

    assert solr_date("2026-01-31T08:00:00.123456") == "2026-01-31T08:00:00.123Z"
    assert solr_date("2026-01-31T08:00:00") == "2026-01-31T08:00:00Z"
    assert solr_date("2026-01-31T15:00:00.5+07:00") == "2026-01-31T08:00:00.500Z"


@pytest.mark.parametrize("field", ["tags", "groups", "res_format", "vocab_themes"])
def test_sorting_on_a_multivalued_field_is_an_error_as_in_solr(field):
    with pytest.raises(SearchQueryError, match="multivalued"):
        _search(sort=f"{field} asc")


def test_sorting_on_a_field_no_dataset_has_is_accepted_as_in_solr():
    # CKAN's Solr schema declares every other name (dynamicField "*"): the order is just the tie-break.
    org = factories.Organization()
    _dataset(org, name="b-dataset", title="B")
    _dataset(org, name="a-dataset", title="A")
    assert [d["name"] for d in _search(sort="nosuchfield asc")["results"]] == ["a-dataset", "b-dataset"]
