"""What the plugins register with CKAN: the names stay the same whatever the registration style.

The lists were taken from the plugins before registration moved to ``toolkit.blanket``
(issue 17); a change of style must not add, drop or rename anything.
"""
from __future__ import annotations

import ckan.plugins as plugins
import pytest

ALL_PLUGINS = ("sonla_search sonla scheming_datasets scheming_organizations dcat activity datastore datatables_view"
               " tracking")
FEW_PLUGINS = "sonla_search sonla scheming_datasets"

# Registered whatever else is enabled.
BASE_ACTIONS = [
    "format_autocomplete", "group_create", "member_list", "organization_create", "package_create",
    "package_relationships_list", "package_search", "sonla_dataset_set_themes", "sonla_dataset_source_status",
    "sonla_dataset_spec_save", "sonla_freshness_list", "sonla_request_comment", "sonla_request_confirm",
    "sonla_request_create", "sonla_request_list", "sonla_request_show", "sonla_request_update",
    "sonla_showcase_approve", "sonla_showcase_create", "sonla_showcase_delete", "sonla_showcase_list",
    "sonla_showcase_show", "sonla_showcase_update",
    "sonla_subscription_confirm", "sonla_subscription_create", "sonla_subscription_unsubscribe",
    "tag_autocomplete", "tag_list",
    "tag_search", "tag_show", "user_create",
]
# Registered only with the activity plugin (visibility) or the datastore plugin (chained DataStore actions).
ACTIVITY_ACTIONS = [
    "activity_data_show", "activity_diff", "activity_show", "dashboard_activity_list", "group_activity_list",
    "organization_activity_list", "package_activity_list", "recently_changed_packages_activity_list",
    "user_activity_list",
]
DATASTORE_ACTIONS = ["datastore_create", "datastore_search", "datastore_search_sql", "sonla_dataset_publish"]
AUTH_FUNCTIONS = ["sonla_agency_publish", "sonla_dataset_publish", "sonla_dataset_set_themes",
                  "sonla_dataset_source_status", "sonla_dataset_spec_save", "sonla_freshness_list",
                  "sonla_request_comment", "sonla_request_confirm", "sonla_request_create", "sonla_request_list",
                  "sonla_request_show", "sonla_request_update", "sonla_showcase_approve", "sonla_showcase_create",
                  "sonla_showcase_delete", "sonla_showcase_list", "sonla_showcase_show", "sonla_showcase_update",
                  "sonla_subscription_confirm", "sonla_subscription_create", "sonla_subscription_unsubscribe"]
VALIDATORS = ["sonla_organization_code", "sonla_required", "sonla_safe_url", "sonla_temporal_coverage_order"]
BASE_HELPERS = [
    "get_translated", "is_url", "render_datetime", "sonla_agency_freshness", "sonla_agency_publishing",
    "sonla_api_snippets", "sonla_column_type", "sonla_contact_email", "sonla_counts", "sonla_data_dictionary",
    "sonla_dataset_date", "sonla_dataset_dates", "sonla_dataset_showcases", "sonla_dataset_title",
    "sonla_datastore_resource",
    "sonla_dictionary_resource", "sonla_downloads", "sonla_error_page", "sonla_facet_label_function",
    "sonla_format_date", "sonla_freshness", "sonla_language_links", "sonla_link_url", "sonla_most_viewed_datasets",
    "sonla_number", "sonla_open_problem_reports", "sonla_operator_name", "sonla_organization_description",
    "sonla_organization_details", "sonla_pager_symbols", "sonla_percent", "sonla_quality", "sonla_recent_datasets",
    "sonla_relabel", "sonla_request_counts", "sonla_request_response_days", "sonla_request_status_label",
    "sonla_resource_description", "sonla_resource_for_display", "sonla_row_number_column", "sonla_showcase_kind_label",
    "sonla_spatial_coverage_choices", "sonla_spatial_coverage_display", "sonla_subscribe_form", "sonla_themes",
]
DATATABLES_HELPERS = ["datatablesview_get_language_file_path"]  # only with datatables_view
BLUEPRINTS = ["sonla_agency", "sonla_datatables", "sonla_def", "sonla_findability", "sonla_guides", "sonla_pages",
              "sonla_requests", "sonla_showcases", "sonla_subscriptions"]
DATATABLES_BLUEPRINTS = ["sonla_table_preview"]  # only with datatables_view, whose URLs it answers
TRACKING_BLUEPRINTS = ["sonla_usage", "sonla_usage_beacon"]  # only with tracking, whose tables hold the figures
# Both plugins hand CKAN the one ``ckan sonla`` group, each adding its own commands to it.
SONLA_GROUP = ["sonla", "datastore-text-search", "freshness", "requests", "search-index", "subscriptions",
               "usage-summary"]


def _registered() -> dict[str, list[str]]:
    sonla = plugins.get_plugin("sonla")
    group, = sonla.get_commands()
    search_group, = plugins.get_plugin("sonla_search").get_commands()
    return {
        "actions": sorted(sonla.get_actions()),
        "auth": sorted(sonla.get_auth_functions()),
        "validators": sorted(sonla.get_validators()),
        "helpers": sorted(sonla.get_helpers()),
        "blueprints": sorted(blueprint.name for blueprint in sonla.get_blueprint()),
        "commands": [group.name, *sorted(group.commands)],
        "search_commands": [search_group.name, *sorted(search_group.commands)],
    }


@pytest.mark.ckan_config("ckan.plugins", ALL_PLUGINS)
@pytest.mark.usefixtures("with_plugins")
def test_with_every_portal_plugin() -> None:
    assert _registered() == {
        "actions": sorted(BASE_ACTIONS + ACTIVITY_ACTIONS + DATASTORE_ACTIONS),
        "auth": AUTH_FUNCTIONS,
        "validators": VALIDATORS,
        "helpers": sorted(BASE_HELPERS + DATATABLES_HELPERS),
        "blueprints": sorted(BLUEPRINTS + DATATABLES_BLUEPRINTS + TRACKING_BLUEPRINTS),
        "commands": SONLA_GROUP,
        "search_commands": SONLA_GROUP,
    }


@pytest.mark.ckan_config("ckan.plugins", FEW_PLUGINS)
@pytest.mark.usefixtures("with_plugins")
def test_without_the_optional_plugins() -> None:
    assert _registered() == {
        "actions": BASE_ACTIONS,
        "auth": AUTH_FUNCTIONS,
        "validators": VALIDATORS,
        "helpers": BASE_HELPERS,
        "blueprints": BLUEPRINTS,
        "commands": SONLA_GROUP,
        "search_commands": SONLA_GROUP,
    }
