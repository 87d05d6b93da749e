"""`ckan sonla freshness notify` sends real e-mail, over SMTP, to a local sink (aiosmtpd)."""
from __future__ import annotations

import email
import email.policy
import socket

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
from aiosmtpd.controller import Controller

PLUGINS = "sonla_search sonla scheming_datasets activity"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


class Inbox:
    """aiosmtpd handler: keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(ckan_config, monkeypatch):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{port}")
    monkeypatch.setitem(ckan_config, "smtp.mail_from", "cong-du-lieu@sonla.gov.vn")
    monkeypatch.setitem(ckan_config, "ckan.site_title", "Cổng dữ liệu mở Sơn La")
    yield inbox
    controller.stop()


def _member(org, role, **user_fields):
    user = factories.User(**user_fields)
    helpers.call_action("organization_member_create", id=org["id"], username=user["name"], role=role)
    return user


def _dataset(org, name, frequency, last, **fields):
    return factories.Dataset(owner_org=org["id"], name=name, title=f"Dữ liệu {name}", notes="Thử nghiệm",
                             update_frequency=frequency, data_last_updated=last, **fields)


def _notify(app, cli, *args):
    from ckanext.sonla.freshness import cli as freshness_cli

    with app.flask_app.test_request_context():
        return cli.invoke(freshness_cli.freshness_command, ["notify", "--today", "2026-06-01", *args])


def test_each_agency_admin_gets_the_list_of_overdue_datasets(app, cli, smtp_sink):
    health = factories.Organization(name="so-y-te", title="Sở Y tế")
    finance = factories.Organization(name="so-tai-chinh", title="Sở Tài chính")
    calm = factories.Organization(name="so-noi-vu", title="Sở Nội vụ")
    health_admin = _member(health, "admin", email="admin.yte@sonla.gov.vn")
    health_admin_2 = _member(health, "admin", email="lanh.dao.yte@sonla.gov.vn")
    _member(health, "editor", email="bien.tap.yte@sonla.gov.vn")
    finance_admin = _member(finance, "admin", email="admin.taichinh@sonla.gov.vn")
    calm_admin = _member(calm, "admin", email="admin.noivu@sonla.gov.vn")
    _dataset(health, "gia-thuoc", "monthly", "2026-01-31")  # due 28/02: 93 days late
    _dataset(health, "noi-bo", "quarterly", "2025-12-31", private=True)  # due 31/03, private: still reported
    _dataset(health, "tram-y-te", "annual", "2026-01-31")  # on time
    _dataset(finance, "ngan-sach", "monthly", None)  # never delivered
    _dataset(calm, "can-bo", "annual", "2026-01-31")  # on time

    result = _notify(app, cli)
    assert result.exit_code == 0, result.output
    assert "Đã gửi 3 e-mail, lỗi 0" in result.output

    by_recipient = {tuple(rcpt): message for rcpt, message in smtp_sink.messages}
    assert set(by_recipient) == {(health_admin["email"],), (health_admin_2["email"],), (finance_admin["email"],)}
    assert (calm_admin["email"],) not in by_recipient  # nothing overdue there
    health_mail = by_recipient[(health_admin["email"],)]
    assert health_mail["Subject"] == "[Cổng dữ liệu mở Sơn La] Sở Y tế có 2 bộ dữ liệu quá hạn cập nhật"
    assert health_mail["From"].addresses[0].addr_spec == "cong-du-lieu@sonla.gov.vn"
    body = health_mail.get_content()
    assert "Kính gửi quản trị viên Sở Y tế," in body
    assert "Dữ liệu gia-thuoc (gia-thuoc): Chậm 93 ngày (hạn 28/02/2026)" in body
    assert "noi-bo" in body and "tram-y-te" not in body
    assert "/dataset/gia-thuoc" in body and "/bao-cao/cap-nhat" in body
    finance_body = by_recipient[(finance_admin["email"],)].get_content()
    assert "Dữ liệu ngan-sach (ngan-sach): Chưa cung cấp dữ liệu" in finance_body
    assert "gia-thuoc" not in finance_body


def test_one_agency_dry_run_and_english(app, cli, smtp_sink):
    health = factories.Organization(name="so-y-te", title="Sở Y tế")
    finance = factories.Organization(name="so-tai-chinh", title="Sở Tài chính")
    _member(health, "admin", email="admin.yte@sonla.gov.vn")
    _member(finance, "admin", email="admin.taichinh@sonla.gov.vn")
    _dataset(health, "gia-thuoc", "monthly", "2026-01-31")
    _dataset(finance, "ngan-sach", "monthly", "2026-01-31")

    dry = _notify(app, cli, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "admin.yte@sonla.gov.vn" in dry.output and smtp_sink.messages == []

    result = _notify(app, cli, "--organization", "so-tai-chinh", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert [rcpt for rcpt, _ in smtp_sink.messages] == [["admin.taichinh@sonla.gov.vn"]]
    assert smtp_sink.messages[0][1]["Subject"].endswith("1 overdue datasets of Sở Tài chính")


def test_an_unreachable_server_is_a_failure(app, cli, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{_free_port()}")  # nobody listens
    health = factories.Organization(name="so-y-te", title="Sở Y tế")
    _member(health, "admin", email="admin.yte@sonla.gov.vn")
    _dataset(health, "gia-thuoc", "monthly", "2026-01-31")
    result = _notify(app, cli)
    assert result.exit_code == 1
    assert "không gửi được" in result.output


def test_no_smtp_server_is_a_usage_error(app, cli, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "smtp.server", "")
    result = _notify(app, cli)
    assert result.exit_code == 2
    assert "smtp.server" in result.output
