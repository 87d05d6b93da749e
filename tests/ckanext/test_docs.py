"""Every setting, command and plugin is documented (docs are checked, not trusted)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import click
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [*(ROOT / "docs").rglob("*.md"), ROOT / "README.md"])


def _config_keys() -> list[str]:
    keys = []
    for path in (ROOT / "ckanext-sonla").rglob("config_declaration.yaml"):
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
            keys += [option["key"] for option in group["options"]]
    return keys


def _commands(group: click.Group, prefix: str) -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found += _commands(command, path) if isinstance(command, click.Group) else [path]
    return found + ([prefix] if group.invoke_without_command else [])


def test_every_config_key_is_documented():
    keys = _config_keys()
    assert keys
    assert [k for k in keys if f"`{k}`" not in DOCS] == []


def test_every_stack_command_is_documented():
    from sonla_stack.cli import main

    commands = _commands(main, "sonla-stack")
    assert "sonla-stack up" in commands
    assert [c for c in commands if f"`{c}" not in DOCS] == []


def test_every_ckan_sonla_command_is_documented():
    from ckanext.sonla import datastore_cli
    from ckanext.sonla.cli import sonla
    from ckanext.sonla.freshness import cli as freshness_cli
    from ckanext.sonla.requests import cli as requests_cli
    from ckanext.sonla.search import commands
    from ckanext.sonla.usage.cli import usage_summary_command

    sonla.add_command(commands.search_index)
    sonla.add_command(freshness_cli.freshness_command)
    sonla.add_command(datastore_cli.datastore_text_search_command)
    sonla.add_command(usage_summary_command)

    sonla.add_command(requests_cli.requests_command)
    assert [c for c in _commands(sonla, "ckan -c INI sonla") if f"`{c}" not in DOCS] == []


def test_every_publisher_command_is_in_its_readme():
    from sonla_publisher.cli.main import main

    readme = (ROOT / "publisher" / "README.md").read_text(encoding="utf-8")
    commands = _commands(main, "sonla-publish")
    assert "sonla-publish push" in commands
    assert [c for c in commands if f"`{c}" not in readme] == []


def test_every_plugin_is_documented():
    from importlib.metadata import distribution

    # The plugins ckanext-sonla/pyproject.toml declares, as installed.
    plugins = [ep.name for ep in distribution("ckanext-sonla").entry_points if ep.group == "ckan.plugins"]
    assert "sonla_search" in plugins
    assert [p for p in plugins if f"`{p}`" not in DOCS] == []


# --- The documentation site (mkdocs.yml, `make docs`)

def _config_reference():
    """docs/tools/config_reference.py, which `make docs` runs (not a package: loaded by path)."""
    import importlib.util
    import sys

    name = "sonla_docs_config_reference"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "tools" / "config_reference.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_every_config_key_is_described_in_both_languages():
    options = [option for group in _config_reference().load_groups() for option in group.options]
    assert {option.key for option in options} == set(_config_keys())
    assert [o.key for o in options if not o.description["en"] or not o.description["vi"]] == []


def test_configuration_reference_is_generated_from_the_declarations():
    reference = _config_reference()
    groups = reference.load_groups()
    for lang, page in reference.PAGES.items():
        text = page.read_text(encoding="utf-8")
        assert text == reference.render(lang, groups), f"{page.name} is stale: run `make docs`"
        for option in (o for group in groups for o in group.options):
            assert f"| `{option.key}` |" in text


def test_guides_have_an_english_version():
    nav_pages = re.findall(r":\s+(\S+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert "citizens.md" in nav_pages and "operators.md" in nav_pages
    # Reference pages written in both languages on one page, or included from elsewhere.
    bilingual = {"search.md", "spec-format.md", "publisher-validation.md", "publisher-cli.md", "dcat.md", "quality.md"}
    missing = [p for p in nav_pages if p not in bilingual and not (ROOT / "docs" / p.replace(".md", ".en.md")).exists()]
    assert missing == []


def test_docs_site_builds_strictly(tmp_path):
    """What `make docs` does: any warning (broken link or anchor, missing page, bad include) fails."""
    import subprocess
    import sys

    mkdocs = Path(sys.executable).with_name("mkdocs")
    if not mkdocs.exists():
        pytest.skip("mkdocs is not installed (requirements/dev.txt)")
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    for page in ("index.html", "citizens/index.html", "en/citizens/index.html", "configuration/index.html",
                 "en/developers/index.html"):
        assert (tmp_path / "site" / page).exists(), page
    developers = (tmp_path / "site" / "developers" / "index.html").read_text(encoding="utf-8")
    assert "--8&lt;--" not in developers and "datastore_search_sql" in developers  # snippets were included
