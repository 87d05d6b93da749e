"""E-mail subscriptions without an account (issue #22 part 3): subscribe, confirm, the e-mail after a
publish with its one-click unsubscribe link, and the bounds; on the real CKAN, PostgreSQL, Redis
(the job queue too) and an SMTP sink (aiosmtpd)."""
from __future__ import annotations

import re
import time

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import test_freshness_mail
import test_publish_action
from ckan.lib import jobs
from ckan.plugins import toolkit

PLUGINS = "sonla_search sonla scheming_datasets activity datastore datatables_view"
smtp_sink = test_freshness_mail.smtp_sink  # the SMTP sink fixture (aiosmtpd)
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.ckan_config("ckan.views.default_views", "datatables_view"),
    pytest.mark.ckan_config("ckanext.sonla.requests.min_form_seconds", "0"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis"),
]
SITE = "http://test.ckan.net"


@pytest.fixture(autouse=True)
def _flask_app(app):
    """Actions and jobs called here run in a request context of their own, as in CKAN; not one held over
    the whole test, which would make the test client's API calls anonymous."""
    global APP
    APP = app.flask_app
    yield


APP = None


def _in_request(func, *args, **kwargs):
    with APP.test_request_context():
        return func(*args, **kwargs)


def _call(action, **data):
    return _in_request(helpers.call_action, action, _anon(), **data)


@pytest.fixture
def portal():
    user = factories.User()
    org = factories.Organization(name="so-y-te", title="Sở Y tế",
                                 users=[{"name": user["name"], "capacity": "editor"}])
    theme = factories.Group(name="y-te", title="Y tế")
    return {"token": factories.APIToken(user=user["name"])["token"], "org": org, "theme": theme}


def _publish(app, portal, name="gia-thuoc", source_hash="h1"):
    answer = test_publish_action._post(app, portal["token"], name, portal["org"]["name"],
                                       test_publish_action._rows(("A", 1, "1.5", "2026-01-31")),
                                       package={"title": "Giá thuốc"}, source_hash=source_hash)["result"]
    return answer


def _run_jobs() -> list[dict]:
    """What ``ckan jobs worker`` would do, here and now: each queued job, in this process."""
    queue = jobs.get_queue()
    results = []
    for job in queue.jobs:
        results.append(_in_request(job.perform))
        job.delete()
    return results


def _anon():
    return {"user": "", "ignore_auth": False}


def _form_token():
    from ckanext.sonla.public_forms import antispam

    return antispam.form_token()


def _subscribe(email, target_type, target):
    return _call("sonla_subscription_create", email=email, target_type=target_type, target=target,
                 form_token=_in_request(_form_token), website="")


def _body(message) -> str:
    return message.get_body().get_content()


def _link(body: str, path: str) -> str:
    return re.search(rf"{re.escape(SITE)}{path}\S+", body).group(0)[len(SITE):]


def _press_the_links_button(app, link: str):
    """What a person does: open the e-mailed link (a page, nothing changes yet), then press its button."""
    page = app.get(link)
    assert f'action="{link}"' in page.body and "<button" in page.body
    return app.post(link)


def _confirm_by_mail(app, inbox, index=-1):
    page = _press_the_links_button(app, _link(_body(inbox.messages[index][1]), "/theo-doi/xac-nhan/"))
    assert "Cảm ơn" in page.body
    return page


def test_subscribe_confirm_publish_and_unsubscribe_with_one_click(app, portal, smtp_sink):
    _publish(app, portal)
    assert _run_jobs() == [{"sent": 0, "failed": 0}]  # nobody follows it yet

    answer = _subscribe("Nguoi.Dan@Example.vn", "dataset", "gia-thuoc")
    assert answer == {"target_type": "dataset", "target": "gia-thuoc", "confirmation_sent": True}
    assert [rcpts for rcpts, _m in smtp_sink.messages] == [["nguoi.dan@example.vn"]]
    confirm_mail = smtp_sink.messages[0][1]
    assert "Xác nhận" in confirm_mail["Subject"]
    # Opening the link only shows a page (mail scanners open links too): the mail says to press its button.
    assert "bấm nút trên trang" in _body(confirm_mail) and "press the button on the page" in _body(confirm_mail)
    # Not confirmed yet: a publish sends nothing.
    _publish(app, portal, source_hash="h2")
    assert _run_jobs() == [{"sent": 0, "failed": 0}]
    assert len(smtp_sink.messages) == 1

    _confirm_by_mail(app, smtp_sink, 0)
    _publish(app, portal, source_hash="h3")
    assert _run_jobs() == [{"sent": 1, "failed": 0}]
    rcpts, news = smtp_sink.messages[1]
    assert rcpts == ["nguoi.dan@example.vn"]
    assert news["Subject"] == "[Cổng dữ liệu mở Sơn La] Dữ liệu mới: Giá thuốc"
    body = _body(news)
    assert f"{SITE}/dataset/gia-thuoc" in body
    assert body.index("Đã có dữ liệu mới") < body.index("-- English --") < body.index("New data was published")
    all_link = news["List-Unsubscribe"].strip("<>")
    assert all_link.startswith(f"{SITE}/theo-doi/huy/")

    # The link in the e-mail opens a page that posts by itself (one click for a person); the next
    # publish sends nothing.
    page = app.get(_link(body, "/theo-doi/huy/"))
    assert "data-sonla-auto-submit" in page.body and "link_action.js" in page.body
    page = _press_the_links_button(app, _link(body, "/theo-doi/huy/"))
    assert "Bạn đã hủy đăng ký" in page.body
    _publish(app, portal, source_hash="h4")
    assert _run_jobs() == [{"sent": 0, "failed": 0}]
    assert len(smtp_sink.messages) == 2


@pytest.mark.ckan_config("ckanext.sonla.requests.per_hour", "20")
def test_one_email_per_address_whatever_it_follows(app, portal, smtp_sink):
    from ckanext.sonla.subscriptions import store

    _publish(app, portal)
    helpers.call_action("member_create", id=portal["theme"]["id"], object="gia-thuoc", object_type="package",
                        capacity="public")
    _run_jobs()
    for target_type, target in (("dataset", "gia-thuoc"), ("organization", "so-y-te"), ("group", "y-te")):
        _subscribe("a@example.vn", target_type, target)
        _confirm_by_mail(app, smtp_sink)
    _subscribe("b@example.vn", "group", "y-te")
    _confirm_by_mail(app, smtp_sink)
    _subscribe("c@example.vn", "organization", "so-y-te")  # never confirmed
    other_org = factories.Organization(name="so-tai-chinh")
    _subscribe("d@example.vn", "organization", other_org["name"])
    _confirm_by_mail(app, smtp_sink)
    before = len(smtp_sink.messages)

    _publish(app, portal, source_hash="h2")
    assert _run_jobs() == [{"sent": 2, "failed": 0}]
    news = {tuple(rcpts): message for rcpts, message in smtp_sink.messages[before:]}
    assert set(news) == {("a@example.vn",), ("b@example.vn",)}
    body = _body(news[("a@example.vn",)])
    assert "Bộ dữ liệu: Giá thuốc" in body and "Cơ quan: Sở Y tế" in body and "Lĩnh vực: Y tế" in body
    assert body.count("/theo-doi/huy/") == 2 * 4  # each reason's link and the "all" one, in vi and en

    # The List-Unsubscribe link ends every subscription of the address, and keeps the others; a mail
    # program's button posts to it (RFC 8058).
    assert news[("a@example.vn",)]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    app.post(news[("a@example.vn",)]["List-Unsubscribe"].strip("<>")[len(SITE):],
             data={"List-Unsubscribe": "One-Click"})
    assert store.count("a@example.vn") == 0
    assert store.count("b@example.vn") == 1


def test_opening_a_link_as_a_mail_scanner_does_changes_nothing(app, portal, smtp_sink):
    from ckanext.sonla.subscriptions import store

    _publish(app, portal)
    _run_jobs()
    _subscribe("a@example.vn", "dataset", "gia-thuoc")
    confirm = _link(_body(smtp_sink.messages[0][1]), "/theo-doi/xac-nhan/")
    for _ in range(2):
        assert "Xác nhận đăng ký" in app.get(confirm).body
    _publish(app, portal, source_hash="h2")
    assert _run_jobs() == [{"sent": 0, "failed": 0}]  # still unconfirmed
    _confirm_by_mail(app, smtp_sink, 0)
    _publish(app, portal, source_hash="h3")
    assert _run_jobs() == [{"sent": 1, "failed": 0}]
    body = _body(smtp_sink.messages[-1][1])
    for link in {_link(body, "/theo-doi/huy/"), smtp_sink.messages[-1][1]["List-Unsubscribe"].strip("<>")[len(SITE):]}:
        assert "Hủy đăng ký" in app.get(link).body
    assert store.count("a@example.vn") == 1
    _publish(app, portal, source_hash="h4")
    assert _run_jobs() == [{"sent": 1, "failed": 0}]


def test_forged_and_expired_links_are_refused(app, portal, smtp_sink, monkeypatch):
    from ckanext.sonla.subscriptions import mail

    _publish(app, portal)
    _subscribe("a@example.vn", "dataset", "gia-thuoc")
    link = _link(_body(smtp_sink.messages[0][1]), "/theo-doi/xac-nhan/")
    token = link.rsplit("/", 1)[1]
    with pytest.raises(toolkit.ValidationError):
        _call("sonla_subscription_confirm", token=token[:-2] + "xy")
    page = app.get(link[:-2] + "xy", status=400)
    assert "Đường dẫn xác nhận không hợp lệ" in page.body
    # A request's confirmation link is no subscription's, though both are signed with the same secret.
    from ckanext.sonla.public_forms import antispam
    with pytest.raises(toolkit.ValidationError):
        _call("sonla_subscription_confirm", token=_in_request(antispam.confirm_token, token))
    with pytest.raises(toolkit.ValidationError):
        _call("sonla_subscription_unsubscribe", token="forged")
    app.get("/theo-doi/huy/forged", status=400)
    app.post("/theo-doi/huy/forged", status=400)
    app.post(link[:-2] + "xy", status=400)
    with pytest.raises(toolkit.ValidationError):  # signed, but not as an unsubscribe link
        _call("sonla_subscription_unsubscribe", token=_in_request(mail.confirm_link, "x").rsplit("/", 1)[1])
    later = time.time() + 49 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(toolkit.ValidationError) as error:
        _call("sonla_subscription_confirm", token=token)
    assert "token" in error.value.error_dict


def test_unconfirmed_addresses_are_deleted_once_the_link_expired(app, portal, smtp_sink, monkeypatch):
    from ckanext.sonla.subscriptions import store

    _publish(app, portal)
    _run_jobs()
    _subscribe("old@example.vn", "dataset", "gia-thuoc")
    assert store.count("old@example.vn") == 1
    later = time.time() + 49 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    import datetime as dt

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.fromtimestamp(later, tz)

    monkeypatch.setattr("ckanext.sonla.subscriptions.actions.datetime", Later)
    _publish(app, portal, source_hash="h2")
    _run_jobs()
    assert store.count("old@example.vn") == 0


@pytest.mark.ckan_config("ckanext.sonla.requests.per_hour", "2")
def test_subscriptions_are_limited_per_client_and_per_address(app, portal, smtp_sink, monkeypatch):
    from ckanext.sonla.subscriptions import actions

    _publish(app, portal)

    def send(client: str, email: str, target: str = "gia-thuoc") -> None:
        with app.flask_app.test_request_context(environ_base={"REMOTE_ADDR": client}):
            helpers.call_action("sonla_subscription_create", _anon(), email=email, target_type="dataset",
                                target=target, form_token=_form_token(), website="")

    send("10.0.0.1", "a@example.vn")
    send("10.0.0.1", "a@example.vn")
    with pytest.raises(toolkit.ValidationError) as error:
        send("10.0.0.2", "A@example.vn")  # another client, the same address
    assert "email" in error.value.error_dict
    with pytest.raises(toolkit.ValidationError) as error:
        send("10.0.0.1", "b@example.vn")  # the same client, another address
    assert "rate" in error.value.error_dict
    assert len(smtp_sink.messages) == 2

    monkeypatch.setattr(actions, "MAX_PER_ADDRESS", 1)
    factories.Dataset(owner_org=portal["org"]["id"], name="khac", update_frequency="monthly",
                      data_last_updated="2026-01-31")
    with pytest.raises(toolkit.ValidationError) as error:
        send("10.0.0.3", "c2@example.vn", "gia-thuoc") or send("10.0.0.3", "c2@example.vn", "khac")
    assert "email" in error.value.error_dict


@pytest.mark.parametrize(("fields", "field"), [
    ({"website": "http://spam.example"}, "website"),
    ({"form_token": "forged"}, "form_token"),
    ({"email": "not-an-address"}, "email"),
    ({"email": "a@example.vn\nBcc: b@example.vn"}, "email"),
    ({"target_type": "user"}, "target_type"),
    ({"target": "khong-co"}, "target"),
    ({"target": "rieng-tu"}, "target"),
    ({"target_type": "group", "target": "so-y-te"}, "target"),  # an agency is no theme
])
def test_bad_input_is_refused_with_the_field_named(app, portal, smtp_sink, fields, field):
    factories.Dataset(owner_org=portal["org"]["id"], name="gia-thuoc", update_frequency="monthly",
                      data_last_updated="2026-01-31")
    factories.Dataset(owner_org=portal["org"]["id"], name="rieng-tu", private=True, update_frequency="monthly",
                      data_last_updated="2026-01-31")
    data = {"email": "a@example.vn", "target_type": "dataset", "target": "gia-thuoc",
            "form_token": _in_request(_form_token),
            **fields}
    with pytest.raises(toolkit.ValidationError) as error:
        _call("sonla_subscription_create", **data)
    assert field in error.value.error_dict
    assert smtp_sink.messages == []


def test_a_mail_server_that_is_down_never_fails_the_publish(app, portal, smtp_sink, monkeypatch, ckan_config):
    _publish(app, portal)
    _run_jobs()
    _subscribe("a@example.vn", "dataset", "gia-thuoc")
    _confirm_by_mail(app, smtp_sink)
    monkeypatch.setitem(ckan_config, "smtp.server", "127.0.0.1:1")
    _publish(app, portal, source_hash="h2")
    assert _run_jobs() == [{"sent": 0, "failed": 1}]

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(toolkit, "enqueue_job", down)
    answer = _publish(app, portal, source_hash="h3")  # asserts the 200
    assert answer["name"] == "gia-thuoc"
    assert helpers.call_action("package_show", id="gia-thuoc")["source_hash"] == "h3"


def test_a_silent_mail_server_costs_the_job_one_timeout_not_one_per_address(app, portal, smtp_sink, monkeypatch,
                                                                          ckan_config):
    from test_outgoing_mail import MisbehavingServer

    _publish(app, portal)
    _run_jobs()
    for index, address in enumerate(("a@example.vn", "b@example.vn", "c@example.vn")):
        _subscribe(address, "dataset", "gia-thuoc")
        _confirm_by_mail(app, smtp_sink, index)
    silent = MisbehavingServer("silent")
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{silent.port}")
    monkeypatch.setitem(ckan_config, "ckanext.sonla.mail.timeout", 1)
    try:
        _publish(app, portal, source_hash="h2")
        started = time.monotonic()
        assert _run_jobs() == [{"sent": 0, "failed": 3}]
        assert time.monotonic() - started < 3 and silent.connections == 1
    finally:
        silent.close()


def _subscribe_form(body: str) -> dict[str, str]:
    form = re.search(r'<form[^>]*class="sonla-subscribe-form".*?</form>', body, re.S).group(0)
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_the_form_on_the_dataset_agency_and_theme_pages(app, portal, smtp_sink):
    _publish(app, portal)
    for url, target_type, target in (("/dataset/gia-thuoc", "dataset", "gia-thuoc"),
                                     ("/organization/so-y-te", "organization", "so-y-te"),
                                     ("/group/y-te", "group", "y-te")):
        page = app.get(url)
        assert "Nhận thư khi có dữ liệu mới" in page.body
        fields = _subscribe_form(page.body)
        assert fields["target_type"] == target_type and fields["target"] == target
        assert fields["_csrf_token"] and fields["form_token"]
    fields = _subscribe_form(app.get("/dataset/gia-thuoc").body)
    done = app.post("/theo-doi", data={**fields, "email": "dan@example.vn", "website": ""})
    assert "mở đường dẫn" in done.body
    assert [rcpts for rcpts, _m in smtp_sink.messages] == [["dan@example.vn"]]
    # Bad input: the form again, a Vietnamese 400, the value escaped.
    bad = app.post("/theo-doi", data={**fields, "email": '"><script>x</script>', "website": ""}, status=400)
    assert "Địa chỉ e-mail không hợp lệ" in bad.body and "<script>x</script>" not in bad.body
    app.get("/theo-doi?target_type=user&target=x", status=400)
    assert len(smtp_sink.messages) == 1


def test_a_private_dataset_page_has_no_form(app, portal):
    factories.Dataset(owner_org=portal["org"]["id"], name="rieng-tu", private=True, update_frequency="monthly",
                      data_last_updated="2026-01-31")
    sysadmin = factories.Sysadmin()
    page = app.get("/dataset/rieng-tu", headers={"Authorization": factories.APIToken(user=sysadmin["name"])["token"]})
    assert "sonla-subscribe-form" not in page.body


def _followed_by(app, portal, smtp_sink, *addresses) -> None:
    """gia-thuoc published, and followed by each of ``addresses`` (confirmed)."""
    _publish(app, portal)
    _run_jobs()
    for address in addresses:
        _subscribe(address, "dataset", "gia-thuoc")
        _confirm_by_mail(app, smtp_sink)


def _published_while_mail_is_down(app, portal, monkeypatch, ckan_config, source_hash="h2") -> list[dict]:
    monkeypatch.setitem(ckan_config, "smtp.server", "127.0.0.1:1")  # nothing listens: refused
    _publish(app, portal, source_hash=source_hash)
    return _run_jobs()


def _later(monkeypatch, minutes: float) -> None:
    """The clock of the retries moved ``minutes`` on."""
    from datetime import timedelta

    from ckanext.sonla.subscriptions import retries

    moved = retries.now() + timedelta(minutes=minutes)
    monkeypatch.setattr(retries, "now", lambda: moved)


def _waiting(name="gia-thuoc") -> dict[str, int]:
    from ckanext.sonla.subscriptions import retries

    return retries.waiting(helpers.call_action("package_show", id=name)["id"])


def _retry_due() -> dict[str, int]:
    from ckanext.sonla.subscriptions import notify

    return _in_request(notify.retry_due)


def test_an_email_not_sent_is_tried_again_later_to_whom_it_failed_and_still_follows(app, portal, smtp_sink,
                                                                                     monkeypatch, ckan_config):
    """A new-data e-mail that failed was lost: the mail server down at the moment of a publication meant no
    news of it for anybody, ever."""
    from ckanext.sonla.compat import model
    from ckanext.sonla.subscriptions import store

    _followed_by(app, portal, smtp_sink, "a@example.vn", "b@example.vn", "c@example.vn")
    working = ckan_config["smtp.server"]
    assert _published_while_mail_is_down(app, portal, monkeypatch, ckan_config) == [{"sent": 0, "failed": 3}]
    assert _waiting() == {"a@example.vn": 1, "b@example.vn": 1, "c@example.vn": 1}

    monkeypatch.setitem(ckan_config, "smtp.server", working)
    before = len(smtp_sink.messages)
    assert _retry_due() == {"sent": 0, "failed": 0, "given_up": 0, "datasets": 0}  # not due yet (15 minutes)
    store.delete_address("c@example.vn")  # c unsubscribes meanwhile
    model.Session.commit()
    _later(monkeypatch, 16)
    assert _retry_due() == {"sent": 2, "failed": 0, "given_up": 0, "datasets": 1}
    sent = smtp_sink.messages[before:]
    assert sorted(to for (to,), _message in sent) == ["a@example.vn", "b@example.vn"]
    assert all("Giá thuốc" in message["Subject"] for _to, message in sent)
    assert _waiting() == {}  # nothing of c is kept either
    assert _retry_due() == {"sent": 0, "failed": 0, "given_up": 0, "datasets": 0}


def test_a_failed_email_is_tried_five_more_times_then_given_up_and_logged(app, portal, smtp_sink, monkeypatch,
                                                                        ckan_config, caplog, request):
    import logging

    from ckanext.sonla.subscriptions import retries

    # The portal's logging configuration keeps ckanext.* records from the root logger, where caplog listens.
    # (and CKAN's test set-up may load that configuration after the module's logger was made, which disables it)
    monkeypatch.setattr(retries.log, "disabled", False)
    retries.log.addHandler(caplog.handler)
    request.addfinalizer(lambda: retries.log.removeHandler(caplog.handler))
    caplog.set_level(logging.WARNING, logger=retries.log.name)
    _followed_by(app, portal, smtp_sink, "a@example.vn")
    assert _published_while_mail_is_down(app, portal, monkeypatch, ckan_config) == [{"sent": 0, "failed": 1}]
    minutes = 0.0
    for tries, delay in enumerate(retries.DELAYS, start=2):
        minutes += delay.total_seconds() / 60 + 1
        _later(monkeypatch, minutes)
        given_up = int(tries > len(retries.DELAYS))
        assert _retry_due() == {"sent": 0, "failed": 1, "given_up": given_up, "datasets": 1}
        assert _waiting() == ({} if given_up else {"a@example.vn": tries})
    assert "given up after 6 tries" in caplog.text


def test_the_next_publication_sends_what_waits_when_the_server_is_back(app, portal, smtp_sink, monkeypatch,
                                                                       ckan_config, cli):
    """Without a timer, the e-mails due go with the next publication's; the command sends them on its own."""
    from ckanext.sonla.subscriptions import cli as subscriptions_cli

    _publish(app, portal, name="gia-vang")
    _followed_by(app, portal, smtp_sink, "a@example.vn")
    working = ckan_config["smtp.server"]
    _published_while_mail_is_down(app, portal, monkeypatch, ckan_config)
    monkeypatch.setitem(ckan_config, "smtp.server", working)
    _later(monkeypatch, 16)
    before = len(smtp_sink.messages)
    _publish(app, portal, name="gia-vang", source_hash="h2")  # nobody follows it
    assert _run_jobs() == [{"sent": 0, "failed": 0}]
    assert [message["Subject"] for _to, message in smtp_sink.messages[before:]] == [
        smtp_sink.messages[-1][1]["Subject"]] and "Giá thuốc" in smtp_sink.messages[-1][1]["Subject"]
    assert _waiting() == {}
    # The command, with the server down again: the failure is said, exit 1.
    _published_while_mail_is_down(app, portal, monkeypatch, ckan_config, source_hash="h3")
    _later(monkeypatch, 40)
    with app.flask_app.test_request_context():
        result = cli.invoke(subscriptions_cli.subscriptions_command, ["retry"])
    assert result.exit_code == 1, result.output
    assert ("Đã gửi 0, chưa gửi được 1 (bỏ 0 thư đã hết lượt thử, các thư khác sẽ gửi lại sau), 1 bộ dữ liệu"
            in result.output)


def test_a_new_publication_that_fails_again_starts_the_count_afresh(app, portal, smtp_sink, monkeypatch,
                                                                    ckan_config):
    """Its news was given up at once when an earlier one had used its tries."""
    _followed_by(app, portal, smtp_sink, "a@example.vn")
    _published_while_mail_is_down(app, portal, monkeypatch, ckan_config)
    for minutes in (16, 80, 330):
        _later(monkeypatch, minutes)
        _retry_due()
    assert _waiting() == {"a@example.vn": 4}
    _published_while_mail_is_down(app, portal, monkeypatch, ckan_config, source_hash="h3")
    assert _waiting() == {"a@example.vn": 1}


def test_two_runs_at_once_do_not_send_the_same_email_twice(app, portal, smtp_sink, monkeypatch, ckan_config):
    """A run claims what it sends (moved a lease ahead) before sending: a timer's run and a publication's job
    at once both read the same due e-mails and both sent them."""
    from ckanext.sonla.compat import model
    from ckanext.sonla.subscriptions import retries

    _followed_by(app, portal, smtp_sink, "a@example.vn", "b@example.vn")
    working = ckan_config["smtp.server"]
    _published_while_mail_is_down(app, portal, monkeypatch, ckan_config)
    monkeypatch.setitem(ckan_config, "smtp.server", working)
    _later(monkeypatch, 16)
    first = _in_request(retries.claim_due, retries.now())  # another run has claimed them and is sending
    model.Session.commit()
    assert sorted(*first.values()) == ["a@example.vn", "b@example.vn"]
    assert _retry_due() == {"sent": 0, "failed": 0, "given_up": 0, "datasets": 0}
    # That run died before sending: after the lease they are due again, and go once.
    _later(monkeypatch, 16 + retries.LEASE.total_seconds() / 60 + 1)
    before = len(smtp_sink.messages)
    assert _retry_due()["sent"] == 2 and len(smtp_sink.messages) == before + 2
    assert _retry_due()["sent"] == 0


def test_unsubscribing_from_everything_deletes_the_emails_waiting_to_be_sent_again(app, portal, smtp_sink,
                                                                                 monkeypatch, ckan_config):
    from ckanext.sonla.subscriptions import mail

    _followed_by(app, portal, smtp_sink, "a@example.vn")
    _published_while_mail_is_down(app, portal, monkeypatch, ckan_config)
    assert _waiting() == {"a@example.vn": 1}
    link = _in_request(mail.unsubscribe_link, "all", "a@example.vn")
    page = _press_the_links_button(app, link[len(SITE):])
    assert "Bạn đã hủy đăng ký" in page.body
    assert _waiting() == {}
