"""The descriptions sonla-publish writes for its own files, in the page's language.

The publisher gives each file it publishes one fixed description holding both languages,
"Vietnamese. / English." (``sonla_publisher.resource_names``), since CKAN keeps one description per
resource. A page shows the half in its own language. Any other description, written by an agency or an
editor, is shown as written.
"""
from __future__ import annotations

from sonla_publisher.resource_names import GENERATED_DESCRIPTIONS

SEPARATOR = " / "


def in_language(text: str, lang: str) -> str:
    """``text``'s half in ``lang`` ("en": the English half, else the Vietnamese) if the publisher wrote it."""
    if text not in GENERATED_DESCRIPTIONS or text.count(SEPARATOR) != 1:
        return text
    vietnamese, english = text.split(SEPARATOR)
    return english if lang == "en" else vietnamese
