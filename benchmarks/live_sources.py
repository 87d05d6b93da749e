"""Live sources (issue 23): a 1,000,000-row PostgreSQL "warehouse" table through
``sonla-publish``, against the same table as an xlsx file.

A second database on the embedded PostgreSQL (``--pgdata``, started by ``make bench-live``)
gets the table ``co_so`` (``--rows``, default 1,000,000). Each run is a separate process; CPU
seconds and peak RSS come from ``os.wait4``, wall time from the clock:

- ``validate`` from the warehouse: the query streamed into the snapshot (hashed as it goes),
  then read, cleaned and validated row by row — the whole pipeline up to the portal;
- ``validate`` of the same columns as a 100,000-row xlsx (the agency file path), for rows/s;
- with ``--push`` (and ``--url``/``--token-file``), one ``push --force`` of the warehouse table to
  a portal (slow: a table over 200,000 rows is sent step by step).

Goals: peak RSS under 300 MB for the warehouse table whatever its size; rows/s no worse than
the xlsx path's. The verdict is computed and printed; ``--write`` appends it to RESULTS.md.

    make bench-live            # or: python benchmarks/live_sources.py --pgdata .run/pgdata
"""

from __future__ import annotations

import argparse
import configparser
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import yaml
from revision import describe

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PUBLISH = str(Path(sys.executable).with_name("sonla-publish"))
RSS_GOAL_MB = 300.0
XLSX_ROWS = 100_000
QUERY = "SELECT ma_co_so, ten_co_so, so_giuong, ngay_cap_nhat FROM co_so ORDER BY ma_co_so"
FIELDS = [
    {"name": "ma_co_so", "title": "Mã cơ sở", "type": "string",
     "constraints": {"required": True, "pattern": "^[0-9]{7}$"}},
    {"name": "ten_co_so", "title": "Tên cơ sở", "type": "string", "constraints": {"required": True}},
    {"name": "so_giuong", "title": "Số giường bệnh", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "ngay_cap_nhat", "title": "Ngày cập nhật", "type": "date"},
]


@dataclass
class Measure:
    what: str
    rows: int
    cpu: float
    wall: float
    rss_mb: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.wall if self.wall else 0.0


def make_warehouse(socket: Path, rows: int) -> tuple[str, str]:
    sys.path.insert(0, str(ROOT / "stack"))
    from sonla_stack.postgres import psql

    database = f"kho_bench_{uuid.uuid4().hex[:6]}"
    psql(socket, f"CREATE DATABASE {database}")
    psql(socket, (
        "CREATE TABLE co_so AS SELECT lpad(i::text, 7, '0') AS ma_co_so,"
        " 'Trạm y tế số ' || i AS ten_co_so, mod(i, 300) AS so_giuong,"
        f" date '2025-01-01' + mod(i, 365) AS ngay_cap_nhat FROM generate_series(1, {rows}) i;"
        " ALTER TABLE co_so ADD PRIMARY KEY (ma_co_so); ANALYZE co_so;"
    ), database)
    return database, f"postgresql://postgres@/{database}?host={socket}"


def drop_warehouse(socket: Path, database: str) -> None:
    from sonla_stack.postgres import psql

    psql(socket, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def catalogue(root: Path) -> None:
    (root / "codelists").mkdir(parents=True)
    for path in (ROOT / "dataset_specs" / "codelists").glob("*.csv"):
        (root / "codelists" / path.name).write_bytes(path.read_bytes())
    base = {
        "metadata": {"title": "Cơ sở y tế (benchmark)", "notes": "Benchmark.", "owner_org": "so-y-te",
                     "update_frequency": "daily", "license_id": "vn-open-data-1.0"},
        "schema": {"fields": FIELDS, "primaryKey": ["ma_co_so"]},
    }
    specs = {
        "bench-live-sql": {"source": {"kind": "sql", "connection": "kho", "query": QUERY}},
        "bench-live-xlsx": {"source": {"file": "bench.xlsx", "sheet": "Danh sách"}},
    }
    for name, extra in specs.items():
        path = root / "datasets" / "so-y-te" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump({"name": name, **base, **extra}, allow_unicode=True),
                        encoding="utf-8")
    (root / "sources").mkdir()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append([field["title"] for field in FIELDS])
    start = dt.date(2025, 1, 1)
    for i in range(1, XLSX_ROWS + 1):
        sheet.append([f"{i:07d}", f"Trạm y tế số {i}", i % 300, start + dt.timedelta(days=i % 365)])
    book.save(root / "sources" / "bench.xlsx")


def run(what: str, rows: int, command: list[str], env: dict[str, str]) -> Measure:
    started = dt.datetime.now().timestamp()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = dt.datetime.now().timestamp() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{what} failed (exit {code}): {output.decode()[-3000:]}")
    return Measure(what, rows, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def median_row(label: str, measures: list[Measure]) -> str:
    def cell(values: list[float], digits: int = 1) -> str:
        return f"{statistics.median(values):,.{digits}f} ({min(values):,.{digits}f}–{max(values):,.{digits}f})"

    return (f"| {label} | {len(measures)} | {cell([m.cpu for m in measures])} | {cell([m.wall for m in measures])} "
            f"| {cell([m.rows_per_second for m in measures], 0)} | {cell([m.rss_mb for m in measures], 0)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pgdata", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url")
    parser.add_argument("--token-file", type=Path)
    parser.add_argument("--push", action="store_true", help="also one push --force to --url")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "stack"))
    from sonla_stack.postgres import socket_dir

    socket = socket_dir(args.pgdata)
    load = os.getloadavg()
    print(f"loadavg at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs, shared)")
    database, url = make_warehouse(socket, args.rows)
    work = Path(tempfile.mkdtemp(prefix="sonla-bench-live-"))
    try:
        catalogue(work / "specs")
        env = dict(os.environ, SONLA_SOURCE_KHO_URL=url, SONLA_LIVE_DIR=str(work / "live"), SONLA_LANG="en")
        specs = ["--specs", str(work / "specs")]
        live: list[Measure] = []
        xlsx: list[Measure] = []
        for index in range(args.runs):
            live.append(run("live", args.rows, [PUBLISH, "validate", "bench-live-sql", *specs], env))
            xlsx.append(run("xlsx", XLSX_ROWS, [PUBLISH, "validate", "bench-live-xlsx", *specs], env))
            print(f"run {index + 1}: live {live[-1].wall:.1f} s {live[-1].rss_mb:.0f} MB; "
                  f"xlsx {xlsx[-1].wall:.1f} s {xlsx[-1].rss_mb:.0f} MB", flush=True)
        pushed: list[Measure] = []
        if args.push and args.url and args.token_file:
            credentials = configparser.ConfigParser(interpolation=None)
            credentials.read(args.token_file)
            push_env = dict(env, SONLA_CKAN_URL=args.url, SONLA_CKAN_TOKEN=credentials["portal"]["api_token"])
            pushed.append(run("push", args.rows, [PUBLISH, "push", "bench-live-sql", *specs, "--force"], push_env))
        end_load = os.getloadavg()
    finally:
        drop_warehouse(socket, database)
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    live_rss = statistics.median(m.rss_mb for m in live)
    max_rss = max(m.rss_mb for m in live)
    live_speed = statistics.median(m.rows_per_second for m in live)
    xlsx_speed = statistics.median(m.rows_per_second for m in xlsx)
    # CPU seconds of sonla-publish alone: steadier than wall time on a shared machine (the
    # database server's own work is not in it)
    live_cpu_speed = args.rows / statistics.median(m.cpu for m in live)
    xlsx_cpu_speed = XLSX_ROWS / statistics.median(m.cpu for m in xlsx)
    lines = [
        f"## Live sources (issue 23), {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {describe()}",
        "",
        f"Command: `python benchmarks/live_sources.py --rows {args.rows}` (`make bench-live`)  ",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs shared "
        f"with other engineers' work; loadavg {load[0]:.2f} at start, {end_load[0]:.2f} at the end.",
        "",
        f"{args.runs} runs each, alternating; median (min–max). `live` = `sonla-publish validate` of a spec whose "
        f"source is a {args.rows:,}-row PostgreSQL table (query streamed into the snapshot, then read, cleaned "
        f"and validated); `xlsx` = the same columns as a {XLSX_ROWS:,}-row xlsx file.",
        "",
        "| path | runs | CPU s | wall s | rows/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
        median_row(f"live, {args.rows:,} rows", live),
        median_row(f"xlsx, {XLSX_ROWS:,} rows", xlsx),
    ]
    if pushed:
        lines.append(median_row(f"live `push --force` to the bench portal, {args.rows:,} rows (1 run)", pushed))
    rss_met = max_rss < RSS_GOAL_MB
    speed_met = live_speed >= xlsx_speed
    lines += [
        "",
        "Goals (issue 23), computed by this run:",
        f"- peak RSS of the live path: median {live_rss:.0f} MB, max {max_rss:.0f} MB; goal < {RSS_GOAL_MB:.0f} MB: "
        f"**{'met' if rss_met else 'NOT met'}**",
        f"- rows/s: live {live_speed:,.0f}, xlsx {xlsx_speed:,.0f}; goal live ≥ xlsx: "
        f"**{'met' if speed_met else 'NOT met'}**",
        f"- rows per CPU second of sonla-publish (steadier on a shared machine): live {live_cpu_speed:,.0f}, "
        f"xlsx {xlsx_cpu_speed:,.0f}",
    ]
    if pushed:
        lines.append(f"- `push` (not part of the goals' verdict, one run): peak RSS {pushed[0].rss_mb:.0f} MB — the "
                     "publish step holds the cleaned table in memory as for a file (see docs/live-sources.md)")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
