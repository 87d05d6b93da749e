"""The ``sonla_search`` plugin: CKAN dataset search on PostgreSQL, without Solr."""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit

from .. import cli
from . import backend, commands


@toolkit.blanket.config_declarations
class SonlaSearchPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IClick)

    # IConfigurer: runs before CKAN validates its config and checks Solr at start-up.
    def update_config(self, config: Any) -> None:
        backend.install()
        # CKAN declares solr_url as required; nothing reads it while this plugin is on.
        if not config.get("solr_url"):
            config["solr_url"] = backend.NO_SOLR_URL

    # IClick
    def get_commands(self) -> list[Any]:
        return [cli.sonla_group(commands.search_index)]
