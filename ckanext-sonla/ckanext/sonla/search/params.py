"""The parameters of a dataset search, checked: CKAN's (Solr's) names and types, or SearchQueryError."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ckanext.sonla.compat import VALID_SOLR_PARAMETERS, SearchQueryError, config

_SPLIT = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class SearchParams:
    rows: int
    start: int
    facet_fields: list[str]
    facet_limit: int
    facet_mincount: int
    fq_texts: list[str]  # fq and fq_list
    q_text: str
    fl: list[str]
    sort: str


def parse(query: dict[str, Any]) -> SearchParams:
    """The search's parameters; the first bad one is the caller's error (HTTP 400)."""
    invalid = set(query.keys()) - VALID_SOLR_PARAMETERS - {"q.op"}
    if invalid:
        raise SearchQueryError(f"Invalid search parameters: {sorted(invalid)}")
    try:
        rows = int(query.get("rows", 10))
        start = int(query.get("start", 0))
    except (TypeError, ValueError) as error:
        raise SearchQueryError("rows and start must be integers") from error
    fields, limit, mincount = _facet_request(query)
    return SearchParams(
        rows=rows, start=start, facet_fields=fields, facet_limit=limit, facet_mincount=mincount,
        fq_texts=filter_texts(query), q_text=query.get("q") or "",
        fl=[f for f in _SPLIT.split(query.get("fl") or "name") if f], sort=query.get("sort") or "",
    )


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        if value.startswith("["):
            try:
                return [str(v) for v in json.loads(value)]
            except ValueError:
                pass
        return [value]
    return [str(v) for v in value]


def filter_texts(query: dict[str, Any]) -> list[str]:
    return as_list(query.get("fq")) + as_list(query.get("fq_list"))


def _facet_request(query: dict[str, Any]) -> tuple[list[str], int, int]:
    """The facet fields asked for, facet.limit and facet.mincount."""
    if str(query.get("facet", "true")).lower() == "false":
        return [], 0, 1
    try:
        limit = int(query.get("facet.limit") or config.get("search.facets.limit") or 50)
        mincount = max(int(query.get("facet.mincount", 1) or 0), 1)
    except (TypeError, ValueError) as error:
        raise SearchQueryError("facet.limit and facet.mincount must be integers") from error
    return list(dict.fromkeys(_facet_fields(query.get("facet.field")))), limit, mincount


def _facet_fields(value: Any) -> Iterable[str]:
    for field in as_list(value):
        if not re.fullmatch(r"[A-Za-z0-9_\-]+", field):
            raise SearchQueryError(f"Invalid facet field: {field}")
        yield field
