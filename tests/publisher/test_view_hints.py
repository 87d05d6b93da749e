"""The spec's ``chart:`` and ``map:`` hints: checked with the spec (exit 2, in Vietnamese) and turned
into the views sent with ``sonla_dataset_publish``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main
from sonla_publisher.specs import view_hints
from sonla_publisher.specs.spec import Spec, find_spec, structure_problems

SPEC = "co-so-kham-chua-benh"
COORDINATES = [
    {"name": "vi_do", "title": "Vĩ độ", "type": "number"},
    {"name": "kinh_do", "title": "Kinh độ", "type": "number"},
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _spec(sample: Any, extra_fields: list[dict[str, Any]] | None = None, **hints: Any) -> Spec:
    data = sample.spec_data()
    data["schema"]["fields"].extend(extra_fields or [])
    data.update(hints)
    return Spec(path=Path("x.yaml"), raw_bytes=b"", data=data)


def _ids(spec: Spec) -> list[str]:
    return [message_id for message_id, _ in structure_problems(spec)]


def test_a_chart_hint_naming_a_missing_column_exits_2_in_vietnamese(specs_dir: Path, sample) -> None:
    data = sample.spec_data()
    data["chart"] = {"type": "bar", "x": "ten_co_so", "y": "so_giuong_benh"}
    sample.write_spec(specs_dir, data)
    result = run("validate", SPEC, "--specs", str(specs_dir))
    assert result.exit_code == 2
    assert "chart.y: «so_giuong_benh» không phải cột trong schema.fields" in result.output
    assert "so_giuong" in result.output  # the columns there are, to pick from
    assert "Traceback" not in result.output


def test_a_map_hint_on_a_text_column_exits_2(specs_dir: Path, sample) -> None:
    data = sample.spec_data()
    data["map"] = {"latitude": "ten_co_so", "longitude": "so_giuong"}
    sample.write_spec(specs_dir, data)
    result = run("validate", SPEC, "--specs", str(specs_dir), "--lang", "vi")
    assert result.exit_code == 2
    assert "map.latitude: cột «ten_co_so» có kiểu «string»" in result.output


@pytest.mark.parametrize(
    "hints, expected",
    [
        ({"chart": {"x": "ten_co_so", "y": "so_giuong", "type": "pie"}}, "spec.view_bad_chart_type"),
        ({"chart": {"x": "ten_co_so"}}, "spec.view_missing_key"),
        ({"chart": {"x": "ten_co_so", "y": "ten_co_so"}}, "spec.view_not_numeric"),
        ({"chart": {"x": "ten_co_so", "y": "so_giuong", "colour": "red"}}, "spec.view_unknown_key"),
        ({"chart": ["ten_co_so"]}, "spec.view_not_mapping"),
        ({"chart": {"x": "ten_co_so", "y": "so_giuong", "title": 3}}, "spec.view_bad_title"),
        ({"map": {"latitude": "vi_do", "longitude": "kinh_do", "popup": "ten_co_so"}}, "spec.view_bad_popup"),
        ({"map": {"latitude": "vi_do", "longitude": "kinh_do", "popup": ["khong_co"]}}, "spec.view_unknown_field"),
        ({"map": {"latitude": "vi_do"}}, "spec.view_missing_key"),
    ],
)
def test_each_bad_hint_is_a_spec_problem(sample, hints: dict[str, Any], expected: str) -> None:
    assert expected in _ids(_spec(sample, COORDINATES, **hints))


def test_good_hints_have_no_problem_and_become_views(sample) -> None:
    spec = _spec(sample, COORDINATES, chart={"type": "line", "x": "ten_co_so", "y": "ty_le", "title": "Tỷ lệ"},
                 map={"latitude": "vi_do", "longitude": "kinh_do", "popup": ["ten_co_so"]})
    assert _ids(spec) == []
    assert view_hints.views(spec) == [
        {"view_type": "sonla_chart", "chart_type": "line", "x": "ten_co_so", "y": "ty_le", "title": "Tỷ lệ"},
        {"view_type": "sonla_map", "latitude": "vi_do", "longitude": "kinh_do", "popup": ["ten_co_so"]},
    ]


def test_coordinates_are_found_by_name_or_title_without_a_hint(sample) -> None:
    by_title = [{"name": "y", "title": "Vĩ độ", "type": "number"},
                {"name": "x", "title": "KINH ĐỘ", "type": "number"}]
    for fields, expected in ((COORDINATES, ("vi_do", "kinh_do")), (by_title, ("y", "x")),
                             ([{"name": "lat", "type": "number"}, {"name": "lon", "type": "number"}],
                              ("lat", "lon"))):
        views = view_hints.views(_spec(sample, fields))
        assert [(v["latitude"], v["longitude"]) for v in views] == [expected]
        assert views[0]["popup"][:2] == ["ma_co_so", "ten_co_so"]  # the other columns


def test_the_hint_wins_over_the_names_and_map_false_turns_the_map_off(sample) -> None:
    fields = [*COORDINATES, {"name": "lat2", "title": "Vĩ độ trụ sở", "type": "number"}]
    spec = _spec(sample, fields, map={"latitude": "lat2", "longitude": "kinh_do"})
    assert [(v["latitude"], v["longitude"]) for v in view_hints.views(spec)] == [("lat2", "kinh_do")]
    assert view_hints.views(_spec(sample, COORDINATES, map=False)) == []


def test_no_map_is_guessed_from_text_or_ambiguous_columns(sample) -> None:
    text = [{"name": "vi_do", "type": "string"}, {"name": "kinh_do", "type": "string"}]
    assert view_hints.views(_spec(sample, text)) == []
    two = [*COORDINATES, {"name": "latitude", "type": "number"}]
    assert view_hints.views(_spec(sample, two)) == []


def test_the_views_travel_in_the_publish_request(specs_dir: Path, sample) -> None:
    from sonla_publisher.portal import push_one_request

    data = sample.spec_data()
    data["chart"] = {"x": "ten_co_so", "y": "so_giuong"}
    sample.write_spec(specs_dir, data)
    spec = find_spec(specs_dir, SPEC)
    sent: dict[str, Any] = {}

    class Portal:
        def call_action(self, action: str, parts: dict[str, str], files: Any) -> dict[str, Any]:
            sent.update(parts)
            return {}

    push_one_request.publish_in_one_request(Portal(), spec, {"name": SPEC}, [], b"")  # type: ignore[arg-type]
    assert json.loads(sent["views"]) == [
        {"resource": 0, "view_type": "sonla_chart", "chart_type": "bar", "x": "ten_co_so", "y": "so_giuong"}
    ]


def test_the_demo_catalogue_has_a_chart_and_a_map() -> None:
    specs = Path(__file__).resolve().parents[2] / "dataset_specs"
    chart = find_spec(specs, "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa")
    places = find_spec(specs, "diem-du-lich")
    assert structure_problems(chart, thorough=True) == []
    assert structure_problems(places, thorough=True) == []
    assert [v["view_type"] for v in view_hints.views(chart)] == ["sonla_chart"]
    assert [v["view_type"] for v in view_hints.views(places)] == ["sonla_map"]
