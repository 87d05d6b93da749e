"""The page an e-mailed link opens (confirm, unsubscribe).

Such a link never acts on a GET: mail scanners and link previews open links before people do. The
link opens a page that posts back to it (by itself when the browser runs scripts and ``auto`` is set,
else with a button); the POST acts.
"""
from __future__ import annotations

from collections.abc import Callable

import ckan.plugins.toolkit as toolkit
from flask import request

from ..form_pages import errors


def check_link(parse: Callable[[str], object], token: str) -> None:
    """A 400 with the reason in the visitor's language if ``parse`` refuses the link's token."""
    try:
        parse(token)
    except toolkit.ValidationError as error:
        toolkit.abort(400, "; ".join(m for messages in errors(error).values() for m in messages))


def link_page(heading: str, text: str, button: str, *, auto: bool = False) -> str:
    """The page an e-mailed link opens: what pressing the button does, and the button (a POST to the link)."""
    return toolkit.render("sonla/public_forms/link_action.html", {
        "heading": heading, "text": text, "button": button, "action": request.path, "auto": auto})
