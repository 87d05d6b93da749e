"""``kind: sql`` sources: a query streamed into a snapshot that the file pipeline reads.

SQLite (standard library) always; PostgreSQL (read-only transaction, statement timeout,
server-side cursor) when $SONLA_TEST_POSTGRES_URL names a server the test may create a
database on (the e2e tests run it against the embedded server of sonla-stack).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sonla_publisher.errors import ReadError
from sonla_publisher.portal.package import source_hash
from sonla_publisher.reading.table import read_table
from sonla_publisher.sources.connections import resolve
from sonla_publisher.sources.snapshot import take_snapshot
from sonla_publisher.sources.sql_source import check_query
from sonla_publisher.specs.spec import load_spec, structure_problems
from sonla_publisher.validation.validator import validate_table

from tests.publisher.live_helpers import live_catalogue, live_spec, run_cli

pytest.importorskip("sqlalchemy")

QUERY = "SELECT ma_co_so, ten_co_so, so_giuong, ngay_cap_nhat FROM co_so ORDER BY ma_co_so"


def make_warehouse(path: Path, rows: int = 500) -> Path:
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE co_so (ma_co_so TEXT PRIMARY KEY, ten_co_so TEXT, so_giuong INTEGER,"
        " ngay_cap_nhat TEXT)"
    )
    connection.executemany(
        "INSERT INTO co_so VALUES (?, ?, ?, ?)",
        [
            # decomposed Vietnamese (NFD), as some systems store it: the cleaning makes it NFC
            (f"{14000 + i:05d}", "Tra\u0323m y te\u0302\u0301 " + str(i), i % 300,
             f"2025-0{i % 9 + 1}-1{i % 9}")
            for i in range(rows)
        ],
    )
    connection.commit()
    connection.close()
    return path


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return make_warehouse(tmp_path / "kho.sqlite")


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    spec = live_spec("co-so-truc-tiep", {"kind": "sql", "connection": "kho", "query": QUERY,
                                         "batch_rows": 64})
    return live_catalogue(tmp_path / "dataset_specs", spec)


def spec_of(catalogue: Path):  # type: ignore[no-untyped-def]
    return load_spec(catalogue / "datasets" / "so-y-te" / "co-so-truc-tiep.yaml")


def env_for(warehouse: Path, tmp_path: Path) -> dict[str, str]:
    return {"SONLA_SOURCE_KHO_URL": f"sqlite:///{warehouse}",
            "SONLA_LIVE_DIR": str(tmp_path / "live")}


def test_rows_go_through_the_same_cleaning_and_validation(
    warehouse: Path, catalogue: Path, tmp_path: Path
) -> None:
    spec = spec_of(catalogue)
    assert structure_problems(spec) == []
    snapshot = take_snapshot(spec, None, environ=env_for(warehouse, tmp_path))
    assert snapshot.rows == 500
    assert stat.S_IMODE(snapshot.path.stat().st_mode) == 0o600
    # the hash computed while streaming is the one the portal compares with
    assert snapshot.source_hash == source_hash(spec, snapshot.path.read_bytes())
    table = read_table(snapshot.path, spec, catalogue / "codelists")
    report = validate_table(table, spec, catalogue / "codelists")
    assert report.valid
    assert len(table.rows) == 500
    first = table.rows[0].values
    assert first[0] == "14000" and first[1] == "Trạm y tế 0"  # NFC, as from a file
    assert "clean.nfc" in {step.message_id for step in table.steps()} or table.change_list()


def test_an_unchanged_source_gives_the_same_hash_and_a_change_another(
    warehouse: Path, catalogue: Path, tmp_path: Path
) -> None:
    spec, env = spec_of(catalogue), env_for(warehouse, tmp_path)
    first = take_snapshot(spec, None, environ=env).source_hash
    assert take_snapshot(spec, None, environ=env).source_hash == first
    with sqlite3.connect(warehouse) as connection:
        connection.execute("UPDATE co_so SET so_giuong = 999 WHERE ma_co_so = '14007'")
    assert take_snapshot(spec, None, environ=env).source_hash != first


def test_a_dropped_column_is_a_clear_error_and_no_snapshot(
    warehouse: Path, tmp_path: Path
) -> None:
    spec = live_spec("co-so-truc-tiep", {"kind": "sql", "connection": "kho",
                                         "query": "SELECT ma_co_so, ten_co_so FROM co_so"})
    root = live_catalogue(tmp_path / "dataset_specs", spec)
    result = run_cli(["validate", "co-so-truc-tiep", "--specs", str(root)],
                     env_for(warehouse, tmp_path))
    assert result.exit_code == 2, result.output
    assert "không còn trả về cột" in result.output or "không còn" in result.output
    assert "so_giuong, ngay_cap_nhat" in result.output
    assert not (tmp_path / "live" / "co-so-truc-tiep.csv").exists()


def test_validate_and_report_from_the_command_line(
    warehouse: Path, catalogue: Path, tmp_path: Path
) -> None:
    json_path = tmp_path / "report.json"
    result = run_cli(
        ["validate", "co-so-truc-tiep", "--specs", str(catalogue), "--json", str(json_path)],
        env_for(warehouse, tmp_path),
    )
    assert result.exit_code == 0, result.output
    assert json_path.is_file()


@pytest.mark.parametrize(
    "query, reads",
    [
        ("SELECT * FROM co_so", True),
        ("  -- comment\nWITH x AS (SELECT 1) SELECT * FROM x;", True),
        ("select ';' as semicolon from co_so", True),
        ("DELETE FROM co_so", False),
        ("SELECT 1; DROP TABLE co_so", False),
        ("UPDATE co_so SET so_giuong = 0", False),
        ("/* SELECT */ INSERT INTO co_so VALUES ('1')", False),
    ],
)
def test_only_one_reading_statement_is_accepted(query: str, reads: bool) -> None:
    assert check_query(query) is reads


def test_a_writing_query_is_refused_in_the_spec_and_never_run(
    warehouse: Path, tmp_path: Path
) -> None:
    spec = live_spec("xoa-du-lieu", {"kind": "sql", "connection": "kho",
                                     "query": "DELETE FROM co_so"})
    root = live_catalogue(tmp_path / "dataset_specs", spec)
    assert ("spec.source_not_read_only", {}) in structure_problems(
        load_spec(root / "datasets" / "so-y-te" / "xoa-du-lieu.yaml")
    )
    with pytest.raises(ReadError) as raised:
        take_snapshot(load_spec(root / "datasets" / "so-y-te" / "xoa-du-lieu.yaml"), None,
                      environ=env_for(warehouse, tmp_path))
    assert raised.value.message_id == "source.sql_not_read_only"
    with sqlite3.connect(warehouse) as connection:
        assert connection.execute("SELECT count(*) FROM co_so").fetchone()[0] == 500


def test_the_alias_comes_from_the_environment_or_a_private_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.ini"
    config.write_text("[source kho]\nurl = sqlite:///tu-tep.sqlite\n", encoding="utf-8")
    config.chmod(0o644)
    with pytest.raises(ReadError) as raised:
        resolve("kho", config, {})
    assert raised.value.message_id == "source.insecure_config"
    assert "sqlite:///tu-tep" not in raised.value.message("vi")
    config.chmod(0o600)
    assert resolve("kho", config, {}).url == "sqlite:///tu-tep.sqlite"
    env = {"SONLA_SOURCE_KHO_URL": "sqlite:///tu-moi-truong.sqlite"}
    assert resolve("kho", config, env).url == "sqlite:///tu-moi-truong.sqlite"
    with pytest.raises(ReadError) as raised:
        resolve("khac", config, {})
    assert raised.value.message_id == "source.unknown_alias"
    assert "SONLA_SOURCE_KHAC_URL" in raised.value.message("vi")


@pytest.mark.parametrize(
    "source, message_id",
    [
        ({"kind": "ftp", "connection": "kho"}, "spec.source_bad_kind"),
        ({"kind": "sql", "connection": "postgresql://u:p@h/db", "query": QUERY},
         "spec.source_bad_connection"),
        ({"kind": "sql", "connection": "kho"}, "spec.missing_key"),
        ({"kind": "sql", "connection": "kho", "query": QUERY, "batch_rows": 0},
         "spec.source_bad_number"),
        ({"kind": "sql", "connection": "kho", "query": QUERY, "password": "x"},
         "spec.source_unknown_key"),
        ({"kind": "http", "connection": "api", "paging": {"style": "cursor"}},
         "spec.missing_key"),
        ({"kind": "http", "connection": "api", "paging": {"style": "sideways"}},
         "spec.source_bad_paging"),
        ({"kind": "http", "connection": "api", "fields": {"ma_co_so": "a..b["}},
         "spec.source_bad_path"),
        ({"kind": "http", "connection": "api", "path": "https://x.example/api"},
         "spec.source_url_in_spec"),
    ],
)
def test_live_source_blocks_are_checked(source: dict[str, object], message_id: str,
                                        tmp_path: Path) -> None:
    root = live_catalogue(tmp_path / "dataset_specs", live_spec("kiem-tra", source))
    problems = structure_problems(load_spec(root / "datasets" / "so-y-te" / "kiem-tra.yaml"))
    assert message_id in {problem[0] for problem in problems}


# --- PostgreSQL: the read-only transaction, the timeout and the server-side cursor


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the server $SONLA_TEST_POSTGRES_URL names, dropped afterwards."""
    admin_url = os.environ.get("SONLA_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("SONLA_TEST_POSTGRES_URL is not set (tests/e2e/test_live_sql_postgres.py sets it)")
    import sqlalchemy

    name = f"kho_{uuid.uuid4().hex[:10]}"
    admin_url = admin_url.replace("postgresql://", "postgresql+psycopg2://", 1)
    admin = sqlalchemy.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    url = sqlalchemy.engine.make_url(admin_url).set(database=name)
    try:
        # the alias's URL as an operator writes it: the tool picks the installed driver
        yield url.render_as_string(hide_password=False).replace("+psycopg2", "", 1)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def test_postgres_query_is_read_only_bounded_and_streamed(postgres_url: str,
                                                          tmp_path: Path) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(postgres_url.replace("postgresql", "postgresql+psycopg2", 1))
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE co_so AS SELECT lpad((14000 + i)::text, 5, '0') AS ma_co_so,"
            " 'Trạm ' || i AS ten_co_so, mod(i, 300) AS so_giuong,"
            " date '2025-01-01' + mod(i, 200) AS ngay_cap_nhat FROM generate_series(0, 19999) i"
        )
        connection.exec_driver_sql("CREATE SEQUENCE dem")
    engine.dispose()
    env = {"SONLA_SOURCE_KHO_URL": postgres_url, "SONLA_LIVE_DIR": str(tmp_path / "live")}

    def snapshot(query: str, **extra: object):  # type: ignore[no-untyped-def]
        spec = live_spec("co-so-pg", {"kind": "sql", "connection": "kho", "query": query,
                                      **extra})
        root = live_catalogue(tmp_path / f"specs-{uuid.uuid4().hex[:6]}", spec)
        return take_snapshot(load_spec(root / "datasets" / "so-y-te" / "co-so-pg.yaml"), None,
                             environ=env)

    assert snapshot(QUERY, batch_rows=1000).rows == 20000
    # nextval() writes: refused by the read-only transaction
    with pytest.raises(ReadError) as raised:
        snapshot("SELECT nextval('dem')::text AS ma_co_so, '' AS ten_co_so, 0 AS so_giuong,"
                 " NULL AS ngay_cap_nhat")
    assert raised.value.message_id == "source.sql_failed"
    assert "read-only" in raised.value.params["reason"]
    with pytest.raises(ReadError) as raised:
        snapshot("SELECT pg_sleep(5)::text AS ma_co_so, '' AS ten_co_so, 0 AS so_giuong,"
                 " NULL AS ngay_cap_nhat", timeout_seconds=1)
    assert "timeout" in raised.value.params["reason"]


def test_a_wrong_password_is_never_shown(tmp_path: Path) -> None:
    pytest.importorskip("psycopg2")
    secret = "Mat-Khau-Bi-Mat-9173"
    spec = live_spec("co-so-pg", {"kind": "sql", "connection": "kho", "query": QUERY})
    root = live_catalogue(tmp_path / "dataset_specs", spec)
    env = {"SONLA_SOURCE_KHO_URL": f"postgresql://doc:{secret}@127.0.0.1:9/kho",
           "SONLA_LIVE_DIR": str(tmp_path / "live")}
    result = run_cli(["validate", "co-so-pg", "--specs", str(root)], env)
    assert result.exit_code == 2
    assert "kho" in result.output
    assert secret not in result.output


def test_a_nul_in_a_database_value_is_reported_with_its_row(warehouse: Path, catalogue: Path,
                                                            tmp_path: Path) -> None:
    """Databases store what PostgreSQL's DataStore cannot (NUL): validation says where."""
    with sqlite3.connect(warehouse) as connection:
        connection.execute("UPDATE co_so SET ten_co_so = ? WHERE ma_co_so = '14003'", ("Tr\x00m",))
    result = run_cli(["validate", "co-so-truc-tiep", "--specs", str(catalogue)],
                     env_for(warehouse, tmp_path))
    assert result.exit_code == 1, result.output
    assert "U+0000" in result.output
    assert "B5" in result.output  # row 5 of the snapshot: the header, then 14000…14003


def test_freshness_follows_the_newest_date_in_the_source(warehouse: Path, tmp_path: Path) -> None:
    """With freshness.period_column, "Dữ liệu đến" is the newest value of that column in the
    source (not the day of the run), and moves when the source gets newer data."""
    spec_data = live_spec("co-so-truc-tiep", {"kind": "sql", "connection": "kho", "query": QUERY})
    spec_data["freshness"] = {"period_column": "ngay_cap_nhat"}
    root = live_catalogue(tmp_path / "dataset_specs", spec_data)
    spec, env = spec_of(root), env_for(warehouse, tmp_path)

    def period():  # type: ignore[no-untyped-def]
        snapshot = take_snapshot(spec, None, environ=env)
        table = read_table(snapshot.path, spec, root / "codelists")
        return validate_table(table, spec, root / "codelists").period

    before = period()
    assert before is not None and before.last.isoformat() == "2025-09-18"
    with sqlite3.connect(warehouse) as connection:
        connection.execute("UPDATE co_so SET ngay_cap_nhat = '2026-11-30' WHERE ma_co_so = '14010'")
    assert period().last.isoformat() == "2026-11-30"
