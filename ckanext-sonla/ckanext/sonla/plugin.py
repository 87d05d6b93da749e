"""The ``sonla`` plugin: Sơn La theme, metadata schema and Vietnamese-first portal.

A table of contents: each interface hands off to the module that does the work.
"""
from __future__ import annotations

import os
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
import click
from ckanext.sonla.compat import DefaultTranslation

from . import (
    actions,
    auth,
    catalogues,
    cli,
    datastore_cli,
    facets,
    feeds,
    helpers,
    patches,
    private_storage,
    validators,
    views,
)
from .cache import install as cache
from .freshness import cli as freshness_cli
from .freshness import source_failures
from .guard import install as guard
from .publish import action as publish_action
from .requests import cli as requests_cli
from .subscriptions import cli as subscriptions_cli
from .usage.cli import usage_summary_command

LICENSES_FILE = os.path.join(os.path.dirname(__file__), "licenses.json")


def _commands() -> list[click.Command]:
    return [cli.sonla_group(freshness_cli.freshness_command, datastore_cli.datastore_text_search_command,
                            usage_summary_command, requests_cli.requests_command,
                            subscriptions_cli.subscriptions_command)]


# What the plugin registers, one way: toolkit.blanket reads each module's ``__all__``, or calls the
# function where what is registered depends on the other plugins enabled (DataStore, activity,
# datatables_view).
@toolkit.blanket.actions(actions.get_actions)
@toolkit.blanket.auth_functions(auth)
@toolkit.blanket.validators(validators)
@toolkit.blanket.helpers(helpers.get_helpers)
@toolkit.blanket.blueprints(views.get_blueprints)
@toolkit.blanket.cli(_commands)
@toolkit.blanket.config_declarations
class SonlaPlugin(plugins.SingletonPlugin, DefaultTranslation):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IConfigurable)
    plugins.implements(plugins.IFacets, inherit=True)
    plugins.implements(plugins.IPackageController, inherit=True)
    plugins.implements(plugins.IMiddleware, inherit=True)
    plugins.implements(plugins.IUploader, inherit=True)
    plugins.implements(plugins.IGroupController, inherit=True)
    plugins.implements(plugins.IOrganizationController, inherit=True)
    # Our strings and the CKAN core overrides of translations/, compiled by catalogues.py.
    plugins.implements(plugins.ITranslation)
    # The Atom feeds in the page's language, with whole page numbers (feeds.py).
    plugins.implements(plugins.IFeed, inherit=True)

    # IConfigurer
    def update_config(self, config: Any) -> None:
        toolkit.add_template_directory(config, "templates")
        toolkit.add_public_directory(config, "public")
        toolkit.add_resource("assets", "sonla")
        # The province's licence list (built from dataset_specs/codelists/licences.csv).
        if not config.get("licenses_group_url"):
            config["licenses_group_url"] = "file://" + LICENSES_FILE
        patches.install("sonla")

    # IConfigurable
    def configure(self, config: Any) -> None:
        catalogues.build_javascript_catalogues()
        guard.install_logging()

    # IMiddleware: request bounds (input checks, rate limits) for every request, API or page.
    def make_middleware(self, app: Any, config: Any) -> Any:
        # The cache after the guard: an answer from the cache is still bounded and rate-limited.
        return cache.install(guard.install(app))

    # IGroupController, IOrganizationController: what anonymous pages show of them changed. (IPackageController
    # calls the same names on dataset writes: an extra bump there is harmless, the index generation covers those.)
    def create(self, entity: Any) -> None:
        cache.bump_generation()

    def edit(self, entity: Any) -> None:
        cache.bump_generation()

    def delete(self, entity: Any) -> None:
        cache.bump_generation()

    # IUploader
    def get_resource_uploader(self, data_dict: dict[str, Any]) -> Any:
        return private_storage.get_resource_uploader(data_dict)

    def get_uploader(self, upload_to: str, old_filename: str | None = None) -> Any:
        return None  # logos and other public images: CKAN's own uploader

    # IFeed
    def get_feed_class(self) -> Any:
        return feeds.SonlaFeed

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
        # Failed live sources: read afresh (never indexed), so that sync knows which to clear from its one search.
        source_failures.annotate(search_results.get("results") or [])
        return facets.label_choices(search_results)
