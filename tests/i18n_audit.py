"""Find English leftovers in a page rendered in Vietnamese.

A leftover is a piece of visible text (a text node, or a ``placeholder``/``title``/``aria-label``/
``alt`` attribute, or a button label) that is exactly one of the English message ids of CKAN or of
this extension whose Vietnamese translation differs from it. Used by the extension tests and by
the browser tests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import ckan
from ckanext.sonla import catalogues

# %(name)s, %s, %d, {name}, {0}: any text may stand there.
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdifr]|%[sdifr]|\{[^{}]*\}")
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "noscript", "template"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}


@dataclass(frozen=True)
class Leftover:
    text: str
    msgid: str


def _pattern(msgid: str) -> re.Pattern[str] | None:
    parts = PLACEHOLDER.split(msgid)
    if sum(len(re.sub(r"[^A-Za-z]", "", part)) for part in parts) < 3:
        return None  # too little text to tell English from Vietnamese
    regex = ".+?".join(re.escape(re.sub(r"\s+", " ", part)) for part in parts)
    return re.compile(regex)


@cache
def _english_messages(locale: str) -> tuple[dict[str, str], list[tuple[str, re.Pattern[str]]]]:
    """Exact msgids, and patterns for msgids with placeholders, that the locale translates differently."""
    core_po = Path(ckan.__file__).parent / "i18n" / locale / "LC_MESSAGES" / "ckan.po"
    sources = [catalogues.read_catalogue(core_po, locale), catalogues.merged_catalogue(locale)]
    translated = catalogues.translated_ids(sources)
    exact: dict[str, str] = {}
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for source in sources:
        for message in source:
            ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
            for msgid in ids:
                if not msgid or translated.get(msgid) == msgid:
                    continue
                normalised = " ".join(msgid.split())
                if PLACEHOLDER.search(msgid):
                    pattern = _pattern(msgid)
                    if pattern is not None:
                        patterns.append((msgid, pattern))
                elif len(re.sub(r"[^A-Za-z]", "", normalised)) >= 3:
                    exact[normalised] = msgid
    return exact, patterns


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self._skipping.append(tag)
        values = dict(attrs)
        for name in ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [text for text in (" ".join(t.split()) for t in parser.texts) if text]


def leftovers(html: str, locale: str = "vi") -> list[Leftover]:
    """English message ids shown as they are in a page rendered in ``locale``."""
    exact, patterns = _english_messages(locale)
    found: dict[str, Leftover] = {}
    for text in visible_texts(html):
        stripped = text.strip(" :.…»«|-")
        if text in exact:
            found[text] = Leftover(text, exact[text])
            continue
        if stripped in exact:
            found[stripped] = Leftover(text, exact[stripped])
            continue
        for msgid, pattern in patterns:
            if pattern.fullmatch(stripped):
                found[stripped] = Leftover(text, msgid)
                break
    return list(found.values())
