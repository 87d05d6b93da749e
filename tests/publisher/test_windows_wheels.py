"""Every package of requirements/publisher-lock.txt installs on a Windows laptop (issue 18).

Agency staff install ``sonla-publish`` on Windows without a compiler, so each pinned package must
have a Windows wheel or be pure Python. A committed list would prove nothing, and the lock file
records neither hashes nor wheel tags, so the test asks the package index itself:

1. ``uv pip install --dry-run --python-platform x86_64-pc-windows-msvc --only-binary <each>`` for
   the lock's pins resolves only if each has a wheel for Windows (or a universal one) for that
   Python version; the lock's markers (``colorama ; sys_platform == 'win32'``) are evaluated for
   Windows.
2. A package that has no wheel at all (only a source archive, e.g. docopt) is built here with
   ``pip wheel``: a wheel tagged ``none-any`` is pure Python and installs anywhere.

Without the index (offline) or without uv, the test is skipped, not passed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "publisher-lock.txt"
WINDOWS = "x86_64-pc-windows-msvc"
# The oldest Python the publisher supports and the newest a laptop is likely to have.
PYTHONS = ("3.10", "3.13")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")
_NO_WHEEL = re.compile(r"Because ([A-Za-z0-9._-]+)==(\S+) has no usable wheels")
_OFFLINE = ("Failed to fetch", "Could not connect", "dns error", "error sending request", "offline",
            "Network is unreachable", "timed out")

pytestmark = pytest.mark.skipif(not LOCK.exists(), reason="no requirements/publisher-lock.txt")


def uv() -> str:
    found = shutil.which("uv") or next(
        (str(path) for path in (ROOT / ".venv" / "bin" / "uv", Path(sys.executable).with_name("uv"))
         if path.exists()), None)
    if found is None:
        pytest.skip("uv is not installed (make install puts it in .venv)")
    return found


def pinned_lines() -> list[str]:
    """The lock's requirement lines (name==version ; marker), without the editable publisher."""
    return [line.strip() for line in LOCK.read_text(encoding="utf-8").splitlines() if _PIN.match(line)]


def skip_when_offline(output: str) -> None:
    if any(sign in output for sign in _OFFLINE):
        pytest.skip(f"the package index cannot be reached: {output.strip()[-300:]}")


def is_pure_python(name: str, version: str, tmp_path: Path) -> bool:
    """Build the package's wheel from its source archive: pure Python when tagged none-any."""
    out = tmp_path / f"built-{name}"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-binary", name,
         f"{name}=={version}", "-w", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    skip_when_offline(built.stdout + built.stderr)
    assert built.returncode == 0, f"{name}=={version} cannot be built: {built.stderr[-500:]}"
    wheels = list(out.glob("*.whl"))
    return len(wheels) == 1 and wheels[0].name.endswith("-none-any.whl")


@pytest.mark.parametrize("python", PYTHONS)
def test_every_locked_package_has_a_windows_wheel_or_is_pure_python(python: str, tmp_path: Path) -> None:
    lines = pinned_lines()
    assert len(lines) > 20, "the lock file should pin the publisher's whole dependency tree"
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = {_PIN.match(line).group(1).lower() for line in lines}  # type: ignore[union-attr]
    pure_sources: set[str] = set()
    for _ in range(len(names)):
        command = [uv(), "pip", "install", "--dry-run", "--no-deps", "--python-platform", WINDOWS,
                   "--python-version", python, "--target", str(tmp_path / "target"), "-r", str(requirements)]
        for name in sorted(names - pure_sources):
            command += ["--only-binary", name]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        output = result.stdout + result.stderr
        if result.returncode == 0:
            break
        skip_when_offline(output)
        missing = _NO_WHEEL.search(output)
        assert missing, f"uv could not resolve the lock for Windows, Python {python}:\n{output[-2000:]}"
        name, version = missing.group(1).lower(), missing.group(2).rstrip(",")
        assert is_pure_python(name, version, tmp_path), (
            f"{name}=={version} has no Windows wheel for Python {python} and is not pure Python")
        pure_sources.add(name)
    assert result.returncode == 0, output[-2000:]
