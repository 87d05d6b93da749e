"""A page of results: the ids in order (cached, exact per index generation), then their fields
shaped as CKAN's Solr search returns them."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import config, model

from .. import clock
from . import document, query_parser, ranking_budget, tally_cache
from .params import filter_texts
from .table import search_index as t


def cache_key(query: dict[str, Any], permission_labels: list[str] | None,
              q_node: query_parser.Node) -> tuple[Any, ...] | None:
    """What decides a search's rows (None when it must not be cached).

    Dates relative to now (``NOW-7DAYS``) change the rows without any write to the index.
    """
    filters = tuple(filter_texts(query))
    if any("now" in text.lower() for text in (*filters, query.get("q") or "")):
        return None
    labels = None if permission_labels is None else tuple(sorted(permission_labels))
    # Today's date: freshness filters and facets change at midnight without any index write.
    return (config.get("ckan.site_id"), clock.today().isoformat(), filters, repr(q_node), labels)


def results(where: Any, rank: Any, order: list[Any], count: int, rows: int, start: int, fl: list[str],
            sort: str, key: tuple[Any, ...] | None, ranked: int | None = None) -> list[Any]:
    """The page's results (dicts of the ``fl`` fields, or bare ids/names when ``fl`` is one of them).

    ``ranked``: only that many of the newest matches are ranked (ranking_budget.py).
    """
    if rows <= 0 or start >= count:
        return []
    page = page_ids(where, order, rows, start, None if key is None else (*key, sort), ranked)
    if not page:
        return []
    statement = (
        sa.select(t.c.package_id, t.c.name, t.c.fields, t.c.data_dict, t.c.validated_data_dict,
                  (rank if rank is not None else sa.literal(0.0)).label("score"))
        .where(t.c.package_id.in_(page))
    )
    by_id = {row["package_id"]: row for row in model.Session.execute(statement).mappings()}
    found = [result_fields(by_id[package_id], fl) for package_id in page if package_id in by_id]
    if fl in (["id"], ["name"]):
        return [r.get(fl[0]) for r in found]
    return found


def page_ids(where: Any, order: list[Any], rows: int, start: int, key: tuple[Any, ...] | None,
             ranked: int | None = None) -> list[str]:
    """The ids of the page's rows, in order (cached like the counts: exact per generation).

    Ordering reads only narrow columns (and the ranking vector when ranking); the wide
    columns are read afterwards for these rows alone.
    """
    lookup = tally_cache.Lookup(key)
    part = ("page", rows, start)
    cached = lookup.get(part)
    if cached is not tally_cache.MISSING:
        return cached
    if ranked is None:
        statement = (sa.select(t.c.package_id, *tally_cache.generation_scalars())
                     .where(where).order_by(*order).limit(rows).offset(max(start, 0)))
        found = model.Session.execute(statement).all()
    else:
        found = ranking_budget.page(where, order, rows, max(start, 0), ranked)
    page = [row[0] for row in found]
    # The generation comes with the rows, from the same snapshot (two snapshots for a page across
    # the ranked matches' end: cached only if they agree).
    generations = {None if dirty else generation for _, generation, dirty in found}
    if len(generations) == 1:
        lookup.put(part, generations.pop(), page)
    return page


def result_fields(row: Any, fl: list[str]) -> dict[str, Any]:
    stored = document.to_solr_like(row["fields"])
    stored.update(id=row["package_id"], name=row["name"], score=float(row["score"] or 0),
                  data_dict=row["data_dict"], validated_data_dict=row["validated_data_dict"])
    if any(f not in stored for f in fl):
        # Long text is not in the stored field map: take it from the dataset dict.
        for key, value in json.loads(row["data_dict"]).items():
            stored.setdefault(key, value)
    wanted = stored if "*" in fl else {f: stored[f] for f in fl if f in stored}
    for key in SOLR_DATES:
        if isinstance(wanted.get(key), str):
            wanted[key] = solr_date(wanted[key])
    extras = {k[len("extras_"):]: wanted.pop(k) for k in list(wanted) if k.startswith("extras_")}
    if extras:
        wanted["extras"] = extras
    return wanted


# Timestamps Solr holds as dates: in ``fl`` results they come back in Solr's form.
SOLR_DATES = ("metadata_created", "metadata_modified")


def solr_date(value: str) -> str:
    """CKAN's naive UTC timestamp as Solr returns a date: ``2026-01-31T08:00:00.123Z`` (milliseconds,
    none when zero), as ``package_search`` with ``fl`` gives it on Solr."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    millis = moment.microsecond // 1000
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + (f".{millis:03d}" if millis else "") + "Z"
