"""Every file of the hostile corpus (tests/publisher/hostile/) gets its expected verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import health_spec, write_spec
from hostile import UNREADABLE, HostileCase, all_cases
from sonla_publisher.cli.dataset_commands import load_and_validate
from sonla_publisher.cli.main import main

CASES = all_cases()


def test_corpus_is_large_enough() -> None:
    # Issue 15 asks for at least 40 hostile or messy files.
    assert len(CASES) >= 40, len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file(case: HostileCase, specs_dir: Path, tmp_path: Path) -> None:
    spec = health_spec(**case.spec_overrides)
    write_spec(specs_dir, spec)
    for file_name, text in case.codelists.items():
        (specs_dir / "codelists" / file_name).write_text(text, encoding="utf-8")
    folder = tmp_path / "input"
    folder.mkdir()
    path = case.build(folder)
    args = ["validate", spec["name"], str(path), "--specs", str(specs_dir), *case.extra_args]
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == case.exit_code, result.output
    assert case.message in result.output, result.output
    if case.message_en is not None:
        english = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert english.exit_code == case.exit_code, english.output
        assert case.message_en in english.output, english.output
    if case.cleaned is not None and case.exit_code != UNREADABLE:
        accept = "--accept-suggestions" in case.extra_args
        _, table, _ = load_and_validate(specs_dir, spec["name"], path, accept_suggestions=accept)
        for name, expected in case.cleaned.items():
            column = table.field_names.index(name)
            assert [row.values[column] for row in table.rows] == expected, name
