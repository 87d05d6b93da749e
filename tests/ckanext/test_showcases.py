"""Showcases ("Ứng dụng", issue #22 part 4): actions, rights, moderation, bounds and the links they
may hold, on the real CKAN, PostgreSQL and Redis."""
from __future__ import annotations

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import test_freshness_mail
from ckan.plugins import toolkit
from flask_babel import force_locale

smtp_sink = test_freshness_mail.smtp_sink  # the SMTP sink fixture (aiosmtpd)

PLUGINS = "sonla_search sonla scheming_datasets activity"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context", "clean_redis"),
]


@pytest.fixture
def data():
    org = factories.Organization(name="so-tai-nguyen", title="Sở Tài nguyên")
    fields = {"owner_org": org["id"], "notes": "Thử nghiệm", "update_frequency": "monthly",
              "data_last_updated": "2026-01-31"}
    return {
        "public": factories.Dataset(name="quan-trac-nuoc", title="Quan trắc nước", **fields),
        "other": factories.Dataset(name="diem-du-lich", title="Điểm du lịch", **fields),
        "private": factories.Dataset(name="noi-bo", private=True, **fields),
        "sysadmin": factories.Sysadmin(),
        "citizen": factories.User(),
    }


def _as(user):
    return {"user": user["name"], "ignore_auth": False}


def _anon():
    return {"user": "", "ignore_auth": False}


def _submit(user, **fields):
    values = {"title": "Bản đồ chất lượng nước", "kind": "visualisation", "url": "https://ban-do.example.vn/nuoc",
              "description": "Bản đồ các điểm quan trắc", "author": "Nhóm Sinh viên Tây Bắc",
              "datasets": ["quan-trac-nuoc"], **fields}
    return helpers.call_action("sonla_showcase_create", _as(user), **values)


def test_a_citizen_submits_and_it_stays_hidden_until_a_sysadmin_approves_it(data):
    created = _submit(data["citizen"])
    assert created["status"] == "pending" and created["approved_at"] is None
    assert [d["name"] for d in created["datasets"]] == ["quan-trac-nuoc"]
    assert "user_id" not in created and created["user_name"] == data["citizen"]["name"]
    assert helpers.call_action("sonla_showcase_list", _anon())["count"] == 0
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("sonla_showcase_show", _anon(), id=created["id"])
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("sonla_showcase_show", _as(factories.User()), id=created["id"])
    # Its submitter and the sysadmins see it, and the sysadmins' queue lists it.
    assert helpers.call_action("sonla_showcase_show", _as(data["citizen"]), id=created["id"])["status"] == "pending"
    queue = helpers.call_action("sonla_showcase_list", _as(data["sysadmin"]), status="pending")
    assert [s["id"] for s in queue["results"]] == [created["id"]]

    approved = helpers.call_action("sonla_showcase_approve", _as(data["sysadmin"]), id=created["id"],
                                   status="approved")
    assert approved["status"] == "approved" and approved["approved_at"]
    listed = helpers.call_action("sonla_showcase_list", _anon())
    assert [s["id"] for s in listed["results"]] == [created["id"]]
    assert listed["facets"]["kind"] == {"visualisation": 1}
    assert helpers.call_action("sonla_showcase_show", _anon(), id=created["id"])["title"] == "Bản đồ chất lượng nước"
    by_dataset = helpers.call_action("sonla_showcase_list", _anon(), dataset="quan-trac-nuoc")
    assert by_dataset["count"] == 1
    assert helpers.call_action("sonla_showcase_list", _anon(), dataset="diem-du-lich")["count"] == 0


def test_a_rejection_needs_a_reason_which_the_submitter_sees(data):
    created = _submit(data["citizen"])
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_showcase_approve", _as(data["sysadmin"]), id=created["id"], status="rejected")
    assert "reason" in error.value.error_dict
    helpers.call_action("sonla_showcase_approve", _as(data["sysadmin"]), id=created["id"], status="rejected",
                        reason="Trang không dùng dữ liệu của cổng")
    shown = helpers.call_action("sonla_showcase_show", _as(data["citizen"]), id=created["id"])
    assert shown["status"] == "rejected" and shown["reason"] == "Trang không dùng dữ liệu của cổng"
    assert helpers.call_action("sonla_showcase_list", _anon())["count"] == 0
    with pytest.raises(toolkit.ValidationError):
        helpers.call_action("sonla_showcase_approve", _as(data["sysadmin"]), id=created["id"], status="done")


def test_the_sysadmins_hear_of_a_submission_and_the_submitter_of_each_decision(data, smtp_sink):
    inactive = factories.Sysadmin(email="cu@sonla.gov.vn")
    helpers.call_action("user_delete", id=inactive["id"])
    from ckan import model
    no_address = model.User.get(factories.Sysadmin()["id"])  # no address: CKAN asks for one at sign-up only
    no_address.email = ""
    model.Session.commit()
    created = _submit(data["citizen"])
    assert created["mail"] == {"sent": 1, "failed": 0}
    (recipients, waiting), = smtp_sink.messages
    assert recipients == [data["sysadmin"]["email"]]
    assert waiting["Subject"].endswith("Ứng dụng chờ duyệt: Bản đồ chất lượng nước")
    body = waiting.get_body().get_content()
    assert f"/ung-dung/{created['id']}" in body and "https://ban-do.example.vn/nuoc" in body
    assert body.index("Duyệt hoặc từ chối") < body.index("-- English --") < body.index("Approve or reject")

    sysadmin = _as(data["sysadmin"])
    rejected = helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="rejected",
                                   reason="Thiếu nguồn dữ liệu")
    assert rejected["mail"] == {"sent": 1, "failed": 0}
    recipients, decision = smtp_sink.messages[1]
    assert recipients == [data["citizen"]["email"]]
    assert decision["Subject"].endswith("Ứng dụng của bạn: Từ chối")
    assert "Ghi chú của người duyệt: Thiếu nguồn dữ liệu" in decision.get_body().get_content()
    # Saving the same decision again tells nobody; a new reason for the rejection does, and so does approving.
    again = helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="rejected",
                                reason="Thiếu nguồn dữ liệu")
    assert again["mail"] == {"sent": 0, "failed": 0} and len(smtp_sink.messages) == 2
    helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="rejected",
                        reason="Liên kết không mở được")
    assert "Ghi chú của người duyệt: Liên kết không mở được" in smtp_sink.messages[2][1].get_body().get_content()
    helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="approved")
    assert smtp_sink.messages[3][1]["Subject"].endswith("Ứng dụng của bạn: Đã duyệt")
    # A sysadmin's own showcase is public at once: no review, no e-mail.
    own = _submit(data["sysadmin"], title="Ứng dụng của sở")
    assert own["status"] == "approved" and "mail" not in own and len(smtp_sink.messages) == 4


def test_only_sysadmins_moderate_edit_delete_and_see_the_queue(data):
    created = _submit(data["citizen"])
    for action, extra in (("sonla_showcase_approve", {"status": "approved"}),
                          ("sonla_showcase_update", {"title": "Khác"}), ("sonla_showcase_delete", {})):
        for context in (_as(data["citizen"]), _anon()):
            with pytest.raises(toolkit.NotAuthorized):
                helpers.call_action(action, context, id=created["id"], **extra)
    with pytest.raises(toolkit.NotAuthorized):
        helpers.call_action("sonla_showcase_list", _as(data["citizen"]), status="pending")
    with pytest.raises(toolkit.NotAuthorized):
        helpers.call_action("sonla_showcase_create", _anon(), title="t", kind="app", url="https://a.vn",
                            description="d", datasets=["quan-trac-nuoc"])


def test_a_sysadmin_publishes_directly_edits_and_deletes(data):
    created = _submit(data["sysadmin"], kind="app", datasets="quan-trac-nuoc, diem-du-lich")
    assert created["status"] == "approved" and created["approved_at"]
    assert sorted(d["name"] for d in created["datasets"]) == ["diem-du-lich", "quan-trac-nuoc"]
    updated = helpers.call_action("sonla_showcase_update", _as(data["sysadmin"]), id=created["id"],
                                  title="Ứng dụng Nước sạch", datasets=["diem-du-lich"])
    assert updated["title"] == "Ứng dụng Nước sạch" and updated["kind"] == "app"
    assert [d["name"] for d in updated["datasets"]] == ["diem-du-lich"]
    assert updated["url"] == "https://ban-do.example.vn/nuoc"
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_showcase_update", _as(data["sysadmin"]), id=created["id"],
                            url="javascript:alert(1)")
    assert "url" in error.value.error_dict
    helpers.call_action("sonla_showcase_delete", _as(data["sysadmin"]), id=created["id"])
    with pytest.raises(toolkit.ObjectNotFound):
        helpers.call_action("sonla_showcase_show", _as(data["sysadmin"]), id=created["id"])


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JaVa\tScRiPt:alert(document.cookie)", "java&#115;cript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
    "ftp://files.example.vn/a", "//evil.example/x", "/dataset/quan-trac-nuoc", "https://", "http:///x",
    'https://a.vn/"><script>alert(1)</script>', "https://a.vn/\nx",
    "http://@", "https://sonla.gov.vn@evil.example/", "https://a.vn/\u202egnp.exe", "https://a\u200b.vn/", "http://[::1",
])
def test_a_link_that_is_not_an_http_page_is_refused(data, url):
    with pytest.raises(toolkit.ValidationError) as error:
        _submit(data["sysadmin"], url=url)
    assert list(error.value.error_dict) == ["url"]


def test_the_datasets_must_exist_be_public_and_be_few(app, data):
    for datasets, message in ((["khong-co"], "khong-co"), (["noi-bo"], "noi-bo"), ([], "at least one"),
                              ("", "at least one"), ([f"d{i}" for i in range(21)], "At most 20")):
        # English whatever language an earlier test left in flask-babel's cache (kept on the app context).
        with app.flask_app.test_request_context(), force_locale("en"), \
                pytest.raises(toolkit.ValidationError) as error:
            _submit(data["citizen"], datasets=datasets)
        assert message in str(error.value.error_dict["datasets"])


def test_every_field_is_bounded_and_all_errors_come_at_once(data):
    with pytest.raises(toolkit.ValidationError) as error:
        _submit(data["citizen"], title="", kind="game", description="x" * 4001, author="a" * 201,
                url="mailto:a@b.vn")
    assert set(error.value.error_dict) == {"title", "kind", "description", "author", "url"}
    with pytest.raises(toolkit.ValidationError) as error:
        _submit(data["citizen"], title="Hai\ndòng")
    assert "title" in error.value.error_dict


def test_the_hidden_field_and_the_hourly_limit_stop_a_bot(data):
    with pytest.raises(toolkit.ValidationError) as error:
        _submit(data["citizen"], website="http://spam.example")
    assert "website" in error.value.error_dict
    for _ in range(5):
        _submit(data["citizen"])
    with pytest.raises(toolkit.ValidationError) as error:
        _submit(data["citizen"])
    assert "rate" in error.value.error_dict
    _submit(factories.User())  # another account has its own count
    for _ in range(6):
        _submit(data["sysadmin"])  # sysadmins: no limit


@pytest.mark.ckan_config("ckanext.sonla.showcases.per_hour", "1")
def test_the_hourly_limit_is_configurable_and_apart_from_the_requests_one(data):
    helpers.call_action("sonla_request_create", _as(data["citizen"]), title="t", description="d")
    _submit(data["citizen"])
    with pytest.raises(toolkit.ValidationError):
        _submit(data["citizen"])


def test_a_dataset_made_private_drops_out_of_the_showcase(data):
    created = _submit(data["sysadmin"], datasets=["quan-trac-nuoc", "diem-du-lich"])
    helpers.call_action("package_patch", _as(data["sysadmin"]), id="diem-du-lich", private=True)
    shown = helpers.call_action("sonla_showcase_show", _anon(), id=created["id"])
    assert [d["name"] for d in shown["datasets"]] == ["quan-trac-nuoc"]


def test_the_list_by_dataset_does_not_tell_a_private_dataset_from_a_missing_one(data):
    created = _submit(data["sysadmin"], datasets=["quan-trac-nuoc", "diem-du-lich"])
    assert helpers.call_action("sonla_showcase_list", _anon(), dataset="diem-du-lich")["count"] == 1
    helpers.call_action("package_patch", _as(data["sysadmin"]), id="diem-du-lich", private=True)
    answers = []
    for name in ("diem-du-lich", "noi-bo", "khong-co", data["private"]["id"]):
        with pytest.raises(toolkit.ValidationError) as error:
            helpers.call_action("sonla_showcase_list", _anon(), dataset=name)
        answers.append(str(error.value.error_dict["dataset"]).replace(name, "NAME"))
    assert len(set(answers)) == 1  # the same message whatever hides behind the name
    assert helpers.call_action("sonla_showcase_list", _anon(), dataset="quan-trac-nuoc")["results"][0]["id"] \
        == created["id"]


class _CountedList(list):
    """A list that counts the items read from it."""
    read = 0

    def __iter__(self):
        for item in super().__iter__():
            type(self).read += 1
            yield item


def test_a_long_dataset_list_is_refused_without_reading_it_all(data):
    from ckanext.sonla.showcases import rules

    names = _CountedList(f"bo-du-lieu-{i}" for i in range(60_000))
    with pytest.raises(toolkit.ValidationError) as error:
        rules.dataset_names({"datasets": names})
    assert "At most 20" in str(error.value.error_dict["datasets"]) or "Tối đa 20" in str(error.value.error_dict)
    assert _CountedList.read == rules.MAX_DATASETS + 1
    text = ", ".join(["quan-trac-nuoc"] * 30_000)  # duplicates are one name
    assert rules.dataset_names({"datasets": text}) == ["quan-trac-nuoc"]


@pytest.mark.parametrize("bad_id", ["\x00", "x\x00y", "not-a-uuid", "../../etc"])
def test_an_id_that_cannot_be_one_is_not_found(data, bad_id):
    for action in ("sonla_showcase_show",):
        with pytest.raises(toolkit.ObjectNotFound):
            helpers.call_action(action, _anon(), id=bad_id)
    for action in ("sonla_showcase_update", "sonla_showcase_approve", "sonla_showcase_delete"):
        with pytest.raises(toolkit.ObjectNotFound):
            helpers.call_action(action, _as(data["sysadmin"]), id=bad_id, status="approved")


def test_an_edit_keeps_the_links_to_datasets_hidden_for_now(data):
    created = _submit(data["sysadmin"], datasets=["quan-trac-nuoc", "diem-du-lich"])
    helpers.call_action("package_patch", _as(data["sysadmin"]), id="diem-du-lich", private=True)
    updated = helpers.call_action("sonla_showcase_update", _as(data["sysadmin"]), id=created["id"], title="Sửa")
    assert updated["title"] == "Sửa" and [d["name"] for d in updated["datasets"]] == ["quan-trac-nuoc"]
    # The edit form sends the datasets it showed: the hidden link stays too.
    helpers.call_action("sonla_showcase_update", _as(data["sysadmin"]), id=created["id"], datasets="quan-trac-nuoc")
    helpers.call_action("package_patch", _as(data["sysadmin"]), id="diem-du-lich", private=False)
    shown = helpers.call_action("sonla_showcase_show", _anon(), id=created["id"])
    assert sorted(d["name"] for d in shown["datasets"]) == ["diem-du-lich", "quan-trac-nuoc"]
    # Naming the datasets again replaces the public ones.
    helpers.call_action("sonla_showcase_update", _as(data["sysadmin"]), id=created["id"], datasets=["diem-du-lich"])
    shown = helpers.call_action("sonla_showcase_show", _anon(), id=created["id"])
    assert [d["name"] for d in shown["datasets"]] == ["diem-du-lich"]


def test_an_update_refuses_what_it_would_ignore(data):
    created = _submit(data["sysadmin"])
    with pytest.raises(toolkit.ValidationError) as error:
        helpers.call_action("sonla_showcase_update", _as(data["sysadmin"]), id=created["id"], status="rejected")
    assert "status" in error.value.error_dict
    assert helpers.call_action("sonla_showcase_show", _anon(), id=created["id"])["status"] == "approved"


def test_the_submitters_account_and_the_moderators_reason_are_not_public(data):
    created = _submit(data["citizen"])
    sysadmin = _as(data["sysadmin"])
    helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="rejected", reason="Thiếu nguồn")
    helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="approved",
                        reason="Thiếu nguồn")  # the review form keeps the old text
    for context in (_anon(), _as(factories.User())):
        shown = helpers.call_action("sonla_showcase_show", context, id=created["id"])
        listed = helpers.call_action("sonla_showcase_list", context)["results"][0]
        for answer in (shown, listed):
            assert "user_name" not in answer and "user_id" not in answer and "reason" not in answer
    for context in (_as(data["citizen"]), sysadmin):
        shown = helpers.call_action("sonla_showcase_show", context, id=created["id"])
        assert shown["user_name"] == data["citizen"]["name"] and shown["reason"] == "Thiếu nguồn"


def test_the_publication_date_is_that_of_the_approval(data):
    created = _submit(data["citizen"])
    sysadmin = _as(data["sysadmin"])
    first = helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="approved")
    assert first["approved_at"]
    again = helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="approved", reason="x")
    assert again["approved_at"] == first["approved_at"]  # saving the review again is no new publication
    taken_back = helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="pending")
    assert taken_back["approved_at"] is None
    renewed = helpers.call_action("sonla_showcase_approve", sysadmin, id=created["id"], status="approved")
    assert renewed["approved_at"] > first["approved_at"]


def test_two_sysadmins_deciding_at_once_send_one_decision_mail(app, data, smtp_sink):
    """The second of two approvals in flight at once waits for the first and sees it: the submitter gets one
    e-mail (both read "pending" and both sent one)."""
    import threading

    import sqlalchemy as sa
    from ckan import model
    from ckanext.sonla.showcases.tables import showcase

    created = _submit(data["citizen"])
    second_sysadmin = factories.Sysadmin()
    outcome: dict = {}

    def second_approval():
        with app.flask_app.test_request_context():
            try:
                outcome["result"] = helpers.call_action("sonla_showcase_approve", _as(second_sysadmin),
                                                        id=created["id"], status="approved")
            finally:
                model.Session.remove()

    # The first approval has written its decision and not committed yet.
    with model.meta.engine.connect() as first:
        transaction = first.begin()
        first.execute(sa.update(showcase).where(showcase.c.id == created["id"])
                      .values(status="approved", approved_at=sa.func.now()))
        thread = threading.Thread(target=second_approval)
        thread.start()
        thread.join(timeout=2)
        assert thread.is_alive()  # waiting for the first's row
        transaction.commit()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert outcome["result"]["status"] == "approved"
    assert outcome["result"]["mail"] == {"sent": 0, "failed": 0}
    assert len(smtp_sink.messages) == 1  # the sysadmins' notice of the submission only
