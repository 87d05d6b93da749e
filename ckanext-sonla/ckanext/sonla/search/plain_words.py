"""A search box never gives an error page: query syntax a page cannot run is read as plain words.

``package_search`` over the API keeps CKAN's answer to bad syntax (400 "Invalid search query",
checked by tests/search_conformance). On a web page (any blueprint but the API) a ``q`` that does not
parse -- ``(``, ``"giá``, ``NOT``, ``title:`` -- is searched as the words in it, and the page says so
(``g.sonla_query_as_words``; templates/sonla/snippets/search_notices.html).
"""
from __future__ import annotations

import re

from ckanext.sonla.compat import SearchError, SearchQueryError

from . import filters

# A word the parser reads as itself: letters and digits, and the operators in lower case.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT", "TO"}


def runnable(q: str) -> bool:
    """Whether ``q`` runs without CKAN's "Invalid search query" (a 400 error page).

    Solr's own parse errors (``--giá``, filters.parse's SearchError) are left to CKAN: its page says
    "error while searching" above an empty result, without an error page, and CKAN's conformance
    tests (tests/search_conformance) expect exactly that.
    """
    try:
        filters.compile_node(filters.parse(q))
    except SearchQueryError:
        return False
    except SearchError:
        return True
    return True


def as_plain_words(q: str) -> str:
    """The words of ``q``, without any syntax; operators become ordinary (lower-case) words."""
    words = [word.lower() if word in _OPERATORS else word for word in _WORD.findall(q)]
    return " ".join(words)


def for_page(q: str) -> str | None:
    """What a web page searches for instead of ``q``, or None when ``q`` runs as it is."""
    if not q.strip() or runnable(q):
        return None
    words = as_plain_words(q)
    return words if runnable(words) else ""
