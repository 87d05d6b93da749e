"""Errors that end a command with a clear, translated message instead of a traceback.

Each error carries a message id from :mod:`sonla_publisher.i18n.messages` and its parameters, so the
command line can print it in the language the user chose, and an exit code.
"""

from __future__ import annotations

from typing import Any

from sonla_publisher.i18n.messages import Lang, render

EXIT_OK = 0
EXIT_INVALID = 1  # the data or the catalogue has problems; or the portal refused a write
EXIT_UNREADABLE = 2  # a file or the portal could not be read or reached


class PublisherError(Exception):
    """Base class: a message id, its parameters and the exit code of the command."""

    exit_code = EXIT_INVALID

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params

    def message(self, lang: Lang) -> str:
        return render(self.message_id, lang, self.params)

    def __str__(self) -> str:
        return self.message("en")


class ReadError(PublisherError):
    """The source file cannot be read (missing, empty, wrong format, missing sheet, ...)."""

    exit_code = EXIT_UNREADABLE


class SpecError(PublisherError):
    """A dataset spec or a code list cannot be found or is malformed."""

    exit_code = EXIT_UNREADABLE


class PortalError(PublisherError):
    """The portal refused a request (not authorised, validation error, missing organization)."""

    exit_code = EXIT_INVALID


class PortalUnreachable(PublisherError):
    """The portal could not be reached, timed out, or is not a CKAN API."""

    exit_code = EXIT_UNREADABLE
