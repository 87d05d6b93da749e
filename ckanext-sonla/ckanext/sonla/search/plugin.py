"""The ``sonla_search`` plugin: CKAN dataset search on PostgreSQL, without Solr."""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
import click

from .. import cli, patches
from ..patches import search_backend
from . import commands


def _commands() -> list[click.Command]:
    return [cli.sonla_group(commands.search_index)]


@toolkit.blanket.cli(_commands)
@toolkit.blanket.config_declarations
class SonlaSearchPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)

    # IConfigurer: runs before CKAN validates its config and checks Solr at start-up.
    def update_config(self, config: Any) -> None:
        patches.install("sonla_search")
        # CKAN declares solr_url as required; nothing reads it while this plugin is on.
        if not config.get("solr_url"):
            config["solr_url"] = search_backend.NO_SOLR_URL
