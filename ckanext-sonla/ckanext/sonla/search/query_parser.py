"""Parse the Solr/Lucene query syntax that CKAN clients send into a small tree.

Supported: bare words, "quoted phrases", ``field:value``, ``field:"phrase"``,
``field:(a OR b)``, ranges ``field:[a TO b]`` / ``{a TO b}`` with ``*`` for an
open end, ``*:*``, ``field:*``, trailing-``*`` prefixes, ``+``/``-``/``NOT``
prefixes, ``AND``/``OR``/``&&``/``||`` and parentheses. The default operator
is AND, as CKAN configures Solr (``q.op=AND``).

Anything else (local params ``{!…}``, fuzzy ``~``, boosts ``^``) raises
:class:`QuerySyntaxError`, which the backend turns into CKAN's
``SearchQueryError`` (HTTP 400 from the API), never a server error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


class QuerySyntaxError(ValueError):
    """The query uses syntax this backend does not understand."""


class ParseError(QuerySyntaxError):
    """Text Solr's own parser refuses (``--included``): CKAN reports it as a search error, not a 400."""

    def __init__(self, text: str) -> None:
        super().__init__(f"Truy vấn sai cú pháp tại {text!r} / Cannot parse the query at {text!r}")


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class Term:
    field: str | None
    value: str
    phrase: bool = False
    fuzzy: bool = False  # foo~ : the word or its closest indexed words

    @property
    def has_inner_wildcard(self) -> bool:
        """``ba*a``, ``b?a``: a wildcard other than one trailing ``*``."""
        body = self.value[:-1] if self.value.endswith("*") else self.value
        return not self.phrase and ("*" in body or "?" in body)

    @property
    def is_prefix(self) -> bool:
        return not self.phrase and len(self.value) > 1 and self.value.endswith("*")


@dataclass(frozen=True)
class Range:
    field: str
    low: str | None
    high: str | None
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = MatchAll | Term | Range | Not | And | Or

# Deepest nesting of parentheses and NOT/-/+ prefixes: parsing and compiling recurse once per
# level, so a hostile 1,300-deep query would otherwise exhaust Python's stack (a 500).
MAX_DEPTH = 32

_SPECIAL = set('()[]{}":+-!^~\\')
_UNSUPPORTED = {"^": "boost (^)", "~": "fuzzy/proximity (~)", "{!": "local parameters ({!…})"}


@dataclass
class _Token:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, COLON, PLUS, MINUS, AND, OR, NOT, RANGE
    text: str


def _tokenise(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif query.startswith("{!", i):
            raise QuerySyntaxError(_UNSUPPORTED["{!"])
        elif ch in "[{":
            end = query.find("]" if ch == "[" else "}", i)
            alt = max(query.find("]", i), query.find("}", i))
            end = end if end != -1 else alt
            if end == -1:
                raise QuerySyntaxError("unclosed range")
            tokens.append(_Token("RANGE", query[i:end + 1]))
            i = end + 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end == -1:
                raise QuerySyntaxError("unclosed quote")
            tokens.append(_Token("PHRASE", query[i + 1:end]))
            i = end + 1
        elif ch == "(":
            tokens.append(_Token("LPAREN", ch))
            i += 1
        elif ch == ")":
            tokens.append(_Token("RPAREN", ch))
            i += 1
        elif ch == ":":
            tokens.append(_Token("COLON", ch))
            i += 1
        elif ch == "+" and (not tokens or _starts_clause(query, i)):
            if i + 1 < n and query[i + 1] in "+-!":
                raise ParseError(query[i:i + 2])
            tokens.append(_Token("PLUS", ch))
            i += 1
        elif ch in "-!" and _starts_clause(query, i):
            if query[i + 1] in "+-!":
                # "--included": Solr's parser refuses a doubled prefix; read as text, it would
                # negate a word and match nearly everything.
                raise ParseError(query[i:i + 2])
            tokens.append(_Token("MINUS", ch))
            i += 1
        elif query.startswith("&&", i):
            tokens.append(_Token("AND", "&&"))
            i += 2
        elif query.startswith("||", i):
            tokens.append(_Token("OR", "||"))
            i += 2
        elif ch in "^~":
            i = _suffix(query, i, tokens)
        else:
            start = i
            chars: list[str] = []
            while i < n and not query[i].isspace() and query[i] not in '()":[]{}':
                if query[i] == "\\" and i + 1 < n:
                    chars.append(query[i + 1])
                    i += 2
                    continue
                if query[i] in "^~":
                    break  # a boost or fuzzy suffix, read by _suffix
                chars.append(query[i])
                i += 1
            word = "".join(chars)
            if not word:
                raise QuerySyntaxError(f"unexpected character {query[start]!r}")
            upper = word if word in ("AND", "OR", "NOT") else None
            tokens.append(_Token(upper or "WORD", word))
    return tokens


_SUFFIX_NUMBER = re.compile(r"\d+(\.\d+)?|\.\d+")


def _suffix(query: str, i: int, tokens: list[_Token]) -> int:
    """Read Solr's ``^2`` (boost) or ``~``/``~1`` (fuzzy word; proximity after a phrase) after a token.

    A boost is accepted and does not change the ranking. ``word~`` matches the word or its closest
    indexed words; ``"two words"~3`` matches the words anywhere in the dataset (no distance limit).
    """
    ch = query[i]
    previous = tokens[-1] if tokens else None
    if previous is None or previous.kind not in ("WORD", "PHRASE", "FUZZY", "NEAR", "RPAREN"):
        raise QuerySyntaxError(f"{_UNSUPPORTED[ch]} must follow a word")
    number = _SUFFIX_NUMBER.match(query, i + 1)
    if ch == "^" and number is None:
        raise QuerySyntaxError("a boost (^) needs a number, e.g. title:x^2")
    end = number.end() if number else i + 1
    if ch == "~" and previous.kind == "WORD":
        previous.kind = "FUZZY"
    elif ch == "~" and previous.kind == "PHRASE":
        previous.kind = "NEAR"
    return end


def _starts_clause(query: str, i: int) -> bool:
    """A +/-/! is an operator only at the start of a clause, not inside a word."""
    return (i == 0 or query[i - 1].isspace() or query[i - 1] in "(") and i + 1 < len(query) \
        and not query[i + 1].isspace()


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.default_or = False

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse_or(self, field: str | None) -> Node:
        nodes = [self.parse_and(field)]
        while (tok := self.peek()) and (
                tok.kind == "OR" or (self.default_or and tok.kind not in ("AND", "RPAREN"))):
            if tok.kind == "OR":
                self.take()
            nodes.append(self.parse_and(field))
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def parse_and(self, field: str | None) -> Node:
        nodes = [self.parse_unary(field)]
        while (tok := self.peek()) and tok.kind not in ("OR", "RPAREN") and (
                not self.default_or or tok.kind == "AND"):
            if tok.kind == "AND":
                self.take()
            nodes.append(self.parse_unary(field))
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def parse_unary(self, field: str | None) -> Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise QuerySyntaxError(f"nested more than {MAX_DEPTH} levels deep")
            return self._parse_unary(field)
        finally:
            self.depth -= 1

    def _parse_unary(self, field: str | None) -> Node:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError("query ends too early")
        if tok.kind in ("MINUS", "NOT"):
            self.take()
            return Not(self.parse_unary(field))
        if tok.kind == "PLUS":
            self.take()
            return self.parse_unary(field)
        return self.parse_primary(field)

    def parse_primary(self, field: str | None) -> Node:
        tok = self.take()
        if tok.kind == "LPAREN":
            node = self.parse_or(field)
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise QuerySyntaxError("missing )")
            self.take()
            return node
        if tok.kind == "PHRASE":
            return Term(field, tok.text, phrase=True)
        if tok.kind == "NEAR":
            return Term(field, tok.text)
        if tok.kind == "FUZZY":
            return Term(field, tok.text, fuzzy=True)
        if tok.kind == "RANGE":
            if field is None:
                raise QuerySyntaxError("a range needs a field, e.g. metadata_modified:[… TO …]")
            return _parse_range(field, tok.text)
        if tok.kind == "WORD":
            nxt = self.peek()
            if nxt is not None and nxt.kind == "COLON":
                self.take()
                return self.parse_field_value(tok.text)
            if tok.text == "*" and field is None:
                return MatchAll()
            return Term(field, tok.text)
        if tok.kind in ("AND", "OR"):
            # A lone operator word is most likely meant as text.
            return Term(field, tok.text)
        raise QuerySyntaxError(f"unexpected {tok.text!r}")

    def parse_field_value(self, field: str) -> Node:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError(f"no value after {field}:")
        if field == "*" and tok.kind == "WORD" and tok.text == "*":
            self.take()
            return MatchAll()
        if tok.kind in ("LPAREN", "PHRASE", "NEAR", "FUZZY", "RANGE", "WORD", "MINUS", "NOT", "PLUS"):
            return self.parse_unary(field)
        raise QuerySyntaxError(f"unexpected {tok.text!r} after {field}:")


def _parse_range(field: str, text: str) -> Range:
    include_low = text[0] == "["
    include_high = text[-1] == "]"
    body = text[1:-1].strip()
    parts = body.split(" TO ")
    if len(parts) != 2:
        raise QuerySyntaxError("a range is written [low TO high]")
    low, high = (p.strip() for p in parts)
    return Range(field, None if low == "*" else low, None if high == "*" else high,
                 include_low, include_high)


def parse(query: str, default_or: bool = False) -> Node:
    """Parse ``query``; an empty query (or ``*:*``) matches everything.

    ``default_or``: words without an operator between them are OR'd (Solr's ``q.op=OR``).
    """
    query = (query or "").strip()
    if not query or query in ('""', "''"):
        return MatchAll()
    tokens = _tokenise(query)
    if not tokens:
        return MatchAll()
    parser = _Parser(tokens)
    parser.default_or = default_or
    node = parser.parse_or(None)
    extra = parser.peek()
    if extra is not None:
        raise QuerySyntaxError(f"unexpected {extra.text!r}")
    return node
