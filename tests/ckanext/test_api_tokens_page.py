"""Agency staff make their API token on CKAN's "API Tokens" page: it must read in Vietnamese."""
from __future__ import annotations

import ckan.tests.factories as factories
import pytest
from ckanext.sonla.compat import CKAN_2_12
from i18n_audit import leftovers  # tests/i18n_audit.py (tests/ is on sys.path)

PLUGINS = "sonla_search sonla scheming_datasets scheming_organizations activity"


@pytest.mark.ckan_config("ckan.plugins", PLUGINS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestApiTokensPage:
    @pytest.mark.xfail(not CKAN_2_12, strict=True, reason=(
        "CKAN 2.11's token list says 'Revoke' (2.12: 'Revoke tokens', translated in translations/); an override "
        "of a msgid 2.12 lacks is refused by test_core_overrides_are_ckan_msgids"))
    def test_no_english_leftovers(self, app):
        # fixed text: the factory's random English "about" shows in the page's sidebar and would be flagged
        user = factories.User(name="nguyenvana", fullname="Nguyễn Văn A", about="Cán bộ Sở Kế hoạch và Đầu tư.")
        login = {"Authorization": factories.APIToken(user=user["name"], name="may-phong-ke-hoach")["token"]}
        listed = app.get("/user/nguyenvana/api-tokens", headers=login)
        assert listed.status_code == 200 and "may-phong-ke-hoach" in listed.body
        created = app.post("/user/nguyenvana/api-tokens", headers=login,
                           data={"name": "may-moi", "_csrf_token": ""})
        assert '<html lang="vi"' in listed.body
        assert "may-moi" in created.body  # the page's script puts this answer (the new token) in place
        for text in ("Mã truy cập API", "Tạo mã truy cập", "Dùng lần cuối", "Thu hồi mã",
                     "Bạn có chắc muốn thu hồi các mã này không?"):
            assert text in listed.body, text
        assert "Hãy sao chép mã ngay bây giờ" in created.body
        problems = {}
        for name, body in (("list", listed.body), ("created", created.body)):
            found = leftovers(body)
            if found:
                problems[name] = sorted({f"{item.text!r} (msgid {item.msgid!r})" for item in found})
        assert not problems, "English strings (translate them in translations/):\n" + "\n".join(
            f"{name}: {items}" for name, items in problems.items())
