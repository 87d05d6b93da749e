"""Every setting, command and plugin is documented (docs are checked, not trusted)."""
from __future__ import annotations

import re
from pathlib import Path

import click
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
    from ckanext.sonla import freshness_cli
    from ckanext.sonla.cli import sonla
    from ckanext.sonla.search import commands

    sonla.add_command(commands.search_index)
    sonla.add_command(freshness_cli.freshness)
    assert [c for c in _commands(sonla, "ckan -c INI sonla") if f"`{c}" not in DOCS] == []


def test_every_publisher_command_is_in_its_readme():
    from sonla_publisher.cli import main

    readme = (ROOT / "publisher" / "README.md").read_text(encoding="utf-8")
    commands = _commands(main, "sonla-publish")
    assert "sonla-publish push" in commands
    assert [c for c in commands if f"`{c}" not in readme] == []


def test_every_plugin_is_documented():
    setup = (ROOT / "ckanext-sonla" / "setup.py").read_text(encoding="utf-8")
    plugins = re.findall(r'"(\w+) = ckanext\.', setup)
    assert "sonla_search" in plugins
    assert [p for p in plugins if f"`{p}`" not in DOCS] == []
