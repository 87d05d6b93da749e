"""What one dataset search may cost: the size of its query and the time of its statements."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from ckan.plugins import toolkit
from ckanext.sonla.compat import SearchQueryError, config, model

from .. import formatting
from . import text
from .query_parser import And, Node, Not, Or, Range, Term

QUERY_CANCELED = "57014"


def check_text(name: str, value: str) -> None:
    """A q or fq text: no NUL (PostgreSQL refuses it) and not longer than configured."""
    if "\x00" in value:
        raise SearchQueryError(toolkit._(
            "Parameter {name} contains a NUL character (\\x00), which is not accepted").format(name=name))
    limit = config.get("ckanext.sonla.search.query_max_length")
    if len(value) > limit:
        raise SearchQueryError(toolkit._("{name} is too long: {count} characters, at most {limit}").format(
            name=name, count=formatting.format_number(len(value)), limit=formatting.format_number(limit)))


def term_count(node: Node) -> int:
    """Words and conditions of a parsed query: what ranking and typo correction work through."""
    if isinstance(node, Term):
        return max(1, len(text.folded_words(node.value)))
    if isinstance(node, Range):
        return 1
    if isinstance(node, Not):
        return term_count(node.node)
    if isinstance(node, (And, Or)):
        return sum(term_count(child) for child in node.nodes)
    return 0


def check_terms(name: str, nodes: list[Node]) -> None:
    limit = config.get("ckanext.sonla.search.query_max_terms")
    count = sum(term_count(node) for node in nodes)
    if count > limit:
        raise SearchQueryError(toolkit._("{name} has too many words or conditions: {count}, at most {limit}").format(
            name=name, count=formatting.format_number(count), limit=formatting.format_number(limit)))


@contextmanager
def statement_timeout() -> Iterator[None]:
    """Run the search's statements under the configured timeout, in a savepoint.

    The savepoint keeps a cancelled statement from aborting the caller's transaction (a search
    may run inside a write action), and the previous timeout is put back afterwards.
    """
    milliseconds = config.get("ckanext.sonla.search.statement_timeout")
    if milliseconds <= 0:
        yield
        return
    savepoint = model.Session.begin_nested()
    try:
        previous = model.Session.execute(sa.select(
            sa.func.current_setting("statement_timeout"),
            sa.func.set_config("statement_timeout", f"{int(milliseconds)}ms", True))).scalar()
        yield
        model.Session.execute(sa.select(sa.func.set_config("statement_timeout", previous, True)))
    except sa.exc.OperationalError as error:
        savepoint.rollback()
        if getattr(error.orig, "pgcode", None) != QUERY_CANCELED:
            raise
        seconds = milliseconds / 1000
        raise SearchQueryError(toolkit._(
            "The search ran longer than {seconds} seconds and was stopped; narrow it down").format(
            seconds=formatting.format_number(seconds))) from None
    except BaseException:
        savepoint.rollback()
        raise
    savepoint.commit()
