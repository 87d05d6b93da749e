"""The ``sonla_search`` plugin: CKAN dataset search on PostgreSQL, without Solr."""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
import click
from flask import has_request_context

from .. import cli, patches
from ..patches import search_backend
from . import commands, correction, plain_words, ranking_budget


def _commands() -> list[click.Command]:
    return [cli.sonla_group(commands.search_index)]


@toolkit.blanket.cli(_commands)
@toolkit.blanket.config_declarations
class SonlaSearchPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IPackageController, inherit=True)

    # IConfigurer: runs before CKAN validates its config and checks Solr at start-up.
    def update_config(self, config: Any) -> None:
        patches.install("sonla_search")
        # CKAN declares solr_url as required; nothing reads it while this plugin is on.
        if not config.get("solr_url"):
            config["solr_url"] = search_backend.NO_SOLR_URL

    # IPackageController: on a web page, syntax the parser refuses is searched as plain words (plain_words.py).
    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        q = search_params.get("q")
        if isinstance(q, str) and has_request_context() and toolkit.request.blueprint != "api":
            instead = plain_words.for_page(q)
            if instead is not None:
                search_params["q"] = instead
                toolkit.g.sonla_query_as_words = q
        return search_params

    # IPackageController: a typo correction is part of the answer, never silent.
    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        corrected = correction.take()
        if corrected is not None:
            search_results[correction.RESULT_KEY] = corrected
            if has_request_context():
                # For the search page's "Kết quả cho «…»" (templates/sonla/snippets/search_notices.html).
                toolkit.g.sonla_corrected_query = corrected
        # Relevance computed for the newest matches only (ranking_budget.py): said, never silent.
        ranked = ranking_budget.take()
        if ranked is not None:
            search_results[ranking_budget.RESULT_KEY] = ranked
            if has_request_context():
                toolkit.g.sonla_ranked_among = ranked
        return search_results
