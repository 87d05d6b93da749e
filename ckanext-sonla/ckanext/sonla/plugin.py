"""The ``sonla`` plugin: Sơn La theme, metadata schema and Vietnamese-first portal."""
from __future__ import annotations

from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit


@toolkit.blanket.config_declarations
class SonlaPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)

    # IConfigurer
    def update_config(self, config: Any) -> None:
        toolkit.add_template_directory(config, "templates")
        toolkit.add_public_directory(config, "public")
