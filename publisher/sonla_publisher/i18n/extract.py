"""Babel extraction method for the message tables (``publisher/babel.cfg``).

The publisher's messages are module-level dicts named ``…MESSAGES``: message id -> English source
text. Each entry becomes one catalogue entry with the id as ``msgctxt`` and the English text as
``msgid``, so translators see the English next to a stable id, and two ids with the same English
(e.g. "Unchanged") keep their own translations. Only the standard library is used: this module
ships with the publisher, Babel does not.
"""

from __future__ import annotations

import ast
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


def extract_messages(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Yield ``(line, "pgettext", (message id, English text), comments)`` for Babel."""
    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for name, table in message_tables(tree):
        for key, value in zip(table.keys, table.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)
                    and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                # A computed entry would silently miss the catalogues.
                raise ValueError(f"{name}, line {value.lineno}: entries must be string literals")
            yield key.lineno, "pgettext", (key.value, value.value), []
