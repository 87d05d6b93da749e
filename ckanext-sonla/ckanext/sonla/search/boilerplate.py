"""Text the publisher writes by itself into every dataset: left out of the indexed words.

"Dữ liệu đã làm sạch … dòng đầu là tên trường" is in the description of every published CSV, so
"trường" matched every dataset. Such text says nothing about what a dataset holds. The templates come
from the one place sonla-publish takes them from (``sonla_publisher.resource_names``), so the two cannot
drift: a text the publisher starts writing is dropped here as soon as it is added there. Text an agency
or an editor writes (a resource named in the spec, an edited description) is never dropped, whatever it
says: only a whole value equal to a template is.
"""
from __future__ import annotations

import re
import unicodedata

from sonla_publisher.resource_names import GENERATED_DESCRIPTIONS, GENERATED_NAMES

_PLACEHOLDER = re.compile(r"\\\{[A-Za-z_]+\\\}")  # "{format}" once re.escape()d


def _normal(value: str) -> str:
    """NFC, single spaces: a value CKAN stored back is compared as the publisher wrote it."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def _template(template: str) -> re.Pattern[str]:
    return re.compile(_PLACEHOLDER.sub(r"\\S+", re.escape(_normal(template))))


_TEMPLATES: dict[str, tuple[re.Pattern[str], ...]] = {
    "res_description": tuple(_template(t) for t in GENERATED_DESCRIPTIONS),
    "res_name": tuple(_template(t) for t in GENERATED_NAMES),
}


def is_generated(field: str, value: str) -> bool:
    """Whether ``value`` of index field ``field`` is one of the publisher's own texts."""
    templates = _TEMPLATES.get(field, ())
    if not templates:
        return False
    normal = _normal(value)
    return any(template.fullmatch(normal) for template in templates)
