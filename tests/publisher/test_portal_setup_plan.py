"""What ``portal setup`` would create, update or leave alone (no portal needed)."""

from pathlib import Path

from sonla_publisher.portal.setup import (
    GROUP_CODELISTS,
    ORGANIZATION_CODELISTS,
    Entry,
    entries_from_codelists,
    entry_from_portal,
    payload,
    plan_changes,
)


def test_entries_from_codelists(specs_dir: Path) -> None:
    organizations = entries_from_codelists(specs_dir / "codelists", ORGANIZATION_CODELISTS)
    assert organizations == [
        Entry("so-y-te", "Sở Y tế", {"title_en": "Department of Health", "kind": "provincial_agency"}),
        Entry("phuong-to-hieu", "Phường Tô Hiệu", {"title_en": "To Hieu Ward", "kind": "phuong", "code": "03646"}),
    ]
    assert entries_from_codelists(specs_dir / "codelists", GROUP_CODELISTS) == [
        Entry("y-te", "Y tế", {"title_en": "Health"})
    ]


def test_plan_changes() -> None:
    wanted = [
        Entry("so-y-te", "Sở Y tế", {"title_en": "Department of Health"}),
        Entry("so-tai-chinh", "Sở Tài chính"),
        Entry("phuong-to-hieu", "Phường Tô Hiệu", {"code": "03646"}),
    ]
    existing = {
        "so-y-te": entry_from_portal(
            {
                "name": "so-y-te",
                "title": "Sở Y tế",
                "extras": [
                    {"key": "title_en", "value": "Department of Health"},
                    {"key": "ghi_chu", "value": "giữ nguyên"},
                ],
            }
        ),
        "phuong-to-hieu": entry_from_portal({"name": "phuong-to-hieu", "title": "Phường Tô  Hiệu"}),
    }
    plan = plan_changes(wanted, existing)
    assert [entry.name for entry in plan.create] == ["so-tai-chinh"]
    assert plan.update == [Entry("phuong-to-hieu", "Phường Tô Hiệu", {"code": "03646"})]
    assert [entry.name for entry in plan.unchanged] == ["so-y-te"]


def test_update_keeps_extras_the_code_lists_do_not_manage() -> None:
    existing = {"y-te": Entry("y-te", "Y tế", {"title_en": "Healthcare", "mau": "do"})}
    plan = plan_changes([Entry("y-te", "Y tế", {"title_en": "Health"})], existing)
    assert plan.update == [Entry("y-te", "Y tế", {"title_en": "Health", "mau": "do"})]


def test_schema_fields_read_top_level_count_as_managed() -> None:
    """With a scheming organization schema the portal returns kind, code and title_en top-level."""
    shown = entry_from_portal(
        {"name": "phuong-to-hieu", "title": "Phường Tô Hiệu", "kind": "phuong", "code": "03646",
         "title_en": "To Hieu Ward", "address": "Tô Hiệu", "extras": [{"key": "ghi_chu", "value": "x"}]}
    )
    assert shown.extras == {"kind": "phuong", "code": "03646", "title_en": "To Hieu Ward", "ghi_chu": "x"}
    wanted = Entry("phuong-to-hieu", "Phường Tô Hiệu", {"title_en": "To Hieu Ward", "kind": "phuong", "code": "03646"})
    assert plan_changes([wanted], {"phuong-to-hieu": shown}).unchanged == [wanted]


def test_payload_sends_schema_fields_top_level_and_the_rest_as_extras() -> None:
    entry = Entry("y-te", "Y tế", {"title_en": "Health", "mau": "do"})
    assert payload(entry, frozenset({"title", "title_en", "kind"})) == {
        "title": "Y tế", "title_en": "Health", "extras": [{"key": "mau", "value": "do"}]}
    assert payload(entry, frozenset()) == {
        "title": "Y tế", "extras": [{"key": "mau", "value": "do"}, {"key": "title_en", "value": "Health"}]}
