"""Our cell readers and schema check give Frictionless' results, so ``validate`` need not
import Frictionless (27 MB) for the types and constraints the catalogue uses (issue 15)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import health_spec, write_spec
from frictionless import Schema
from sonla_publisher.reading.cell_readers import cell_reader, simple_field, simple_schema
from sonla_publisher.specs.spec import Spec, structure_problems
from sonla_publisher.validation.validator import _field_checks

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "dataset_specs" / "datasets"

NUMBERS = [
    "", " ", "0", "1", "-1", "+1", "01", "1.0", "1.5", "-0.5", "0.0", "-0", "1234.5", "1e3", "1E-2",
    "12 ", " 12", "\t7\n", "1_000", "1,5", "1.234,5", "1 000", "abc", "NaN", "nan", "-NaN", "Infinity",
    "-inf", "inf", "5000", "5001", "4999.99", "5000.0001", "200", "200.0", "200.00001", "-0.0",
    "٣", "１２", "0x10", "1.", ".5", "--1", "1-", "9" * 30, "12%", "%12", "true", "None",
]  # fmt: skip
DATES = [
    "", "2024-03-15", "2024-3-5", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "0001-01-01",
    "9999-12-31", "15/03/2024", "2024-03-15 ", " 2024-03-15", "2024-03-15T00:00:00", "20240315",
    "2024/03/15", "abc", "2024-03-32", "24-03-15",
]  # fmt: skip
TEXTS = [
    "", " ", "a", "b", "ab", "xb", "12345", "1234", "123456", "12345\n", "Trạm", "Mai Sơn", "mai sơn",
    "Khu công nghiệp Mai Sơn", "Khu công nghiệp Mai Sơn ", "x" * 10, "x" * 11, "\u0000", "0",
]  # fmt: skip

CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("integer", {}, NUMBERS),
    ("integer", {"required": True}, NUMBERS),
    ("integer", {"required": False, "minimum": 0}, NUMBERS),
    ("integer", {"minimum": 0, "maximum": 5000}, NUMBERS),
    ("integer", {"required": True, "maximum": -1}, NUMBERS),
    ("integer", {"maximum": 5000, "minimum": 10, "required": True}, NUMBERS),
    ("number", {}, NUMBERS),
    ("number", {"required": True}, NUMBERS),
    ("number", {"minimum": 0}, NUMBERS),
    ("number", {"minimum": 0, "maximum": 200}, NUMBERS),
    ("number", {"minimum": 0.5, "maximum": 199.99, "required": True}, NUMBERS),
    ("number", {"minimum": -1.5}, NUMBERS),
    ("date", {}, DATES),
    ("date", {"required": True}, DATES),
    ("date", {"required": False}, DATES),
    ("string", {}, TEXTS),
    ("string", {"required": True}, TEXTS),
    ("string", {"enum": ["Mai Sơn", "a", "0"]}, TEXTS),
    ("string", {"required": True, "enum": ["Khu công nghiệp Mai Sơn", "b"]}, TEXTS),
    ("string", {"enum": ["a"], "pattern": "[a-z]+", "required": True}, TEXTS),
    ("string", {"minLength": 2, "maxLength": 10}, TEXTS),
    ("string", {"maxLength": 0, "pattern": "x*"}, TEXTS),
    ("string", {"pattern": "[0-9]{5}", "enum": ["12345", "1234"], "minLength": 5}, TEXTS),
]


@pytest.mark.parametrize(("field_type", "constraints", "values"), CASES)
def test_reader_gives_frictionless_result(field_type: str, constraints: dict[str, Any], values: list[str]) -> None:
    descriptor = {"name": "x", "type": field_type, "constraints": constraints}
    assert simple_field(descriptor)
    theirs = Schema.from_descriptor({"fields": [descriptor]}).fields[0].create_cell_reader()
    ours = cell_reader(field_type, constraints)
    for value in values:
        expected, got = theirs(value), ours(value)
        # the same value, of the same kind (sums add Decimals for numbers, ints for integers;
        # compared as text since NaN equals nothing), and the same notes
        assert (repr(got[0]), got[1]) == (repr(expected[0]), expected[1]), (field_type, constraints, value)
        assert list(got[1] or {}) == list(expected[1] or {}), "notes in Frictionless' order"


def test_bounds_as_frictionless_reads_them() -> None:
    # a float bound of a number field is compared as the Decimal of its text, as Frictionless does
    ours = cell_reader("number", {"maximum": 0.1})
    theirs = Schema.from_descriptor(
        {"fields": [{"name": "x", "type": "number", "constraints": {"maximum": 0.1}}]}
    ).fields[0].create_cell_reader()
    for value in ["0.1", "0.10000000000000001", "0.1000000000000000055511151231257827"]:
        assert ours(value) == theirs(value)
    assert ours("0.1") == (Decimal("0.1"), None)


def catalogue_schemas() -> list[tuple[str, dict[str, Any]]]:
    if not CATALOGUE.is_dir():
        return []
    return [
        (path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))["schema"])
        for path in sorted(CATALOGUE.rglob("*.yaml"))
    ]


def test_every_catalogue_schema_is_simple_and_valid() -> None:
    schemas = catalogue_schemas()
    if not schemas:
        pytest.skip("no dataset_specs/ catalogue")
    for name, schema in schemas:
        assert simple_schema(schema), name  # so validating it never imports Frictionless
        assert Schema.validate_descriptor(schema).valid, name


def _field(**changes: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": "x", "title": "X", "type": "integer", "constraints": {"minimum": 0}}
    field.update(changes)
    return {key: value for key, value in field.items() if value is not None}


SCHEMAS: list[Any] = [
    {"fields": [_field()]},
    {"fields": [_field()], "primaryKey": "x"},
    {"fields": [_field()], "primaryKey": ["x"]},
    {"fields": [_field()], "primaryKey": ["y"]},
    {"fields": [_field(), _field()]},
    {"fields": []},
    {"fields": [_field()], "missingValues": ["", "-"]},
    {"fields": [_field()], "foreignKeys": []},
    {"fields": "x"},
    [],
    {"fields": [_field(name="")]},
    {"fields": [_field(name=3)]},
    {"fields": [_field(name=None)]},
    {"fields": [_field(type=None)]},
    {"fields": [_field(type="boolean", constraints=None)]},
    {"fields": [_field(type="year", constraints=None)]},
    {"fields": [_field(type="intger")]},
    {"fields": [_field(title=3)]},
    {"fields": [_field(description="Mô tả")]},
    {"fields": [_field(description=["a"])]},
    {"fields": [_field(format="default")]},
    {"fields": [_field(format="%d/%m/%Y", type="date", constraints=None)]},
    {"fields": [_field(bareNumber=False)]},
    {"fields": [_field(groupChar=".")]},
    {"fields": [_field(missingValues=["-"])]},
    {"fields": [_field(example="1")]},
    {"fields": [_field(**{"x-sonla-total": False})]},
    {"fields": [_field(**{"x-sonla-codelist": "communes"})]},
    {"fields": [_field(constraints={"minimum": "0"})]},
    {"fields": [_field(constraints={"minimum": 0.5})]},
    {"fields": [_field(constraints={"minimum": True})]},
    {"fields": [_field(constraints={"unique": True})]},
    {"fields": [_field(constraints={"enum": [1, 2]})]},
    {"fields": [_field(constraints={"exclusiveMinimum": 0})]},
    {"fields": [_field(constraints={"required": "yes"})]},
    {"fields": [_field(constraints=[])]},
    {"fields": [_field(type="number", constraints={"minimum": 0.5, "maximum": 10})]},
    {"fields": [_field(type="number", constraints={"minimum": "a"})]},
    {"fields": [_field(type="date", constraints={"required": True})]},
    {"fields": [_field(type="date", constraints={"minimum": "2024-01-01"})]},
    {"fields": [_field(type="string", constraints={"pattern": "[0-9]+", "enum": ["1"]})]},
    {"fields": [_field(type="string", constraints={"pattern": "[0-9"})]},
    {"fields": [_field(type="string", constraints={"pattern": 5})]},
    {"fields": [_field(type="string", constraints={"enum": []})]},
    {"fields": [_field(type="string", constraints={"enum": "a"})]},
    {"fields": [_field(type="string", constraints={"minLength": -1})]},
    {"fields": [_field(type="string", constraints={"minLength": 1, "maxLength": 2.5})]},
    {"fields": [_field(type="string", constraints={"minimum": 1})]},
]


@pytest.mark.parametrize("schema", SCHEMAS, ids=range(len(SCHEMAS)))
def test_a_simple_schema_is_one_frictionless_finds_valid(schema: Any) -> None:
    # Whatever the simple check lets through, Frictionless would have let through too: the
    # quick check only spares its import, it never accepts a schema Frictionless refuses.
    if simple_schema(schema):
        report = Schema.validate_descriptor(schema)
        assert report.valid, report.errors
        fields = Schema.from_descriptor(schema).fields
        assert [field.missing_values for field in fields] == [[""]] * len(fields)


def test_the_quick_check_refuses_what_it_does_not_read() -> None:
    refused = [schema for schema in SCHEMAS if not simple_schema(schema)]
    assert len(refused) >= 30  # each goes to Frictionless, as before
    assert simple_schema({"fields": [_field(type="number", constraints={"minimum": 0.5, "maximum": 10})]})


def test_a_spec_frictionless_refuses_is_still_refused(tmp_path: Path) -> None:
    spec_data = health_spec()
    spec_data["schema"]["fields"][2]["type"] = "intger"
    spec = Spec(path=tmp_path / "x.yaml", raw_bytes=b"", data=spec_data)
    assert [message_id for message_id, _ in structure_problems(spec)] == ["spec.bad_schema"]


def test_fields_of_a_schema_not_simple_use_frictionless_readers(tmp_path: Path) -> None:
    spec_data = health_spec()
    spec_data["schema"]["fields"][3]["bareNumber"] = False  # "99 %" is a number for Frictionless
    checks = _field_checks(Spec(path=tmp_path / "x.yaml", raw_bytes=b"", data=spec_data), False)
    assert checks[3].reader("99 %") == (Decimal(99), None)
    assert checks[2].reader("x") == (None, {"type": 'type is "integer/default"'})


CHILD = """
import json, sys
sys.argv = ["sonla-publish", "validate", "co-so-kham-chua-benh", "--specs", sys.argv[1]]
from sonla_publisher.entry import main
try:
    main()
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "frictionless": "frictionless" in sys.modules}))
"""


def run_validate(specs_dir: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(specs_dir)], capture_output=True, text=True, timeout=120, check=False
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_validate_does_not_import_frictionless(specs_dir: Path) -> None:
    result = run_validate(specs_dir)
    assert result == {"code": 0, "frictionless": False}


def test_validate_imports_frictionless_for_a_type_it_does_not_read(specs_dir: Path) -> None:
    spec_data = health_spec()
    spec_data["schema"]["fields"][3]["bareNumber"] = False  # "99,92 %" would be read by Frictionless
    write_spec(specs_dir, spec_data)
    result = run_validate(specs_dir)
    assert result["frictionless"] is True


def test_a_long_csv_cell_is_read_without_frictionless(specs_dir: Path, tmp_path: Path) -> None:
    # Frictionless raises the csv module's field limit on import; validate, which no longer
    # imports it, reads the same cells (a 200 KB cell used to be read, and still is).
    data = tmp_path / "long.csv"
    header = "Mã cơ sở,Tên cơ sở KCB,Số giường bệnh,Tỷ lệ sử dụng giường (%),Ngày cập nhật\n"
    data.write_text(header + f'14000,"Trạm {"x" * 200_000}",20,75.5,2024-03-01\n', encoding="utf-8")
    child = CHILD.replace('"--specs", sys.argv[1]]', '"--specs", sys.argv[1], sys.argv[2]]')
    done = subprocess.run(
        [sys.executable, "-c", child, str(specs_dir), str(data)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 0, "frictionless": False}, done.stdout
