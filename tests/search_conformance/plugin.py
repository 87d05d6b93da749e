"""pytest plugin for CKAN's own search tests run against ``sonla_search`` (docs/search.md).

Loaded with ``-p search_conformance.plugin`` (``make test-search-conformance``): CKAN's test modules
are collected with ``--pyargs`` from the installed ``ckan`` package, so no conftest of ours is in
their path. What it does:

- CKAN's database reset (``clean_db``, ``reset_db``) rebuilds only CKAN's own tables and drops the
  rest, among them ``sonla_search_index``: after each reset our migrations are replayed and the
  index emptied, as tests/ckanext/conftest.py does for our own tests.
- Of ``ckan.tests.logic.action.test_get`` only the search actions' classes run.
- CKAN's factories write random text (Faker): each test's is seeded from its node id, so a run is
  reproducible. (Typo correction, the one difference from Solr kept on purpose, is off in
  test-conformance.ini: with it on, random text decided whether CKAN's made-up query words met it.)
- The tests listed in ``expected_differences.txt`` are marked ``xfail(strict=True)``: a listed test
  that starts to pass fails the run, so the list only ever shrinks. That holds for its ``not-search``
  lines too: they still run, so their recorded reason is checked on every run instead of going stale.
"""
from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DIFFERENCES_FILE = Path(__file__).with_name("expected_differences.txt")
# Of ckan.tests.logic.action.test_get, only the search actions' classes are about search.
SEARCH_CLASSES_OF = {
    "ckan/tests/logic/action/test_get.py": ("TestPackageSearch", "TestOrganizationList", "TestGroupList"),
}


NOT_SEARCH = "not-search: "


def load_expected_differences(path: Path = DIFFERENCES_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """(expected differences, tests left out): test node id (as CKAN's package gives it) → reason.

    Format: one ``node id  # reason`` per line; blank lines and lines starting with ``#`` are
    comments. A line starting with ``not-search: `` names a test of the selected modules that is not
    about search at all and fails for a reason outside sonla_search: it is left out of the run.
    A line without a reason is refused: the file is the record of why.
    """
    differences: dict[str, str] = {}
    not_search: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        target = differences
        if line.startswith(NOT_SEARCH):
            target, line = not_search, line[len(NOT_SEARCH):]
        node_id, _, reason = line.partition(" # ")
        if not reason.strip():
            raise ValueError(f"{path}:{number}: an expected difference needs a reason after ' # '")
        target[node_id.strip()] = reason.strip()
    return differences, not_search


def _migrate_sonla_search() -> None:
    """Replay sonla_search's migrations, whether or not the plugin is loaded at this moment."""
    import ckan.model as model
    import ckanext.sonla

    alembic_ini = os.path.join(
        os.path.dirname(ckanext.sonla.__file__), "migration", "sonla_search", "alembic.ini"
    )
    original = model.repo._alembic_ini
    model.repo._alembic_ini = alembic_ini
    try:
        model.repo.upgrade_db("head")
    finally:
        model.repo._alembic_ini = original


def _reset_db_with_search_index() -> None:
    import ckan.model as model
    import sqlalchemy as sa
    from ckanext.sonla.search.table import search_index, search_words

    _ckan_reset_db()
    _migrate_sonla_search()
    model.Session.execute(sa.delete(search_index))
    model.Session.execute(sa.delete(search_words))
    model.Session.commit()


_ckan_reset_db: Any = None


def pytest_configure(config: pytest.Config) -> None:
    global _ckan_reset_db
    # CKAN's with_plugins fixture reads this mark, which its pytest plugin does not declare.
    config.addinivalue_line("markers", "with_plugins(*names): plugins loaded in addition to ckan.plugins")
    import ckan.tests.helpers as test_helpers

    # CKAN's reset_db fixture hands out ``test_helpers.reset_db`` when it is requested: replacing
    # the module attribute covers clean_db, reset_db and non_clean_db alike.
    if _ckan_reset_db is None:
        _ckan_reset_db = test_helpers.reset_db
        test_helpers.reset_db = _reset_db_with_search_index


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    differences, not_search = load_expected_differences()
    differences = {**differences, **not_search}
    selected, deselected = [], []
    for item in items:
        node_id = _package_node_id(item)
        module, _, rest = node_id.partition("::")
        classes = SEARCH_CLASSES_OF.get(module)
        other_class = bool(classes) and rest.split("::")[0] not in classes
        (deselected if other_class else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
    for item in items:
        if _sets_plugins_without_search(item):
            # CKAN's test sets its own plugin list (e.g. "image_view"), with Solr there all the same:
            # here the search backend is sonla_search, loaded only with its plugin (issue 19).
            item.add_marker(pytest.mark.with_plugins(SEARCH_PLUGIN))
        reason = differences.get(_package_node_id(item))
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


SEARCH_PLUGIN = "sonla_search"


def seed_of(node_id: str) -> int:
    """The random seed of a test: the same for the same test in every run, whatever runs before it."""
    return zlib.crc32(node_id.encode("utf-8"))


@pytest.fixture(autouse=True)
def _reproducible_random_text(request: pytest.FixtureRequest) -> None:
    import factory.random
    import faker

    seed = seed_of(_package_node_id(request.node))
    faker.Faker.seed(seed)  # CKAN's module-level Faker() in ckan.tests.factories
    factory.random.reseed_random(seed)  # factory_boy's own (factory.Faker declarations)


@pytest.fixture(autouse=True)
def _search_backend_loaded() -> Iterator[None]:
    """sonla_search loaded for every test, as Solr is always there in CKAN's own runs.

    CKAN's test set-up unloads every plugin and its tests load only those they name; the backend
    is installed only while its plugin is loaded (issue 19). A test that uses with_plugins unloads
    and reloads it itself (its list gets sonla_search, see pytest_collection_modifyitems).
    """
    import ckan.plugins as plugins

    loaded_here = not plugins.plugin_loaded(SEARCH_PLUGIN)
    if loaded_here:
        plugins.load(SEARCH_PLUGIN)
    yield
    if loaded_here and plugins.plugin_loaded(SEARCH_PLUGIN):
        plugins.unload(SEARCH_PLUGIN)


def _sets_plugins_without_search(item: pytest.Item) -> bool:
    """Whether the test's ``ckan_config`` marks set ``ckan.plugins`` to a list without sonla_search.

    CKAN's ckan_config fixture applies the marks closest first, so the farthest one wins.
    """
    value: Any = None
    for mark in item.iter_markers("ckan_config"):
        if mark.args and mark.args[0] == "ckan.plugins":
            value = mark.args[1]
    if value is None:
        return False
    names = value.split() if isinstance(value, str) else list(value)
    return SEARCH_PLUGIN not in names


def _package_node_id(item: pytest.Item) -> str:
    """``ckan/tests/...py::Class::test`` whatever the site-packages path CKAN is installed in."""
    node_id = item.nodeid
    marker = "ckan/tests/"
    index = node_id.find(marker)
    return node_id[index:] if index >= 0 else node_id
