"""The DataTables preview's own labels, translated through the portal's catalogue.

CKAN's ``datatables_view`` hands DataTables a language file it ships
(``/datatablesview/i18n/vi.json``): it covers the table's main labels but not the
"Loading..." and "No data available" messages (DataTables then shows "no matching records"
while it loads), the sort labels screen readers read, the "row selected" line of the Select
extension or the copy button's messages. The strings DataTables itself renders are built here
from our ``.po`` files instead, so translators find them with the rest; the ones CKAN's
JavaScript renders come from CKAN's JavaScript catalogue (see translations/README.md).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from babel.numbers import get_decimal_symbol, get_group_symbol
from flask import Blueprint, Response, json

datatables_language = Blueprint("sonla_datatables", __name__)


def language() -> dict[str, Any]:
    """DataTables 1.12 language options (https://datatables.net/reference/option/language) in the current locale."""
    _ = toolkit._
    locale = toolkit.h.lang()
    return {
        "decimal": get_decimal_symbol(locale),
        "thousands": get_group_symbol(locale),
        "emptyTable": _("No data available in table"),
        "info": _("Showing _START_ to _END_ of _TOTAL_ entries"),
        "infoEmpty": _("Showing 0 to 0 of 0 entries"),
        "infoFiltered": _("(filtered from _MAX_ total entries)"),
        "lengthMenu": _("Show _MENU_ entries"),
        "loadingRecords": _("Loading..."),
        "processing": _("Processing..."),
        "search": _("Search:"),
        "zeroRecords": _("No matching records found"),
        # "previous" and "next" are arrows, set by CKAN's script
        "paginate": {"first": _("First"), "last": _("Last")},
        "aria": {"sortAscending": _(": activate to sort column ascending"),
                 "sortDescending": _(": activate to sort column descending")},
        "select": {"rows": {"_": _("%d rows selected"), "0": "", "1": _("1 row selected")}},
        "buttons": {
            "copyTitle": _("Copy to clipboard"),
            "copySuccess": {"_": _("Copied %d rows to clipboard"), "1": _("Copied one row to clipboard")},
            "copyKeys": _("Press ctrl or ⌘ + C to copy the table data to your clipboard. "
                          "To cancel, click this message or press escape."),
            "colvis": _("Column visibility"),
            "colvisRestore": _("Restore visibility"),
            "print": _("Print"),
            "printErrorTitle": _("Unable to open print view"),
            "printErrorMsg": _("Please allow popups in your browser for this site to be able to view the print view."),
        },
    }


def language_file() -> Response:
    response = Response(json.dumps(language(), ensure_ascii=False), mimetype="application/json")
    # Changes only with a new release of the catalogue; the URL carries the locale.
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


datatables_language.add_url_rule("/sonla/datatables-language.json", view_func=language_file,
                                 endpoint="language")


@toolkit.chained_helper
def datatablesview_get_language_file_path(next_helper: Callable[[str], str], lang: str) -> str:
    """Point the preview at our language file, in every language (CKAN's has none for English).

    CKAN passes the page's language, which ``url_for`` already puts in the URL (``/en/…``).
    """
    return toolkit.h.url_for("sonla_datatables.language")


def get_helpers() -> dict[str, Callable[..., Any]]:
    """The chained helper only when ``datatables_view`` is on: CKAN refuses a chain with nothing under it."""
    if plugins.plugin_loaded("datatables_view"):
        return {"datatablesview_get_language_file_path": datatablesview_get_language_file_path}
    return {}
