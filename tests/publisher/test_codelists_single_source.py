"""One source of truth (issue #17): dataset_specs/codelists/ and the few shared names and rules.

- Copies that are files (ckanext-sonla's communes.csv, the frequency choices of its dataset.yaml) are
  written by dataset_specs/tools/sync_codelists.py; the first test fails when a committed copy differs.
- Copies that live in code (labels in messages, the freshness periods) are compared with the code list.
- Values that must exist once (the data-dictionary name, the formula rule) are looked for in every module
  of both packages: a second definition fails the test.

Runs in the publisher's virtualenv (no CKAN): the ckanext-sonla files are read as text or parsed, not imported.
"""

from __future__ import annotations

import ast
import calendar
import csv
import datetime as dt
import fnmatch
import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CODELISTS = REPO / "dataset_specs" / "codelists"
PUBLISHER = REPO / "publisher" / "sonla_publisher"
CKANEXT = REPO / "ckanext-sonla" / "ckanext" / "sonla"
DICTIONARY_TITLE = "Từ điển dữ liệu"


def _sync_codelists() -> ModuleType:
    path = REPO / "dataset_specs" / "tools" / "sync_codelists.py"
    spec = importlib.util.spec_from_file_location("sync_codelists", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sync = _sync_codelists()


def _frequencies() -> list[dict[str, str]]:
    with (CODELISTS / "frequencies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    return rows


def _modules(*roots: Path) -> list[Path]:
    return sorted(path for root in roots for path in root.rglob("*.py"))


# --- generated copies ------------------------------------------------------------------------------------------

def test_package_copies_equal_the_code_lists() -> None:
    differing = [path.as_posix() for path in sync.stale()]
    assert not differing, (
        f"{', '.join(differing)} differ from dataset_specs/codelists/ (edit the code list, not the copy); "
        f"run: {sync.COMMAND}")


def _copy_tree(tmp_path: Path) -> Path:
    for relative in [*sync.COPIES, sync.CODELISTS / "communes.csv", sync.CODELISTS / "frequencies.csv"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / relative, tmp_path / relative)
    return tmp_path


def _rewrite_csv(path: Path, change: dict[str, dict[str, str]]) -> None:
    """Change cells of ``path``: {first-column value: {column: new value}}."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    for row in rows:
        row.update(change.get(row[columns[0]], {}))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _frequency_choices(schema: Path) -> list[dict]:
    fields = yaml.safe_load(schema.read_text(encoding="utf-8"))["dataset_fields"]
    return next(field for field in fields if field["field_name"] == "update_frequency")["choices"]


def test_a_code_list_change_makes_the_copies_stale_until_the_script_runs(tmp_path: Path) -> None:
    root = _copy_tree(tmp_path)
    schema = root / sync.SCHEMAS / "dataset.yaml"
    before = schema.read_text(encoding="utf-8")
    # a label with YAML's special characters, to show the generated YAML quotes it
    _rewrite_csv(root / sync.CODELISTS / "frequencies.csv",
                 {"semiannual": {"name": 'Nửa năm: "2 lần"', "name_en": "Twice a year # half"}})
    _rewrite_csv(root / sync.CODELISTS / "communes.csv", {"03646": {"name_en": "To Hieu"}})

    assert sorted(sync.stale(root)) == sorted(sync.COPIES)
    assert sync.main(["--check", "--root", str(root)]) == 1
    assert schema.read_text(encoding="utf-8") == before  # --check writes nothing

    assert sorted(sync.write(root)) == sorted(sync.COPIES)
    assert sync.stale(root) == []
    semiannual = next(c for c in _frequency_choices(schema) if c["value"] == "semiannual")
    assert semiannual["label"] == {"vi": 'Nửa năm: "2 lần"', "en": "Twice a year # half"}
    with (root / sync.SCHEMAS / "communes.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle)) == {"code": "03646", "name": "Phường Tô Hiệu", "name_en": "To Hieu"}
    # only the lines between the markers changed
    after = schema.read_text(encoding="utf-8").split("\n")
    changed = [(old, new) for old, new in zip(before.split("\n"), after, strict=True) if old != new]
    assert len(changed) == 1 and "semiannual" in changed[0][0]


def test_the_schema_choices_are_the_code_list_row_for_row() -> None:
    offered = [(c["value"], c["label"]["vi"], c["label"]["en"], c["uri"])
               for c in _frequency_choices(CKANEXT / "schemas" / "dataset.yaml")]
    assert offered == [(r["code"], r["name"], r["name_en"], r["eu_uri"]) for r in _frequencies()]


def test_the_schema_without_its_markers_is_refused_with_the_file_named(tmp_path: Path) -> None:
    root = _copy_tree(tmp_path)
    schema = root / sync.SCHEMAS / "dataset.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace(sync.END + "\n", ""), encoding="utf-8")
    with pytest.raises(sync.CodelistError, match=r"dataset\.yaml"):
        sync.stale(root)
    assert sync.main(["--root", str(root)]) == 2


# --- copies in code, compared with the code list ---------------------------------------------------------------

def test_the_import_message_names_every_frequency_label() -> None:
    """The message once listed "6 tháng" / "6 months" where the code list says "6 tháng một lần"."""
    from sonla_publisher.i18n.messages import render

    params = {"row": 3, "title": "T", "value": "v"}
    vi, en = (render("import.unknown_frequency", lang, params) for lang in ("vi", "en"))
    for row in _frequencies():
        assert row["name"] in vi, row["code"]
        assert row["name_en"].lower() in en, row["code"]


def test_the_catalogue_template_instructions_name_every_frequency_label() -> None:
    from sonla_publisher.specs.catalogue_template import INSTRUCTIONS

    text = "\n".join(INSTRUCTIONS)
    for row in _frequencies():
        assert row["name"] in text, row["code"]


def _module_constants(names: set[str]) -> dict[str, object]:
    """The literal values of top-level ``names`` in the one ckanext-sonla module that defines them all."""
    found = []
    for path in _modules(CKANEXT):
        values = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
            if isinstance(target, ast.Name) and target.id in names and node.value is not None:
                values[target.id] = ast.literal_eval(node.value)
        if set(values) == names:
            found.append(values)
    assert len(found) == 1, f"expected one ckanext-sonla module defining {sorted(names)}, found {len(found)}"
    return found[0]


def _longest_span(months: int, days: int) -> int:
    """The longest number of days one period lasts (calendar months, as the freshness rules count)."""
    longest = 0
    for start in (dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(4 * 366)):
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        end = dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
        longest = max(longest, (end + dt.timedelta(days=days) - start).days)
    return longest


def test_the_freshness_periods_cover_the_code_list() -> None:
    constants = _module_constants({"PERIODS", "UNSCHEDULED"})
    periods, unscheduled = constants["PERIODS"], constants["UNSCHEDULED"]
    assert isinstance(periods, dict) and isinstance(unscheduled, set)
    rows = {row["code"]: row for row in _frequencies()}
    assert set(periods) | unscheduled == set(rows) and not set(periods) & unscheduled
    for code in unscheduled:
        assert rows[code]["period_days"] == "", code
    for code, (months, days) in periods.items():
        assert _longest_span(months, days) == int(rows[code]["period_days"]), code


# --- values defined once ---------------------------------------------------------------------------------------

def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (a docstring may quote a value without defining it)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def test_the_data_dictionary_name_is_defined_once() -> None:
    places = [f"{path.relative_to(REPO)}:{line}" for path in _modules(PUBLISHER, CKANEXT)
              for line, value in _string_constants(path) if value == DICTIONARY_TITLE]
    assert len(places) == 1 and places[0].startswith("publisher/sonla_publisher/resource_names.py:"), (
        f"{DICTIONARY_TITLE!r} is written in {places}: import DICTIONARY_NAME from sonla_publisher.resource_names")


FORMULA_CHARS = set("=+-@\t\r")


def _formula_start_lists(path: Path) -> list[int]:
    """Lines of literals that list formula-start characters ("=", "+", "-", "@", tab, CR)."""
    lines = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(items) == len(node.elts) >= 3 and set(items) <= FORMULA_CHARS and {"=", "@"} <= set(items):
                lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if len(node.value) >= 3 and set(node.value) <= FORMULA_CHARS and {"=", "@"} <= set(node.value):
                lines.append(node.lineno)
    return lines


def test_the_formula_rule_is_defined_once() -> None:
    """sonla_publisher.reading.formula_cells is the one rule; the portal imports it (dump_safety, freshness_page)."""
    places = [f"{path.relative_to(REPO)}:{line}" for path in _modules(PUBLISHER, CKANEXT)
              for line in _formula_start_lists(path)]
    assert {place.rsplit(":", 1)[0] for place in places} == {"publisher/sonla_publisher/reading/formula_cells.py"}, (
        f"formula-start characters are listed in {places}: use sonla_publisher.reading.formula_cells")


def test_the_formula_guard_sees_the_two_spellings_it_replaced(tmp_path: Path) -> None:
    """The definitions removed in 9c74fc2 (a tuple in ckanext, a string of characters in validation.py)."""
    module = tmp_path / "old.py"
    module.write_text('FORMULA_STARTS = ("=", "+", "-", "@", "\\t", "\\r")\nCHARS = frozenset("=+-@")\n',
                      encoding="utf-8")
    assert _formula_start_lists(module) == [1, 2]


def _ckanext_package_data() -> list[str]:
    """ckanext-sonla's package-data globs for ``ckanext.sonla`` (setup.py, or pyproject.toml once it has one)."""
    pyproject = REPO / "ckanext-sonla" / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        globs = data.get("tool", {}).get("setuptools", {}).get("package-data", {}).get("ckanext.sonla")
        if globs is not None:
            return list(globs)
    for node in ast.walk(ast.parse((REPO / "ckanext-sonla" / "setup.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "package_data":
            return list(ast.literal_eval(node.value)["ckanext.sonla"])
    raise AssertionError("ckanext-sonla declares no package data")


def test_the_copies_are_shipped_in_the_ckanext_package() -> None:
    """A wheel of ckanext-sonla once lacked schemas/communes.csv (package data listed schemas/*.yaml only)."""
    globs = _ckanext_package_data()
    for relative in sync.COPIES:
        inside = relative.relative_to(Path("ckanext-sonla") / "ckanext" / "sonla").as_posix()
        assert any(fnmatch.fnmatchcase(inside, pattern) for pattern in globs), (inside, globs)
