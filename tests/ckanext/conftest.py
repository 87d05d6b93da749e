"""Fixtures for the extension tests (run with `pytest --ckan-ini=test.ini`)."""
from __future__ import annotations

import ckan.model as model
import pytest
import sqlalchemy as sa
from ckan.common import config

# Plugins whose tables come from their own migrations, which CKAN's reset does not replay.
PLUGINS_WITH_MIGRATIONS = ("activity", "sonla", "sonla_search", "tracking")


@pytest.fixture
def clean_db(reset_db, migrate_db_for, with_plugins):
    """CKAN's clean_db, plus the tables of enabled plugins that have migrations.

    The first reset of a session drops every table, later ones only delete core
    rows: migrating (a no-op when up to date) and emptying our index covers both.
    Asks for with_plugins so the plugins are loaded before their migrations run.
    """
    reset_db()
    enabled = config.get("ckan.plugins") or []
    for plugin in PLUGINS_WITH_MIGRATIONS:
        if plugin in enabled:
            migrate_db_for(plugin)
    from ckanext.sonla.search.table import search_index, search_words

    if sa.inspect(model.Session.connection()).has_table(search_index.name):
        model.Session.execute(sa.delete(search_index))
        model.Session.execute(sa.delete(search_words))
    from ckanext.sonla.requests.tables import comment, request

    if sa.inspect(model.Session.connection()).has_table(request.name):
        model.Session.execute(sa.delete(comment))
        model.Session.execute(sa.delete(request))
    from ckanext.sonla.showcases.tables import showcase, showcase_dataset

    if sa.inspect(model.Session.connection()).has_table(showcase.name):
        model.Session.execute(sa.delete(showcase_dataset))
        model.Session.execute(sa.delete(showcase))
    from ckanext.sonla.subscriptions.tables import subscription, subscription_retry

    if sa.inspect(model.Session.connection()).has_table(subscription_retry.name):
        model.Session.execute(sa.delete(subscription_retry))
        model.Session.execute(sa.delete(subscription))
    model.Session.commit()
