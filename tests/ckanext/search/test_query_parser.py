import pytest
from ckanext.sonla.search.query_parser import (
    And,
    MatchAll,
    Not,
    Or,
    QuerySyntaxError,
    Range,
    Term,
    parse,
)


@pytest.mark.parametrize("query", ["", "*:*", '""', "  "])
def test_empty_and_match_all(query):
    assert parse(query) == MatchAll()


def test_words_are_anded():
    assert parse("trường học") == And((Term(None, "trường"), Term(None, "học")))


def test_field_values_phrases_and_groups():
    assert parse('tags:"y tế" +capacity:public +state:(active OR draft)') == And((
        Term("tags", "y tế", phrase=True),
        Term("capacity", "public"),
        Or((Term("state", "active"), Term("state", "draft"))),
    ))


def test_negation_and_or():
    assert parse("-tags:x a OR b") == Or((And((Not(Term("tags", "x")), Term(None, "a"))), Term(None, "b")))


def test_date_range_with_open_end():
    assert parse("metadata_modified:[2026-01-01T00:00:00Z TO *]") == Range(
        "metadata_modified", "2026-01-01T00:00:00Z", None, True, True)
    assert parse("num_resources:{1 TO 5}") == Range("num_resources", "1", "5", False, False)


def test_prefix_and_hyphenated_words():
    node = parse("name:co-so*")
    assert node == Term("name", "co-so*")
    assert node.is_prefix
    assert parse("x-y") == Term(None, "x-y")


@pytest.mark.parametrize("query", ["a^", "^2", "{!lucene}x", "(a", 'a "b', "~1", "[1 TO 2]", "--a", "+-a"])
def test_unsupported_syntax_is_a_clear_error(query):
    with pytest.raises(QuerySyntaxError):
        parse(query)


def test_boost_fuzzy_and_proximity_as_solr_writes_them():
    assert parse("a^2") == Term(None, "a")
    assert parse("title:a^0.5") == Term("title", "a")
    assert parse("a~") == Term(None, "a", fuzzy=True)
    assert parse("title:a~1") == Term("title", "a", fuzzy=True)
    assert parse('"a b"~3') == Term(None, "a b")
    assert parse("(a OR b)^2") == parse("a OR b")


def test_default_operator_or():
    from ckanext.sonla.search.query_parser import And, Or

    assert parse("a b", default_or=True) == Or((Term(None, "a"), Term(None, "b")))
    assert parse("a b AND c", default_or=True) == Or((Term(None, "a"), And((Term(None, "b"), Term(None, "c")))))
