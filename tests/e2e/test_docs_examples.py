"""The API examples of the developers' guide (docs/examples/*) run against a real portal.

The guide includes these files verbatim (pymdownx.snippets), so what readers copy is what runs here.
Each example reads the portal address from PORTAL_URL.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from .portal import REPO

pytestmark = pytest.mark.e2e

EXAMPLES = REPO / "docs" / "examples"
DOCS = REPO / "docs"

# How each kind of example is run, and the programs it needs.
RUNNERS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    ".sh": (["bash"], ("bash", "curl", "jq")),
    ".py": ([sys.executable], ()),
    ".mjs": (["node"], ("node",)),
}


def _check_package_search(out: str) -> None:
    count = int(re.search(r"^count: (\d+)$", out, re.M).group(1))
    assert count > 0
    # "truong hoc" typed without accents finds the demo schools dataset.
    assert "- danh-sach-truong-hoc: Danh sách trường" in out
    assert re.search(r"^facet organization: .*so-giao-duc-va-dao-tao \(\d+\)", out, re.M)
    assert re.search(r"^facet res_format: .*CSV \(" + str(count) + r"\)", out, re.M)  # fq=res_format:CSV


def _check_package_show(out: str) -> None:
    assert "title: Diện tích, dân số và mật độ dân số các xã, phường tỉnh Sơn La" in out
    assert "organization: so-noi-vu" in out
    assert "update_frequency: annual" in out
    assert re.search(r"^- CSV .* datastore=true http\S+\.csv$", out, re.M)


def _check_datastore_search(out: str) -> None:
    # Sơn La has 8 wards (phường) among its 75 commune-level units since 1 July 2025.
    assert "filters loai_don_vi=Phường: total 8" in out
    populations = [int(n) for n in re.findall(r"^- Phường [^:]+: (\d+)$", out, re.M)]
    assert len(populations) == 3 and populations == sorted(populations, reverse=True)
    found = int(re.search(r"^q=Chiềng: total (\d+)$", out, re.M).group(1))
    assert found > 0
    assert re.search(r"^- (Xã|Phường) Chiềng ", out, re.M)


def _check_datastore_search_sql(out: str) -> None:
    assert re.search(r"^Phường: 8 units, population \d+$", out, re.M)
    assert re.search(r"^Xã: 67 units, population \d+$", out, re.M)


CHECKS = {
    "package_search": _check_package_search,
    "package_show": _check_package_show,
    "datastore_search": _check_datastore_search,
    "datastore_search_sql": _check_datastore_search_sql,
}

EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in RUNNERS)


def test_every_example_is_checked_and_shown_in_the_guide():
    guide = (DOCS / "developers.md").read_text(encoding="utf-8")
    guide_en = (DOCS / "developers.en.md").read_text(encoding="utf-8")
    assert EXAMPLE_FILES
    for path in EXAMPLE_FILES:
        assert path.stem in CHECKS, f"{path.name} has no expected output in this test"
        include = f'--8<-- "docs/examples/{path.name}"'
        assert include in guide and include in guide_en, f"{path.name} is not included in the guide"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_runs_against_the_portal(portal, path):
    command, needs = RUNNERS[path.suffix]
    missing = [program for program in needs if shutil.which(program) is None]
    if missing:
        pytest.skip(f"{path.name} needs {', '.join(missing)}, not installed here")
    env = dict(os.environ, PORTAL_URL=portal.url)
    result = subprocess.run([*command, str(path)], env=env, capture_output=True, text=True,
                            timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    CHECKS[path.stem](result.stdout)
