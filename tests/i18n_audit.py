"""Find English leftovers, clumsy terms and foreign date formats in a page rendered in Vietnamese.

A leftover is a piece of visible text (a text node, or a ``placeholder``/``title``/``aria-label``/
``alt`` attribute, or a button label) that is

* exactly one of the English message ids of CKAN, of werkzeug's HTTP errors or of this extension
  whose Vietnamese translation differs from it; or
* English words only: two or more ASCII words, each a word of CKAN's English messages ("New
  Package", "updated the", "[Open Data]") -- text CKAN builds without a message id; or
* a known wrong translation or the second term of a concept (``WRONG_TERMS``).

``foreign_dates`` finds dates and numbers not written the portal's one way (``format.py``).
Used by the extension tests and by the browser tests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import ckan
import werkzeug.exceptions
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
    # werkzeug's own titles and texts of HTTP errors ("404 Not Found", "The requested URL was not found…")
    for error_class in werkzeug.exceptions.default_exceptions.values():
        error = error_class()
        for text in (error.name, error.description or "", f"{error.code} {error.name}"):
            exact[" ".join(text.split())] = text
    return exact, patterns


# A word of English: what CKAN's English messages are made of (so "Jessica Jones" or "CKAN" is not).
_WORD = re.compile(r"[A-Za-z]+")
_NOT_VOCABULARY = {"ckan", "api", "csv", "json", "xlsx", "rdf", "url", "html", "xml", "id", "ok", "email", "e",
                   "mail"}


@cache
def _english_vocabulary() -> frozenset[str]:
    exact, patterns = _english_messages("vi")
    texts = [*exact, *(msgid for msgid, _pattern in patterns)]
    words = {w.lower() for text in texts for w in _WORD.findall(PLACEHOLDER.sub(" ", text))}
    return frozenset(w for w in words if len(w) > 1 and w not in _NOT_VOCABULARY)


def english_phrase(text: str) -> bool:
    """Two or more ASCII words, at least two and two thirds of them words of CKAN's English messages
    ("list of downloadable formats"): English that no msgid covers. A single word is English only
    when it is one of CKAN's untranslated values (``ENGLISH_VALUES``)."""
    if re.search(r"[^\x00-\x7f]", text):
        return False
    if len(text.split()) == 1:  # one word, or a name, an e-mail address, a URL
        return text.strip(" :.").lower() in ENGLISH_VALUES
    words = _WORD.findall(text)
    known = sum(w.lower() in _english_vocabulary() for w in words)
    return known >= 2 and 3 * known >= 2 * len(words)


# States CKAN shows as they are stored ("Tình trạng: active"), and PostgreSQL's column types
# ("text / int8 / numeric" in the data dictionary).
ENGLISH_VALUES = {"active", "pending", "deleted", "draft", "text", "int4", "int8", "numeric", "float8", "timestamp",
                  "bool", "date", "_id"}


# CKAN's vi catalogue's wrong or clumsy words, and the second term of a concept the portal names once:
# an organization is a "Cơ quan", a group a "Lĩnh vực" (docs/translations.md, "Thuật ngữ").
# Data may say "nhóm trẻ" or "ngày tổ chức": only CKAN's own labels are checked (whole texts).
WRONG_TERMS = {
    "Miền": "Field is 'Trường'",
    "Đã được gắn": "Embed is 'Nhúng'",
    "số tổ chức tìm thấy": "'98 số tổ chức tìm thấy' is not Vietnamese",
    "Sắp xếp thành": "Order by is 'Sắp xếp theo'",
    "Chào đón": "Welcome is 'Chào mừng'",
    "tổ chức": "an organization is a 'cơ quan'",
    "nhóm": "a group is a 'lĩnh vực'",
}
_CONCEPTS = re.compile(r"(?<!\w)(tổ chức|nhóm)(?!\w)", re.IGNORECASE)


@cache
def _ckan_labels_with_other_terms() -> frozenset[str]:
    """CKAN's own Vietnamese texts that say "Tổ chức" or "Nhóm" (placeholders cut out)."""
    core = catalogues.read_catalogue(
        Path(ckan.__file__).parent / "i18n" / "vi" / "LC_MESSAGES" / "ckan.po", "vi")
    found = set()
    for message in core:
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for string in strings:
            if string and _CONCEPTS.search(string) and not PLACEHOLDER.search(string):
                found.add(" ".join(string.split()).strip(" :.…»«|-"))
    return frozenset(found)


def wrong_term(text: str) -> str | None:
    stripped = text.strip(" :.…»«|-")
    for term in ("Miền", "Đã được gắn", "Sắp xếp thành", "Chào đón"):
        if stripped == term:
            return term
    if "số tổ chức tìm thấy" in text:
        return "số tổ chức tìm thấy"
    if stripped in _ckan_labels_with_other_terms():
        match = _CONCEPTS.search(stripped)
        return match.group(1).lower() if match else None
    return None


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._skipping:
            if tag not in VOID_ELEMENTS:
                self._skipping.append(tag)
            return
        # Text marked as another language (``lang="en"``: an agency's official English name) is meant
        # to be in that language there; a screen reader reads it so.
        language = values.get("lang") or ""
        if tag in SKIPPED_ELEMENTS or (language and not language.startswith("vi") and tag not in VOID_ELEMENTS):
            self._skipping.append(tag)
            return
        for name in ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:  # also closes elements left open inside (a <p> without </p>)
            while self._skipping.pop() != tag:
                pass

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
        else:
            if locale == "vi" and english_phrase(stripped):
                found[stripped] = Leftover(text, "(English words)")
            elif locale == "vi" and (term := wrong_term(text)):
                found[text] = Leftover(text, f"(wrong term: {WRONG_TERMS[term]})")
    return list(found.values())


# Dates and numbers written otherwise than dd/mm/yyyy, HH:MM dd/mm/yyyy and 1.234.567 / 38,89:
# ISO dates, month names (CKAN's Babel "6 tháng 12, 2026", "tháng 12 6, 2026"), English month names,
# time zone offsets, and numbers with a comma thousands separator.
FOREIGN_DATES = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\btháng \d{1,2}\b"
    r"|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\(\+\d{4}\)"
    r"|\b\d{1,3}(,\d{3})+\b")


def foreign_dates(html: str) -> list[str]:
    """Visible texts of a Vietnamese page with a date or number not written the portal's way."""
    return [text for text in visible_texts(html) if FOREIGN_DATES.search(text)]
