"""Benchmark loading rows into a DataStore table: CKAN's way against sonla_dataset_publish's.

    make bench-datastore     # its own portal database in .run/bench (ports 5099/6399)
    python benchmarks/datastore_load.py --ini .run/bench/portal.ini [--tables 20] [--rows 5000]

Each variant loads the same synthetic rows (a register of establishments: codes, Vietnamese
names and addresses, a count, a date) into fresh tables shaped like CKAN's DataStore tables
(``_id``, ``_full_text``, a unique key), in a scratch schema of the DataStore database that is
dropped at the end. Variants, in turn within each round:

- CKAN's defaults: rows COPYed in, ``_full_text`` made by CKAN's per-row trigger with the
  database's default text-search configuration, English (PostgreSQL's default), GiST index;
- the same with the ``simple`` configuration (which the stack sets, docs/operators.md);
- the same with a GIN index (``ckan.datastore.default_fts_index_method = gin``, config/base.ini);
- sonla_dataset_publish: the statements of ``ckanext.sonla.publish.table_load`` (rows COPYed
  to a temporary table and inserted with ``_full_text`` computed in the INSERT), GIN index;
- no full text at all: the floor, what COPY and the key index cost alone.

Median time per row over the rounds; appended to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import configparser
import datetime as dt
import io
import platform
import random
import statistics
import time
from pathlib import Path

import psycopg2
from revision import describe  # benchmarks/revision.py

REPO = Path(__file__).resolve().parent.parent
SCHEMA = "sonla_bench_load"
COLUMNS = [("ma", "text"), ("ten", "text"), ("loai_hinh", "text"), ("ma_xa", "text"), ("ten_xa", "text"),
           ("dia_chi", "text"), ("so_luong", "bigint"), ("ngay_cap", "date"), ("trang_thai", "text")]
NAMES = ", ".join(name for name, _ in COLUMNS)
WORDS = ("Trường Mầm non Tiểu học Trung học cơ sở Chiềng Mường Tô Hiệu Quyết Thắng Sơn La Mộc Châu Thuận "
         "Châu Yên Châu Bắc Yên Phù Yên Sông Mã Sốp Cộp Mai Sơn Quỳnh Nhai Vân Hồ bản tiểu khu tổ đường số "
         "nhà văn hoá chợ trạm y tế hợp tác xã cửa hàng an toàn thực phẩm").split()
KINDS = ["Hộ kinh doanh", "Doanh nghiệp", "Hợp tác xã", "Cơ sở y tế", "Trường học"]
STATES = ["Đang hoạt động", "Tạm ngừng", "Đã giải thể"]


def _rows(rng: random.Random, count: int) -> bytes:
    """COPY text of ``count`` rows (no tabs, newlines or backslashes in the values)."""
    lines = []
    start = dt.date(2015, 1, 1)
    for i in range(count):
        commune = rng.randrange(75)
        lines.append("\t".join([
            f"CS{i:06d}", " ".join(rng.choices(WORDS, k=rng.randint(3, 7))), rng.choice(KINDS),
            f"{14000 + commune * 7:05d}", " ".join(rng.choices(WORDS, k=2)),
            f"Số {rng.randint(1, 300)}, " + " ".join(rng.choices(WORDS, k=rng.randint(3, 6))),
            str(rng.randint(1, 5000)), (start + dt.timedelta(days=rng.randrange(4000))).isoformat(),
            rng.choice(STATES)]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _write_url(ini: Path) -> str:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(ini)
    for section in parser.sections():
        if parser.has_option(section, "ckan.datastore.write_url"):
            return parser.get(section, "ckan.datastore.write_url")
    raise SystemExit(f"no ckan.datastore.write_url in {ini}")


def _make_table(cursor, table: str, method: str | None, trigger: bool) -> None:
    columns = ", ".join(f'"{name}" {type_}' for name, type_ in COLUMNS)
    cursor.execute(f'CREATE TABLE {table} (_id serial PRIMARY KEY, _full_text tsvector, {columns})')
    cursor.execute(f'CREATE UNIQUE INDEX ON {table} ("ma")')
    if method:
        cursor.execute(f"CREATE INDEX ON {table} USING {method} (_full_text)")
    if trigger:
        cursor.execute(f"CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON {table} "
                       "FOR EACH ROW EXECUTE PROCEDURE public.populate_full_text_trigger()")


def _copy_in(cursor, table: str, rows: bytes) -> None:
    cursor.copy_expert(f"COPY {table} ({NAMES}) FROM STDIN", io.BytesIO(rows))


def _publish_statements(cursor, table: str, rows: bytes) -> None:
    """What ckanext.sonla.publish.table_load runs for a new table (the statements themselves)."""
    from ckanext.sonla.publish import table_load  # imported before the clock starts (main)

    columns = [name for name, _ in COLUMNS]
    full_text = table_load._full_text(columns, COLUMNS, "simple")
    for statement in table_load._statements(table, columns, ["ma"], True, full_text):
        if statement.startswith("COPY"):
            cursor.copy_expert(statement, io.BytesIO(rows))
        else:
            cursor.execute(statement)


# name -> (text-search configuration, full-text index method, CKAN's trigger, loader)
VARIANTS = {
    "CKAN's defaults: row trigger, English, GiST": ("english", "gist", True, _copy_in),
    "row trigger, simple, GiST": ("simple", "gist", True, _copy_in),
    "row trigger, simple, GIN": ("simple", "gin", True, _copy_in),
    "sonla_dataset_publish: full text in the INSERT, simple, GIN": ("simple", "gin", True, _publish_statements),
    "no full text (floor: COPY and the key index)": ("simple", None, False, _copy_in),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ini", type=Path, required=True, help="the portal's ini (for the DataStore write URL)")
    parser.add_argument("--tables", type=int, default=20, help="tables per variant and round")
    parser.add_argument("--rows", type=int, default=5000, help="rows per table")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = parser.parse_args()

    import ckanext.sonla.publish.table_load  # noqa: F401  # CKAN's import takes seconds: not timed

    rng = random.Random(805)
    data = [_rows(rng, args.rows) for _ in range(args.tables)]
    connection = psycopg2.connect(_write_url(args.ini))
    cursor = connection.cursor()
    cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
    connection.commit()
    seconds: dict[str, list[float]] = {name: [] for name in VARIANTS}
    try:
        for round_ in range(args.rounds):
            for index, (name, (config, method, trigger, load)) in enumerate(VARIANTS.items()):
                cursor.execute(f"SET default_text_search_config = 'pg_catalog.{config}'")
                tables = [f'{SCHEMA}."t{round_}_{index}_{n}"' for n in range(args.tables)]
                for table in tables:
                    _make_table(cursor, table, method, trigger)
                connection.commit()
                started = time.perf_counter()
                for table, rows in zip(tables, data, strict=True):
                    load(cursor, table, rows)
                    connection.commit()  # one transaction per table, as a publication
                seconds[name].append(time.perf_counter() - started)
                for table in tables:
                    cursor.execute(f"DROP TABLE {table}")
                connection.commit()
                print(f"round {round_ + 1} {name}: {seconds[name][-1]:.2f} s", flush=True)
    finally:
        connection.rollback()
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        connection.commit()
        connection.close()

    rows_per_round = args.tables * args.rows
    baseline = statistics.median(seconds[next(iter(VARIANTS))])
    lines = [
        "",
        f"## DataStore table loading, {dt.date.today().isoformat()}, commit {describe()}",
        "",
        f"Command: `make bench-datastore` (= `python benchmarks/datastore_load.py --ini .run/bench/portal.ini "
        f"--tables {args.tables} --rows {args.rows} --rounds {args.rounds}`). Machine: {platform.machine()}, "
        "2 cores shared with other work. Each variant loads the same "
        f"{rows_per_round:,} synthetic rows ({args.tables} tables of {args.rows:,}, one transaction per table) "
        "into fresh tables shaped like CKAN's DataStore tables; median of the rounds.",
        "",
        "| variant | µs per row | × CKAN's defaults |",
        "|---|---:|---:|",
    ]
    for name, values in seconds.items():
        median = statistics.median(values)
        lines.append(f"| {name} | {median / rows_per_round * 1e6:.1f} | {median / baseline:.2f} |")
    lines.append("")
    with args.results.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
