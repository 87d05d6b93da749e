"""docs/architecture*.md and the README's layout table say where each capability lives: they must match the tree.

Reads files only (no CKAN), so a moved or added module fails here with the line to fix.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {  # the name a path starts with in the docs -> the folder it names
    "sonla_publisher": ROOT / "publisher" / "sonla_publisher",
    "ckanext/sonla": ROOT / "ckanext-sonla" / "ckanext" / "sonla",
    "sonla_stack": ROOT / "stack" / "sonla_stack",
}
ARCHITECTURE_PAGES = [ROOT / "docs" / "architecture.md", ROOT / "docs" / "architecture.en.md"]
INDEX_ROW = re.compile(r"^\| `(?P<folder>[\w/]+/)` \| (?P<modules>.*) \|$")
MODULE_PATH = re.compile(r"`(?P<path>(?:sonla_publisher|ckanext/sonla|sonla_stack)/[\w/]*?\w+\.py)`")


def _modules_in_tree() -> dict[str, set[str]]:
    """Folder label as the docs write it (``ckanext/sonla/search/``) -> its modules, without ``__init__.py``."""
    tree: dict[str, set[str]] = {}
    for name, root in PACKAGES.items():
        for path in root.rglob("*.py"):
            if "migration" in path.relative_to(root).parts or path.name == "__init__.py":
                continue
            folder = path.parent.relative_to(root)
            label = f"{name}/" if folder == Path(".") else f"{name}/{folder.as_posix()}/"
            tree.setdefault(label, set()).add(path.name)
        for package in [root, *(p.parent for p in root.rglob("__init__.py"))]:
            if "migration" not in package.relative_to(root).parts:
                folder = package.relative_to(root)
                tree.setdefault(f"{name}/" if folder == Path(".") else f"{name}/{folder.as_posix()}/", set())
    return tree


def _module_index(page: Path) -> dict[str, set[str]]:
    text = page.read_text(encoding="utf-8")
    index = text.split("\n## ")[-1]  # the last section is the module index
    rows = {}
    for line in index.splitlines():
        match = INDEX_ROW.match(line)
        if match:
            cell = match["modules"].strip()
            rows[match["folder"]] = set() if cell == "—" else set(re.findall(r"`([\w.]+\.py)`", cell))
    return rows


@pytest.mark.parametrize("page", ARCHITECTURE_PAGES, ids=lambda p: p.name)
def test_the_module_index_lists_exactly_the_modules_in_the_tree(page: Path) -> None:
    index, tree = _module_index(page), _modules_in_tree()
    assert index, f"{page.name}: no module index table found (its last section)"
    missing = {folder: sorted(mods - index.get(folder, set())) for folder, mods in tree.items()}
    extra = {folder: sorted(mods - tree.get(folder, set())) for folder, mods in index.items()}
    assert not {k: v for k, v in missing.items() if v} and set(tree) <= set(index), (
        f"{page.name} does not list: {[f for f in tree if f not in index]} "
        f"{ {k: v for k, v in missing.items() if v} }")
    assert not {k: v for k, v in extra.items() if v} and set(index) <= set(tree), (
        f"{page.name} lists what is not in the tree: {[f for f in index if f not in tree]} "
        f"{ {k: v for k, v in extra.items() if v} }")


DEVELOPER_PAGES = [ROOT / "docs" / "developers.md", ROOT / "docs" / "developers.en.md"]


@pytest.mark.parametrize("page", [*ARCHITECTURE_PAGES, *DEVELOPER_PAGES], ids=lambda p: p.name)
def test_every_module_path_in_the_docs_exists(page: Path) -> None:
    paths = {m["path"] for m in MODULE_PATH.finditer(page.read_text(encoding="utf-8"))}
    assert paths, f"{page.name} names no module path"
    missing = []
    for path in paths:
        name = next(n for n in PACKAGES if path.startswith(n + "/"))
        if not (PACKAGES[name] / path[len(name) + 1:]).is_file():
            missing.append(path)
    assert not missing, f"{page.name} names modules that do not exist: {sorted(missing)}"


def _readme_layout_rows() -> list[tuple[str, str]]:
    """(first cell, second cell) of both layout tables of the README (Vietnamese and English)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = []
    for heading in ("## Cấu trúc\n", "### Layout\n"):
        assert heading in text, f"README.md has no layout table under {heading.strip()!r}"
        section = text.split(heading, 1)[1].split("\n#", 1)[0]
        for line in section.splitlines():
            if line.startswith("| `"):
                first, second = line.strip().strip("|").split(" | ", 1)
                rows.append((first.strip(), second.strip()))
    return rows


def test_the_readme_layout_names_every_top_level_folder_and_every_subpackage() -> None:
    rows = _readme_layout_rows()
    first_cells = " ".join(first for first, _ in rows)
    named_paths = set(re.findall(r"`([^`]+)`", first_cells))
    for path in named_paths:
        assert (ROOT / path).exists(), f"README.md's layout table names {path}, which does not exist"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout
    top_folders = {line.split("/", 1)[0] for line in tracked.splitlines() if "/" in line and not line.startswith(".")}
    if not top_folders:  # not a git checkout (e.g. an unpacked archive): the folders on disk
        top_folders = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")
                       and p.name not in {"site", "test-artifacts"} and not p.name.startswith(".venv")}
    listed_tops = {p.split("/", 1)[0] for p in named_paths}
    assert top_folders <= listed_tops, f"README.md's layout table misses {sorted(top_folders - listed_tops)}"
    # Each subpackage of the extension and the publisher is one hop away: named in its package's row.
    for name in ("sonla_publisher", "ckanext/sonla"):
        root = PACKAGES[name]
        label = f"`{root.relative_to(ROOT).as_posix()}/`"
        package_rows = [second for first, second in rows if first == label]
        assert len(package_rows) == 2, f"README.md needs a row for {label} in each language's layout table"
        subpackages = {p.parent.name for p in root.glob("*/__init__.py")}
        for second in package_rows:
            named = set(re.findall(r"`(\w+)/`", second))
            assert subpackages <= named, f"README.md's row for {label} misses {sorted(subpackages - named)}"
