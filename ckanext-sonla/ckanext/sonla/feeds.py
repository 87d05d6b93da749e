"""The Atom feeds (``/feeds/…``) in the page's language, with whole page numbers.

CKAN's feed views write ``xml:lang="en"`` and English titles ("Recently created or updated datasets
on …", "- Organization: …") whatever the language, and paging links of ``?query=page&query=3.45``
(a float division, and each parameter passed as ``query=``). Its ``IFeed`` hook lets a plugin give
the feed class: this one translates the titles CKAN built, sets the language and rebuilds the
paging links on the request's parameters with whole page numbers.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import CKANFeed
from flask import has_request_context

# CKAN's English titles and descriptions (ckan/views/feed.py), most specific first.
_DESCRIPTIONS = [
    (re.compile(r"^Recently created or updated datasets on (?P<site>.*) by tag: \"(?P<name>.*)\"$", re.S),
     "Recently created or updated datasets on %(site)s with the tag «%(name)s»"),
    (re.compile(r"^Recently created or updated datasets on (?P<site>.*) by organization: \"(?P<name>.*)\"$", re.S),
     "Recently created or updated datasets on %(site)s of the agency «%(name)s»"),
    (re.compile(r"^Recently created or updated datasets on (?P<site>.*) by group: \"(?P<name>.*)\"$", re.S),
     "Recently created or updated datasets on %(site)s in the theme «%(name)s»"),
    (re.compile(r"^Recently created or updated datasets on (?P<site>.*)\. Custom query: '(?P<name>.*)'$", re.S),
     "Recently created or updated datasets on %(site)s for the search «%(name)s»"),
    (re.compile(r"^Recently created or updated datasets on (?P<site>.*)$", re.S),
     "Recently created or updated datasets on %(site)s"),
]
_TITLES = [
    (re.compile(r"^(?P<site>.*) - Tag: \"(?P<name>.*)\"$", re.S), "%(site)s - Tag: %(name)s"),
    (re.compile(r"^(?P<site>.*) - Organization: \"(?P<name>.*)\"$", re.S), "%(site)s - Agency: %(name)s"),
    (re.compile(r"^(?P<site>.*) - Group: \"(?P<name>.*)\"$", re.S), "%(site)s - Theme: %(name)s"),
    (re.compile(r"^(?P<site>.*) - Custom query$", re.S), "%(site)s - Search"),
]


def translate(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, message in patterns:
        match = pattern.match(text)
        if match:
            return toolkit._(message) % match.groupdict()
    return text


def _intended_page(url: str) -> str | None:
    """The page number a CKAN feed link was meant to carry.

    CKAN's ``_feed_url`` passes each parameter as ``query=(key, value)``, keeping only the last one:
    its links read ``?query=page&query=2`` (and lose the other parameters, say ``q``).
    """
    pairs = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    if pairs and all(key == "query" for key, _value in pairs):
        values = [value for _key, value in pairs]
        pairs = list(zip(values[::2], values[1::2], strict=False))
    return dict(pairs).get("page")


def whole_page(url: str | None, args: list[tuple[str, str]]) -> tuple[str | None, int | None]:
    """CKAN's link rebuilt on the request's own parameters, with a whole page number (its last
    page is ``count / limit + 1``, ``page=3.45``); also the page number (None: the first)."""
    if not url:
        return url, None
    page_text = _intended_page(url)
    page = None
    if page_text is not None:
        try:
            page = max(1, int(float(page_text)))
        except ValueError:
            return url, None
    query = [(key, value) for key, value in args if key != "page"]
    if page is not None:
        query.append(("page", str(page)))
    return _with_query(url, query), page


def _with_query(url: str, query: list[tuple[str, str]]) -> str:
    return urlunsplit(urlsplit(url)._replace(query=urlencode(query)))


class SonlaFeed(CKANFeed):
    def __init__(self, feed_title: str, feed_link: str, feed_description: str, language: str | None,
                 *args: Any, **kwargs: Any) -> None:
        names = ("author_name", "feed_guid", "feed_url", "previous_page", "next_page", "first_page", "last_page")
        values = {**dict(zip(names, args, strict=False)), **kwargs}
        request_args = list(toolkit.request.args.items(multi=True)) if has_request_context() else []
        pages = {}
        for key in ("previous_page", "next_page", "first_page", "last_page"):
            values[key], pages[key] = whole_page(values.get(key), request_args)
        last, following = pages["last_page"], pages["next_page"]
        if last is not None and following is not None and following > last:
            values["next_page"] = None  # CKAN compares with its fractional last page
        if values.get("feed_url"):
            values["feed_url"] = _with_query(values["feed_url"], request_args)
        unpaged = [(key, value) for key, value in request_args if key != "page"]
        super().__init__(translate(feed_title, _TITLES), _with_query(feed_link, unpaged),
                         translate(feed_description, _DESCRIPTIONS), toolkit.h.lang() or language, **values)
