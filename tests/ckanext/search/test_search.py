"""sonla_search against real CKAN and PostgreSQL: the searches CKAN's UI and API make."""
from __future__ import annotations

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
import pytest
import sqlalchemy as sa
from ckan.lib.search.common import SearchQueryError
from search_datasets import dataset as _dataset  # tests/ is on sys.path
from search_datasets import names as _names

PLUGINS = "sonla_search sonla scheming_datasets"
pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db"),
]


def test_accent_folding_finds_the_same_datasets():
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    _dataset(org, name="benh-vien", title="Danh sách bệnh viện")
    for q in ("truong hoc", "trường học", "TRƯỜNG HỌC", "Truong"):
        assert _names(helpers.call_action("package_search", q=q)) == ["truong-hoc"], q
    # đ folds to d
    _dataset(org, name="duong-bo", title="Đường bộ")
    assert _names(helpers.call_action("package_search", q="duong")) == ["duong-bo"]


def test_title_matches_rank_above_description_and_exact_accents_first():
    org = factories.Organization()
    _dataset(org, name="in-notes", title="Dân số", notes="Số liệu về trường học")
    _dataset(org, name="in-title", title="Trường học phổ thông")
    result = helpers.call_action("package_search", q="trường học")
    assert [d["name"] for d in result["results"]] == ["in-title", "in-notes"]

    _dataset(org, name="tuong", title="Tường thành cổ")  # folds to "tuong" too
    _dataset(org, name="tuong-exact", title="Tương ớt Sơn La")
    ranked = helpers.call_action("package_search", q="tương")["results"]
    assert next(d["name"] for d in ranked) == "tuong-exact"
    assert {d["name"] for d in ranked} == {"tuong", "tuong-exact"}


def test_facets_are_exact_counts_over_the_whole_result():
    org_a = factories.Organization(name="so-y-te")
    org_b = factories.Organization(name="so-tai-chinh")
    for i in range(25):
        _dataset(org_a if i % 5 else org_b, name=f"ds-{i:02d}", tags=[{"name": "y tế" if i % 2 else "giá"}])
    result = helpers.call_action(
        "package_search", q="*:*", rows=2, **{"facet.field": ["organization", "tags"], "facet.limit": -1})
    assert result["count"] == 25
    assert len(result["results"]) == 2
    assert result["facets"]["organization"] == {"so-y-te": 20, "so-tai-chinh": 5}
    assert result["facets"]["tags"] == {"y tế": 12, "giá": 13}
    # the display names of organizations come from their titles
    items = {i["name"]: i for i in result["search_facets"]["organization"]["items"]}
    assert items["so-y-te"]["display_name"] == org_a["title"]


def test_fq_field_filters_negation_and_or_lists():
    org = factories.Organization(name="so-y-te")
    other = factories.Organization(name="so-xay-dung")
    _dataset(org, name="ds-a", tags=[{"name": "bệnh viện"}], update_frequency="monthly")
    _dataset(org, name="ds-b", tags=[{"name": "trạm y tế"}], update_frequency="annual")
    _dataset(other, name="ds-c", update_frequency="annual")

    def names(**kw):
        return _names(helpers.call_action("package_search", **kw))

    assert names(fq="organization:so-y-te") == ["ds-a", "ds-b"]
    assert names(fq='tags:"bệnh viện"') == ["ds-a"]
    assert names(fq="-organization:so-y-te") == ["ds-c"]
    assert names(fq="update_frequency:(monthly OR annual) organization:so-y-te") == ["ds-a", "ds-b"]
    assert names(fq_list=["organization:so-y-te", "update_frequency:annual"]) == ["ds-b"]
    assert names(q="organization:so-xay-dung") == ["ds-c"]


def test_date_ranges_sorting_and_paging():
    org = factories.Organization()
    for name, title in (("ds-c", "Cam"), ("ds-a", "Ảnh"), ("ds-b", "Bưởi")):
        _dataset(org, name=name, title=title)
    by_title = helpers.call_action("package_search", sort="title_string asc")
    assert [d["name"] for d in by_title["results"]] == ["ds-a", "ds-b", "ds-c"]
    newest = helpers.call_action("package_search", sort="metadata_modified desc", rows=1, start=1)
    assert [d["name"] for d in newest["results"]] == ["ds-a"]
    assert newest["count"] == 3
    recent = helpers.call_action("package_search", fq="metadata_modified:[2000-01-01T00:00:00Z TO *]")
    assert recent["count"] == 3
    future = helpers.call_action("package_search", fq="metadata_modified:[NOW+1DAY TO *]")
    assert future["count"] == 0


def test_date_math_on_date_fields_and_number_ranges():
    from datetime import date, timedelta

    org = factories.Organization()
    today = date.today()
    for name, days_ago in (("fresh", 3), ("month-old", 45), ("old", 400)):
        _dataset(org, name=name, data_last_updated=(today - timedelta(days=days_ago)).isoformat(),
                 resources=[{"url": f"http://x/{i}.csv"} for i in range(days_ago // 40)])

    def names(fq):
        return _names(helpers.call_action("package_search", fq=fq))

    assert names("data_last_updated:[NOW-30DAYS TO NOW]") == ["fresh"]
    assert names("data_last_updated:[NOW/DAY-60DAYS TO *]") == ["fresh", "month-old"]
    assert names("data_last_updated:{* TO NOW-1YEAR}") == ["old"]
    assert names(f"data_last_updated:[{(today - timedelta(days=45)).isoformat()} TO NOW]") == ["fresh", "month-old"]
    assert names("metadata_modified:[NOW-1HOUR TO NOW+1HOUR]") == ["fresh", "month-old", "old"]
    # numbers compare as numbers: 10 is more than 9
    assert names("num_resources:[2 TO 10]") == ["old"]
    assert names("num_resources:{0 TO 2}") == ["month-old"]
    for bad in ("data_last_updated:[NOW-1WEEK TO NOW]", "metadata_modified:[yesterday TO *]"):
        with pytest.raises(SearchQueryError, match="not a date"):
            helpers.call_action("package_search", fq=bad)


def test_private_and_draft_visibility_follows_ckan_permissions():
    member = factories.User()
    outsider = factories.User()
    sysadmin = factories.Sysadmin()
    org = factories.Organization(users=[{"name": member["name"], "capacity": "member"}])
    other_org = factories.Organization(users=[{"name": outsider["name"], "capacity": "editor"}])
    _dataset(org, name="public-one")
    _dataset(org, name="private-one", private=True)
    _dataset(other_org, name="other-private", private=True)

    def visible(user):
        context = {"user": user["name"] if user else "", "ignore_auth": False}
        if user:
            context["auth_user_obj"] = model.User.get(user["name"])
        result = helpers.call_action("package_search", context=context, include_private=True,
                                     **{"facet.field": ["organization"]})
        return _names(result), result["count"]

    assert visible(None) == (["public-one"], 1)
    assert visible(member) == (["private-one", "public-one"], 2)
    assert visible(outsider) == (["other-private", "public-one"], 2)
    assert visible(sysadmin)[1] == 3
    # without include_private nobody sees private datasets in search
    assert helpers.call_action("package_search")["count"] == 1


def test_drafts_only_when_asked():
    org = factories.Organization()
    _dataset(org, name="draft-one", state="draft")
    _dataset(org, name="active-one")
    assert _names(helpers.call_action("package_search")) == ["active-one"]
    assert _names(helpers.call_action("package_search", include_drafts=True)) == ["active-one", "draft-one"]


def test_index_follows_update_and_delete():
    org = factories.Organization()
    dataset = _dataset(org, name="doi-ten", title="Tên cũ")
    helpers.call_action("package_patch", id=dataset["id"], title="Tên mới hoàn toàn")
    assert _names(helpers.call_action("package_search", q="hoan toan")) == ["doi-ten"]
    assert helpers.call_action("package_search", q="cũ")["count"] == 0
    helpers.call_action("package_delete", id=dataset["id"])
    assert helpers.call_action("package_search", q="hoan toan")["count"] == 0


def test_results_carry_the_scheming_fields_without_package_show():
    org = factories.Organization()
    _dataset(org, name="ds", legal_basis="Quyết định 978/QĐ-UBND", update_frequency="quarterly")
    result = helpers.call_action("package_search", q="*:*")["results"][0]
    assert result["legal_basis"] == "Quyết định 978/QĐ-UBND"
    assert result["update_frequency"] == "quarterly"
    assert result["organization"]["name"] == org["name"]


def test_org_and_group_dataset_counts_come_from_the_index():
    org = factories.Organization()
    group = factories.Group()
    _dataset(org, name="ds-x", groups=[{"name": group["name"]}])
    _dataset(org, name="ds-y")
    _dataset(org, name="ds-z", private=True)
    anonymous = {"ignore_auth": False, "user": "", "auth_user_obj": None}
    orgs = helpers.call_action("organization_list", context=dict(anonymous), all_fields=True)
    assert [o["package_count"] for o in orgs] == [2]
    groups = helpers.call_action("group_list", context=dict(anonymous), all_fields=True)
    assert [g["package_count"] for g in groups] == [1]
    # sysadmins (and ignore_auth callers) count the private dataset too, as with Solr
    orgs = helpers.call_action("organization_list", all_fields=True)
    assert [o["package_count"] for o in orgs] == [3]


def test_autocomplete():
    org = factories.Organization()
    _dataset(org, name="gia-dat", title="Bảng giá đất")
    _dataset(org, name="dan-so", title="Dân số")
    result = helpers.call_action("package_autocomplete", q="gia")
    assert [r["name"] for r in result] == ["gia-dat"]
    assert [r["name"] for r in helpers.call_action("package_autocomplete", q="Bảng")] == ["gia-dat"]


@pytest.mark.parametrize("query", ["title:(a", "a^", "ba*a"])
def test_unsupported_syntax_is_a_search_error_not_a_crash(query):
    with pytest.raises(SearchQueryError):
        helpers.call_action("package_search", q=query)


def test_unsupported_syntax_gives_http_400_in_the_api(app):
    response = app.get("/api/3/action/package_search", query_string={"q": "a^"}, status=400)
    assert response.json["success"] is False


def test_bad_sort_is_rejected():
    with pytest.raises(SearchQueryError):
        helpers.call_action("package_search", sort="title; drop table package")


def test_rebuild_and_check_commands(cli):
    from ckanext.sonla.search import commands

    org = factories.Organization()
    _dataset(org, name="one")
    _dataset(org, name="two")
    result = cli.invoke(commands.search_index, ["rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexed datasets: 2" in result.output
    # planner statistics are fresh after a full rebuild (no waiting for autovacuum)
    analyzed = model.Session.execute(sa.text(
        "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'sonla_search%' AND last_analyze IS NOT NULL"
    )).scalars()
    assert {"sonla_search_index", "sonla_search_words", "sonla_search_facet_summary"} <= set(analyzed)
    result = cli.invoke(commands.search_index, ["check"])
    assert result.exit_code == 0, result.output
    assert "2 datasets, 0 missing, 0 stale" in result.output


def test_search_as_you_type_matches_the_start_of_the_last_word():
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học")
    assert _names(helpers.call_action("package_search", q="danh sach truo")) == ["truong-hoc"]
    assert _names(helpers.call_action("package_search", q="trườ")) == ["truong-hoc"]


def test_typos_are_forgiven_only_when_nothing_matches_exactly():
    org = factories.Organization()
    _dataset(org, name="truong-hoc", title="Danh sách trường học phổ thông")
    _dataset(org, name="benh-vien", title="Danh sách bệnh viện")
    assert _names(helpers.call_action("package_search", q="truonh hocc")) == ["truong-hoc"]
    assert _names(helpers.call_action("package_search", q="benh vienn")) == ["benh-vien"]
    # an exact hit is never diluted by near misses
    assert _names(helpers.call_action("package_search", q="bệnh viện")) == ["benh-vien"]
    assert helpers.call_action("package_search", q="xyzzy qwerty")["count"] == 0


def test_numbers_are_never_corrected_to_a_neighbouring_number():
    org = factories.Organization()
    _dataset(org, name="ma-053761", title="Doanh nghiệp 053761")
    assert helpers.call_action("package_search", q="053761")["count"] == 1
    assert helpers.call_action("package_search", q="053762")["count"] == 0
    words = set(model.Session.execute(sa.text("SELECT word FROM sonla_search_words")).scalars())
    assert "doanh" in words and "053761" not in words


def test_the_typo_vocabulary_index_keeps_no_pending_list():
    """Every typo lookup would scan GIN's unsorted pending list until autovacuum merged it."""
    options = model.Session.execute(sa.text(
        "SELECT reloptions FROM pg_class WHERE relname = 'sonla_search_words_trgm'")).scalar()
    assert "fastupdate=off" in options


def test_collaborators_see_the_private_datasets_they_work_on():
    collaborator = factories.User()
    org = factories.Organization()
    dataset = _dataset(org, name="hop-tac", private=True)
    _dataset(org, name="khac", private=True)
    helpers.call_action("package_collaborator_create", id=dataset["id"], user_id=collaborator["id"],
                        capacity="editor")
    context = {"user": collaborator["name"], "ignore_auth": False,
               "auth_user_obj": model.User.get(collaborator["name"])}
    result = helpers.call_action("package_search", context=context, include_private=True)
    assert _names(result) == ["hop-tac"]


def test_bulk_updates_reach_the_index():
    org = factories.Organization()
    datasets = [_dataset(org, name=f"bulk-{i}") for i in range(3)]
    helpers.call_action("bulk_update_private", org_id=org["id"], datasets=[d["id"] for d in datasets[:2]])
    assert _names(helpers.call_action("package_search")) == ["bulk-2"]
    helpers.call_action("bulk_update_delete", org_id=org["id"], datasets=[datasets[2]["id"]])
    assert helpers.call_action("package_search")["count"] == 0
    assert helpers.call_action("package_search", include_private=True)["count"] == 2


def test_fl_returns_the_requested_fields_only():
    org = factories.Organization()
    _dataset(org, name="fl-test", title="Thử fl", update_frequency="monthly")
    result = helpers.call_action("package_search", fl=["name", "update_frequency", "title"])
    assert result["results"] == [{"name": "fl-test", "update_frequency": "monthly", "title": "Thử fl"}]


def test_any_field_can_be_a_facet_even_if_not_configured_for_speed():
    org = factories.Organization()
    _dataset(org, name="ds-vi", language="vi")
    _dataset(org, name="ds-en", language="en")
    _dataset(org, name="ds-vi2", language="vi", update_frequency="monthly")
    result = helpers.call_action("package_search", **{"facet.field": ["language", "update_frequency"]})
    assert result["facets"] == {"language": {"vi": 2, "en": 1},
                                "update_frequency": {"annual": 2, "monthly": 1}}


def test_owner_org_dataset_type_and_capacity_facets_come_from_columns():
    org = factories.Organization()
    _dataset(org, name="open-one")
    _dataset(org, name="open-two")
    _dataset(org, name="closed", private=True)
    result = helpers.call_action("package_search", include_private=True,
                                 **{"facet.field": ["owner_org", "dataset_type", "capacity"]})
    assert result["facets"] == {"owner_org": {org["id"]: 3}, "dataset_type": {"dataset": 3},
                                "capacity": {"public": 2, "private": 1}}
