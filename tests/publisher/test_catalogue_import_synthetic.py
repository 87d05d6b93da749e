"""benchmarks/generate_catalogue.py: a small synthetic catalogue passes `catalogue check` and `validate`."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from sonla_publisher.cli.main import main

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_catalogue.py"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_catalogue", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def test_small_synthetic_catalogue_is_valid_and_deterministic(generator: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "synthetic"
    paths = generator.generate(12, out, seed=7)
    assert len(paths) == 12
    runner = CliRunner()
    result = runner.invoke(main, ["catalogue", "check", "--specs", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "12 specs" in result.output
    for path in paths:
        result = runner.invoke(main, ["validate", path.stem, "--specs", str(out), "--lang", "en"])
        assert result.exit_code == 0, result.output
        rows = int(re.search(r"Valid: ([\d,]+) data rows", result.output).group(1).replace(",", ""))
        assert 50 <= rows <= 5000
    sizes = [len(path.read_text(encoding="utf-8")) for path in paths]
    assert all(size > 500 for size in sizes)
    first = digest(out)
    generator.generate(12, out, seed=7)
    assert digest(out) == first
