"""Babel extraction method for the message tables (``publisher/babel.cfg``).

The publisher's messages are module-level dicts named ``…MESSAGES``: message id -> English source
text. Each entry becomes one catalogue entry with the id as ``msgctxt`` and the English text as
``msgid``, so translators see the English next to a stable id, and two ids with the same English
(e.g. "Unchanged") keep their own translations. Only the standard library is used: this module
ships with the publisher, Babel does not.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def message_tables(tree: ast.Module) -> Iterator[tuple[str, ast.Dict]]:
    """(name, dict literal) of every module-level ``NAME = {...}`` whose name ends in MESSAGES."""
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if (isinstance(target, ast.Name) and target.id.endswith("MESSAGES")
                and isinstance(value, ast.Dict)):
            yield target.id, value


def comment_lines(source: str) -> dict[int, str]:
    """line number -> text of the lines that hold only a comment."""
    return {
        token.start[0]: token.string.lstrip("#").strip(" -")
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and not token.line[: token.start[1]].strip()
    }


def comments_above(comments: Mapping[int, str], line: int) -> list[str]:
    """The comment lines right above an entry (a section title), for the translators."""
    above: list[str] = []
    while line - 1 - len(above) in comments:
        above.insert(0, comments[line - 1 - len(above)])
    return above


def extract_messages(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Yield ``(line, "pgettext", (message id, English text), comments)`` for Babel."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    comments = comment_lines(source)
    tree = ast.parse(source)
    for name, table in message_tables(tree):
        for key, value in zip(table.keys, table.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)
                    and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                # A computed entry would silently miss the catalogues.
                raise ValueError(f"{name}, line {value.lineno}: entries must be string literals")
            above = comments_above(comments, key.lineno)
            yield key.lineno, "pgettext", (key.value, value.value), above
