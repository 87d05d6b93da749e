"""The ``sonla`` plugin: Sơn La theme, metadata schema and Vietnamese-first portal.

A table of contents: each interface hands off to the module that does the work.
"""
from __future__ import annotations

import os
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import DefaultTranslation

from . import (
    actions,
    auth,
    catalogues,
    cli,
    datastore_cli,
    datatables_language,
    dump_safety,
    facets,
    freshness_cli,
    helpers,
    private_storage,
    tracking_views,
    validators,
    views,
    werkzeug_multipart,
)
from .guard import install as guard
from .publish import action as publish_action

LICENSES_FILE = os.path.join(os.path.dirname(__file__), "licenses.json")


@toolkit.blanket.config_declarations
class SonlaPlugin(plugins.SingletonPlugin, DefaultTranslation):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IConfigurable)
    plugins.implements(plugins.ITemplateHelpers)
    plugins.implements(plugins.IValidators)
    plugins.implements(plugins.IBlueprint)
    plugins.implements(plugins.IFacets, inherit=True)
    plugins.implements(plugins.IPackageController, inherit=True)
    plugins.implements(plugins.IActions)
    plugins.implements(plugins.IAuthFunctions)
    plugins.implements(plugins.IClick)
    plugins.implements(plugins.IMiddleware, inherit=True)
    plugins.implements(plugins.IUploader, inherit=True)
    # Our strings and the CKAN core overrides of translations/, compiled by catalogues.py.
    plugins.implements(plugins.ITranslation)

    # IConfigurer
    def update_config(self, config: Any) -> None:
        toolkit.add_template_directory(config, "templates")
        toolkit.add_public_directory(config, "public")
        toolkit.add_resource("assets", "sonla")
        # The province's licence list (built from dataset_specs/codelists/licences.csv).
        if not config.get("licenses_group_url"):
            config["licenses_group_url"] = "file://" + LICENSES_FILE
        tracking_views.install()
        werkzeug_multipart.install()
        dump_safety.install()

    # IConfigurable
    def configure(self, config: Any) -> None:
        catalogues.build_javascript_catalogues()
        guard.install_logging()

    # IMiddleware: request bounds (input checks, rate limits) for every request, API or page.
    def make_middleware(self, app: Any, config: Any) -> Any:
        return guard.install(app)

    # ITemplateHelpers
    def get_helpers(self) -> dict[str, Any]:
        return {**helpers.get_helpers(), **datatables_language.get_helpers()}

    # IValidators
    def get_validators(self) -> dict[str, Any]:
        return validators.get_validators()

    # IActions
    def get_actions(self) -> dict[str, Any]:
        return actions.get_actions()

    # IAuthFunctions
    def get_auth_functions(self) -> dict[str, Any]:
        return auth.get_auth_functions()

    # IUploader
    def get_resource_uploader(self, data_dict: dict[str, Any]) -> Any:
        return private_storage.get_resource_uploader(data_dict)

    def get_uploader(self, upload_to: str, old_filename: str | None = None) -> Any:
        return None  # logos and other public images: CKAN's own uploader

    # IClick
    def get_commands(self) -> list[Any]:
        return [cli.sonla_group(freshness_cli.freshness, datastore_cli.datastore_text_search_command)]

    # IBlueprint
    def get_blueprint(self) -> list[Any]:
        return [*views.get_blueprints(), datatables_language.datatables_language]

    # IFacets
    def dataset_facets(self, facets_dict: Any, package_type: str) -> Any:
        return facets.with_freshness(facets.retitle(facets_dict))

    def organization_facets(self, facets_dict: Any, organization_type: str, package_type: str | None) -> Any:
        return facets.with_freshness(facets.retitle(facets_dict))

    def group_facets(self, facets_dict: Any, group_type: str, package_type: str | None) -> Any:
        return facets.retitle(facets_dict)

    # IPackageController
    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        publish_action.index_early(context, pkg_dict)

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        return facets.label_choices(search_results)
