"""Data requests and problem reports (issue #22, parts 1 and 2): actions, rights, bounds and e-mails,
on the real CKAN, PostgreSQL, Redis and an SMTP sink (aiosmtpd)."""
from __future__ import annotations

import re
import time
from datetime import date, timedelta

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
import test_freshness_mail
from ckan.plugins import toolkit

PLUGINS = "sonla_search sonla scheming_datasets activity"
smtp_sink = test_freshness_mail.smtp_sink  # the SMTP sink fixture (aiosmtpd)
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context", "clean_redis"),
]


def _member(org, role, **fields):
    user = factories.User(**fields)
    helpers.call_action("organization_member_create", id=org["id"], username=user["name"], role=role)
    return user


@pytest.fixture
def agency():
    org = factories.Organization(name="so-y-te", title="Sở Y tế")
    editor = _member(org, "editor", email="bien.tap@sonla.gov.vn")
    admin = _member(org, "admin", email="quan.tri@sonla.gov.vn")
    member = _member(org, "member", email="thanh.vien@sonla.gov.vn")
    return {"org": org, "editor": editor, "admin": admin, "member": member}


def _dataset(org, name, **fields):
    return factories.Dataset(owner_org=org["id"], name=name, notes="Thử nghiệm", update_frequency="monthly",
                             data_last_updated="2026-01-31", **fields)


def _as(user):
    return {"user": user["name"], "ignore_auth": False}


def _anon():
    return {"user": "", "ignore_auth": False}


def _form_token(age: float = 60):
    """A form shown ``age`` seconds ago, as a person filling it in would send it."""
    from ckanext.sonla.public_forms import antispam

    real = time.time
    try:
        time.time = lambda: real() - age  # type: ignore[assignment]
        return antispam.form_token()
    finally:
        time.time = real  # type: ignore[assignment]


def _recipients(inbox):
    return sorted(address for rcpts, _m in inbox.messages for address in rcpts)


def test_a_signed_in_request_is_public_at_once_and_reaches_the_agency_editors(agency, smtp_sink):
    citizen = factories.User(email="dan@example.vn")
    created = helpers.call_action("sonla_request_create", _as(citizen), title="Danh sách trạm y tế",
                                  description="Địa chỉ và giờ làm việc", organization="so-y-te")
    assert created["status"] == "new" and created["confirmed"] is True
    assert created["mail"] == {"sent": 2, "failed": 0}
    assert "email" not in created
    assert date.fromisoformat(created["due_date"]) >= date.today() + timedelta(days=14)
    assert _recipients(smtp_sink) == ["bien.tap@sonla.gov.vn", "quan.tri@sonla.gov.vn"]
    message = smtp_sink.messages[0][1]
    body = message.get_body().get_content()
    assert "Danh sách trạm y tế" in body and "/yeu-cau-du-lieu/" + created["id"] in body
    shown = helpers.call_action("sonla_request_show", _anon(), id=created["id"])
    assert shown["title"] == "Danh sách trạm y tế" and shown["organization"] == "so-y-te"
    listed = helpers.call_action("sonla_request_list", _anon())
    assert [r["id"] for r in listed["results"]] == [created["id"]]


def test_an_anonymous_request_waits_for_its_email_confirmation(agency, smtp_sink):
    from ckanext.sonla.public_forms import antispam

    created = helpers.call_action("sonla_request_create", _anon(), title="Giá đất", description="Bảng giá",
                                  email="Nguoi.Dan@Example.vn", form_token=_form_token(), website="")
    assert created["confirmed"] is False and created["confirmation_sent"] is True
    assert _recipients(smtp_sink) == ["nguoi.dan@example.vn"]
    assert helpers.call_action("sonla_request_list", _anon())["count"] == 0
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("sonla_request_show", _anon(), id=created["id"])
    body = smtp_sink.messages[0][1].get_body().get_content()
    # The link's token as e-mailed (a token made here could carry the next second's timestamp).
    token = re.search(r"/yeu-cau-du-lieu/xac-nhan/(\S+)", body).group(1)
    assert antispam.confirmed_id(token) == created["id"]
    # Opening the link only shows a page (mail scanners open links too): the mail says to press its button.
    assert "bấm nút trên trang" in body and "press the button on the page" in body
    confirmed = helpers.call_action("sonla_request_confirm", _anon(), token=token)
    assert confirmed["confirmed"] is True
    # Unknown agency: the sysadmins answer for it; none has an address here, so nothing is sent.
    assert confirmed["mail"] == {"sent": 0, "failed": 0}
    again = helpers.call_action("sonla_request_confirm", _anon(), token=token)
    assert again["mail"] == {"sent": 0, "failed": 0}
    assert helpers.call_action("sonla_request_list", _anon(), organization="_")["count"] == 1


@pytest.mark.parametrize(("fields", "field"), [
    ({"website": "http://spam.example"}, "website"),
    ({"form_token": "forged"}, "form_token"),
    ({"email": "not-an-address"}, "email"),
    ({"email": ""}, "email"),
    ({"title": "x" * 201}, "title"),
    ({"title": "Giá đất\nBcc: spam@example.vn"}, "title"),
    ({"description": ""}, "description"),
    ({"description": "x" * 4001}, "description"),
    ({"organization": "khong-co"}, "organization"),
    ({"kind": "other"}, "kind"),
])
def test_bad_anonymous_input_is_refused_with_the_field_named(agency, smtp_sink, fields, field):
    data = {"title": "Giá đất", "description": "Bảng giá", "email": "a@example.vn", "form_token": _form_token(),
            **fields}
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_create", _anon(), **data)
    assert field in error.value.error_dict
    assert smtp_sink.messages == []


def test_a_form_sent_faster_than_a_person_could_is_refused(agency, smtp_sink):
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_create", _anon(), title="t", description="d", email="a@example.vn",
                            form_token=_form_token(age=1))
    assert "form_token" in error.value.error_dict
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_create", _anon(), title="t", description="d", email="a@example.vn",
                            form_token=_form_token(age=25 * 3600))
    assert "form_token" in error.value.error_dict
    assert smtp_sink.messages == []


@pytest.mark.ckan_config("ckanext.sonla.requests.per_hour", "2")
def test_submissions_are_limited_per_email_address_and_per_client(app, agency, smtp_sink):
    def send(address: str, email: str) -> None:
        with app.flask_app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            helpers.call_action("sonla_request_create", _anon(), title="t", description="d", email=email,
                                form_token=_form_token())

    send("10.0.0.1", "a@example.vn")
    send("10.0.0.1", "a@example.vn")
    with pytest.raises(toolkit.ValidationError) as error:
        send("10.0.0.2", "A@example.vn")  # another client, the same address
    assert "email" in error.value.error_dict
    with pytest.raises(toolkit.ValidationError) as error:
        send("10.0.0.1", "b@example.vn")  # the same client, another address
    assert "rate" in error.value.error_dict
    send("10.0.0.3", "c@example.vn")
    assert len(smtp_sink.messages) == 3


def test_an_expired_or_forged_confirmation_link_is_refused(agency, monkeypatch):
    from ckanext.sonla.public_forms import antispam

    created = helpers.call_action("sonla_request_create", _anon(), title="t", description="d",
                                  email="a@example.vn", form_token=_form_token())
    token = antispam.confirm_token(created["id"])
    with pytest.raises(toolkit.ValidationError):
        helpers.call_action("sonla_request_confirm", _anon(), token=token + "x")
    later = time.time() + 49 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_confirm", _anon(), token=token)
    assert "token" in error.value.error_dict


def test_only_the_agency_editors_change_the_status_and_the_requester_is_told(agency, smtp_sink):
    citizen = factories.User(email="dan@example.vn")
    dataset = _dataset(agency["org"], "tram-y-te")
    created = helpers.call_action("sonla_request_create", _as(citizen), title="Trạm y tế", description="d",
                                  organization="so-y-te")
    smtp_sink.messages.clear()
    other_org = factories.Organization()
    outsider = _member(other_org, "admin", email="x@sonla.gov.vn")
    for user in (citizen, agency["member"], outsider):
        with pytest.raises(toolkit.NotAuthorized):
            helpers.call_action("sonla_request_update", _as(user), id=created["id"], status="in_progress")
    with pytest.raises(toolkit.NotAuthorized):
        helpers.call_action("sonla_request_update", _anon(), id=created["id"], status="in_progress")
    assert smtp_sink.messages == []
    moved = helpers.call_action("sonla_request_update", _as(agency["editor"]), id=created["id"],
                                status="in_progress")
    assert moved["status"] == "in_progress" and moved["mail"] == {"sent": 1, "failed": 0}
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_update", _as(agency["editor"]), id=created["id"], status="fulfilled")
    assert "dataset" in error.value.error_dict
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_update", _as(agency["editor"]), id=created["id"], status="rejected")
    assert "reason" in error.value.error_dict
    done = helpers.call_action("sonla_request_update", _as(agency["admin"]), id=created["id"],
                               status="fulfilled", dataset="tram-y-te", reason="Đã công bố")
    assert done["answer_dataset"] == dataset["name"]
    assert _recipients(smtp_sink) == ["dan@example.vn", "dan@example.vn"]
    body = smtp_sink.messages[-1][1].get_body().get_content()
    assert "Đã đáp ứng" in body and "/dataset/tram-y-te" in body and "Đã công bố" in body
    # The same status again is no change: no e-mail.
    helpers.call_action("sonla_request_update", _as(agency["admin"]), id=created["id"], status="fulfilled",
                        dataset="tram-y-te")
    assert len(smtp_sink.messages) == 2


def test_a_private_dataset_cannot_answer_a_public_request(agency):
    _dataset(agency["org"], "noi-bo", private=True)
    created = helpers.call_action("sonla_request_create", _as(agency["editor"]), title="t", description="d",
                                  organization="so-y-te")
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_update", _as(agency["editor"]), id=created["id"], status="fulfilled",
                            dataset="noi-bo")
    assert "dataset" in error.value.error_dict


def test_only_sysadmins_give_a_request_to_an_agency_which_is_then_told(agency, smtp_sink):
    created = helpers.call_action("sonla_request_create", _as(factories.User()), title="t", description="d")
    with pytest.raises(toolkit.NotAuthorized):
        helpers.call_action("sonla_request_update", _as(agency["editor"]), id=created["id"], status="new",
                            organization="so-y-te")
    sysadmin = factories.Sysadmin()
    smtp_sink.messages.clear()
    moved = helpers.call_action("sonla_request_update", _as(sysadmin), id=created["id"], status="new",
                                organization="so-y-te")
    assert moved["organization"] == "so-y-te"
    assert _recipients(smtp_sink) == ["bien.tap@sonla.gov.vn", "quan.tri@sonla.gov.vn"]


def test_comments_need_an_account_and_are_bounded(agency):
    created = helpers.call_action("sonla_request_create", _as(agency["editor"]), title="t", description="d",
                                  organization="so-y-te")
    with pytest.raises(toolkit.NotAuthorized):
        helpers.call_action("sonla_request_comment", _anon(), id=created["id"], text="Xin chào")
    citizen = factories.User()
    helpers.call_action("sonla_request_comment", _as(citizen), id=created["id"], text="<b>Cảm ơn</b>")
    with pytest.raises(toolkit.ValidationError):
        helpers.call_action("sonla_request_comment", _as(citizen), id=created["id"], text="x" * 2001)
    shown = helpers.call_action("sonla_request_show", _anon(), id=created["id"])
    assert [(c["user_name"], c["text"]) for c in shown["comments"]] == [(citizen["name"], "<b>Cảm ơn</b>")]


def test_a_problem_report_goes_to_the_dataset_agency_and_lists_with_the_dataset(agency, smtp_sink):
    _dataset(agency["org"], "gia-thuoc", title="Giá thuốc")
    _dataset(agency["org"], "bi-mat", private=True)
    citizen = factories.User()
    report = helpers.call_action("sonla_request_create", _as(citizen), kind="problem", dataset="gia-thuoc",
                                 description="Giá âm ở dòng 12\nCột giá bán", location="dòng 12, cột Giá")
    assert report["organization"] == "so-y-te" and report["dataset"] == "gia-thuoc"
    assert report["title"] == "Giá âm ở dòng 12" and report["location"] == "dòng 12, cột Giá"
    assert len(smtp_sink.messages) == 2
    open_reports = helpers.call_action("sonla_request_list", _anon(), dataset="gia-thuoc", kind="problem",
                                       open="true")
    assert open_reports["count"] == 1
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_create", _as(citizen), kind="problem", dataset="bi-mat",
                            description="x")
    assert "dataset" in error.value.error_dict
    helpers.call_action("sonla_request_update", _as(agency["editor"]), id=report["id"], status="fulfilled")
    assert helpers.call_action("sonla_request_list", _anon(), dataset="gia-thuoc", open="true")["count"] == 0


def test_a_report_on_a_private_dataset_reaches_only_those_who_answer_for_it(agency):
    _dataset(agency["org"], "bi-mat", title="Hồ sơ nội bộ", private=True)
    _dataset(agency["org"], "gia-thuoc", title="Giá thuốc")
    hidden = helpers.call_action("sonla_request_create", _as(agency["editor"]), kind="problem", dataset="bi-mat",
                                 description="Thiếu cột mã")
    later = helpers.call_action("sonla_request_create", _as(factories.User()), kind="problem", dataset="gia-thuoc",
                                description="Sai giá")
    helpers.call_action("package_patch", _as(agency["admin"]), id="gia-thuoc", private=True)
    outsiders = (_anon(), _as(factories.User()), _as(agency["member"]))
    for context in outsiders:
        assert helpers.call_action("sonla_request_list", context)["count"] == 0
        for report in (hidden, later):
            with pytest.raises(toolkit.ObjectNotFound):
                helpers.call_action("sonla_request_show", context, id=report["id"])
        if context["user"]:
            with pytest.raises(toolkit.ObjectNotFound):
                helpers.call_action("sonla_request_comment", context, id=hidden["id"], text="?")
    # A private name is told apart from a missing one by nobody who cannot see it.
    messages = set()
    for name in ("bi-mat", "khong-co"):
        with pytest.raises(toolkit.ValidationError) as error:
            helpers.call_action("sonla_request_list", _anon(), dataset=name)
        messages.add(str(error.value.error_dict).replace(name, "NAME"))
    assert len(messages) == 1
    for manager in (agency["editor"], agency["admin"], factories.Sysadmin()):
        listed = helpers.call_action("sonla_request_list", _as(manager))
        assert {r["id"] for r in listed["results"]} == {hidden["id"], later["id"]}
        assert helpers.call_action("sonla_request_show", _as(manager), id=hidden["id"])["dataset_title"] \
            == "Hồ sơ nội bộ"


def test_the_sender_of_a_report_on_a_hidden_dataset_still_sees_it(agency):
    """A member may report on the agency's private dataset, and a citizen's dataset may become private
    later: each still sees (and may follow up on) their own report, and nobody else's."""
    _dataset(agency["org"], "bi-mat", title="Hồ sơ nội bộ", private=True)
    _dataset(agency["org"], "gia-thuoc", title="Giá thuốc")
    own = helpers.call_action("sonla_request_create", _as(agency["member"]), kind="problem", dataset="bi-mat",
                              description="Thiếu cột mã")
    citizen = factories.User()
    reported = helpers.call_action("sonla_request_create", _as(citizen), kind="problem", dataset="gia-thuoc",
                                   description="Sai giá")
    helpers.call_action("package_patch", _as(agency["admin"]), id="gia-thuoc", private=True)
    for sender, report, other in ((agency["member"], own, reported), (citizen, reported, own)):
        listed = helpers.call_action("sonla_request_list", _as(sender))
        assert [r["id"] for r in listed["results"]] == [report["id"]] and listed["count"] == 1
        assert listed["facets"]["organization"] == [{"name": "so-y-te", "title": "Sở Y tế", "count": 1}]
        assert helpers.call_action("sonla_request_show", _as(sender), id=report["id"])["id"] == report["id"]
        helpers.call_action("sonla_request_comment", _as(sender), id=report["id"], text="Đã bổ sung?")
        with pytest.raises(toolkit.ObjectNotFound):
            helpers.call_action("sonla_request_show", _as(sender), id=other["id"])
    another_member = _member(agency["org"], "member")
    assert helpers.call_action("sonla_request_list", _as(another_member))["count"] == 0


def test_the_sender_is_not_told_the_new_name_of_a_dataset_made_private(agency, smtp_sink):
    _dataset(agency["org"], "gia-thuoc", title="Giá thuốc")
    citizen = factories.User(email="dan@example.vn")
    report = helpers.call_action("sonla_request_create", _as(citizen), kind="problem", dataset="gia-thuoc",
                                 description="Sai giá")
    helpers.call_action("package_patch", _as(agency["admin"]), id="gia-thuoc", private=True, name="ky-luat-2026",
                        title="Danh sách kỷ luật 2026")
    for shown in (helpers.call_action("sonla_request_show", _as(citizen), id=report["id"]),
                  helpers.call_action("sonla_request_list", _as(citizen))["results"][0]):
        assert shown["dataset"] is None and shown["dataset_title"] is None and shown["package_id"] is None
        assert "ky-luat" not in str(shown) and "kỷ luật" not in str(shown)
    # Those who answer for it still see which dataset it is about.
    assert helpers.call_action("sonla_request_show", _as(agency["editor"]), id=report["id"])["dataset"] \
        == "ky-luat-2026"
    # The status e-mail to the citizen does not name it either.
    smtp_sink.messages.clear()
    helpers.call_action("sonla_request_update", _as(agency["editor"]), id=report["id"], status="in_progress")
    (_recipients, message), = [m for m in smtp_sink.messages if m[0] == ["dan@example.vn"]]
    assert "kỷ luật" not in message.get_body().get_content()


def test_a_report_on_a_purged_private_dataset_stays_hidden(agency):
    _dataset(agency["org"], "bi-mat", private=True)
    report = helpers.call_action("sonla_request_create", _as(agency["member"]), kind="problem", dataset="bi-mat",
                                 description="Thiếu cột mã")
    # What a purge does to the report (the foreign key's ON DELETE SET NULL), done directly: on CKAN 2.11 with
    # ckanext-harvest installed, dataset_purge also reads harvest tables the test database may not have.
    from ckan import model

    model.Session.execute(sa.text("UPDATE sonla_request SET package_id = NULL WHERE id = :id"), {"id": report["id"]})
    model.Session.execute(sa.text("UPDATE package SET state = 'deleted' WHERE name = 'bi-mat'"))
    model.Session.commit()
    for context in (_anon(), _as(factories.User())):
        assert helpers.call_action("sonla_request_list", context)["count"] == 0
        with pytest.raises(toolkit.ObjectNotFound):
            helpers.call_action("sonla_request_show", context, id=report["id"])
    # Its sender and the agency still see it.
    assert helpers.call_action("sonla_request_show", _as(agency["member"]), id=report["id"])["id"] == report["id"]
    assert helpers.call_action("sonla_request_list", _as(agency["editor"]))["count"] == 1


@pytest.mark.parametrize(("field", "value"), [
    ("title", "Trạm y tế\u2028Bcc: x@evil.example"), ("title", "Giá\x85đất"), ("title", "Giá\x1cđất"),
    ("email", "nguyễn@example.vn")])
def test_text_that_cannot_go_into_an_email_header_is_refused(agency, field, value):
    fields = {"title": "Giá đất", "description": "Bảng giá", "email": "nguoi.dan@example.vn", field: value}
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_request_create", _anon(), form_token=_form_token(), website="", **fields)
    assert list(error.value.error_dict) == [field]


def test_a_problem_report_whose_description_starts_with_a_unicode_line_break_gets_a_one_line_title(agency,
                                                                                                smtp_sink):
    _dataset(agency["org"], "gia-thuoc", title="Giá thuốc")
    report = helpers.call_action("sonla_request_create", _as(factories.User()), kind="problem", dataset="gia-thuoc",
                                 description="Sai\x85giá ở dòng 12")
    assert report["title"] == "Sai" and report["mail"]["failed"] == 0


def test_an_editor_whose_name_has_a_line_break_still_gets_the_mail(agency, smtp_sink):
    from ckan import model

    editor = model.User.get(agency["editor"]["id"])
    editor.fullname = "Biên tập\nviên"  # CKAN's check of full names lets a line break through
    model.Session.commit()
    created = helpers.call_action("sonla_request_create", _as(factories.User()), title="Giá đất",
                                  description="Bảng giá", organization="so-y-te")
    assert created["mail"] == {"sent": 2, "failed": 0}


def test_an_answer_made_private_later_is_no_longer_named(agency):
    _dataset(agency["org"], "danh-sach", title="Danh sách nhà thuốc")
    created = helpers.call_action("sonla_request_create", _as(factories.User()), title="Nhà thuốc",
                                  description="d", organization="so-y-te")
    helpers.call_action("sonla_request_update", _as(agency["editor"]), id=created["id"], status="fulfilled",
                        dataset="danh-sach")
    assert helpers.call_action("sonla_request_show", _anon(), id=created["id"])["answer_dataset"] == "danh-sach"
    helpers.call_action("package_patch", _as(agency["admin"]), id="danh-sach", private=True)
    for answer in (helpers.call_action("sonla_request_show", _anon(), id=created["id"]),
                   helpers.call_action("sonla_request_list", _anon())["results"][0]):
        assert answer["answer_dataset"] is None and answer["answer_dataset_title"] is None
        assert "Danh sách nhà thuốc" not in str(answer)


def test_the_list_counts_each_facet_with_the_other_filters(agency):
    other = factories.Organization(name="so-tai-chinh", title="Sở Tài chính")
    user = factories.User()
    ids = [helpers.call_action("sonla_request_create", _as(user), title=f"r{i}", description="d",
                               organization=org)["id"]
           for i, org in enumerate(["so-y-te", "so-y-te", "so-tai-chinh", ""])]
    helpers.call_action("sonla_request_update", _as(agency["editor"]), id=ids[0], status="rejected", reason="Không có")
    listed = helpers.call_action("sonla_request_list", _anon(), organization="so-y-te")
    assert listed["count"] == 2
    assert listed["facets"]["status"] == {"new": 1, "rejected": 1}
    assert {e["name"]: e["count"] for e in listed["facets"]["organization"]} == {"so-y-te": 2, "so-tai-chinh": 1,
                                                                               "_": 1}
    assert helpers.call_action("sonla_request_list", _anon(), status="rejected")["count"] == 1
    assert other["name"] == "so-tai-chinh"
    with pytest.raises(toolkit.ValidationError):
        helpers.call_action("sonla_request_list", _anon(), page="0")
    with pytest.raises(toolkit.ValidationError):
        helpers.call_action("sonla_request_list", _anon(), status="closed")


def test_notify_overdue_mails_each_agency_its_late_requests(app, cli, agency, smtp_sink):
    from ckanext.sonla.requests import cli as requests_cli

    user = factories.User()
    late = helpers.call_action("sonla_request_create", _as(user), title="Muộn", description="d",
                               organization="so-y-te")
    answered = helpers.call_action("sonla_request_create", _as(user), title="Xong", description="d",
                                   organization="so-y-te")
    helpers.call_action("sonla_request_update", _as(agency["editor"]), id=answered["id"], status="rejected",
                        reason="Không")
    smtp_sink.messages.clear()
    future = (date.today() + timedelta(days=40)).isoformat()
    result = cli.invoke(requests_cli.requests_command, ["notify-overdue", "--today", future])
    assert result.exit_code == 0, result.output
    assert _recipients(smtp_sink) == ["bien.tap@sonla.gov.vn", "quan.tri@sonla.gov.vn"]
    body = smtp_sink.messages[0][1].get_body().get_content()
    assert "Muộn" in body and "/yeu-cau-du-lieu/" + late["id"] in body and "Xong" not in body
    smtp_sink.messages.clear()
    assert cli.invoke(requests_cli.requests_command, ["notify-overdue", "--today", "2020-01-01"]).exit_code == 0
    assert smtp_sink.messages == []
    bad = cli.invoke(requests_cli.requests_command, ["notify-overdue", "--today", "hôm qua"])
    assert bad.exit_code == 2
