"""The example live specs of dataset_specs/examples/live are valid, and the http one runs
unchanged against an API shaped like CKAN's package_search (a local Flask app)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sonla_publisher.reading.table import read_table
from sonla_publisher.sources import http_source
from sonla_publisher.sources.live_spec import is_live, live_source
from sonla_publisher.sources.snapshot import take_snapshot
from sonla_publisher.specs.catalogue import check_catalogue
from sonla_publisher.specs.spec import iter_spec_paths, load_spec, structure_problems
from sonla_publisher.validation.validator import validate_table

pytest.importorskip("flask")

from tests.publisher.live_api import TOKEN, ApiState, RunningApi, serve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "dataset_specs" / "examples" / "live"


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningApi]:
    monkeypatch.setattr(http_source, "BACKOFF_SECONDS", 0.01)
    state = ApiState()
    state.set_rows(250)
    yield from serve(state)


def test_there_is_one_example_of_each_kind_and_each_is_valid() -> None:
    specs = [load_spec(path) for path in iter_spec_paths(EXAMPLES)]
    assert sorted(live_source(spec.data).kind for spec in specs) == ["http", "sql"]
    for spec in specs:
        assert is_live(spec.data)
        assert structure_problems(spec, thorough=True) == []


def test_the_examples_pass_the_catalogue_check_with_the_real_code_lists(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(EXAMPLES / "datasets", root / "datasets")
    shutil.copytree(ROOT / "dataset_specs" / "codelists", root / "codelists")
    report = check_catalogue(root)
    assert report.spec_count == 2
    assert [problem.message("en") for problem in report.problems] == []


def test_the_http_example_reads_every_page(api: RunningApi, tmp_path: Path) -> None:
    spec = load_spec(next(EXAMPLES.rglob("danh-muc-bo-du-lieu-tu-api.yaml")))
    env = {"SONLA_SOURCE_CONG_DU_LIEU_URL": api.url, "SONLA_SOURCE_CONG_DU_LIEU_TOKEN": TOKEN,
           "SONLA_LIVE_DIR": str(tmp_path)}
    snapshot = take_snapshot(spec, None, environ=env)
    assert snapshot.rows == 250  # three pages of 100
    table = read_table(snapshot.path, spec)
    assert validate_table(table, spec).valid
    assert table.rows[0].values == ("bo-du-lieu-14000", "Trạm y tế 0", "Sở Y tế", "annual")
