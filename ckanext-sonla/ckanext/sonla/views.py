"""Pages of the Sơn La portal that CKAN has no view for: terms of use and help."""
from __future__ import annotations

import ckan.plugins.toolkit as toolkit
from flask import Blueprint

sonla_pages = Blueprint("sonla_pages", __name__)


def terms() -> str:
    return toolkit.render("sonla/terms.html")


def help_page() -> str:
    return toolkit.render("sonla/help.html")


sonla_pages.add_url_rule("/terms", view_func=terms, endpoint="terms")
sonla_pages.add_url_rule("/help", view_func=help_page, endpoint="help")


def get_blueprints() -> list[Blueprint]:
    return [sonla_pages]
