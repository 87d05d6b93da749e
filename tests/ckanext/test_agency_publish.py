"""Publishing in the portal (issue #18, point 1): the spec kept by the portal, the agency page's
upload, report, background job and publish, and who may use them.

Real CKAN, PostgreSQL, DataStore and Redis; the dataset is first published as sonla-publish does
(the publisher's own functions build the request, with the spec part), from a demo spec.
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import openpyxl
import pytest
from ckanext.sonla.agency_publish import spec_store, uploads, validation
from sonla_publisher.portal.datastore import datastore_fields, table_copy_text
from sonla_publisher.portal.package import build_package_dict, source_hash
from sonla_publisher.portal.resources import csv_resource, dictionary_resource, original_resource
from sonla_publisher.portal.spec_copy import spec_part
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.spec import find_spec
from sonla_publisher.validation.validator import validate_table

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "dataset_specs"
NAME = "ty-le-tiem-chung-theo-xa"
SOURCE = SPECS / "sources" / "so-y-te" / "ty-le-tiem-chung-theo-xa.xlsx"
PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def _publish_as_the_cli(app, token, *, spec_text=None, status=200):
    """``sonla_dataset_publish`` over HTTP with the parts sonla-publish sends (spec included)."""
    spec = find_spec(SPECS, NAME)
    table = read_table(SOURCE, spec, SPECS / "codelists")
    report = validate_table(table, spec, SPECS / "codelists")
    source = SOURCE.read_bytes()
    package = build_package_dict(spec, today=__import__("datetime").date.today(),
                                 source_hash=source_hash(spec, source), period=report.period)
    files = [csv_resource(spec, table, report), original_resource(SOURCE, source), dictionary_resource(spec)]
    data = {
        "package": json.dumps(package, ensure_ascii=False),
        "resources": json.dumps([{"name": f.name, **f.fields, "file": f"file{i}"} for i, f in enumerate(files)],
                                ensure_ascii=False),
        "datastore": json.dumps({"resource": 0, "fields": datastore_fields(spec), "primary_key": spec.primary_key}),
        "spec": spec_part(spec) if spec_text is None else spec_text,
        "rows": (io.BytesIO(table_copy_text(table, spec)), "rows.tsv"),
        **{f"file{i}": (io.BytesIO(f.content), f.filename) for i, f in enumerate(files)},
    }
    response = app.post("/api/3/action/sonla_dataset_publish", data=data, headers={"Authorization": token},
                        content_type="multipart/form-data", expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


def _member(org: str, role: str = "editor") -> dict:
    user = factories.User()
    sysadmin = factories.Sysadmin()
    helpers.call_action("organization_member_create", context={"user": sysadmin["name"]}, id=org,
                        username=user["name"], role=role)
    return {"user": user, "token": factories.APIToken(user=user["name"])["token"]}


@pytest.fixture
def agency():
    """The demo spec's agency and themes, an editor of it and an editor of another agency."""
    factories.Organization(name="so-y-te")
    factories.Organization(name="so-noi-vu")
    for theme in ("y-te", "dia-phuong"):
        factories.Group(name=theme)
    return {"editor": _member("so-y-te"), "stranger": _member("so-noi-vu")}


@pytest.fixture
def storage(tmp_path, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return tmp_path


def _package_id(name: str = NAME) -> str:
    return helpers.call_action("package_show", id=name)["id"]


def _broken_copy(tmp_path: Path) -> Path:
    """The demo file with three kinds of error: a word in a number column, a code that breaks its
    pattern, and a repeated primary key."""
    book = openpyxl.load_workbook(SOURCE)
    sheet = book["Biểu TCMR"]
    sheet["D8"] = "nhiều"
    sheet["B9"] = "12"
    sheet["B11"] = sheet["B10"].value
    path = tmp_path / "tiem-chung-loi.xlsx"
    book.save(path)
    return path


def _upload(app, token, path: Path, status: int = 302):
    return app.post(f"/co-quan/du-lieu/{NAME}/tai-len", headers={"Authorization": token},
                    data={"file": (io.BytesIO(path.read_bytes()), path.name)},
                    content_type="multipart/form-data", expect_errors=True, follow_redirects=False,
                    status=status)


def test_the_portal_keeps_the_spec_sent_with_the_publication_private(app, agency, storage):
    _publish_as_the_cli(app, agency["editor"]["token"])
    stored = spec_store.load(_package_id())
    assert stored is not None and stored.raw == find_spec(SPECS, NAME).raw_bytes
    # Not public: neither the dataset's API nor the search shows the source mapping.
    shown = json.dumps(helpers.call_action("package_show", id=NAME), ensure_ascii=False)
    searched = json.dumps(helpers.call_action("package_search", q=NAME), ensure_ascii=False)
    assert "Biểu TCMR" not in shown and "Biểu TCMR" not in searched


def test_a_refused_spec_writes_nothing(app, agency):
    too_large = json.dumps({"yaml": "name: x\n" + "#" * (spec_store.MAX_SPEC_BYTES + 10), "codelists": {}})
    _publish_as_the_cli(app, agency["editor"]["token"], spec_text=too_large, status=409)
    other = json.dumps({"yaml": find_spec(SPECS, "nha-thuoc-quay-thuoc").raw_bytes.decode(), "codelists": {}})
    _publish_as_the_cli(app, agency["editor"]["token"], spec_text=other, status=409)
    foreign = json.dumps({"yaml": find_spec(SPECS, NAME).raw_bytes.decode(), "codelists": {"/etc/passwd": ""}})
    _publish_as_the_cli(app, agency["editor"]["token"], spec_text=foreign, status=409)
    assert helpers.call_action("package_search", q="*:*", include_private=True)["count"] == 0


def test_a_refused_publication_keeps_no_spec(app, agency):
    """Authorised before the first write: another agency's editor gets a 403 and the portal keeps
    neither the dataset nor its spec; the owner's later update replaces the spec in place."""
    _publish_as_the_cli(app, agency["stranger"]["token"], status=403)
    assert helpers.call_action("package_search", q="*:*", include_private=True)["count"] == 0
    from ckanext.sonla.agency_publish.tables import dataset_spec
    from ckanext.sonla.compat import model

    assert model.Session.execute(dataset_spec.select()).first() is None
    _publish_as_the_cli(app, agency["editor"]["token"])
    _publish_as_the_cli(app, agency["editor"]["token"])
    assert len(model.Session.execute(dataset_spec.select()).all()) == 1


def test_an_editor_uploads_reads_the_cli_report_fixes_and_publishes(app, agency, storage, tmp_path):
    token = agency["editor"]["token"]
    _publish_as_the_cli(app, token)
    listing = app.get("/co-quan/du-lieu", headers={"Authorization": token})
    assert f"/co-quan/du-lieu/{NAME}" in listing.body and "Hằng quý" in listing.body  # frequency
    assert "Đúng hạn" in listing.body and "/co-quan/du-lieu" in listing.body.split("<main")[0]  # header link
    template = app.get(f"/co-quan/du-lieu/{NAME}/mau.xlsx", headers={"Authorization": token})
    workbook = openpyxl.load_workbook(io.BytesIO(template.data))
    titles = {cell.value for sheet in workbook for row in sheet.iter_rows(max_row=12) for cell in row}
    assert {"Mã xã", "Số trẻ dưới 1 tuổi"} <= titles

    broken = _broken_copy(tmp_path)
    _upload(app, token, broken)
    upload = uploads.latest([_package_id()])[_package_id()]
    assert upload["state"] == uploads.DONE and upload["valid"] is False
    # The same report as `sonla-publish validate --html`: same cells, same messages.
    spec = find_spec(SPECS, NAME)
    cli_report = validate_table(read_table(broken, spec, SPECS / "codelists"), spec, SPECS / "codelists")
    report = app.get(f"/co-quan/du-lieu/{NAME}/tai-len/{upload['id']}/bao-cao", headers={"Authorization": token})
    assert upload["problem_count"] == len(cli_report.problems) >= 3
    kinds = {problem.message_id for problem in cli_report.problems}
    assert len(kinds) >= 3, kinds
    for problem in cli_report.problems:
        assert f">{problem.cell}<" in report.body and problem.message("vi") in report.body
    assert "default-src 'none'" in report.headers["Content-Security-Policy"]
    # A refused publication of the invalid file changes nothing.
    app.post(f"/co-quan/du-lieu/{NAME}/tai-len/{upload['id']}/cong-bo", headers={"Authorization": token},
             status=400)

    first = upload["id"]
    assert (storage / uploads.FOLDER / first).is_dir()
    fixed = tmp_path / "tiem-chung.xlsx"
    shutil.copy(SOURCE, fixed)
    _upload(app, token, fixed)
    upload = uploads.latest([_package_id()])[_package_id()]
    assert upload["state"] == uploads.DONE and upload["valid"] is True and upload["row_count"] == 75
    assert not (storage / uploads.FOLDER / first).exists()  # the earlier upload's file is gone
    before = helpers.call_action("package_show", id=NAME)
    app.post(f"/co-quan/du-lieu/{NAME}/tai-len/{upload['id']}/cong-bo", headers={"Authorization": token},
             status=302, follow_redirects=False)
    after = helpers.call_action("package_show", id=NAME)
    assert uploads.get(upload["id"])["state"] == uploads.PUBLISHED
    assert not (storage / uploads.FOLDER / upload["id"]).exists()
    assert after["metadata_modified"] > before["metadata_modified"]
    originals = [r for r in after["resources"] if r["name"].startswith("Tệp gốc")]
    assert originals[0]["url"].endswith("tiem-chung.xlsx")
    table = next(r for r in after["resources"] if r.get("datastore_active"))
    assert helpers.call_action("datastore_search", resource_id=table["id"], limit=0)["total"] == 75


def test_another_agency_editor_is_refused(app, agency, storage, tmp_path):
    _publish_as_the_cli(app, agency["editor"]["token"])
    token = agency["stranger"]["token"]
    for url in (f"/co-quan/du-lieu/{NAME}", f"/co-quan/du-lieu/{NAME}/mau.xlsx"):
        response = app.get(url, headers={"Authorization": token}, status=403)
        assert "biên tập viên" in response.body or "quản trị" in response.body
    fixed = tmp_path / "tiem-chung.xlsx"
    shutil.copy(SOURCE, fixed)
    _upload(app, token, fixed, status=403)
    assert uploads.latest([_package_id()]) == {}
    app.get(f"/co-quan/du-lieu/{NAME}", status=403)  # anonymous


def test_bad_uploads_get_a_vietnamese_4xx(app, agency, storage, tmp_path, ckan_config, monkeypatch):
    token = agency["editor"]["token"]
    _publish_as_the_cli(app, token)
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải bảng")
    assert "xlsx" in _upload(app, token, text, status=400).body
    empty = tmp_path / "trong.csv"
    empty.write_bytes(b"")
    _upload(app, token, empty, status=400)
    monkeypatch.setitem(ckan_config, "ckanext.sonla.agency_publish.max_upload_mb", 0.001)
    fixed = tmp_path / "tiem-chung.xlsx"
    shutil.copy(SOURCE, fixed)
    assert "MB" in _upload(app, token, fixed, status=413).body
    assert not any((storage / uploads.FOLDER).glob("*/*")) if (storage / uploads.FOLDER).exists() else True
    # Not a spreadsheet under a spreadsheet's name: the publisher's reading error, in the report state.
    monkeypatch.setitem(ckan_config, "ckanext.sonla.agency_publish.max_upload_mb", 20)
    fake = tmp_path / "gia.xlsx"
    fake.write_bytes(b"this is not a workbook")
    _upload(app, token, fake)
    upload = uploads.latest([_package_id()])[_package_id()]
    assert upload["state"] == uploads.FAILED and upload["message"]


def test_large_files_are_validated_by_the_background_job(app, agency, storage, tmp_path, ckan_config,
                                                         monkeypatch):
    token = agency["editor"]["token"]
    _publish_as_the_cli(app, token)
    monkeypatch.setitem(ckan_config, "ckanext.sonla.agency_publish.background_kb", 0)
    fixed = tmp_path / "tiem-chung.xlsx"
    shutil.copy(SOURCE, fixed)
    _upload(app, token, fixed)
    upload = uploads.latest([_package_id()])[_package_id()]
    assert upload["state"] == uploads.QUEUED
    jobs = helpers.call_action("job_list")
    assert any(upload["id"] in (job.get("title") or "") for job in jobs)
    page = app.get(f"/co-quan/du-lieu/{NAME}", headers={"Authorization": token})
    assert 'http-equiv="refresh"' in page.body  # the page follows the job
    # What the worker runs (`ckan jobs worker`): the job records its progress and result.
    validation.validate_upload(upload["id"])
    status = app.get(f"/co-quan/du-lieu/{NAME}/tai-len/{upload['id']}/trang-thai",
                     headers={"Authorization": token}).json
    assert status["state"] == uploads.DONE and status["valid"] is True and status["rows_read"] == 75
    helpers.call_action("job_clear")


@pytest.mark.ckan_config("ckan.display_timezone", "Asia/Ho_Chi_Minh")
def test_the_publication_day_is_the_province_day(app):
    """An upload published at 23:28 UTC on 6/12 was published on 7/12 in Sơn La, the day the
    dataset page shows as "Công bố lần cuối" (the page said 06/12/2026)."""
    import datetime as dt

    from ckanext.sonla.helpers import sonla_format_date

    with app.flask_app.test_request_context():
        moment = dt.datetime(2026, 12, 6, 23, 28, tzinfo=dt.timezone.utc)
        assert sonla_format_date(moment) == "07/12/2026"
        assert sonla_format_date(dt.date(2026, 12, 6)) == "06/12/2026"


def test_a_cookie_session_post_needs_the_form_token(app):
    """The views check the form's CSRF token themselves: CKAN exempts a view from Flask-WTF for
    good once any request with an API token reached it, and cookie sessions then went unchecked."""
    from ckanext.sonla import form_pages
    from werkzeug.exceptions import BadRequest

    with app.flask_app.test_request_context("/co-quan/du-lieu/x/tai-len", method="POST", data={"a": "b"}):
        with pytest.raises(BadRequest) as refused:
            form_pages.check_csrf()
        assert "Biểu mẫu đã hết hạn" in str(refused.value.description)
    with app.flask_app.test_request_context("/co-quan/du-lieu/x/tai-len", method="POST", data={"a": "b"}):
        from flask import g

        g.login_via_auth_header = True  # an API token: no cookie to forge
        form_pages.check_csrf()


def test_the_kept_code_lists_give_the_cli_report(tmp_path):
    """A spec with a commune field: the portal validates with the commune lists sent with the spec
    and gets the report the CLI gets from the catalogue's code lists (renamed communes included)."""
    from sonla_publisher.specs.spec import load_spec

    catalogue = tmp_path / "catalogue"
    path = catalogue / "datasets" / "so-y-te" / "tram-y-te.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "name: tram-y-te\nmetadata: {title: Trạm y tế, notes: x, owner_org: so-y-te, update_frequency: annual}\n"
        "schema:\n  fields:\n  - {name: xa, title: Xã, type: string, x-sonla-codelist: communes}\n"
        "  - {name: so_tram, title: Số trạm, type: integer}\n", encoding="utf-8")
    shutil.copytree(SPECS / "codelists", catalogue / "codelists")
    source = tmp_path / "tram.csv"
    source.write_text("Xã,Số trạm\nPhường Tô Hiệu,1\nPhường Chiềng Lề,2\nXã Không Có,3\n", encoding="utf-8")
    spec = load_spec(path)
    stored = spec_store.parse_part(spec_part(spec), "tram-y-te")
    assert stored is not None
    with stored.codelist_dir() as codelists:
        portal = validate_table(read_table(source, stored.spec(), codelists), stored.spec(), codelists)
    cli = validate_table(read_table(source, spec, catalogue / "codelists"), spec, catalogue / "codelists")
    assert [p.as_dict() for p in portal.problems] == [p.as_dict() for p in cli.problems] != []
    changes = [[(c.cell, c.old, c.new) for kept in report.changes.by_reason().values() for c in kept]
               for report in (portal, cli)]
    assert changes[0] == changes[1] != []  # "Phường Chiềng Lề" merged into "Phường Tô Hiệu"


def test_a_sysadmin_picks_an_agency(app, agency):
    _publish_as_the_cli(app, agency["editor"]["token"])
    token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
    picker = app.get("/co-quan/du-lieu", headers={"Authorization": token})
    assert 'value="so-y-te"' in picker.body and 'value="so-noi-vu"' in picker.body
    assert f"/co-quan/du-lieu/{NAME}" not in picker.body
    chosen = app.get("/co-quan/du-lieu?organization=so-y-te", headers={"Authorization": token})
    assert f"/co-quan/du-lieu/{NAME}" in chosen.body
    # An editor may not look at another agency's list.
    app.get("/co-quan/du-lieu?organization=so-y-te", headers={"Authorization": agency["stranger"]["token"]},
            status=403)


def _save_spec(app, token, name: str, part, status: int):
    response = app.post("/api/3/action/sonla_dataset_spec_save", json={"id": name, "spec": part},
                        headers={"Authorization": token} if token else {}, expect_errors=True)
    assert response.status_code == status, response.body
    return response.json


def test_the_step_by_step_way_keeps_the_spec_through_its_own_action(app, agency):
    """sonla-publish's step-by-step way (CKAN's standard actions) sends the spec with
    sonla_dataset_spec_save: the dataset's editors may, others may not, and it is checked as the
    one-request part is."""
    _publish_as_the_cli(app, agency["editor"]["token"], spec_text="")
    package_id = _package_id()
    assert spec_store.load(package_id) is None
    part = spec_part(find_spec(SPECS, NAME))
    _save_spec(app, agency["stranger"]["token"], NAME, part, 403)
    _save_spec(app, None, NAME, part, 403)
    assert spec_store.load(package_id) is None
    other = json.dumps({"yaml": "name: another-dataset\n", "codelists": {}})
    assert "spec" in _save_spec(app, agency["editor"]["token"], NAME, other, 409)["error"]
    _save_spec(app, agency["editor"]["token"], "no-such-dataset", part, 404)
    assert _save_spec(app, agency["editor"]["token"], NAME, part, 200)["result"]["id"] == package_id
    stored = spec_store.load(package_id)
    assert stored is not None and stored.raw == find_spec(SPECS, NAME).raw_bytes


def _uploaded_for_publishing(app, token, tmp_path: Path) -> str:
    """The dataset published once as the CLI does, then the agency's file uploaded on its page: the
    address of the page's publish button."""
    _publish_as_the_cli(app, token)
    fixed = tmp_path / "tiem-chung.xlsx"
    shutil.copy(SOURCE, fixed)
    _upload(app, token, fixed)
    upload = uploads.latest([_package_id()])[_package_id()]
    return f"/co-quan/du-lieu/{NAME}/tai-len/{upload['id']}/cong-bo"


def test_a_publication_that_leaves_the_dataset_overdue_says_why(app, agency, storage, tmp_path, monkeypatch):
    """Issue #18, point 3: the web page, like `push`, warns when the data just published still
    leaves the dataset overdue (its periods are old for the schedule), and says why."""
    import datetime
    import types

    from ckanext.sonla import clock
    from ckanext.sonla.agency_publish import publishing

    token = agency["editor"]["token"]
    publish = _uploaded_for_publishing(app, token, tmp_path)
    # The agency publishes today's file, but the portal judges freshness years later: the data
    # it has just received cannot make the dataset on time.
    real_today = clock.today()
    monkeypatch.setattr(publishing, "clock", types.SimpleNamespace(today=lambda: real_today))
    monkeypatch.setattr(clock, "today", lambda: datetime.date(2031, 1, 1))
    page = app.post(publish, headers={"Authorization": token}, follow_redirects=True)
    assert "Đã công bố: 75 dòng" in page.body
    assert "Bộ dữ liệu vẫn quá hạn sau lần công bố này" in page.body
    assert "lịch cập nhật đòi hỏi dữ liệu mới hơn" in page.body


def test_an_on_time_publication_gives_no_overdue_warning(app, agency, storage, tmp_path):
    token = agency["editor"]["token"]
    publish = _uploaded_for_publishing(app, token, tmp_path)
    page = app.post(publish, headers={"Authorization": token}, follow_redirects=True)
    assert "Đã công bố: 75 dòng" in page.body and "vẫn quá hạn" not in page.body
