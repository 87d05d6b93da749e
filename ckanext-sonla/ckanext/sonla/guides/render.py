"""Markdown guides of docs/ as HTML for the portal's pages, sanitised.

The guides are the project's own files (``docs/citizens.md`` …), but they are rendered as
untrusted text anyway: the HTML goes through nh3 (an allow-list sanitiser), whose attribute
filter also rewrites the links between guides and the screenshot paths to the portal's URLs.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import nh3

# The docs/ of a source checkout (as translations/ in catalogues.py): a wheel does not carry it.
DOCS_DIR = Path(__file__).resolve().parents[4] / "docs"
SCREENSHOT = re.compile(r"^screenshots/([a-z0-9-]+\.png)$")
# mkdocs' `{ width="240" }` image attributes and `{#dates}` heading ids need attr_list.
EXTENSIONS = ["attr_list", "tables", "fenced_code", "toc", "sane_lists"]
TAGS = {"a", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "img", "br", "hr", "dl", "dt", "dd"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width"}, "h2": {"id"}, "h3": {"id"},
              "h4": {"id"}, "th": {"align"}, "td": {"align"}}


@dataclass(frozen=True)
class Guide:
    slug: str  # the page's address under /huong-dan/
    stem: str  # docs/<stem>.md (Vietnamese) and docs/<stem>.en.md (English)


GUIDES = (Guide("nguoi-dan", "citizens"), Guide("co-quan", "agencies"), Guide("lap-trinh-vien", "developers"))
BY_SLUG = {guide.slug: guide for guide in GUIDES}
BY_STEM = {guide.stem: guide for guide in GUIDES}


def source(guide: Guide, language: str, docs_dir: Path = DOCS_DIR) -> Path:
    english = docs_dir / f"{guide.stem}.en.md"
    return english if language == "en" and english.exists() else docs_dir / f"{guide.stem}.md"


def _link_filter(guide_url: Callable[[str], str], screenshot_url: Callable[[str], str]
                 ) -> Callable[[str, str, str], str | None]:
    def rewrite(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            found = SCREENSHOT.match(value)
            return screenshot_url(found.group(1)) if found else None
        if element == "a" and attribute == "href":
            target, _, anchor = value.partition("#")
            stem = re.sub(r"(\.en)?\.md$", "", target) if target.endswith(".md") else None
            if stem is not None:
                guide = BY_STEM.get(Path(stem).name)
                # Another doc of the repository that the portal does not serve: no dead link.
                return guide_url(guide.slug) + (f"#{anchor}" if anchor else "") if guide else None
        return value
    return rewrite


@functools.lru_cache(maxsize=16)
def _html(path: Path, mtime: float) -> str:
    text = path.read_text(encoding="utf-8")
    # The first heading is the page's title (title()), shown by the page template: not twice.
    text = re.sub(r"\A\s*# [^\n]*\n", "", text)
    return markdown.markdown(text, extensions=EXTENSIONS, output_format="html")


def render(path: Path, guide_url: Callable[[str], str], screenshot_url: Callable[[str], str]) -> str:
    """The guide at ``path`` as safe HTML, with guide links and screenshots pointing into the portal."""
    raw = _html(path, path.stat().st_mtime)
    return nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     attribute_filter=_link_filter(guide_url, screenshot_url), link_rel="noopener")


def title(path: Path) -> str:
    """The guide's first heading (its page title)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem
