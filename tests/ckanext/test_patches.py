"""The patches of ckanext/sonla/patches/: installed by one call, and each one still needed.

Each patch works around something upstream (CKAN, its plugins, Werkzeug). Its canary here checks
that the upstream behaviour is still there: the day upstream changes, the canary fails and its
message says which patch can go.
"""
from __future__ import annotations

from collections.abc import Iterator

import ckan.lib.search as ckan_search
import ckan.model as model
import ckan.plugins as plugins
import ckan.plugins.interfaces as interfaces
import pytest
import sqlalchemy as sa
from ckan.tests import factories
from ckanext.sonla import patches
from ckanext.sonla.patches import tracking_beacon, tracking_summaries, werkzeug_multipart
from werkzeug.sansio.multipart import Data, Epilogue, MultipartDecoder, NeedData

pytestmark = [pytest.mark.ckan_config("ckan.plugins", "sonla_search sonla scheming_datasets datastore tracking"),
              pytest.mark.usefixtures("with_plugins")]


def test_one_call_per_plugin_installs_its_patches() -> None:
    assert patches.install("sonla") == ["tracking_summaries", "tracking_beacon", "werkzeug_multipart", "datastore_dump",
                                      "dcat_paging", "mailer_timeout"]
    assert patches.install("sonla_search") == ["search_backend"]  # harvest_index: only with the harvest plugin


# --- werkzeug_multipart: pallets/werkzeug#3285 -------------------------------------------------

BOUNDARY = b"WZBOUND"
ONE_EMPTY_FIELD = b'--WZBOUND\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n--WZBOUND--\r\n'


def _field_value(body: bytes) -> bytes:
    """The field's value when the body arrives a byte at a time."""
    decoder = MultipartDecoder(BOUNDARY)
    pieces: Iterator[bytes | None] = iter([*(body[i:i + 1] for i in range(len(body))), None])
    value = bytearray()
    while True:
        event = decoder.next_event()
        if isinstance(event, NeedData):
            decoder.receive_data(next(pieces))
        elif isinstance(event, Data):
            value.extend(event.data)
        elif isinstance(event, Epilogue):
            return bytes(value)


def test_werkzeug_still_adds_a_stray_cr(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _field_value(ONE_EMPTY_FIELD) == b""  # with the patch
    monkeypatch.setattr(MultipartDecoder, "_last_partial_boundary_index", werkzeug_multipart.original)
    assert _field_value(ONE_EMPTY_FIELD) == b"\r", (
        "Werkzeug's own multipart rule no longer adds a stray CR (pallets/werkzeug#3285 fixed): "
        "patch werkzeug_multipart can go")


# --- datastore_dump: no upstream issue -------------------------------------------------------

def test_ckans_dump_writer_still_writes_formulas_as_they_are() -> None:
    from ckanext.datastore import writer

    with writer.csv_writer([{"id": "=name", "type": "text"}]) as csv_out:
        written = csv_out.write_records("=1+1\r\n") + csv_out.end_file()
    assert written == b"=name\r\n=1+1\r\n", (
        "CKAN's DataStore CSV writer now changes formula-like cells: patch datastore_dump can go")


# --- tracking_summaries: ckan/ckan#8772 ------------------------------------------------------

@pytest.mark.usefixtures("clean_db", "with_request_context")
def test_ckans_tracking_plugin_still_reads_one_summary_per_dataset() -> None:
    org = factories.Organization(kind="provincial_agency")
    datasets = [dict(factories.Dataset(update_frequency="annual", notes="x", owner_org=org["id"])) for _ in range(3)]
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "tracking_summary" in statement:
            statements.append(statement)

    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        original = tracking_summaries.originals["after_dataset_search"]
        original(plugins.get_plugin("tracking"), {"results": datasets}, {})
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert len(statements) >= len(datasets), (
        "CKAN's tracking plugin now reads the view counts of a result page in one go "
        "(ckan/ckan#8772 fixed): patch tracking_summaries can go")


# --- search_backend: ckan/ckan#8441 ----------------------------------------------------------

def test_ckan_still_has_no_search_backend_interface() -> None:
    search_interfaces = [name for name, value in vars(interfaces).items()
                         if isinstance(value, type) and issubclass(value, interfaces.Interface)
                         and ("Search" in name or "Indexer" in name)]
    assert search_interfaces == [], (
        f"CKAN now has {search_interfaces} (ckan/ckan#8441): implement it, and patch search_backend can go")
    # What the patch replaces is still where it expects it.
    assert {"_INDICES", "_QUERIES", "PackageSearchQuery", "check_solr_schema_version"} <= set(vars(ckan_search))


# --- dcat_paging: ckanext-dcat puts q unencoded into page URIs (docs/upstream/ckanext-dcat-paging.md) ---

def test_ckanext_dcat_still_puts_the_query_unencoded_into_page_uris(app) -> None:  # type: ignore[no-untyped-def]
    from ckanext.dcat import logic

    original = getattr(logic._pagination_info, "sonla_original", logic._pagination_info)
    with app.flask_app.test_request_context("/catalog.ttl?q=son la&page=1"):
        info = original({"count": 3, "results": [{}]}, {"page": 1})
    assert "q=son la&page=1" in info["current"], (
        "ckanext-dcat now encodes the paging arguments: patch dcat_paging can go")


# --- harvest_index: ckanext-harvest builds CKAN's Solr indexer by name (no upstream issue) -----

def test_ckanext_harvest_still_imports_ckans_solr_indexer_by_name() -> None:
    import inspect

    from ckanext.harvest.logic.action import update

    assert "from ckan.lib.search.index import PackageSearchIndex" in inspect.getsource(update), (
        "ckanext-harvest no longer imports CKAN's Solr indexer by name: patch harvest_index can go")


# --- tracking_beacon: CKAN's tracking plugin records /_tracking in an after-request hook ----------


def test_canary_tracking_records_its_beacon_in_a_hook_not_a_view() -> None:
    """The day the tracking plugin serves /_tracking itself (a blueprint), patches/tracking_beacon.py can go."""
    import flask
    from ckanext.tracking.middleware import track_request
    from ckanext.tracking.plugin import TrackingPlugin

    assert not interfaces.IBlueprint.implemented_by(TrackingPlugin), "tracking has a view now: drop tracking_beacon"
    app = flask.Flask("canary")
    tracking_beacon.originals["make_middleware"](TrackingPlugin(), app, {})
    assert track_request in app.after_request_funcs[None]
    assert TrackingPlugin.make_middleware is tracking_beacon.make_middleware


# --- mailer_timeout: CKAN's mailer opens SMTP without a timeout (no upstream issue) -------------

def test_ckans_mailer_still_opens_smtp_without_a_timeout() -> None:
    import inspect

    from ckan.lib import mailer

    source = inspect.getsource(mailer._mail_recipient)
    assert "smtplib.SMTP(host, port)" in source, "CKAN's mailer now passes SMTP arguments: see patch mailer_timeout"
    assert "timeout" not in source, "CKAN's mailer now sets a timeout: patch mailer_timeout can go"
