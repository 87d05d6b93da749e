"""Freshness wired into the portal: action, search facet, pages, exports and CLI, on real CKAN."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from ckan.plugins import toolkit
from freezegun import freeze_time
from openpyxl import load_workbook

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]

LAST = "2026-01-31"
# frequency -> (next due date, first "due soon" day) for data last updated on LAST
BOUNDARIES = {
    "daily": (date(2026, 2, 1), date(2026, 2, 1)),
    "weekly": (date(2026, 2, 7), date(2026, 2, 7)),
    "monthly": (date(2026, 2, 28), date(2026, 2, 26)),
    "quarterly": (date(2026, 4, 30), date(2026, 4, 23)),
    "semiannual": (date(2026, 7, 31), date(2026, 7, 24)),
    "annual": (date(2027, 1, 31), date(2027, 1, 24)),
}


def _dataset(org, name, frequency="monthly", last=LAST, **fields):
    fields.setdefault("title", f"Bộ dữ liệu {name}")
    return factories.Dataset(owner_org=org["id"], name=name, notes="Dữ liệu thử nghiệm",
                             update_frequency=frequency, data_last_updated=last, **fields)


def _freshness_list(user=None, **params):
    context = {"user": user["name"] if user else "", "ignore_auth": False}
    return helpers.call_action("sonla_freshness_list", context=context, **params)


def _statuses(result):
    return {d["name"]: d["status"] for d in result["datasets"]}


def test_each_status_at_its_boundaries_for_every_frequency():
    org = factories.Organization(name="so-y-te", title="Sở Y tế")
    for frequency in BOUNDARIES:
        _dataset(org, frequency, frequency)
    for day_offset, expected in ((-1, "on_time"), (0, "due_soon")):
        for frequency, (_due, soon) in BOUNDARIES.items():
            today = soon + timedelta(days=day_offset)
            assert _statuses(_freshness_list(today=today.isoformat()))[frequency] == expected, (frequency, today)
    for frequency, (due, _soon) in BOUNDARIES.items():
        on_due_day = {d["name"]: d for d in _freshness_list(today=due.isoformat())["datasets"]}[frequency]
        assert (on_due_day["status"], on_due_day["days_left"], on_due_day["next_due"]) == (
            "due_soon", 0, due.isoformat())
        late = {d["name"]: d for d in _freshness_list(today=(due + timedelta(days=1)).isoformat())["datasets"]}
        assert (late[frequency]["status"], late[frequency]["days_left"]) == ("overdue", -1)


def test_result_shape_agency_counts_and_status_filter():
    health = factories.Organization(name="so-y-te", title="Sở Y tế")
    finance = factories.Organization(name="so-tai-chinh", title="Sở Tài chính")
    _dataset(health, "on-time", "annual")
    _dataset(health, "late", "monthly")
    _dataset(health, "irregular", "irregular")
    _dataset(health, "never-delivered", "monthly", last=None)
    _dataset(finance, "only-irregular", "on_change")
    result = _freshness_list(today="2026-06-01")
    assert result["today"] == "2026-06-01"
    assert set(result) == {"today", "datasets", "agencies"}
    late = {d["name"]: d for d in result["datasets"]}["late"]
    assert late == {"name": "late", "title": "Bộ dữ liệu late", "organization": "so-y-te",
                    "organization_title": "Sở Y tế", "update_frequency": "monthly",
                    "data_last_updated": LAST, "temporal_coverage_to": None, "next_due": "2026-02-28", "days_left": -93,
                    "status": "overdue", "source_failure": None}
    never = {d["name"]: d for d in result["datasets"]}["never-delivered"]
    assert (never["status"], never["next_due"], never["days_left"]) == ("overdue", None, None)
    # sorted by title: "Sở Tài chính" before "Sở Y tế"
    assert [a["name"] for a in result["agencies"]] == ["so-tai-chinh", "so-y-te"]
    finance_row, health_row = result["agencies"]
    assert finance_row == {"name": "so-tai-chinh", "title": "Sở Tài chính", "total": 1, "on_time": 0,
                           "due_soon": 0, "overdue": 0, "no_schedule": 1, "on_time_rate": None}
    counts = [health_row[key] for key in ("total", "on_time", "due_soon", "overdue", "no_schedule")]
    assert counts == [4, 1, 0, 2, 1]
    assert health_row["on_time_rate"] == pytest.approx(1 / 3)

    overdue = _freshness_list(today="2026-06-01", status="overdue")
    assert sorted(d["name"] for d in overdue["datasets"]) == ["late", "never-delivered"]
    assert overdue["agencies"] == result["agencies"]  # the filter narrows the list, not the counts
    only_finance = _freshness_list(today="2026-06-01", organization="so-tai-chinh")
    assert [d["name"] for d in only_finance["datasets"]] == ["only-irregular"]
    assert [a["name"] for a in only_finance["agencies"]] == ["so-tai-chinh"]


def test_agencies_in_vietnamese_alphabetical_order():
    for name, title in (("so-y-te", "Sở Y tế"), ("dai-pt", "Đài Phát thanh"), ("uy-ban", "Ủy ban nhân dân xã Mường Bú"),
                        ("ban-dan-toc", "Ban Dân tộc")):
        _dataset(factories.Organization(name=name, title=title), f"ds-{name}")
    # by code point, "Đ" and "Ủ" would come after every unaccented letter
    assert [a["name"] for a in _freshness_list()["agencies"]] == ["ban-dan-toc", "dai-pt", "so-y-te", "uy-ban"]


def test_today_defaults_to_the_date_in_son_la():
    factories.Organization()
    # 18:00 UTC on 25 February is 01:00 on 26 February in Sơn La (UTC+7).
    with freeze_time("2026-02-25 18:00:00"):
        assert _freshness_list()["today"] == "2026-02-26"


@pytest.mark.parametrize("params, field", [
    ({"status": "late"}, "status"),
    ({"today": "31/01/2026"}, "today"),
    ({"organization": "no-such-agency"}, "organization"),
])
def test_bad_parameters_are_validation_errors(params, field):
    with pytest.raises(toolkit.ValidationError) as error:
        _freshness_list(**params)
    assert field in error.value.error_dict


def test_bad_parameters_over_http_are_409_with_a_message(app):
    response = app.get("/api/3/action/sonla_freshness_list?status=late", status=409)
    assert "status" in response.json["error"]


def test_private_datasets_only_for_those_allowed(app):
    org = factories.Organization(name="so-y-te")
    member = factories.User()
    helpers.call_action("organization_member_create", id=org["id"], username=member["name"], role="member")
    _dataset(org, "public-one")
    _dataset(org, "private-one", private=True)
    sysadmin = factories.Sysadmin()
    stranger = factories.User()
    assert set(_statuses(_freshness_list(today="2026-02-01"))) == {"public-one"}
    assert set(_statuses(_freshness_list(stranger, today="2026-02-01"))) == {"public-one"}
    assert set(_statuses(_freshness_list(member, today="2026-02-01"))) == {"public-one", "private-one"}
    assert set(_statuses(_freshness_list(sysadmin, today="2026-02-01"))) == {"public-one", "private-one"}
    # the public API, anonymous: GET works and hides the private dataset
    response = app.get("/api/3/action/sonla_freshness_list?today=2026-02-01")
    assert [d["name"] for d in response.json["result"]["datasets"]] == ["public-one"]
    assert response.json["result"]["agencies"][0]["total"] == 1


def _facet(**params):
    result = helpers.call_action("package_search", context={"user": "", "ignore_auth": False},
                                 **{"facet.field": ["freshness_status"], **params})
    return result["facets"]["freshness_status"], sorted(d["name"] for d in result["results"])


def test_status_facet_and_filter_follow_the_calendar_without_reindexing():
    org = factories.Organization()
    with freeze_time("2026-02-01 03:00:00"):
        _dataset(org, "monthly-ds", "monthly")  # due 28/02, due soon from 26/02
        _dataset(org, "annual-ds", "annual")  # due 31/01/2027
        _dataset(org, "irregular-ds", "irregular")
    with freeze_time("2026-02-25 12:00:00"):  # 19:00 in Sơn La, still the 25th
        assert _facet() == ({"on_time": 2, "no_schedule": 1}, ["annual-ds", "irregular-ds", "monthly-ds"])
        assert _facet(fq="freshness_status:due_soon")[1] == []
    with freeze_time("2026-02-25 18:00:00"):  # 01:00 on the 26th in Sơn La
        assert _facet()[0] == {"on_time": 1, "due_soon": 1, "no_schedule": 1}
        assert _facet(fq="freshness_status:due_soon")[1] == ["monthly-ds"]
    with freeze_time("2026-03-01 03:00:00"):
        facet, names = _facet(fq="freshness_status:overdue")
        assert names == ["monthly-ds"]
        assert facet == {"overdue": 1}  # counts over the filtered result
        assert _facet(fq="-freshness_status:overdue")[1] == ["annual-ds", "irregular-ds"]
        assert _facet(fq="freshness_status:no_schedule")[1] == ["irregular-ds"]


def test_update_changes_the_indexed_due_date():
    org = factories.Organization()
    dataset = _dataset(org, "monthly-ds", "monthly")
    with freeze_time("2026-03-10 03:00:00"):
        assert _facet(fq="freshness_status:overdue")[1] == ["monthly-ds"]
        helpers.call_action("package_patch", context={"user": factories.Sysadmin()["name"]},
                            id=dataset["id"], data_last_updated="2026-03-01")
        assert _facet(fq="freshness_status:on_time")[1] == ["monthly-ds"]


def test_badge_facet_and_labels_on_the_search_page(app):
    org = factories.Organization()
    with freeze_time("2026-03-01 03:00:00"):
        _dataset(org, "late-ds", "monthly")
        page = app.get("/dataset").body
        assert "Tình trạng cập nhật" in page  # facet title
        assert "Quá hạn" in page  # facet item and badge label
        assert 'class="sonla-freshness sonla-freshness-overdue"' in page
        filtered = app.get("/dataset?freshness_status=overdue").body
        assert "late-ds" in filtered
        assert '<span class="filtered pill">Quá hạn' in filtered  # the applied filter, by its label
        assert "late-ds" not in app.get("/dataset?freshness_status=on_time").body
        english = app.get("/en/dataset").body
        assert "Update status" in english and "Overdue" in english


def test_badge_on_the_dataset_page(app):
    org = factories.Organization()
    _dataset(org, "annual-ds", "annual")
    with freeze_time("2026-06-01 03:00:00"):
        page = app.get("/dataset/annual-ds").body
        assert 'sonla-freshness-on_time' in page
        assert "Đúng hạn" in page and "31/01/2027" in page
        assert "Next update due 2027-01-31" in app.get("/en/dataset/annual-ds").body


def _report_catalogue():
    health = factories.Organization(name="so-y-te", title="Sở Y tế")
    finance = factories.Organization(name="so-tai-chinh", title="Sở Tài chính")
    _dataset(health, "tram-y-te", "annual", title="Danh sách trạm y tế")
    _dataset(health, "gia-thuoc", "monthly", title="Giá thuốc")
    _dataset(health, "bi-mat", "monthly", title="Dữ liệu nội bộ", private=True)
    _dataset(finance, "ngan-sach", "quarterly", title="=Ngân sách")  # a title a spreadsheet would run
    return health, finance


def test_report_page_in_vietnamese_and_english(app):
    _report_catalogue()
    with freeze_time("2026-03-10 03:00:00"):
        page = app.get("/bao-cao/cap-nhat").body
        assert '<html lang="vi"' in page
        assert "Báo cáo tình trạng cập nhật" in page
        assert "Sở Y tế" in page and "Sở Tài chính" in page
        assert "50%" in page  # Sở Y tế: one on time, one overdue (the private one is hidden)
        assert "Giá thuốc" in page and "Dữ liệu nội bộ" not in page
        assert 'class="sonla-bar-overdue" style="width: 50.0%"' in page
        assert "/bao-cao/cap-nhat.xlsx" in page and "/bao-cao/cap-nhat.csv?table=agencies" in page
        english = app.get("/en/reports/freshness").body
        assert "Update status report" in english and "On-time rate" in english
        one = app.get("/bao-cao/cap-nhat?organization=so-tai-chinh").body
        assert "Sở Tài chính" in one and "Giá thuốc" not in one
        app.get("/bao-cao/cap-nhat?organization=khong-co", status=404)


def test_report_shows_private_datasets_to_a_sysadmin(app):
    _report_catalogue()
    sysadmin = factories.SysadminWithToken()
    page = app.get("/bao-cao/cap-nhat", headers={"Authorization": sysadmin["token"]}).body
    assert "Dữ liệu nội bộ" in page


def test_period_covered_decides_freshness_in_report_index_and_badge(app):
    # Issue 18: data published today must not be "97 days late" because of an old typed date;
    # and data published today whose latest period is old must be overdue.
    org = factories.Organization(name="cong-an-tinh", title="Công an tỉnh")
    with freeze_time("2026-12-06 03:00:00"):
        _dataset(org, "current-period", "monthly", last="2026-12-06", temporal_coverage_from="2025-01-01",
                 temporal_coverage_to="2026-11-30")
        _dataset(org, "old-period", "monthly", last="2026-12-06", temporal_coverage_from="2025-01-01",
                 temporal_coverage_to="2026-08-31")
        rows = {d["name"]: d for d in _freshness_list()["datasets"]}
        assert (rows["current-period"]["status"], rows["current-period"]["next_due"]) == ("on_time", "2027-01-31")
        assert (rows["old-period"]["status"], rows["old-period"]["next_due"]) == ("overdue", "2026-10-31")
        assert rows["old-period"]["temporal_coverage_to"] == "2026-08-31"
        assert _facet(fq="freshness_status:overdue")[1] == ["old-period"]
        assert _facet(fq="freshness_status:on_time")[1] == ["current-period"]
        only = _freshness_list(dataset="old-period")["datasets"]
        assert [d["name"] for d in only] == ["old-period"]
        assert "sonla-freshness-overdue" in app.get("/dataset/old-period").body
        assert "sonla-freshness-on_time" in app.get("/dataset/current-period").body


def test_dataset_parameter_is_checked():
    with pytest.raises(toolkit.ValidationError) as error:
        _freshness_list(dataset='x" OR name:"y')
    assert "dataset" in error.value.error_dict


def test_csv_and_xlsx_exports(app):
    _report_catalogue()
    with freeze_time("2026-03-10 03:00:00"):
        response = app.get("/bao-cao/cap-nhat.csv?table=agencies")
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "cap-nhat-agencies-2026-03-10.csv" in response.headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.body.lstrip("\ufeff"))))
        assert rows[0] == ["Cơ quan", "Số bộ dữ liệu", "Đúng hạn", "Sắp đến hạn", "Quá hạn", "Không định kỳ",
                           "Tỉ lệ đúng hạn", "Điểm chất lượng trung bình"]
        by_agency = {row[0]: row for row in rows[1:]}
        assert by_agency["Sở Y tế"][1:7] == ["2", "1", "0", "1", "0", "0.5"]
        assert by_agency["Sở Tài chính"][1:7] == ["1", "1", "0", "0", "0", "1.0"]

        datasets = list(csv.reader(io.StringIO(app.get("/bao-cao/cap-nhat.csv").body.lstrip("\ufeff"))))
        by_name = {row[1]: row for row in datasets[1:]}
        assert set(by_name) == {"tram-y-te", "gia-thuoc", "ngan-sach"}
        assert by_name["gia-thuoc"][3:] == ["monthly", "", LAST, "2026-02-28", "-10", "Quá hạn"]
        assert by_name["ngan-sach"][0] == "'=Ngân sách"  # kept as text, not a formula

        response = app.get("/bao-cao/cap-nhat.xlsx")
        assert response.headers["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        book = load_workbook(io.BytesIO(response.get_data()))
        assert book.sheetnames == ["Cơ quan", "Bộ dữ liệu"]
        agencies = list(book["Cơ quan"].iter_rows(values_only=True))
        assert agencies[0][0] == "Cơ quan"
        assert {row[0]: row[1:7] for row in agencies[1:]}["Sở Y tế"] == (2, 1, 0, 1, 0, 0.5)
        dataset_rows = list(book["Bộ dữ liệu"].iter_rows(values_only=True))
        assert {row[1]: row[7] for row in dataset_rows[1:]}["gia-thuoc"] == -10
        assert book["Bộ dữ liệu"].cell(row=2, column=1).data_type == "s"  # no formula cell anywhere
        assert all(cell.data_type != "f" for row in book["Bộ dữ liệu"].iter_rows() for cell in row)
        # A typed text cell needs no apostrophe: Excel would show it as part of the title.
        assert {row[1]: row[0] for row in dataset_rows[1:]}["ngan-sach"] == "=Ngân sách"
        assert all(cell.data_type == "s" for sheet in book for row in sheet.iter_rows() for cell in row
                   if isinstance(cell.value, str))
        app.get("/bao-cao/cap-nhat.csv?table=nothing", status=400)


def test_agency_page_shows_its_on_time_rate(app):
    _report_catalogue()
    with freeze_time("2026-03-10 03:00:00"):
        page = app.get("/organization/so-y-te").body
        assert "Tỉ lệ đúng hạn" in page
        assert '<dd class="sonla-on-time-rate">50%</dd>' in page
        assert "/bao-cao/cap-nhat?organization=so-y-te" in page


def test_nav_links_to_the_report(app):
    page = app.get("/").body
    assert 'href="/bao-cao/cap-nhat"' in page and ">Báo cáo<" in page


def _run_cli(app, cli, args):
    from ckanext.sonla.freshness import cli as freshness_cli

    with app.flask_app.test_request_context():
        return cli.invoke(freshness_cli.freshness_command, args)


def test_cli_table_status_filter_and_csv(app, cli):
    _report_catalogue()
    result = _run_cli(app, cli, ["--today", "2026-03-10"])
    assert result.exit_code == 0, result.output
    assert "Tình trạng cập nhật ngày 10/03/2026" in result.output
    lines = result.output.splitlines()
    health = next(line for line in lines if line.startswith("Sở Y tế"))
    # the CLI runs as the site user: the private dataset counts (3 datasets, 1 on time, 2 overdue)
    assert health.split()[3:9] == ["3", "1", "0", "2", "0", "33%"]

    result = _run_cli(app, cli, ["--today", "2026-03-10", "--status", "overdue", "--datasets", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][0] == "Tên bộ dữ liệu"
    assert sorted(row[1] for row in rows[1:]) == ["bi-mat", "gia-thuoc"]

    result = _run_cli(app, cli, ["--today", "2026-03-10", "--datasets", "--csv"])
    titles = {row[1]: row[0] for row in csv.reader(io.StringIO(result.output))}
    assert titles["ngan-sach"] == "'=Ngân sách"  # a CSV file: kept as text, not a formula

    result = _run_cli(app, cli, ["--today", "2026-03-10", "--status", "overdue", "--csv", "--lang", "en"])
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:2] == ["Agency", "Number of datasets"]
    assert [row[0] for row in rows[1:]] == ["Sở Y tế"]  # Sở Tài chính has nothing overdue

    bad = _run_cli(app, cli, ["--today", "10/03/2026"])
    assert bad.exit_code == 2 and "Ngày không hợp lệ" in bad.output
    bad = _run_cli(app, cli, ["--organization", "khong-co"])
    assert bad.exit_code == 2 and "Không có cơ quan" in bad.output


def test_migration_04_fills_in_the_dates_of_datasets_already_indexed(migrate_db_for):
    import ckan.model as model
    import sqlalchemy as sa

    org = factories.Organization()
    _dataset(org, "monthly-ds", "monthly")
    _dataset(org, "irregular-ds", "irregular")
    model.Session.commit()
    migrate_db_for("sonla_search", "d41f7b2c9e10", forward=False)  # before the freshness columns
    columns = {c["name"] for c in sa.inspect(model.Session.connection()).get_columns("sonla_search_index")}
    assert "freshness_next_due" not in columns
    model.Session.commit()
    migrate_db_for("sonla_search")
    rows = model.Session.execute(sa.text(
        "SELECT name, freshness_scheduled, freshness_next_due, freshness_due_soon_from FROM sonla_search_index"
        " ORDER BY name")).all()
    assert [tuple(row) for row in rows] == [("irregular-ds", False, None, None),
                                            ("monthly-ds", True, date(2026, 2, 28), date(2026, 2, 26))]
    with freeze_time("2026-03-01 03:00:00"):
        assert _facet(fq="freshness_status:overdue")[1] == ["monthly-ds"]
