"""/huong-dan/<guide>: the citizens', agencies' and developers' guides, and their screenshots."""
from __future__ import annotations

import ckan.plugins.toolkit as toolkit
from flask import Blueprint, Response, send_from_directory
from markupsafe import Markup

from . import render

sonla_guides = Blueprint("sonla_guides", __name__)


def _guide_url(slug: str) -> str:
    return str(toolkit.url_for("sonla_guides.guide", slug=slug))


def _screenshot_url(name: str) -> str:
    return str(toolkit.url_for("sonla_guides.screenshot", name=name))


def guide(slug: str) -> str:
    found = render.BY_SLUG.get(slug)
    path = render.source(found, toolkit.h.lang()) if found else None
    if found is None or path is None or not path.exists():
        toolkit.abort(404, toolkit._("No such guide"))
    assert path is not None
    return toolkit.render("sonla/guide.html", {
        "guide_title": render.title(path), "guides": render.GUIDES,
        "guide_html": Markup(render.render(path, _guide_url, _screenshot_url)),  # nh3-sanitised
    })


def screenshot(name: str) -> Response:
    if not render.SCREENSHOT.match(f"screenshots/{name}"):
        toolkit.abort(404)
    folder = render.DOCS_DIR / "screenshots"
    if not (folder / name).is_file():
        toolkit.abort(404)
    return send_from_directory(folder, name, max_age=3600)


sonla_guides.add_url_rule("/huong-dan/<slug>", view_func=guide, endpoint="guide")
sonla_guides.add_url_rule("/huong-dan/screenshots/<name>", view_func=screenshot, endpoint="screenshot")
