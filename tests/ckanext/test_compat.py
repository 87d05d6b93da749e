"""The supported CKAN versions, and CKAN's internals reached only through ckanext.sonla.compat."""
from __future__ import annotations

import ast
from pathlib import Path

import ckan
import pytest
from ckanext.sonla import ckan_version

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "ckanext-sonla" / "ckanext" / "sonla"
STACK = ROOT / "stack" / "sonla_stack"

# What extensions may import from CKAN itself: the plugins toolkit and interfaces, and the bare
# ``ckan`` package (its __version__ / __file__). Everything else goes through compat.py.
PUBLIC = ("ckan.plugins", "ckan.plugins.toolkit", "ckan")
# Other extensions' internals count too (their public modules are imported as such).
INTERNAL_EXTENSIONS = ("ckanext.datastore", "ckanext.activity")


@pytest.mark.parametrize("version", ["2.10.11", "2.13.0", "3.0.0", "2.1.0", "2.110.0", "master"])
def test_an_unsupported_ckan_is_refused_with_the_supported_versions_named(version: str) -> None:
    with pytest.raises(ckan_version.UnsupportedCkanVersion) as refused:
        ckan_version.check_ckan_version(version)
    message = str(refused.value)
    assert f"không hỗ trợ CKAN {version}" in message
    assert f"does not support CKAN {version}" in message
    assert "2.11, 2.12" in message


@pytest.mark.parametrize("version", ["2.11.0", "2.11.6", "2.12.0", "2.12.3", "2.12.0b1"])
def test_the_supported_versions_pass(version: str) -> None:
    ckan_version.check_ckan_version(version)


def test_the_running_ckan_is_supported() -> None:
    ckan_version.check_ckan_version(ckan.__version__)


def test_install_requires_declares_the_supported_range() -> None:
    """The package metadata says the same as ckan_version (setup.py or pyproject.toml)."""
    lowest = min(ckan_version.SUPPORTED_CKAN_VERSIONS)
    above = max(ckan_version.SUPPORTED_CKAN_VERSIONS)
    wanted = f"ckan>={lowest[0]}.{lowest[1]},<{above[0]}.{above[1] + 1}"
    texts = [path.read_text(encoding="utf-8") for path in (EXTENSION.parents[1] / "setup.py",
                                                             EXTENSION.parents[1] / "pyproject.toml")
             if path.exists()]
    assert any(f'"{wanted}"' in text for text in texts), wanted


def _ckan_imports(path: Path) -> list[tuple[int, str]]:
    names: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append((node.lineno, node.module))
            if node.module == "ckan":  # from ckan import model
                names += [(node.lineno, f"ckan.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in names
            if (name == "ckan" or name.startswith("ckan.") or name.startswith(INTERNAL_EXTENSIONS))
            and name not in PUBLIC]


def test_ckan_internals_are_imported_only_by_compat() -> None:
    sources = [*EXTENSION.rglob("*.py"), *STACK.rglob("*.py")]
    allowed = {EXTENSION / "compat.py", EXTENSION / "i18n_audit.py"}  # i18n_audit: test-only, reads ckan.po
    offenders = [f"{path.relative_to(ROOT)}:{line}: {name}"
                 for path in sources if path not in allowed and "migration" not in path.parts
                 for line, name in _ckan_imports(path)]
    assert not offenders, "import these through ckanext.sonla.compat:\n" + "\n".join(offenders)


def test_a_second_run_directory_gets_its_own_test_ini(tmp_path: Path) -> None:
    """`make test-ckan-2.11` prepares .run/ckan-2.11: pytest's ini there is the repository's test.ini
    pointed at that directory's services (the databases CKAN 2.12 migrated are never touched), with
    base.ini's logging sections where the running CKAN reads logging from the named file only (2.11)."""
    from configparser import RawConfigParser

    from sonla_stack import ckan_config
    from sonla_stack.settings import Settings

    settings = Settings(run_dir=tmp_path / "ckan-x")
    assert settings.test_ini == tmp_path / "ckan-x" / "test.ini"
    assert Settings(run_dir=ROOT / ".run").test_ini == ROOT / "test.ini"
    ckan_config.write_test_ini(settings, tmp_path / "socket")

    written, original = RawConfigParser(strict=False), RawConfigParser(strict=False)
    written.read(settings.test_ini, encoding="utf-8")
    original.read(ROOT / "test.ini", encoding="utf-8")
    assert written.get("app:main", "use") == "config:test-services.ini"
    assert (settings.run_dir / "test-services.ini").exists()
    for key, value in original.items("app:main"):
        if key != "use":
            assert written.get("app:main", key) == value, key
    needs_logging = ckan_version.minor_version(ckan.__version__) < (2, 12)
    assert all(written.has_section(name) for name in ("loggers", "handlers", "formatters")) == needs_logging
