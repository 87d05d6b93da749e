"""Pure helpers of ``push``: the package dict, resource files, DataStore types, hashes."""

import csv
import datetime as dt
import hashlib
import io
import json
import unicodedata

from sonla_publisher.portal.datastore import (
    _copy_column,
    _copy_value,
    batches,
    copy_text,
    datastore_fields,
    datastore_records,
    record_value,
    table_copy_text,
)
from sonla_publisher.portal.package import build_package_dict, source_hash
from sonla_publisher.portal.push import PublishMode, uses_one_request
from sonla_publisher.portal.push_one_request import MAX_ROWS
from sonla_publisher.portal.resources import csv_resource, dictionary_resource, original_resource
from sonla_publisher.reading.table import read_table
from sonla_publisher.specs.data_period import DataPeriod
from sonla_publisher.validation.validator import validate_table

TODAY = dt.date(2026, 11, 23)


def test_package_dict_from_spec(sample) -> None:
    data = sample.spec_data()
    data["metadata"]["notes"] = unicodedata.normalize("NFD", "Cơ sở khám chữa bệnh")
    spec = sample.spec(metadata=data["metadata"])
    package = build_package_dict(spec, today=TODAY)
    assert package == {
        "name": "co-so-kham-chua-benh",
        "state": "active",
        "title": "Danh sách cơ sở khám bệnh, chữa bệnh",
        "notes": "Cơ sở khám chữa bệnh",
        "owner_org": "so-y-te",
        "groups": [{"name": "y-te"}],
        "tags": [{"name": "y tế"}, {"name": "bệnh viện"}],
        "update_frequency": "annual",
        "license_id": "vn-open-data-1.0",
        "data_last_updated": "2026-11-23",
        "temporal_coverage_from": "",
        "temporal_coverage_to": "",
    }


def test_package_dict_dates_come_from_the_publish_and_the_data(sample) -> None:
    # The publish day, not a date typed in the spec, is "Công bố lần cuối"; the data's periods
    # are "Dữ liệu đến" (issue 18: a spec's date made fresh data "97 days late").
    metadata = {**sample.spec_data()["metadata"], "data_last_updated": dt.date(2026, 3, 31)}
    period = DataPeriod("month", dt.date(2025, 1, 1), dt.date(2026, 10, 31), "10/2026")
    package = build_package_dict(
        sample.spec(metadata=metadata), today=TODAY, source_hash="abc", period=period
    )
    assert package["data_last_updated"] == "2026-11-23"
    assert package["temporal_coverage_from"] == "2025-01-01"
    assert package["temporal_coverage_to"] == "2026-10-31"
    assert package["source_hash"] == "abc"


def test_source_hash_covers_spec_and_file(sample) -> None:
    spec = sample.spec()
    spec_bytes = b"name: x\n"
    spec = type(spec)(path=spec.path, raw_bytes=spec_bytes, data=spec.data)
    assert source_hash(spec, b"data") == hashlib.sha256(spec_bytes + b"data").hexdigest()
    assert source_hash(spec, b"data") != source_hash(spec, b"data2")


def test_resource_files(sample) -> None:
    spec = sample.spec()
    path = sample.xlsx(sample.rows(2))
    table = read_table(path, spec)
    report = validate_table(table, spec)

    clean = csv_resource(spec, table, report)
    assert clean.name == "Danh sách cơ sở khám bệnh, chữa bệnh (CSV)"
    rows = list(csv.reader(io.StringIO(clean.content.decode("utf-8"))))
    assert rows[0] == ["ma_co_so", "ten_co_so", "so_giuong", "ty_le", "ngay_cap_nhat"]
    assert rows[1] == ["14000", "Trạm Y tế số 1", "1250", "99.92", "2024-03-15"]
    assert clean.fields["row_count"] == "2"
    assert clean.fields["content_hash"] == hashlib.sha256(clean.content).hexdigest()
    assert clean.fields["validation_status"] == "valid"

    original = original_resource(path, path.read_bytes())
    assert (original.name, original.fields["format"], original.filename) == ("Tệp gốc (XLSX)", "XLSX", "data.xlsx")

    dictionary = dictionary_resource(spec)
    assert dictionary.name == "Từ điển dữ liệu"
    assert json.loads(dictionary.content) == spec.schema


def test_resource_name_from_spec(sample) -> None:
    spec = sample.spec(resource={"name": "Cơ sở KCB (CSV)"})
    assert spec.resource_name == "Cơ sở KCB (CSV)"


def test_datastore_fields_typed_from_table_schema(sample) -> None:
    spec = sample.spec()
    spec.data["schema"]["fields"].append({"name": "co_bac_si", "type": "boolean"})
    spec.data["schema"]["fields"].append({"name": "vi_tri", "type": "geopoint"})
    assert [(field["id"], field["type"]) for field in datastore_fields(spec)] == [
        ("ma_co_so", "text"),
        ("ten_co_so", "text"),
        ("so_giuong", "int8"),
        ("ty_le", "numeric"),
        ("ngay_cap_nhat", "date"),
        ("co_bac_si", "bool"),
        ("vi_tri", "text"),
    ]
    assert datastore_fields(spec)[0]["info"] == {"label": "Mã cơ sở"}


def test_datastore_records(sample) -> None:
    spec = sample.spec()
    table = read_table(sample.xlsx(sample.rows(1)), spec)
    assert datastore_records(table, spec) == [
        {
            "ma_co_so": "14000",
            "ten_co_so": "Trạm Y tế số 1",
            "so_giuong": 1250,
            "ty_le": "99.92",
            "ngay_cap_nhat": "2024-03-15",
        }
    ]


def test_table_copy_text_is_copy_text_of_the_records(sample) -> None:
    spec = sample.spec()
    rows = sample.rows(30)
    rows[3][1] = "Tab\there, back\\slash"
    table = read_table(sample.xlsx(rows), spec)
    names = [field["name"] for field in spec.fields]
    expected = copy_text(datastore_records(table, spec), names)
    assert table_copy_text(table, spec) == expected
    assert b"Tab\\there, back\\\\slash" in expected


def test_record_value_drops_what_does_not_fit_the_column() -> None:
    assert record_value("", "integer") is None
    assert record_value("mười", "integer") is None
    assert record_value("31/02/2024", "date") is None
    assert record_value("Có", "boolean") is True
    assert record_value("01234", "string") == "01234"


def test_batches_of_5000() -> None:
    records = [{"n": index} for index in range(12001)]
    assert [len(batch) for batch in batches(records)] == [5000, 5000, 2001]


def test_copy_text_escapes_what_copy_would_misread() -> None:
    records = [
        {"a": "tab\there", "b": 1, "c": True},
        {"a": "line\nbreak\r", "b": None, "c": False},
        {"a": "back\\slash \\N", "b": "12.50", "c": None},
    ]
    text = copy_text(records, ["a", "b", "c"]).decode("utf-8")
    assert text.splitlines() == [
        "tab\\there\t1\ttrue",
        "line\\nbreak\\r\t\\N\tfalse",
        "back\\\\slash \\\\N\t12.50\t\\N",
    ]


def test_mode_decides_without_asking_the_portal_when_it_can() -> None:
    class NoNetwork:
        address = "http://nowhere.invalid"

        def call_action(self, *args, **kwargs):
            raise AssertionError("the portal was asked")

    client = NoNetwork()
    assert uses_one_request(client, PublishMode.ONE_REQUEST, 10) is True
    assert uses_one_request(client, PublishMode.STEP_BY_STEP, 10) is False
    # A table too large for one request goes step by step whatever the portal offers.
    assert uses_one_request(client, PublishMode.AUTO, MAX_ROWS + 1) is False


def test_numbers_passed_as_they_are_equal_what_record_value_gives() -> None:
    cases = ["0", "-0", "007", "12", "-12", "12.50", "12.5", "0.0", "1e3", "1.250", "1,5", "abc",
             "99999999999999999999", "-1.05", "0.10", "1."]  # fmt: skip
    for field_type in ("integer", "number", "date", "boolean", "string"):
        converted = _copy_column(field_type, tuple(cases))
        expected = [_copy_value(record_value(text, field_type)) for text in cases]
        assert converted == expected, field_type


def test_a_text_column_is_escaped_only_where_needed() -> None:
    column = ("plain", "", "tab\there", "back\\slash", "line\nbreak\r", "Đà")
    assert _copy_column("string", column) == [_copy_value(record_value(text, "string")) for text in column]
    assert _copy_column("string", ("a", "", "b")) == ["a", "\\N", "b"]
