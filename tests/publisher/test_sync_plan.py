"""The sync plan: what would be created, updated, left alone or reported, from the portal's state."""

from __future__ import annotations

from pathlib import Path

from sonla_publisher.errors import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, PortalError, PortalUnreachable, ReadError
from sonla_publisher.i18n.messages import render
from sonla_publisher.portal.package import source_hash
from sonla_publisher.specs.spec import find_spec
from sonla_publisher.sync.plan import Action, make_plan
from sonla_publisher.sync.report import exit_code, plan_line
from sonla_publisher.sync.run import DatasetResult, Outcome

from tests.publisher.conftest import health_spec, write_spec

NAME = "co-so-kham-chua-benh"


def current_hash(specs_dir: Path) -> str:
    spec = find_spec(specs_dir, NAME)
    return source_hash(spec, (specs_dir / "sources" / spec.source.file).read_bytes())


def portal_copy(name: str, **fields: object) -> dict[str, object]:
    return {"name": name, "id": f"id-{name}", "state": "active", "organization": {"name": "so-y-te"}, **fields}


def test_a_dataset_missing_on_the_portal_is_created(specs_dir: Path) -> None:
    plan = make_plan(specs_dir, specs_dir / "sources", {})
    assert [(item.action, item.name) for item in plan.items] == [(Action.CREATE, NAME)]
    assert plan.items[0].source_hash == current_hash(specs_dir)


def test_the_same_hash_on_the_portal_is_unchanged_and_force_updates_it(specs_dir: Path) -> None:
    portal = {NAME: portal_copy(NAME, source_hash=current_hash(specs_dir))}
    assert make_plan(specs_dir, specs_dir / "sources", portal).items[0].action is Action.UNCHANGED
    assert make_plan(specs_dir, specs_dir / "sources", portal, force=True).items[0].action is Action.UPDATE


def test_a_changed_file_an_interrupted_push_or_a_deleted_dataset_is_updated(specs_dir: Path) -> None:
    good = current_hash(specs_dir)
    for portal_fields in ({"source_hash": "0" * 64}, {}, {"source_hash": good, "state": "deleted"}):
        portal = {NAME: portal_copy(NAME, **portal_fields)}
        assert make_plan(specs_dir, specs_dir / "sources", portal).items[0].action is Action.UPDATE


def test_editing_the_spec_changes_the_hash(specs_dir: Path) -> None:
    before = current_hash(specs_dir)
    write_spec(specs_dir, health_spec(metadata={**health_spec()["metadata"], "title": "Tên mới"}))
    portal = {NAME: portal_copy(NAME, source_hash=before)}
    assert make_plan(specs_dir, specs_dir / "sources", portal).items[0].action is Action.UPDATE


def test_missing_source_file_and_spec_without_file_are_reported(specs_dir: Path) -> None:
    other = health_spec(name="nha-thuoc", source={"file": "so-y-te/khong-co.xlsx"})
    write_spec(specs_dir, other)
    write_spec(specs_dir, health_spec(name="khong-ghi-tep", source={}))
    plan = make_plan(specs_dir, specs_dir / "sources", {})
    by_name = {item.name: item for item in plan.items}
    assert by_name["nha-thuoc"].action is Action.NO_SOURCE
    assert "khong-co.xlsx" in plan_line(by_name["nha-thuoc"], "vi")
    assert by_name["khong-ghi-tep"].action is Action.NO_SOURCE
    assert "source.file" in plan_line(by_name["khong-ghi-tep"], "en")
    assert by_name[NAME].action is Action.CREATE


def test_a_source_directory_elsewhere(specs_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "nop-du-lieu"
    (elsewhere / "so-y-te").mkdir(parents=True)
    source = specs_dir / "sources" / "so-y-te" / "co-so-kham-chua-benh.xlsx"
    (elsewhere / "so-y-te" / source.name).write_bytes(source.read_bytes())
    plan = make_plan(specs_dir, elsewhere, {})
    assert plan.items[0].action is Action.CREATE
    assert plan.items[0].source == elsewhere / "so-y-te" / source.name


def test_broken_and_duplicate_specs_are_reported_not_pushed(specs_dir: Path) -> None:
    (specs_dir / "datasets" / "so-y-te" / "hong.yaml").write_text("name: [unclosed", encoding="utf-8")
    write_spec(specs_dir, health_spec(name="thieu-truong", metadata={"title": "Thiếu"}))
    write_spec(specs_dir, health_spec(), agency="so-y-te-2")  # same name, second file
    plan = make_plan(specs_dir, specs_dir / "sources", {})
    bad = {item.name: item for item in plan.of(Action.BAD_SPEC)}
    assert set(bad) == {"hong", "thieu-truong", NAME}
    assert "metadata.notes" in plan_line(bad["thieu-truong"], "en")
    assert "so-y-te/co-so-kham-chua-benh.yaml" in plan_line(bad[NAME], "en")
    assert [item.name for item in plan.to_push] == [NAME]
    assert exit_code([], plan) == EXIT_INVALID


def test_portal_datasets_without_spec_only_tool_made_ones_are_prunable(specs_dir: Path) -> None:
    portal = {
        "cu-da-bo": portal_copy("cu-da-bo", source_hash="abc"),
        "tao-tay": portal_copy("tao-tay"),
        "hong": portal_copy("hong", source_hash="abc"),
        "so-khac": {**portal_copy("so-khac", source_hash="abc"), "organization": {"name": "so-gd"}},
    }
    # A spec file that cannot be read never makes its dataset look removed from the catalogue.
    (specs_dir / "datasets" / "so-y-te" / "hong.yaml").write_text("name: [unclosed", encoding="utf-8")
    plan = make_plan(specs_dir, specs_dir / "sources", portal)
    assert [item.name for item in plan.of(Action.NOT_IN_CATALOGUE)] == ["cu-da-bo", "so-khac", "tao-tay"]
    # so-khac belongs to an organization without any spec here: not this catalogue's to delete.
    assert [item.name for item in plan.prunable] == ["cu-da-bo"]
    manual = plan.of(Action.NOT_IN_CATALOGUE)[2]
    assert render("sync.manual_dataset", "vi") in plan_line(manual, "vi")


def test_one_organization_only(specs_dir: Path) -> None:
    write_spec(specs_dir, health_spec(name="truong-hoc", metadata={**health_spec()["metadata"], "owner_org": "so-gd"}))
    portal = {
        "cua-so-khac": {**portal_copy("cua-so-khac", source_hash="x"), "organization": {"name": "so-gd"}},
        "cua-y-te": portal_copy("cua-y-te", source_hash="x"),
    }
    plan = make_plan(specs_dir, specs_dir / "sources", portal, org="so-y-te")
    assert [(item.action, item.name) for item in plan.items] == [
        (Action.CREATE, NAME),
        (Action.NOT_IN_CATALOGUE, "cua-y-te"),
    ]


def test_exit_codes() -> None:
    from sonla_publisher.sync.plan import Plan

    plan = Plan()
    ok = DatasetResult("a", Outcome.CREATED)
    assert exit_code([ok, DatasetResult("b", Outcome.UNCHANGED)], plan) == EXIT_OK
    assert exit_code([ok, DatasetResult("b", Outcome.INVALID, problems=3)], plan) == EXIT_INVALID
    refused = DatasetResult("b", Outcome.FAILED, error=PortalError("portal.not_authorized", dataset="b", org="x"))
    assert exit_code([ok, refused], plan) == EXIT_INVALID
    down = PortalUnreachable("portal.unreachable", url="http://x", reason="refused")
    assert exit_code([refused, DatasetResult("c", Outcome.FAILED, error=down)], plan) == EXIT_UNREADABLE
    assert exit_code([ok, DatasetResult("c", Outcome.NOT_ATTEMPTED)], plan) == EXIT_UNREADABLE
    unreadable = ReadError("read.unreadable", path="x.xlsx", reason="gone")
    assert exit_code([DatasetResult("d", Outcome.FAILED, error=unreadable)], plan) == EXIT_UNREADABLE
