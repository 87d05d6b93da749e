"""The DataStore's full-text search finds Vietnamese words (real CKAN, PostgreSQL, DataStore).

CKAN's trigger builds ``_full_text`` with the database's default text-search configuration and
``datastore_search`` queries it with ``ckan.datastore.default_fts_lang``; sonla-stack's bootstrap
makes them the same (``sonla_vi``: ``simple`` after ``unaccent``). With PostgreSQL's default,
English, "an", "do", "no" and "to" are dropped as stop words and "an toàn" finds nothing; with plain
``simple``, "chieng" (as most people type on a phone) does not find "Chiềng".
"""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
from ckanext.sonla.compat import get_write_engine

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets datastore"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context"),
]


def test_the_datastore_database_uses_the_search_language():
    with get_write_engine().connect() as connection:
        assert connection.execute(sa.text("SHOW default_text_search_config")).scalar_one() == "public.sonla_vi"


def _table(records: list[dict[str, str]]) -> str:
    org = factories.Organization()
    dataset = factories.Dataset(owner_org=org["id"], update_frequency="annual")
    resource = factories.Resource(package_id=dataset["id"])
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{"id": "ten_xa", "type": "text"}, {"id": "dan_so", "type": "int"}],
                        records=records)
    return resource["id"]


COMMUNES = [{"ten_xa": "Xã Chiềng Mai", "dan_so": 9120}, {"ten_xa": "Phường Chiềng An", "dan_so": 20540},
            {"ten_xa": "Xã Đứa Mòn", "dan_so": 8100}, {"ten_xa": "Xã Mường Bú", "dan_so": 15000}]


@pytest.mark.parametrize("q", ["Chiềng", "chieng", "CHIENG", "chiềng"])
def test_tone_marks_are_folded_in_the_full_text_and_the_query(q):
    resource_id = _table(COMMUNES)
    found = helpers.call_action("datastore_search", resource_id=resource_id, q=q, sort="_id")
    assert [r["ten_xa"] for r in found["records"]] == ["Xã Chiềng Mai", "Phường Chiềng An"]


@pytest.mark.parametrize("q", ["Đứa Mòn", "dua mon", "Dua Mon"])
def test_d_with_stroke_is_folded(q):
    found = helpers.call_action("datastore_search", resource_id=_table(COMMUNES), q=q)
    assert [r["ten_xa"] for r in found["records"]] == ["Xã Đứa Mòn"]


@pytest.mark.parametrize("q", [{"ten_xa": "chieng"}, {"ten_xa": "Chiềng mai"}])
def test_a_column_search_folds_too(q):
    found = helpers.call_action("datastore_search", resource_id=_table(COMMUNES), q=q, sort="_id")
    assert found["records"][0]["ten_xa"] == "Xã Chiềng Mai"
    assert {r["ten_xa"] for r in found["records"]} <= {"Xã Chiềng Mai", "Phường Chiềng An"}


def test_sql_search_still_works():
    resource_id = _table(COMMUNES)
    found = helpers.call_action("datastore_search_sql",
                                sql=f'SELECT ten_xa FROM "{resource_id}" WHERE dan_so > 10000 ORDER BY dan_so')
    assert [r["ten_xa"] for r in found["records"]] == ["Xã Mường Bú", "Phường Chiềng An"]


@pytest.mark.parametrize("q", ["an toàn", "do", "to", "thực phẩm"])
def test_ckans_own_writes_are_found_by_short_vietnamese_words(q):
    org = factories.Organization()
    dataset = factories.Dataset(owner_org=org["id"], update_frequency="annual")
    resource = factories.Resource(package_id=dataset["id"])
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{"id": "ten", "type": "text"}],
                        records=[{"ten": "An toàn thực phẩm do Sở Y tế cấp, quy mô to"}, {"ten": "Giao thông"}])
    found = helpers.call_action("datastore_search", resource_id=resource["id"], q=q)
    assert [r["ten"] for r in found["records"]] == ["An toàn thực phẩm do Sở Y tế cấp, quy mô to"]


def test_the_command_recomputes_tables_built_in_english(cli):
    """A table whose full text was built with English (before the setting, or elsewhere) is
    found again after ``ckan sonla datastore-text-search --recompute``."""
    from ckanext.sonla import datastore_cli

    org = factories.Organization()
    dataset = factories.Dataset(owner_org=org["id"], update_frequency="annual")
    resource = factories.Resource(package_id=dataset["id"])
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{"id": "ten", "type": "text"}], records=[{"ten": "An toàn thực phẩm"}])
    with get_write_engine().begin() as connection:  # as CKAN's trigger did with English
        connection.execute(sa.text("SET LOCAL default_text_search_config = 'pg_catalog.english'"))
        connection.execute(sa.text(f'UPDATE "{resource["id"]}" SET _full_text = NULL'))

    def found() -> int:
        return helpers.call_action("datastore_search", resource_id=resource["id"], q="an toàn")["total"]

    assert found() == 0
    result = cli.invoke(datastore_cli.datastore_text_search_command, ["--recompute"])
    assert result.exit_code == 0, result.output
    assert "already right" in result.output and "Full text recomputed in" in result.output
    assert found() == 1


def test_a_user_that_may_not_alter_the_database_gets_the_statement_for_its_owner(cli, monkeypatch):
    from ckan.common import config
    from ckanext.sonla import datastore_cli

    owner = get_write_engine()
    name = owner.url.database
    with owner.connect() as connection:  # as PostgreSQL's default would have it
        connection.execute(sa.text(f'ALTER DATABASE "{name}" RESET default_text_search_config'))
        connection.commit()
    try:
        # The read-only user, which does not own the database, as if it were the write user.
        monkeypatch.setitem(config, "ckan.datastore.write_url", config["ckan.datastore.read_url"])
        result = cli.invoke(datastore_cli.datastore_text_search_command, [])
        assert result.exit_code == 1
        assert f"ALTER DATABASE \"{name}\" SET default_text_search_config = 'public.sonla_vi'" in result.output
    finally:
        with owner.connect() as connection:
            connection.execute(sa.text(
                f"ALTER DATABASE \"{name}\" SET default_text_search_config = 'public.sonla_vi'"))
            connection.commit()
