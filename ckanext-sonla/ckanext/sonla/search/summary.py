"""Which searches the facet summary answers, and how to count them from it.

The summary (migration 06) holds, per visibility class of index rows, exact counts of every
pair of facet terms. A search is answered from it when it has no free text and its filters
are visibility-class conditions (site, state, dataset type, capacity) plus at most one
facet-term filter: the dataset page as it opens, and after one facet click. The counts are
then read from a few hundred summary rows instead of every matching index row.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import config
from sqlalchemy.dialects.postgresql import ARRAY

from . import conditions
from .query_parser import And, MatchAll, Node, Not, Or, Term
from .table import facet_summary, summary_class

k = summary_class
CLASS_COLUMNS: dict[str, sa.ColumnElement[Any]] = {
    "state": k.c.state, "dataset_type": k.c.dataset_type, "site_id": k.c.site_id}


@dataclass(frozen=True)
class Scope:
    classes: sa.ColumnElement[bool]  # which visibility classes the search sees
    filter_term: str  # "field=value", or "" for none


def _conjuncts(nodes: Iterable[Node]) -> Iterable[Node]:
    for node in nodes:
        if isinstance(node, And):
            yield from _conjuncts(node.nodes)
        elif not isinstance(node, MatchAll):
            yield node


def class_condition(node: Node) -> sa.ColumnElement[bool] | None:
    """``node`` as a condition on the class table, None if it is about anything else."""
    if isinstance(node, MatchAll):
        return sa.true()
    if isinstance(node, Term):
        if node.field is None or node.is_prefix or node.value == "*":
            return None
        return conditions.column_term(node.field, node.value, CLASS_COLUMNS, k.c.private)
    if isinstance(node, Not):
        inner = class_condition(node.node)
        return None if inner is None else sa.not_(inner)
    if isinstance(node, (And, Or)):
        parts = [class_condition(n) for n in node.nodes]
        present = [p for p in parts if p is not None]
        if len(present) < len(parts):
            return None
        return sa.and_(*present) if isinstance(node, And) else sa.or_(*present)
    return None


def scope(q_node: Node, filter_nodes: list[Node], permission_labels: list[str] | None,
          default_state: bool) -> Scope | None:
    """The summary's answer to a search, or None when it must be counted from the index.

    Mirrors the index search's conditions: the site, ``state = 'active'`` unless the filters
    name a state (``default_state``), and the user's permission labels.
    """
    if not isinstance(q_node, MatchAll):
        return None
    parts: list[sa.ColumnElement[bool]] = [k.c.site_id == config.get("ckan.site_id")]
    if default_state:
        parts.append(k.c.state == "active")
    if permission_labels is not None:
        parts.append(k.c.permission_labels.op("&&")(
            sa.cast(sa.literal(list(permission_labels)), ARRAY(sa.UnicodeText))))
    chosen: str | None = None
    for node in _conjuncts(filter_nodes):
        condition = class_condition(node)
        if condition is not None:
            parts.append(condition)
            continue
        term = conditions.facet_term(node) if isinstance(node, Term) else None
        if term is None or chosen not in (None, term):
            return None
        chosen = term
    return Scope(sa.and_(*parts), chosen or "")


def counts(where: Scope, with_terms: bool) -> sa.Subquery:
    """(term, n) for the rows in scope: '' is the number of rows, then each facet term."""
    s = facet_summary
    statement = (sa.select(s.c.term, sa.cast(sa.func.sum(s.c.n), sa.BigInteger).label("n"))
                 .select_from(s.join(k, k.c.id == s.c.class_id))
                 .where(s.c.filter_term == where.filter_term, where.classes)
                 .group_by(s.c.term).having(sa.func.sum(s.c.n) > 0))
    if not with_terms:
        statement = statement.where(s.c.term == "")
    return statement.subquery()
