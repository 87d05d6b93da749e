"""The WHERE clause of a search: parsed ``q``/``fq`` text compiled to SQL, plus site, state and permissions."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import SearchError, SearchQueryError, config
from sqlalchemy.dialects.postgresql import ARRAY

from . import conditions, query_parser
from .table import search_index as t


def parse(text: str, default_or: bool = False) -> query_parser.Node:
    try:
        return query_parser.parse(text, default_or=default_or)
    except query_parser.ParseError as error:
        # As CKAN treats Solr's parse errors: the page says "error while searching", the API 409.
        raise SearchError(str(error)) from error
    except query_parser.QuerySyntaxError as error:
        raise SearchQueryError(f"Invalid search query: {error}") from error


def compile_node(node: query_parser.Node) -> sa.ColumnElement[bool]:
    """SQL for a parsed query; values it cannot use (a bad date) are the caller's error (HTTP 400)."""
    try:
        return conditions.compile_node(node)
    except query_parser.QuerySyntaxError as error:
        raise SearchQueryError(f"Invalid search query: {error}") from error


def default_state(filters: list[str]) -> bool:
    """Whether only active datasets are searched (the filters name no state), as with Solr."""
    return not any("+state:" in fq or fq.startswith("state:") for fq in filters)


def clauses(nodes: list[query_parser.Node], active_only: bool, permission_labels: list[str] | None) -> list[Any]:
    """Everything but the free-text query: site, fq/fq_list, state, permissions."""
    found: list[sa.ColumnElement[bool]] = [t.c.site_id == config.get("ckan.site_id")]
    found.extend(compile_node(node) for node in nodes)
    if active_only:
        found.append(t.c.state == "active")
    if permission_labels is not None:
        found.append(t.c.permission_labels.op("&&")(
            sa.cast(sa.literal(list(permission_labels)), ARRAY(sa.UnicodeText))))
    return found
