"""Solr local parameters (``{!parser …}``) in a search: refused as CKAN refuses them, or run.

CKAN sends no local parameters to Solr unless their parser is listed in
``ckan.search.solr_allowed_query_parsers``; magic fields (``_query_:``, ``_val_:``) never. The same
check, with CKAN's own messages, applies here. Of the parsers an operator may allow, ``lucene``
(``q.op``, ``v``) and ``bool`` (``must``, ``should``, ``must_not``, ``filter``) are run; any other
allowed one is a clear error, as this index has no equivalent (vectors, function ranges…).
"""
from __future__ import annotations

import re
from typing import Any

from ckanext.sonla.compat import (
    MAGIC_FIELD_RE,
    QUERY_PARSER_RE,
    SearchError,
    SearchQueryError,
    config,
    local_query_parser,
    parse_local_params,
)

from . import filters, query_parser

RUNNABLE = ("lucene", "bool")


def check(query: dict[str, Any]) -> None:
    """CKAN's check of every parameter (``ckan.lib.search.query.PackageSearchQuery.run``)."""
    for param, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                _check_one(param, item.strip())


def _check_one(param: str, value: str) -> None:
    if re.search(MAGIC_FIELD_RE, value):
        raise SearchError(f"Magic fields are not supported in param '{param}'.")
    match = QUERY_PARSER_RE.findall(value)
    if not match:
        return
    if len(match) > 1:
        raise SearchError(f"Query parsers are not supported in param '{param}'.")
    if not value.startswith("{!"):
        raise SearchError(f"Local parameters must be defined at the beginning of param '{param}'.")
    if local_query_parser(value) not in config["ckan.search.solr_allowed_query_parsers"]:
        raise SearchError(f"Local parameters are not supported in param '{param}'.")


def parse(text: str) -> query_parser.Node:
    """``text`` (a q or an fq, already checked) as a query: local parameters first if it has them."""
    text = (text or "").strip()
    if not text.startswith("{!"):
        return filters.parse(text)
    end = text.index("}")
    parser = local_query_parser(text)
    params: dict[str, list[str]] = {}
    for part in parse_local_params(text[:end + 1]):
        if isinstance(part, list):
            params.setdefault(part[0], []).append(part[1])
    rest = text[end + 1:].strip()
    if parser == "lucene":
        body = params.get("v", [rest])[0]
        return _parse(body, default_or=params.get("q.op", ["AND"])[0].upper() == "OR")
    if parser == "bool":
        nodes: list[query_parser.Node] = [_parse(v) for v in params.get("must", []) + params.get("filter", [])]
        nodes += [query_parser.Not(_parse(v)) for v in params.get("must_not", [])]
        should = [_parse(v) for v in params.get("should", [])]
        if should:
            nodes.append(query_parser.Or(tuple(should)) if len(should) > 1 else should[0])
        if not nodes:
            return query_parser.MatchAll()
        return nodes[0] if len(nodes) == 1 else query_parser.And(tuple(nodes))
    raise SearchQueryError(
        f"Bộ phân tích truy vấn «{parser}» không được hỗ trợ trên cổng này (chỉ {', '.join(RUNNABLE)}) / "
        f"The query parser '{parser}' is not supported by this portal (only {', '.join(RUNNABLE)})"
    )


def _parse(text: str, default_or: bool = False) -> query_parser.Node:
    return filters.parse(text, default_or=default_or)
