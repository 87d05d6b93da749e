"""The ``sonla`` plugin: Sơn La theme, metadata schema and Vietnamese-first portal."""
from __future__ import annotations

import os
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit

LICENSES_FILE = os.path.join(os.path.dirname(__file__), "licenses.json")


@toolkit.blanket.config_declarations
class SonlaPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)

    # IConfigurer
    def update_config(self, config: Any) -> None:
        toolkit.add_template_directory(config, "templates")
        toolkit.add_public_directory(config, "public")
        # The province's licence list (built from dataset_specs/codelists/licences.csv).
        if not config.get("licenses_group_url"):
            config["licenses_group_url"] = "file://" + LICENSES_FILE
