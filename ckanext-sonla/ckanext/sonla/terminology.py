"""One Vietnamese term per concept: CKAN's vi catalogue says "Tổ chức" and "Nhóm", the portal
"Cơ quan" (an organization: a provincial agency or a commune) and "Lĩnh vực" (a group: a theme).

Rather than copying hundreds of CKAN strings into ``translations/vi/LC_MESSAGES/ckan.po``, the
catalogue build (``catalogues.py``) rewrites every CKAN translation whose English text speaks of an
organization or a group. Entries written by hand in ``translations/`` win over these.
"""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message

# (words in the English msgid, Vietnamese term, portal term); capitalised forms follow the term.
TERMS = [
    (re.compile(r"organi[sz]ation", re.IGNORECASE), "tổ chức", "cơ quan"),
    (re.compile(r"\bgroups?\b", re.IGNORECASE), "nhóm", "lĩnh vực"),
]


def _replace(text: str, term: str, wanted: str) -> str:
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)

    def cased(match: re.Match[str]) -> str:
        found = match.group()
        if found.isupper() and len(found) > 1:
            return wanted.upper()
        return wanted[0].upper() + wanted[1:] if found[0].isupper() else wanted

    return pattern.sub(cased, text)


def portal_terms(text: str, msgid: str) -> str:
    """``text`` (a translation of ``msgid``) with the portal's term for each concept ``msgid`` names."""
    for english, term, wanted in TERMS:
        if english.search(msgid):
            text = _replace(text, term, wanted)
    return text


def core_catalogue_path(locale: str) -> Path:
    import ckan

    return Path(ckan.__file__).parent / "i18n" / locale / "LC_MESSAGES" / "ckan.po"


def rewritten_core_messages(core: Catalog) -> list[Message]:
    """CKAN's messages whose translation changes with the portal's terms."""
    changed = []
    for message in core:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        key = " ".join(ids)
        if isinstance(message.string, (tuple, list)):
            strings: str | tuple[str, ...] = tuple(portal_terms(s, key) for s in message.string)
        else:
            strings = portal_terms(message.string, key)
        if strings != message.string:
            changed.append(Message(message.id, strings, context=message.context))
    return changed
