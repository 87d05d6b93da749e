"""Which URLs the portal stores and shows as links: http(s) and ftp only.

A resource URL ends up in ``href`` attributes; ``javascript:``, ``data:`` or ``vbscript:`` there
would run in the reader's browser. Browsers ignore tabs, new lines and leading control
characters and spaces in a URL, and the scheme's letter case, so ``" java\\tscript:"`` is
``javascript:`` to them: the scheme is read the same way here.
"""
from __future__ import annotations

import html
import re
from typing import Any

SAFE_SCHEMES = frozenset({"http", "https", "ftp"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Every C0 control character and space, DEL, and the Unicode spaces a browser may also drop.
_IGNORED = re.compile(r"[\x00-\x20\x7f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see in ``url`` (lower case), or None for a relative URL."""
    # Entities (``javascript&#58;``) count as their characters: text may be unescaped on its way.
    text = _IGNORED.sub("", html.unescape(url))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def is_safe_link(url: Any) -> bool:
    """True when ``url`` may be an ``href``: a string with an http, https or ftp scheme."""
    return isinstance(url, str) and bool(url.strip()) and scheme_of(url) in SAFE_SCHEMES


def link_or_none(url: Any) -> str | None:
    """``url`` if it may be shown as a link, else None (templates then show it as text)."""
    return url if is_safe_link(url) else None
