"""Benchmark `sonla-publish sync` of a synthetic 805-dataset catalogue against the standard CKAN route.

    make bench-sync              # its own portal in .run/bench-sync, and a plain CKAN beside it
    python benchmarks/sync_benchmark.py --url URL --token-file .run/bench-sync/credentials.ini \\
        --bench-venv .venv-bench [--count 805] [--repeat 3]

What is compared, for the same datasets and files (benchmarks/README.md, "Sync against the standard route"):
- the full `sonla-publish sync --workers W` to the portal: reads, cleans and validates each agency file,
  writes the dataset, uploads three files (clean CSV, the original, the data dictionary) and loads the
  clean rows into a DataStore table;
- the standard route (benchmarks/standard_route.py), on a plain CKAN 2.12 beside the portal with the
  DataStore and ckanext-xloader: `ckanapi load datasets -p W --upload-resources` of the same package dicts
  and the same three files, and xloader loading the clean CSV into the DataStore through CKAN's job queue
  (RQ on Redis, `ckan jobs worker` processes), timed until the last job has ended. The standard route is
  given the clean CSVs the benchmark made beforehand: its time has no reading, cleaning or validating.

Steps, in one run:
1. generate the synthetic catalogue (benchmarks/generate_catalogue.py: 805 specs, files of 50-5,000 rows, a
   third xlsx), create the organizations (`sonla-publish portal setup`), and write the standard route's
   files and input once (reading and validating every file: its CPU is stated, not timed);
2. start the plain CKAN (gunicorn, as many workers and threads as the portal's) and its job workers;
3. --repeat times, both routes, in alternating order (the machine's speed drifts): each repetition
   publishes the catalogue under new names (`-sN` for the sync, `-stdN` for the standard route), so each
   writes everything anew into the same databases;
4. once, `sonla-publish sync` again with nothing changed.
Each route's time, the CPU seconds of each group of processes (client, the portal's gunicorn, the plain
CKAN's gunicorn, the xloader job workers, PostgreSQL, Redis) and the whole machine's busy CPU are measured
around it. The median, min and max of the repetitions, the ratio and the verdict against the goal (full
sync in at most half the standard route's time) are computed here and appended to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import configparser
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cpu_groups  # benchmarks/cpu_groups.py
import standard_route  # benchmarks/standard_route.py
from revision import describe  # benchmarks/revision.py

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# ckanapi from the publisher's own environment, which has no CKAN: in the portal's, each
# ckanapi process (ckanapi -p starts one per worker) imports CKAN first, seconds each.
CKANAPI_BIN = next((path for path in (REPO / ".venv-publisher" / "bin", BIN) if (path / "ckanapi").exists()), BIN)
GOAL = 0.5  # the full sync in at most this share of the standard route's time (issue #19, part 4)


def read_token(path: Path) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return parser["portal"]["api_token"]


@dataclass
class Timed:
    seconds: float
    output: str
    client_cpu: float  # user + system of the command and the children it waited for
    machine_busy: float  # CPU seconds the whole machine spent not idle meanwhile


def _machine_busy() -> float:
    """Non-idle CPU seconds of the machine so far (Linux /proc/stat; NaN elsewhere)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _become_subreaper() -> None:
    """Adopt the command's orphans (Linux), so that their CPU time is counted too.

    ``ckanapi load -p`` never waits for its worker processes: they outlive it, get re-parented
    and their CPU time would be missing from the client's.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


LONG_LIVED: set[int] = set()  # the plain CKAN's processes, started here and stopped at the end


def _reap_orphans() -> None:
    """Wait for adopted processes (see :func:`_become_subreaper`) until none is left but the long-lived."""
    import psutil

    while True:
        orphans = [p.pid for p in psutil.Process().children() if p.pid not in LONG_LIVED]
        if not orphans:
            return
        try:
            os.waitpid(orphans[0], 0)
        except ChildProcessError:
            pass


def _kill_orphans() -> None:
    """End the processes a stopped command left (ckanapi's workers): all started by this benchmark."""
    import psutil

    for process in psutil.Process().children():
        if process.pid not in LONG_LIVED:
            process.kill()
    _reap_orphans()


def timed(command: list[str], env: dict[str, str], timeout: float | None = None) -> Timed:
    """Run ``command`` to its end; TimeoutError (its processes ended) if it runs longer than ``timeout`` s."""
    busy, cpu = _machine_busy(), _children_cpu()
    started = time.monotonic()
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        _kill_orphans()
        raise TimeoutError(f"{command[0:3]} still running after {timeout:.0f} s") from error
    _reap_orphans()
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"{command[0:3]} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return Timed(seconds, result.stdout + result.stderr, _children_cpu() - cpu, _machine_busy() - busy)


def sync_requests(output: str) -> int:
    match = re.search(r"(\d+) (?:HTTP requests|yêu cầu HTTP)", output)
    return int(match.group(1)) if match else -1


def created_count(output: str) -> int:
    """The sync summary's "Created" count."""
    match = re.search(r"(?m)^\s*Created\s+(\d+)\s*$", output)
    return int(match.group(1)) if match else -1


@dataclass
class Prepared:
    """One dataset of the catalogue as the standard route gets it: the package dict and its three files."""

    package: dict[str, Any]
    files: list[tuple[Path, dict[str, Any]]]  # (file, resource fields); the clean CSV first
    rows: int


def prepare(specs: Path, files_root: Path) -> list[Prepared]:
    """The datasets sync would write, with their files written out for the standard route.

    The same package dicts and resource records (names, descriptions, row counts, hashes) and the same
    files: the clean CSV, the original, the data dictionary. The original's format is marked ``(gốc)`` so
    that xloader loads one table per dataset — the clean CSV's — as the sync does; a CSV original would be
    loaded a second time otherwise (and an xlsx one parsed).
    """
    sys.modules.setdefault("ckan", None)  # type: ignore[arg-type]  # see sonla_publisher.entry
    from sonla_publisher.portal.package import build_package_dict
    from sonla_publisher.portal.resources import csv_resource, dictionary_resource, original_resource
    from sonla_publisher.reading.table import read_table
    from sonla_publisher.specs.spec import iter_spec_paths, load_spec
    from sonla_publisher.sync.plan import source_file
    from sonla_publisher.validation.validator import validate_table

    out = []
    for spec_path in iter_spec_paths(specs):
        spec = load_spec(spec_path)
        package = build_package_dict(spec, today=dt.date.today())
        source = source_file(spec, specs / "sources")
        assert source is not None, spec.name
        table = read_table(source, spec, specs / "codelists")
        report = validate_table(table, spec, specs / "codelists")
        folder = files_root / spec.name
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for n, item in enumerate((csv_resource(spec, table, report), original_resource(source, source.read_bytes()),
                                  dictionary_resource(spec))):
            path = folder / item.filename
            path.write_bytes(item.content)
            fields = {"name": item.name, **item.fields}
            if n == 1:
                fields["format"] = f"{fields['format']} (gốc)"
            files.append((path, fields))
        out.append(Prepared(package, files, len(table.rows)))
    return out


def renamed_catalogue(base: Path, out: Path, suffix: str) -> Path:
    """``base`` with every dataset name suffixed (same files, same content): a new set of datasets."""
    (out / "datasets").mkdir(parents=True)
    for name in ("sources", "codelists"):
        (out / name).symlink_to(base / name)
    for spec in (base / "datasets").rglob("*.yaml"):
        text, count = re.subn(r"(?m)^name: (\S+)$", lambda m: f"name: {m.group(1)}{suffix}",
                              spec.read_text(encoding="utf-8"), count=1)
        assert count == 1, spec
        target = out / "datasets" / spec.parent.name / f"{spec.stem}{suffix}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out


@dataclass
class RouteRun:
    seconds: float
    cpu: dict[str, float]  # CPU seconds by process group (client included)
    machine_busy: float
    details: dict[str, Any] = field(default_factory=dict)


def measured(groups: dict[str, list[int]], action: Callable[[], dict[str, Any]]) -> RouteRun:
    """Run ``action``, timing it and the CPU of each group, of this process's children and of the machine."""
    before, busy = cpu_groups.snapshot(groups), _machine_busy()
    children, own = _children_cpu(), time.process_time()
    started = time.monotonic()
    details = action()
    seconds = time.monotonic() - started
    cpu = {"client": _children_cpu() - children + time.process_time() - own,
           **cpu_groups.delta(before, cpu_groups.snapshot(groups))}
    return RouteRun(seconds, cpu, _machine_busy() - busy, details)


def seconds_or_unfinished(value: float) -> str:
    return "not finished" if value != value else f"{value:.1f} s"  # NaN: stopped before it ended


def loadavg() -> str:
    return "/".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} s (min {min(values):.1f}, max {max(values):.1f})"


def resync_only(args: argparse.Namespace) -> None:
    token = read_token(args.token_file)
    env = dict(os.environ, SONLA_CKAN_URL=args.url, SONLA_CKAN_TOKEN=token, SONLA_LANG="en")
    publish = str(BIN / "sonla-publish")
    for attempt in (1, 2, 3):
        run = timed([publish, "sync", str(args.resync), "--workers", str(args.workers)], env)
        changed = run.output.count("Created: ") + run.output.count("Updated: ")
        print(f"no-change sync #{attempt}: {run.seconds:.1f} s, {sync_requests(run.output)} requests, "
              f"{changed} written", flush=True)


def server_pids(run_dir: Path) -> dict[str, list[int]]:
    """The portal's own processes, from sonla-stack's pid files (see stack/sonla_stack/settings.py)."""
    def first_line(path: Path) -> list[int]:
        try:
            return [int(path.read_text().split()[0])]
        except (OSError, ValueError, IndexError):
            return []

    return {"portal web": first_line(run_dir / "gunicorn.pid"),
            "PostgreSQL": first_line(run_dir / "pgdata" / "postmaster.pid"),
            "Redis": first_line(run_dir / "redis.pid")}


def standard_input(prepared: list[Prepared], files: standard_route.FileServer, connection: Any, work: Path,
                   suffix: str) -> tuple[Path, list[str]]:
    """ckanapi's input for one repetition (names suffixed) and the ids of its clean CSV resources; the job
    registries emptied. Before the timed run."""
    jsonl = work / f"standard{suffix}.jsonl"
    csv_ids = []
    with jsonl.open("w", encoding="utf-8") as handle:
        for item in prepared:
            package = dict(item.package, name=item.package["name"][:90] + suffix)
            record = standard_route.ckan_resources(package, item.files, files.url, files_root(work))
            csv_ids.append(record["resources"][0]["id"])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    standard_route.clear_registries(connection)
    return jsonl, csv_ids


def standard_run(portal: standard_route.StandardPortal, connection: Any, urls: tuple[str, str], jsonl: Path,
                 csv_ids: list[str], args: argparse.Namespace, token: str, env: dict[str, str]) -> dict[str, Any]:
    """``ckanapi load datasets --upload-resources`` to the plain CKAN, then until the last xloader job ends.

    A clean CSV that has no DataStore table once the queue is empty (a job failed: xloader's job may run
    before ckanapi has uploaded the file) is submitted again with ``xloader_submit``, as an operator would,
    at most twice, inside the timed run.
    """
    started = time.monotonic()
    deadline = started + (args.standard_timeout or 1e9)
    main_url, datastore_url = urls
    details: dict[str, Any] = {"ckanapi": float("nan"), "jobs finished": "", "jobs failed": 0, "resubmitted": 0,
                               "csv_ids": csv_ids, "timed out": False}
    try:
        load = timed([str(CKANAPI_BIN / "ckanapi"), "load", "datasets", "-p", str(args.workers), "-a", token, "-q",
                      "--upload-resources", "-I", str(jsonl), "-r", portal.url], env,
                     timeout=deadline - time.monotonic())
        details["ckanapi"] = time.monotonic() - started
        _check_load(load)
        _wait_and_resubmit(portal, connection, datastore_url, csv_ids, token, deadline, details)
    except TimeoutError as error:
        print(f"  stopped: {error}", flush=True)
        details["timed out"] = True
    states = standard_route.task_states(main_url, csv_ids)
    details["jobs finished"] = f"{states.get('complete', 0)} complete" + "".join(
        f", {count} {state}" for state, count in sorted(states.items()) if state != "complete")
    return details


def _check_load(load: Timed) -> None:
    failures = [line for line in load.output.splitlines() if '"ValidationError"' in line or "Error" in line]
    if failures:
        sys.exit("ckanapi load reported errors:\n" + "\n".join(failures[:10]))


def _wait_and_resubmit(portal: standard_route.StandardPortal, connection: Any, datastore_url: str,
                       csv_ids: list[str], token: str, deadline: float, details: dict[str, Any]) -> None:
    failed = standard_route.wait_for_jobs(connection, timeout=deadline - time.monotonic()).failed
    resubmitted = 0
    for _ in range(2):
        loaded = standard_route.loaded_ids(datastore_url, csv_ids)
        missing = [rid for rid in csv_ids if rid not in loaded]
        if not missing:
            break
        resubmitted += len(missing)
        standard_route.submit(portal.url, token, missing)
        failed = standard_route.wait_for_jobs(connection, timeout=deadline - time.monotonic()).failed
    details.update({"jobs failed": failed, "resubmitted": resubmitted})


def files_root(work: Path) -> Path:
    return work / "files"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the portal (sonla-stack up) the sync publishes to")
    parser.add_argument("--token-file", type=Path, required=True, help="credentials.ini written by sonla-stack")
    parser.add_argument("--count", type=int, default=805,
                        help="datasets in the synthetic catalogue (default 805; fewer: a subset for development, "
                             "stated in the results)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of both routes (default 3)")
    parser.add_argument("--workers", type=int, default=4, help="sync --workers and ckanapi load -p (default 4)")
    parser.add_argument("--job-workers", type=int, default=2,
                        help="`ckan jobs worker` processes running xloader's jobs (default 2)")
    parser.add_argument("--bench-venv", type=Path, default=REPO / ".venv-bench",
                        help="the environment with ckanext-xloader (make .venv-bench/.installed)")
    parser.add_argument("--standard-port", type=int, default=5097, help="the plain CKAN's port (default 5097)")
    parser.add_argument("--standard-timeout", type=float, metavar="SECONDS",
                        help="stop the standard route after SECONDS: its time is then a lower bound, the ratio "
                             "an upper bound, and the verdict says so (for a full run that must end in time)")
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument("--resync", type=Path, metavar="CATALOGUE",
                        help="only time a no-change sync of CATALOGUE, already published to this portal")
    args = parser.parse_args()
    args.revision = describe()  # the code this run uses, before anything is committed meanwhile
    _become_subreaper()
    if args.resync:
        resync_only(args)
        return
    token = read_token(args.token_file)
    run_dir = args.token_file.resolve().parent
    # ckanapi's -p workers are new `ckanapi` processes found on PATH.
    # COLUMNS: the sync's console wraps long lines at 80 columns otherwise, splitting the result lines read here.
    env = dict(os.environ, SONLA_CKAN_URL=args.url, SONLA_CKAN_TOKEN=token, SONLA_LANG="en", COLUMNS="10000",
               PATH=f"{CKANAPI_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    work = Path(tempfile.mkdtemp(prefix="sonla-bench-sync-"))
    specs = work / "catalogue"
    print(f"load average {loadavg()} at the start; generating {args.count} specs and files in {specs} ...",
          flush=True)
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_catalogue.py"), "--count",
                    str(args.count), "--out", str(specs)], check=True, capture_output=True)
    publish = str(BIN / "sonla-publish")
    timed([publish, "portal", "setup", "--specs", str(specs)], env)
    started_cpu = time.process_time()
    prepared = prepare(specs, files_root(work))
    prepare_cpu = time.process_time() - started_cpu
    rows = sum(item.rows for item in prepared)
    print(f"standard route's files written ({prepare_cpu:.1f} CPU-s reading, cleaning, validating)", flush=True)

    ini = standard_route.write_ini(run_dir / "portal.ini", REPO / "config" / "base.ini", run_dir / "standard.ini",
                                   args.standard_port, token, redis_db=2)
    parser_ini = configparser.ConfigParser(interpolation=None)
    parser_ini.read(ini)
    datastore_url = parser_ini["app:main"]["ckan.datastore.write_url"]
    main_url = parser_ini["app:main"]["sqlalchemy.url"]
    portal = standard_route.StandardPortal(venv_bin=args.bench_venv.resolve() / "bin", ini=ini,
                                           port=args.standard_port, workers=int(os.environ.get("SONLA_WEB_WORKERS", 2)),
                                           threads=int(os.environ.get("SONLA_WEB_THREADS", 4)),
                                           job_workers=args.job_workers, logs=run_dir / "logs")
    files = standard_route.FileServer(files_root(work))
    sync_runs: list[RouteRun] = []
    standard_runs: list[RouteRun] = []
    orders: list[str] = []
    try:
        print(f"starting the plain CKAN on {portal.url} with {args.job_workers} job workers ...", flush=True)
        portal.start()
        LONG_LIVED.update(p.pid for p in portal.processes)
        connection = standard_route.redis_connection(ini)
        groups = {**server_pids(run_dir), **portal.pids()}
        for n in range(1, args.repeat + 1):
            catalogue = renamed_catalogue(specs, work / f"catalogue-s{n}", f"-s{n}")
            jsonl, csv_ids = standard_input(prepared, files, connection, work, f"-std{n}")

            def run_sync(n: int = n, catalogue: Path = catalogue) -> dict[str, Any]:
                result = timed([publish, "sync", str(catalogue), "--workers", str(args.workers)], env)
                (work / f"sync-s{n}.log").write_text(result.output, encoding="utf-8")
                return {"requests": sync_requests(result.output), "created": created_count(result.output),
                        "rows": sum(int(re.sub(r"\D", "", m)) for m in
                                    re.findall(r"Created: \S+ \(([\d,.]+) rows\)", result.output)),
                        "catalogue": catalogue}

            def run_standard(jsonl: Path = jsonl, csv_ids: list[str] = csv_ids) -> dict[str, Any]:
                return standard_run(portal, connection, (main_url, datastore_url), jsonl, csv_ids, args, token,
                                    env)

            order = ["sync", "standard"] if n % 2 else ["standard", "sync"]
            orders.append(" then ".join(order))
            for route in order:
                print(f"#{n} {route} (load average {loadavg()}) ...", flush=True)
                if route == "sync":
                    sync_runs.append(measured(groups, run_sync))
                    run = sync_runs[-1]
                    print(f"  {run.seconds:.1f} s, {run.details['created']} created, {run.details['requests']} "
                          "requests", flush=True)
                else:
                    worker_logs = standard_route.log_offsets(
                        [portal.logs / f"standard-worker-{k}.log" for k in range(args.job_workers)])
                    standard_runs.append(measured(groups, run_standard))
                    run = standard_runs[-1]
                    run.details["phases"] = standard_route.job_phases(worker_logs)
                    print(f"  {run.seconds:.1f} s (ckanapi {run.details['ckanapi']:.1f} s), xloader status "
                          f"{run.details['jobs finished']}, failed {run.details['jobs failed']}, resubmitted "
                          f"{run.details['resubmitted']}", flush=True)
            standard_runs[-1].details["rows"] = standard_route.loaded_rows(
                datastore_url, standard_runs[-1].details.pop("csv_ids"))
        print("sonla-publish sync (nothing changed) ...", flush=True)
        again = timed([publish, "sync", str(sync_runs[-1].details["catalogue"]), "--workers", str(args.workers)], env)
        print(f"  {again.seconds:.1f} s, {sync_requests(again.output)} requests", flush=True)
    finally:
        files.close()
        portal.stop()
        LONG_LIVED.clear()
    report(args, rows, prepare_cpu, sync_runs, standard_runs, orders, again)


def report(args: argparse.Namespace, rows: int, prepare_cpu: float, sync_runs: list[RouteRun],
           standard_runs: list[RouteRun], orders: list[str], again: Timed) -> None:
    sync_median = statistics.median(r.seconds for r in sync_runs)
    standard_median = statistics.median(r.seconds for r in standard_runs)
    ratio = sync_median / standard_median
    ratios = [s.seconds / t.seconds for s, t in zip(sync_runs, standard_runs, strict=True)]
    stopped = any(t.details["timed out"] for t in standard_runs)
    if not stopped:
        verdict = "MET" if ratio <= GOAL else "NOT MET"
    else:  # the standard route's times are lower bounds, so the ratio is an upper bound
        verdict = ("MET (an upper bound: the standard route was stopped before it finished)" if ratio <= GOAL
                   else "UNDECIDED (the standard route was stopped before it finished)")
    bound = "< " if stopped else ""
    subset = "" if args.count == 805 else f" — a SUBSET of {args.count} datasets, not the full 805"
    lines = [
        "",
        f"## Catalogue sync against the standard route, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"commit {args.revision}{subset}",
        "",
        f"Command: `make bench-sync` (= `python benchmarks/sync_benchmark.py --count {args.count} --repeat "
        f"{args.repeat} --workers {args.workers} --job-workers {args.job_workers}"
        f"{f' --standard-timeout {args.standard_timeout:.0f}' if args.standard_timeout else ''}` against a "
        "fresh local portal "
        f"and a plain CKAN beside it). Machine: {platform.machine()}, {os.cpu_count()} cores shared with other "
        f"work, Python {platform.python_version()}; load average {loadavg()} (1/5/15 min) at the end. Both routes "
        "run in the same run, alternately, on the same cores, PostgreSQL server and Redis server, so their ratio "
        "is fair even though the absolute times are noisy.",
        "",
        f"Synthetic catalogue: {args.count} specs, {rows:,} data rows in all (files of 50-5,000 rows, a third "
        "xlsx). Standard route: plain CKAN 2.12 (`" + standard_route.PLUGINS + "`, nothing of ckanext-sonla "
        "but `sonla_search` standing in for Solr), ckanext-xloader "
        "2.6.0 (requirements/bench.txt), `ckanapi load datasets -p "
        f"{args.workers} --upload-resources` of the same package dicts and three files per dataset, xloader "
        f"loading the clean CSV of each through CKAN's job queue with {args.job_workers} `ckan jobs worker` "
        "processes, timed until the last job ended. It was given the clean CSVs: reading, cleaning and "
        f"validating them took {prepare_cpu:.1f} CPU-s before the timed runs, which only the sync's time "
        "includes.",
        "",
        "| # | order | standard route: total | of which ckanapi load | xloader status of the CSVs / failed jobs / "
        "re-submitted | rows in the DataStore | full sync | created, requests | sync / standard |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, (s, t, order, r) in enumerate(zip(sync_runs, standard_runs, orders, ratios, strict=True), start=1):
        total = f"> {t.seconds:.1f} s (stopped, not finished)" if t.details["timed out"] else f"{t.seconds:.1f} s"
        lines.append(
            f"| {n} | {order} | {total} | {seconds_or_unfinished(t.details['ckanapi'])} | "
            f"{t.details['jobs finished']} / "
            f"{t.details['jobs failed']} / {t.details['resubmitted']} | {t.details['rows']:,} | {s.seconds:.1f} s | "
            f"{s.details['created']}, {s.details['requests']} | {'< ' if t.details['timed out'] else ''}{r:.2f}× |")
    groups = list(standard_runs[0].cpu)
    lines += [
        "",
        f"Standard route: **{bound.replace('<', '>')}{stats([r.seconds for r in standard_runs])}**; full sync: "
        f"**{stats([r.seconds for r in sync_runs])}** (median of {len(sync_runs)}, min, max). Rows the sync "
        f"loaded per run: {', '.join(format(r.details['rows'], ',') for r in sync_runs)}.",
        "",
        f"**Verdict (computed by the script in this run): full sync / standard route = {bound}{ratio:.2f}× "
        f"(medians; per repetition {', '.join(f'{r:.2f}' for r in ratios)}); goal ≤ {GOAL}×: {verdict}.**",
        "",
        f"No-change re-sync afterwards: {again.seconds:.1f} s, {sync_requests(again.output)} requests.",
        "",
        "Where the time goes: CPU seconds by process group during each route (median of the repetitions; "
        "`cpu_groups.py`: each group's process trees, ended children included). 'machine busy' is every "
        "non-idle CPU second of the machine, other engineers' work included.",
        "",
        "| process group | standard route | full sync |",
        "|---|---|---|",
    ]
    for group in groups:
        lines.append(f"| {group} | {statistics.median(r.cpu[group] for r in standard_runs):.1f} | "
                     f"{statistics.median(r.cpu[group] for r in sync_runs):.1f} |")
    lines.append(f"| all the groups above | {statistics.median(sum(r.cpu.values()) for r in standard_runs):.1f} | "
                 f"{statistics.median(sum(r.cpu.values()) for r in sync_runs):.1f} |")
    lines.append(f"| machine busy | {statistics.median(r.machine_busy for r in standard_runs):.1f} | "
                 f"{statistics.median(r.machine_busy for r in sync_runs):.1f} |")
    phases = [t.details["phases"] for t in standard_runs if t.details["phases"]["jobs"]]
    if phases:
        lines += [
            "",
            "The standard route's jobs, from the job workers' logs (median of the repetitions, seconds summed over "
            f"jobs): {statistics.median(p['jobs'] for p in phases):.0f} jobs; "
            f"{statistics.median(p['start-up'] / p['jobs'] for p in phases):.1f} s per job from the job's start "
            "to xloader's first line (CKAN's work horse builds its app anew for each job), "
            f"{statistics.median(p['xloader'] / p['jobs'] for p in phases):.1f} s per job of xloader's own work "
            "(download, COPY, full text, indexes, resource update), with "
            f"{args.job_workers} workers side by side.",
        ]
    lines.append("")
    text = "\n".join(lines)
    with args.results.open("a", encoding="utf-8") as handle:
        handle.write(text)
    print(text)


if __name__ == "__main__":
    main()
