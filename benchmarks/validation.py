"""Validation cost: ``sonla-publish validate`` against ``frictionless validate`` on realistic files.

Generates (seeded) a 100,000-row xlsx and a 1,000,000-row csv shaped like an agency's list of
health facilities: Vietnamese text, a commune column checked against the 75 official units
(``x-sonla-codelist: communes`` for us, the same 75 names as an ``enum`` for Frictionless),
dd/mm/yyyy dates, decimal commas ("38,89"), phone numbers with leading zeros. Both tools get the
same Table Schema (Frictionless with ``format: %d/%m/%Y`` and ``decimalChar: ","``), and both must
find every file valid.

Each tool runs ``--runs`` times (default 3) on each file, alternating, each as a separate
process; CPU seconds (user + system) and peak RSS come from ``os.wait4``. The script reports the
median, min and max of both, computes the ratios of the medians and prints the verdict against
the goals of issue 15 (at least 5x less CPU than Frictionless on the xlsx, 2x on the csv, and a
peak RSS no more than Frictionless's + 50 MB). ``--write`` puts the same text in
``benchmarks/RESULTS.md``.

    python benchmarks/validation.py --write        # or: make bench-validate
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import yaml
from revision import describe

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
CODELISTS = ROOT / "dataset_specs" / "codelists"
SEED = 20261206
KINDS = ["Bệnh viện", "Trung tâm Y tế", "Trạm Y tế", "Phòng khám đa khoa", "Phòng khám chuyên khoa"]
STREETS = ["Tô Hiệu", "Chu Văn Thịnh", "Lò Văn Giá", "Trường Chinh", "Nguyễn Lương Bằng", "Điện Biên"]
# Goals of issue 15: CPU seconds of Frictionless / ours, per file kind; extra peak RSS allowed.
CPU_GOALS = {"xlsx": 5.0, "csv": 2.0}
RSS_MARGIN_MB = 50.0


def commune_names() -> list[str]:
    with (CODELISTS / "communes.csv").open(encoding="utf-8", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


def schemas(communes: list[str]) -> tuple[dict, dict]:
    """Our spec's schema and the same constraints written for Frictionless."""
    fields = [
        {"name": "ma_co_so", "title": "Mã cơ sở", "type": "string",
         "constraints": {"required": True, "pattern": "[0-9]{7}"}},
        {"name": "ten_co_so", "title": "Tên cơ sở", "type": "string", "constraints": {"required": True}},
        {"name": "loai_hinh", "title": "Loại hình", "type": "string", "constraints": {"enum": KINDS}},
        {"name": "xa_phuong", "title": "Xã, phường", "type": "string", "constraints": {"required": True}},
        {"name": "dia_chi", "title": "Địa chỉ", "type": "string"},
        {"name": "dien_thoai", "title": "Điện thoại", "type": "string"},
        {"name": "so_giuong", "title": "Số giường bệnh", "type": "integer",
         "constraints": {"minimum": 0, "maximum": 5000}},
        {"name": "ty_le", "title": "Tỷ lệ sử dụng giường (%)", "type": "number",
         "constraints": {"minimum": 0, "maximum": 200}},
        {"name": "ngay_cap_nhat", "title": "Ngày cập nhật", "type": "date"},
    ]
    ours = {"fields": copy.deepcopy(fields), "primaryKey": ["ma_co_so"]}
    ours["fields"][3]["x-sonla-codelist"] = "communes"
    theirs = {"fields": copy.deepcopy(fields), "primaryKey": ["ma_co_so"]}
    theirs["fields"][3]["constraints"]["enum"] = communes
    theirs["fields"][7].update(decimalChar=",", groupChar=".")
    theirs["fields"][8]["format"] = "%d/%m/%Y"
    return ours, theirs


def rows(count: int, seed: int, communes: list[str]):
    """Data rows as an agency types them: text everywhere a Vietnamese reader expects it."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    for index in range(count):
        kind = rng.choice(KINDS)
        commune = rng.choice(communes)
        rate = f"{rng.uniform(20, 130):.2f}".replace(".", ",")
        day = start + dt.timedelta(days=rng.randint(0, 2000))
        yield [
            f"{index:07d}",
            f"{kind} {commune.split(' ', 1)[1]} số {index}",
            kind,
            commune,
            f"Số {rng.randint(1, 300)}, đường {rng.choice(STREETS)}",
            f"0212 {rng.randint(3000000, 3999999)}",
            rng.randint(0, 800),
            rate,
            f"{day:%d/%m/%Y}",
        ]


def write_csv(path: Path, count: int, names: list[str], communes: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(rows(count, SEED, communes))


def write_xlsx(path: Path, count: int, names: list[str], communes: list[str]) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(names)
    for row in rows(count, SEED + 1, communes):
        sheet.append(row)
    workbook.save(path)


def write_specs(root: Path, schema: dict) -> None:
    spec = {
        "name": "benchmark-co-so-y-te",
        "metadata": {"title": "Benchmark", "notes": "Benchmark", "owner_org": "so-y-te", "update_frequency": "annual"},
        "schema": schema,
        "source": {"sheet": "Danh sách", "header_row": 1},
    }
    (root / "datasets").mkdir(parents=True)
    (root / "datasets" / "benchmark-co-so-y-te.yaml").write_text(
        yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8"
    )
    shutil.copytree(CODELISTS, root / "codelists")


@dataclass
class Measure:
    tool: str
    kind: str  # "xlsx" or "csv"
    cpu_seconds: float
    wall_seconds: float
    peak_mb: float


def child_environment() -> dict[str, str]:
    """Let both tools cache their bytecode, as an installed tool does."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def measure(tool: str, command: list[str], kind: str, cwd: Path) -> Measure:
    started = dt.datetime.now().timestamp()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=child_environment()
    )
    output = process.stdout.read() if process.stdout else b""  # small: both files are valid
    _, status, usage = os.wait4(process.pid, 0)
    wall = dt.datetime.now().timestamp() - started
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code != 0:
        raise SystemExit(f"{tool} failed on the {kind} (exit {code}): {output.decode()[-3000:]}")
    return Measure(tool, kind, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


@dataclass
class Files:
    work: Path
    xlsx: Path
    csv: Path
    sizes: dict[str, str]


def prepare(xlsx_rows: int, csv_rows: int, work: Path) -> Files:
    communes = commune_names()
    ours, theirs = schemas(communes)
    write_specs(work / "specs", ours)
    (work / "schema.json").write_text(json.dumps(theirs, ensure_ascii=False), encoding="utf-8")
    names = [field["name"] for field in ours["fields"]]
    xlsx, big_csv = work / "co-so-y-te.xlsx", work / "co-so-y-te.csv"
    print(f"generating {xlsx_rows:,} rows xlsx and {csv_rows:,} rows csv (seed {SEED})...", flush=True)
    write_xlsx(xlsx, xlsx_rows, names, communes)
    write_csv(big_csv, csv_rows, names, communes)
    sizes = {
        "xlsx": f"{xlsx_rows:,} rows, {xlsx.stat().st_size / 1024**2:.1f} MB",
        "csv": f"{csv_rows:,} rows, {big_csv.stat().st_size / 1024**2:.1f} MB",
    }
    return Files(work, xlsx, big_csv, sizes)


def run(files: Files, runs: int) -> list[Measure]:
    bin_dir = Path(sys.executable).parent
    for tool in ("sonla-publish", "frictionless"):  # warm-up: bytecode caches, disk caches
        subprocess.run([str(bin_dir / tool), "--help"], capture_output=True, env=child_environment())
    results = []
    for kind, path in (("xlsx", files.xlsx), ("csv", files.csv)):
        # Relative paths: frictionless refuses absolute paths outside its working directory.
        ours = [str(bin_dir / "sonla-publish"), "validate", "benchmark-co-so-y-te", path.name,
                "--specs", "specs", "--max-size", "1000"]
        theirs = [str(bin_dir / "frictionless"), "validate", path.name, "--schema", "schema.json"]
        for attempt in range(1, runs + 1):
            for tool, command in (("sonla-publish", ours), ("frictionless", theirs)):
                print(f"run {attempt}/{runs}: {tool} on the {kind}...", flush=True)
                results.append(measure(tool, command, kind, files.work))
    return results


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def report(results: list[Measure], sizes: dict[str, str], runs: int) -> str:
    lines = [
        f"Each tool ran {runs} times on each file, alternating; figures are median (min–max).",
        "",
        "| file | tool | CPU s | wall s | peak RSS MB |",
        "|---|---|---:|---:|---:|",
    ]
    verdicts = ["Goals (issue 15), computed by this run:"]
    for kind in ("xlsx", "csv"):
        medians: dict[str, tuple[float, float]] = {}
        for tool in ("sonla-publish", "frictionless"):
            mine = [m for m in results if m.kind == kind and m.tool == tool]
            cpu, wall, rss = (_stats([getattr(m, a) for m in mine]) for a in ("cpu_seconds", "wall_seconds", "peak_mb"))
            lines.append(
                f"| {kind} ({sizes[kind]}) | `{tool} validate` | {cpu[0]:.1f} ({cpu[1]:.1f}–{cpu[2]:.1f}) | "
                f"{wall[0]:.1f} ({wall[1]:.1f}–{wall[2]:.1f}) | {rss[0]:.0f} ({rss[1]:.0f}–{rss[2]:.0f}) |"
            )
            medians[tool] = (cpu[0], rss[0])
        ratio = medians["frictionless"][0] / medians["sonla-publish"][0]
        goal = CPU_GOALS[kind]
        verdicts.append(
            f"- CPU on the {kind}: frictionless / sonla-publish = **{ratio:.1f}×**; goal ≥ {goal:g}×: "
            f"**{'met' if ratio >= goal else 'NOT met'}**"
        )
        ours_rss, theirs_rss = medians["sonla-publish"][1], medians["frictionless"][1]
        verdicts.append(
            f"- peak RSS on the {kind}: sonla-publish {ours_rss:.0f} MB, frictionless {theirs_rss:.0f} MB; goal ≤ "
            f"frictionless + {RSS_MARGIN_MB:g} MB: **{'met' if ours_rss <= theirs_rss + RSS_MARGIN_MB else 'NOT met'}**"
        )
    return "\n".join([*lines, "", *verdicts])


def write_results(text: str, command: str) -> None:
    section = (
        "## Validation\n\n"
        f"Command: `{command}` (commit {describe()})  \n"
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.\n\n" + text + "\n"
    )
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if "## Validation\n" in current:
        before, _, after = current.partition("## Validation\n")
        rest = after.split("\n## ", 1)
        current = before + section + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        current = current.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each tool on each file (at least 3)")
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    arguments = parser.parse_args()
    if arguments.runs < 3 and arguments.write:
        parser.error("--write needs --runs 3 or more (a median of at least 3 runs)")
    with tempfile.TemporaryDirectory(prefix="sonla-bench-") as work:
        files = prepare(arguments.xlsx_rows, arguments.csv_rows, Path(work))
        results = run(files, arguments.runs)
    text = report(results, files.sizes, arguments.runs)
    print(text)
    if arguments.write:
        write_results(text, "python " + " ".join([os.path.relpath(__file__, ROOT), *sys.argv[1:]]))


if __name__ == "__main__":
    main()
