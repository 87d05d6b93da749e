"""The guard's user-facing messages, in English, translated through the extension's gettext
catalogue (``i18n/*/LC_MESSAGES/ckanext-sonla.po``) into the language of the request: Vietnamese
at ``/api/…`` (the portal's default), English at ``/en/api/…``.
"""
from __future__ import annotations

from ckan.plugins import toolkit


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogues; it is translated when used."""
    return message


MESSAGES: dict[str, str] = {
    "nul_byte": N_("Parameter {name} contains a NUL character (\\x00), which is not accepted"),
    "nul_in_path": N_("The address contains a NUL character (\\x00), which is not accepted"),
    "too_deep": N_("Parameter {name} is nested too deep (at most {limit} levels)"),
    "rate_limited": N_("Too many requests (at most {amount} in {period} seconds); "
                       "please try again in {seconds} seconds"),
    "dump_format": N_("Unknown download format: {value}; use one of: {choices}"),
    "duplicate": N_("A record with this name or id already exists (just created by another request): {detail}"),
    "busy": N_("The server is running other SQL queries; please try again in {seconds} seconds"),
    "not_integer": N_("{name} must be a whole number, not {value}"),
}


def text(message_id: str, **values: object) -> str:
    """The message ``message_id`` in the request's language, with ``values`` filled in."""
    return toolkit._(MESSAGES[message_id]).format(**values)
