"""Compile a parsed query tree into SQL conditions on the search index table."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import TSQUERY
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from . import date_math, freshness_status, text
from .document import FACET_VALUE_MAX, SCOPED_TEXT_FIELDS, scoped_lexeme
from .query_parser import And, MatchAll, Node, Not, Or, QuerySyntaxError, Range, Term
from .table import search_index as t
from .table import search_words

# Fields searched as words (like Solr "text" fields) rather than exact strings.
TEXT_FIELDS = {"text", *SCOPED_TEXT_FIELDS}
# Timestamp columns that ranges and sorting use directly.
TIMESTAMP_COLUMNS = {"metadata_created": t.c.metadata_created,
                     "metadata_modified": t.c.metadata_modified}
# package_autocomplete's substring fields: (column, value as stored).
NGRAM_FIELDS = {"name_ngram": lambda v: (t.c.name, v.lower()),
                "title_ngram": lambda v: (t.c.title_sort, text.fold(v))}


def lexeme(word: str) -> str:
    """``word`` as a quoted tsquery lexeme."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(value: str, *, phrase: bool, folded: bool = True, field: str | None = None) -> str | None:
    """A tsquery literal for ``value``: words AND-ed (or a phrase), a trailing * as prefix.

    ``field``: the words of that text field only (document.SCOPED_TEXT_FIELDS).
    """
    prefix = value.endswith("*") and not phrase
    words = text.folded_words(value) if folded else text.words(value)
    if not words:
        return None
    if field is not None:
        words = [scoped_lexeme(field, w) for w in words]
    parts = [lexeme(w) for w in words]
    if prefix:
        parts[-1] += ":*"
    return (" <-> " if phrase else " & ").join(parts)


def full_text(value: str, *, phrase: bool, field: str | None = None) -> sa.ColumnElement[bool]:
    query = tsquery_text(value, phrase=phrase, field=field)
    if query is None:
        return sa.true()
    return t.c.search_vector.op("@@")(sa.cast(sa.literal(query), TSQUERY))


def _contains(field: str, value: str) -> sa.ColumnElement[bool]:
    return t.c.fields.op("@>")(sa.cast(sa.literal({field: [value]}, JSONB), JSONB))


def _values_of(field: str) -> sa.TableValuedAlias:
    return sa.func.jsonb_array_elements_text(t.c.fields[field]).table_valued("value")


def _exists_value(field: str, predicate: Callable[[Any], sa.ColumnElement[bool]]) -> sa.ColumnElement[bool]:
    values = _values_of(field)
    return sa.exists(sa.select(sa.literal(1)).select_from(values).where(predicate(values.c.value)))


# Fields every CKAN search filters on, answered from plain columns rather than the field map.
COLUMN_FIELDS = {"state": t.c.state, "dataset_type": t.c.dataset_type, "site_id": t.c.site_id,
                 "owner_org": t.c.owner_org, "id": t.c.package_id, "name": t.c.name}


def column_term(field: str, value: str, columns: Mapping[str, sa.ColumnElement[Any]] = COLUMN_FIELDS,
                private: sa.ColumnElement[bool] = t.c.private) -> sa.ColumnElement[bool] | None:
    """A filter on a plain column (``columns``, or the private flag), None for other fields."""
    if field == "capacity":
        return private.is_(value == "private") if value in ("public", "private") else sa.false()
    if field == "entity_type":
        return sa.true() if value == "package" else sa.false()
    column = columns.get(field)
    return None if column is None else column == value


def facet_term(node: Term) -> str | None:
    """The ``field=value`` facet term that answers this filter term, None if it is answered otherwise.

    Filters on configured facet fields check the small facet_terms array (GIN-indexed), much
    cheaper than the field map; the facet summary counts single facet-term filters.
    """
    from ckanext.sonla.compat import config

    field = node.field
    if field is None or field in TEXT_FIELDS or field in NGRAM_FIELDS or field == freshness_status.FIELD:
        return None
    if (node.value == "*" and not node.phrase) or node.is_prefix or column_term(field, node.value) is not None:
        return None
    if field in (config.get("ckanext.sonla.search.facet_fields") or ()) and len(node.value) <= FACET_VALUE_MAX:
        return f"{field}={node.value}"
    return None


# At most this many indexed words stand in for a fuzzy word (foo~), closest first.
FUZZY_ALTERNATIVES = 5


def _fuzzy(node: Term) -> sa.ColumnElement[bool]:
    """``foo~``: the word or one of its closest indexed words (pg_trgm), as Solr's edit-distance match."""
    words = text.folded_words(node.value)
    if len(words) != 1:
        return full_text(node.value, phrase=False)
    word = words[0]
    scope = "" if node.field in (None, "text") else f"{node.field}:"
    similar = (sa.select(search_words.c.word).where(search_words.c.word.op("%")(word))
               .order_by(search_words.c.word.op("<->")(word)).limit(FUZZY_ALTERNATIVES).subquery())
    alternatives = sa.select(sa.func.string_agg(
        sa.func.quote_literal(sa.literal(scope) + similar.c.word), " | ")).scalar_subquery()
    query = sa.func.concat_ws(" | ", lexeme(scope + word), alternatives)
    return t.c.search_vector.op("@@")(sa.cast(query, TSQUERY))


def _like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


def _term(node: Term) -> sa.ColumnElement[bool]:
    if node.has_inner_wildcard:
        if node.field is None or node.field in TEXT_FIELDS:
            raise QuerySyntaxError(
                f"ký tự đại diện giữa từ hoặc ? chỉ dùng được với trường giá trị, ví dụ name:ba*a ({node.value!r}) / "
                f"a wildcard inside a word or ? works on value fields only, e.g. name:ba*a ({node.value!r})")
        column = COLUMN_FIELDS.get(node.field)
        pattern = _like_pattern(node.value)
        if column is not None:
            return column.like(pattern)
        return _exists_value(node.field, lambda v: v.like(pattern))
    if node.fuzzy and (node.field is None or node.field in TEXT_FIELDS):
        return _fuzzy(node)
    term = facet_term(node)
    if term is not None:
        return t.c.facet_terms.op("@>")(sa.cast(sa.literal([term]), ARRAY(sa.UnicodeText)))
    field = node.field
    if field is None or field == "text":
        return full_text(node.value, phrase=node.phrase)
    if field in TEXT_FIELDS:
        return full_text(node.value, phrase=node.phrase, field=field)
    if field in NGRAM_FIELDS:
        # package_autocomplete's substring fields.
        column, value = NGRAM_FIELDS[field](node.value)
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return column.ilike(f"%{escaped}%")
    if field == freshness_status.FIELD:
        return freshness_status.condition(node.value)
    if node.value == "*" and not node.phrase:
        return t.c.fields.has_key(field)
    if node.is_prefix:
        prefix = node.value[:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return _exists_value(field, lambda v: v.like(prefix + "%"))
    by_column = column_term(field, node.value)
    if by_column is not None:
        return by_column
    return _contains(field, node.value)


def _bounds(value: sa.ColumnElement[Any], low: Any, high: Any, node: Range) -> sa.ColumnElement[bool]:
    parts = []
    if low is not None:
        parts.append(value >= low if node.include_low else value > low)
    if high is not None:
        parts.append(value <= high if node.include_high else value < high)
    return sa.and_(sa.true(), *parts)


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _range(node: Range) -> sa.ColumnElement[bool]:
    bounds = [b for b in (node.low, node.high) if b]
    column = TIMESTAMP_COLUMNS.get(node.field)
    if column is not None or any(date_math.is_date(b) for b in bounds):
        now = datetime.now(timezone.utc)  # one NOW for both ends, as Solr has one per request
        low = date_math.resolve(node.low, now) if node.low else None
        high = date_math.resolve(node.high, now) if node.high else None
        if column is not None:
            return _bounds(column, low, high, node)
        # Dates stored as ISO text (scheming's date fields: "2026-01-31"), compared as text in one
        # form: a date alone is midnight UTC, as Solr indexes it.
        return _exists_value(node.field, lambda v: _bounds(
            sa.case((sa.func.length(v) == 10, v + "T00:00:00"), else_=v),
            _iso(low), _iso(high), node))
    if bounds and all(_NUMBER.fullmatch(b) for b in bounds):
        return _exists_value(node.field, lambda v: _bounds(
            sa.case((v.regexp_match(r"^-?[0-9]+(\.[0-9]+)?$"), sa.cast(v, sa.Numeric))),
            _decimal(node.low), _decimal(node.high), node))
    return _exists_value(node.field, lambda v: _bounds(v, node.low, node.high, node))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0").rstrip(".")


def _decimal(value: str | None) -> Decimal | None:
    return None if not value else Decimal(value)


def _unprefixed(node: Term | Range) -> Term | Range:
    """``extras_<key>`` (Solr's name for a dataset extra) is stored as ``<key>``: flatten() puts
    every extra under its own name too, and CKAN forbids extras named like core fields."""
    if node.field is not None and node.field.startswith("extras_") and len(node.field) > len("extras_"):
        return dataclasses.replace(node, field=node.field[len("extras_"):])
    return node


def compile_node(node: Node) -> sa.ColumnElement[bool]:
    if isinstance(node, MatchAll):
        return sa.true()
    if isinstance(node, Term):
        return _term(_unprefixed(node))  # type: ignore[arg-type]
    if isinstance(node, Range):
        return _range(_unprefixed(node))  # type: ignore[arg-type]
    if isinstance(node, Not):
        return sa.not_(compile_node(node.node))
    if isinstance(node, And):
        return sa.and_(*(compile_node(n) for n in node.nodes))
    if isinstance(node, Or):
        return _any_of(node.nodes)
    raise QuerySyntaxError(f"unsupported query part: {node!r}")


def _free_text_query(node: Node) -> str | None:
    """The tsquery text of a plain free-text term (no field, fuzziness or inner wildcard), else None."""
    if isinstance(node, Term) and node.field in (None, "text") and not node.fuzzy and not node.has_inner_wildcard:
        return tsquery_text(node.value, phrase=node.phrase)
    return None


def _any_of(nodes: tuple[Node, ...]) -> sa.ColumnElement[bool]:
    """An OR, its free-text terms as one word match ("a OR b OR c": one index search, one test per row)."""
    queries = [_free_text_query(n) for n in nodes]
    words = [f"({q})" for q in queries if q is not None]
    others = [compile_node(n) for n, q in zip(nodes, queries, strict=True) if q is None]
    if len(words) > 1:
        others.insert(0, t.c.search_vector.op("@@")(sa.cast(sa.literal(" | ".join(words)), TSQUERY)))
    elif words:
        others = [compile_node(n) for n in nodes]
    return sa.or_(*others)


PREFIX_MIN_LENGTH = 3


def with_prefix_on_last_word(node: Node) -> Node:
    """Search as you type: the query's last free word also matches longer words.

    "truong ho" finds "trường học". Only for words of 3+ letters, so short
    words do not widen a search to everything that starts with them.
    """
    if isinstance(node, Term) and node.field is None and not node.phrase and not node.is_prefix:
        words = text.folded_words(node.value)
        if words and len(words[-1]) >= PREFIX_MIN_LENGTH:
            return Term(None, node.value + "*")
        return node
    if isinstance(node, And) and node.nodes:
        return And((*node.nodes[:-1], with_prefix_on_last_word(node.nodes[-1])))
    return node


def fuzzy_words(node: Node) -> list[str]:
    """The folded free-text words of a query that typo tolerance may correct."""
    return [w for term in text_terms(node) if term.field is None
            for w in text.folded_words(term.value.rstrip("*")) if len(w) >= PREFIX_MIN_LENGTH]


def replace_words(node: Node, corrections: dict[str, str]) -> Node:
    """The same query with misspelt free words replaced; field-scoped words are left as typed."""
    if isinstance(node, Term) and node.field is None:
        words = [corrections.get(w, w) for w in text.folded_words(node.value.rstrip("*"))]
        return Term(node.field, " ".join(words), phrase=node.phrase)
    if isinstance(node, And):
        return And(tuple(replace_words(n, corrections) for n in node.nodes))
    if isinstance(node, Or):
        return Or(tuple(replace_words(n, corrections) for n in node.nodes))
    return node


def text_terms(node: Node) -> list[Term]:
    """The free-text terms of a query (used for ranking)."""
    if isinstance(node, Term) and (node.field is None or node.field in TEXT_FIELDS):
        return [node]
    if isinstance(node, (And, Or)):
        return [term for child in node.nodes for term in text_terms(child)]
    return []
