"""Benchmark `sonla-publish sync` of a synthetic 805-dataset catalogue against `ckanapi load datasets`.

    make bench-sync              # its own portal in .run/bench-sync, ports 5098/6398
    python benchmarks/sync_benchmark.py --url URL --token-file .run/bench-sync/credentials.ini

Steps, in one run against one portal (so the figures compare):
1. generate the synthetic catalogue (benchmarks/generate_catalogue.py: 805 specs, files of
   50-5,000 rows, a third xlsx) and create the organizations (`sonla-publish portal setup`);
2. `ckanapi load datasets -p WORKERS` of the same metadata — the package dicts with their three
   resource records — (names suffixed `-ckanapi`, so the sets live side by side): metadata
   only, no file uploads, no DataStore; then again with the package fields alone (`-ckpkg`);
3. `sonla-publish sync --workers WORKERS`: metadata, three uploaded files and the DataStore
   table of every dataset;
4. `ckanapi load datasets` of the same metadata again (`-ckapi2`): the machine's speed drifts,
   so the sync is compared with the mean of the loads just before and just after it;
5. `sonla-publish sync` again with nothing changed;
6. as many `package_show` calls of missing names as datasets (ckanapi's existence checks,
   which sync does not make), to state the least CPU a full sync can cost (see the report).
Before all of it, the benchmark itself reads, cleans and validates every file once (to write
ckanapi's input): its CPU time is the client work any way of publishing must do.
Requests of sync are counted by the publisher itself. ckanapi is timed talking to the portal
directly; its requests are counted by a small HTTP proxy on a separate sample of 20 datasets
(a proxy in the timed run would slow ckanapi down) and scaled to the whole catalogue. CPU
seconds: the client's own (user + system, with its child processes), and the whole machine's
busy time during the run (the portal's share is most of the rest; other work on the machine
counts too). Figures are appended to benchmarks/RESULTS.md.
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
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from revision import describe  # benchmarks/revision.py

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# ckanapi from the publisher's own environment, which has no CKAN: in the portal's, each
# ckanapi process (ckanapi -p starts one per worker) imports CKAN first, seconds each.
CKANAPI_BIN = next((path for path in (REPO / ".venv-publisher" / "bin", BIN) if (path / "ckanapi").exists()), BIN)


class CountingProxy:
    """Forwards every request to the portal and counts them (for ckanapi, which does not)."""

    def __init__(self, target: str) -> None:
        import http.client

        parts = urlsplit(target)
        self.count = 0
        lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def forward(self) -> None:
                with lock:
                    proxy.count += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "connection", "transfer-encoding")}
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                connection.close()

            do_GET = do_POST = forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


SAMPLE = 20  # datasets loaded through the counting proxy to count ckanapi's requests


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


def _reap_orphans() -> None:
    """Wait for adopted processes (see :func:`_become_subreaper`) until none is left."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(command: list[str], env: dict[str, str]) -> Timed:
    busy, cpu = _machine_busy(), _children_cpu()
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    _reap_orphans()
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"{command[0:3]} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return Timed(seconds, result.stdout + result.stderr, _children_cpu() - cpu, _machine_busy() - busy)


def sync_requests(output: str) -> int:
    match = re.search(r"(\d+) (?:HTTP requests|yêu cầu HTTP)", output)
    return int(match.group(1)) if match else -1


def ckanapi_jsonl(specs: Path, path: Path) -> int:
    """The datasets sync would write, renamed, one JSON line each (ckanapi's input format).

    The same package dicts, with the same three resource records (names, formats,
    descriptions, row counts, hashes; the file name as the URL): the same metadata, without
    uploading the files or loading the rows.
    """
    sys.modules.setdefault("ckan", None)  # type: ignore[arg-type]  # see sonla_publisher.entry
    from sonla_publisher.portal.package import build_package_dict
    from sonla_publisher.portal.resources import csv_resource, dictionary_resource, original_resource
    from sonla_publisher.reading.table import read_table
    from sonla_publisher.specs.spec import iter_spec_paths, load_spec
    from sonla_publisher.sync.plan import source_file
    from sonla_publisher.validation.validator import validate_table

    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for spec_path in iter_spec_paths(specs):
            spec = load_spec(spec_path)
            package = build_package_dict(spec, today=dt.date.today())
            package["name"] = package["name"][:92] + "-ckanapi"
            source = source_file(spec, specs / "sources")
            assert source is not None, spec.name
            table = read_table(source, spec, specs / "codelists")
            report = validate_table(table, spec, specs / "codelists")
            files = [csv_resource(spec, table, report), original_resource(source, source.read_bytes()),
                     dictionary_resource(spec)]
            package["resources"] = [{"name": f.name, "url": f.filename, **f.fields} for f in files]
            handle.write(json.dumps(package, ensure_ascii=False) + "\n")
            count += 1
    return count


def _without_resources(line: str) -> str:
    package = json.loads(line)
    package.pop("resources", None)
    package["name"] = package["name"].replace("-ckanapi", "-ckpkg")
    return json.dumps(package, ensure_ascii=False)


EXISTENCE_CHECKS = """
import sys
from concurrent.futures import ThreadPoolExecutor
from ckanapi import NotFound, RemoteCKAN
url, token, count, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
local = __import__("threading").local()
def check(n):
    if not hasattr(local, "ckan"):
        local.ckan = RemoteCKAN(url, apikey=token)
    try:
        local.ckan.action.package_show(id=f"khong-co-{n}")
    except NotFound:
        return
    raise SystemExit("a dataset that should not exist does")
with ThreadPoolExecutor(workers) as pool:
    list(pool.map(check, range(count)))
"""


def existence_checks(url: str, token: str, count: int, workers: int, env: dict[str, str]) -> Timed:
    """``count`` ``package_show`` calls of missing names, ``workers`` at a time: what ckanapi's
    load asks before each create (and sync does not: it reads the portal's state in bulk)."""
    python = CKANAPI_BIN / "python"
    return timed([str(python if python.exists() else sys.executable), "-c", EXISTENCE_CHECKS, url, token,
                  str(count), str(workers)], env)


def resync_only(args: argparse.Namespace) -> None:
    token = read_token(args.token_file)
    env = dict(os.environ, SONLA_CKAN_URL=args.url, SONLA_CKAN_TOKEN=token, SONLA_LANG="en")
    publish = str(BIN / "sonla-publish")
    for attempt in (1, 2, 3):
        run = timed([publish, "sync", str(args.resync), "--workers", str(args.workers)], env)
        changed = run.output.count("Created: ") + run.output.count("Updated: ")
        print(f"no-change sync #{attempt}: {run.seconds:.1f} s, {sync_requests(run.output)} requests, "
              f"{changed} written", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token-file", type=Path, required=True, help="credentials.ini written by sonla-stack")
    parser.add_argument("--count", type=int, default=805)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument("--resync", type=Path, metavar="CATALOGUE",
                        help="only time a no-change sync of CATALOGUE, already published to this portal")
    args = parser.parse_args()
    _become_subreaper()
    if args.resync:
        resync_only(args)
        return
    token = read_token(args.token_file)
    # ckanapi's -p workers are new `ckanapi` processes found on PATH.
    env = dict(os.environ, SONLA_CKAN_URL=args.url, SONLA_CKAN_TOKEN=token, SONLA_LANG="en",
               PATH=f"{CKANAPI_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    work = Path(tempfile.mkdtemp(prefix="sonla-bench-sync-"))
    specs = work / "catalogue"
    print(f"generating {args.count} specs and files in {specs} ...", flush=True)
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_catalogue.py"), "--count",
                    str(args.count), "--out", str(specs)], check=True, capture_output=True)
    publish = str(BIN / "sonla-publish")
    timed([publish, "portal", "setup", "--specs", str(specs)], env)

    jsonl = work / "datasets.jsonl"
    # Reading, cleaning and validating every file once, in this one process: work any way of
    # publishing the catalogue must do on the client, however the portal is then written.
    started_cpu = time.process_time()
    ckanapi_jsonl(specs, jsonl)
    floor_cpu = time.process_time() - started_cpu
    ckanapi = [str(CKANAPI_BIN / "ckanapi"), "load", "datasets", "-p", str(args.workers), "-a", token, "-q"]
    sample = work / "sample.jsonl"  # other names, so the timed load below still creates everything
    lines_of = jsonl.read_text(encoding="utf-8").splitlines()[:SAMPLE]
    sample.write_text("".join(line.replace('-ckanapi"', '-ckmau"') + "\n" for line in lines_of),
                      encoding="utf-8")
    proxy = CountingProxy(args.url)
    try:
        timed([*ckanapi, "-I", str(sample), "-r", proxy.url], env)
        per_dataset = proxy.count / len(lines_of)
    finally:
        proxy.close()
    print(f"ckanapi load datasets -p {args.workers} ({per_dataset:.1f} requests per dataset) ...", flush=True)
    load = timed([*ckanapi, "-I", str(jsonl), "-r", args.url], env)
    ckanapi_requests = round(per_dataset * args.count)
    print(f"  {load.seconds:.1f} s", flush=True)
    # The narrowest reading of "the metadata alone": the package fields, no resource records.
    bare = work / "packages.jsonl"
    bare.write_text("".join(_without_resources(line) + "\n" for line in jsonl.read_text(encoding="utf-8").splitlines()),
                    encoding="utf-8")
    print(f"ckanapi load datasets -p {args.workers}, package fields only ...", flush=True)
    load_bare = timed([*ckanapi, "-I", str(bare), "-r", args.url], env)
    print(f"  {load_bare.seconds:.1f} s", flush=True)

    print(f"sonla-publish sync --workers {args.workers} (full) ...", flush=True)
    full = timed([publish, "sync", str(specs), "--workers", str(args.workers)], env)
    created = full.output.count("Created: ")
    print(f"  {full.seconds:.1f} s, {sync_requests(full.output)} requests, {created} created", flush=True)
    # ckanapi again, right after the sync (other names): the machine's speed drifts, and the
    # sync is compared with both loads around it.
    after = work / "after.jsonl"
    after.write_text("".join(line.replace('-ckanapi"', '-ckapi2"') + "\n"
                             for line in jsonl.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    print(f"ckanapi load datasets -p {args.workers} again ...", flush=True)
    load_after = timed([*ckanapi, "-I", str(after), "-r", args.url], env)
    print(f"  {load_after.seconds:.1f} s", flush=True)
    print("sonla-publish sync (nothing changed) ...", flush=True)
    again = timed([publish, "sync", str(specs), "--workers", str(args.workers)], env)
    print(f"  {again.seconds:.1f} s, {sync_requests(again.output)} requests", flush=True)
    checks = existence_checks(args.url, token, args.count, args.workers, env)
    print(f"{args.count} existence checks: {checks.seconds:.1f} s", flush=True)

    rows = sum(int(m) for m in re.findall(r"Created: \S+ \((\d+) rows\)", full.output))
    reference = Timed((load.seconds + load_after.seconds) / 2, "", (load.client_cpu + load_after.client_cpu) / 2,
                      (load.machine_busy + load_after.machine_busy) / 2)
    checks_portal = checks.machine_busy - checks.client_cpu  # the portal's share of the checks
    floor = reference.machine_busy - reference.client_cpu - checks_portal + floor_cpu
    average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        "",
        f"## Catalogue sync, {dt.date.today().isoformat()}, commit {describe()}",
        "",
        f"Command: `make bench-sync` (= `python benchmarks/sync_benchmark.py --count {args.count} "
        f"--workers {args.workers}` against a fresh local portal). Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average {average:.1f} at the end "
        "(the portal — 2 gunicorn workers, PostgreSQL, Redis — runs on the same cores as the client); "
        f"ckanapi from `{CKANAPI_BIN.relative_to(REPO) if CKANAPI_BIN.is_relative_to(REPO) else CKANAPI_BIN}`.",
        "",
        f"Synthetic catalogue: {args.count} specs, {rows:,} data rows in all (files of 50-5,000 rows).",
        "",
        "| run | what is written | time | requests | client CPU | machine busy CPU |",
        "|---|---|---|---|---|---|",
        f"| `ckanapi load datasets -p {args.workers}` | metadata only (package + 3 resource records) | "
        f"{load.seconds:.1f} s | "
        f"{ckanapi_requests} ({per_dataset:.1f} per dataset, counted on {len(lines_of)}) | "
        f"{load.client_cpu:.1f} s | {load.machine_busy:.1f} s |",
        f"| `ckanapi load datasets -p {args.workers}` | package fields only (no resource records) | "
        f"{load_bare.seconds:.1f} s | {ckanapi_requests} | {load_bare.client_cpu:.1f} s | "
        f"{load_bare.machine_busy:.1f} s |",
        f"| `sonla-publish sync --workers {args.workers}` (full) | metadata + 3 files + DataStore rows per "
        f"dataset ({created} created) | {full.seconds:.1f} s | {sync_requests(full.output)} | "
        f"{full.client_cpu:.1f} s | {full.machine_busy:.1f} s |",
        f"| `ckanapi load datasets -p {args.workers}` again, right after the sync | metadata only (package "
        f"+ 3 resource records) | {load_after.seconds:.1f} s | {ckanapi_requests} | "
        f"{load_after.client_cpu:.1f} s | {load_after.machine_busy:.1f} s |",
        f"| `sonla-publish sync` again, nothing changed | nothing | {again.seconds:.1f} s | "
        f"{sync_requests(again.output)} | {again.client_cpu:.1f} s | {again.machine_busy:.1f} s |",
        f"| {args.count} `package_show` of missing names, {args.workers} at a time (ckanapi's existence "
        f"checks, alone) | nothing | {checks.seconds:.1f} s | {args.count} | {checks.client_cpu:.1f} s | "
        f"{checks.machine_busy:.1f} s |",
        "",
        f"Full sync / ckanapi load of the same metadata: **{full.seconds / reference.seconds:.2f}×** the time "
        f"(against the mean of the loads before and after it, {reference.seconds:.1f} s; "
        f"{full.seconds / load.seconds:.2f}× and {full.seconds / load_after.seconds:.2f}× each), "
        f"**{full.seconds / load_bare.seconds:.2f}×** the time of the package fields alone. Goals: no-change "
        "re-sync under 10 s with under 50 requests; full sync no slower than ckanapi's metadata-only load.",
        "Times include each command's start-up (Python imports).",
        "",
        f"**The least a full sync can cost.** Reading, cleaning and validating the {args.count} files once "
        f"and making their clean CSV, in one process without the portal, took **{floor_cpu:.1f} CPU-s**. "
        "The sync writes the same dataset records as ckanapi through the same portal, so it needs what "
        "ckanapi's load costs the machine, less ckanapi's own client (its worker processes included) and "
        "the portal's share of its existence checks (which the sync does not make), plus that: "
        f"{reference.machine_busy:.1f} − {reference.client_cpu:.1f} − {checks_portal:.1f} + "
        f"{floor_cpu:.1f} = **{floor:.1f} CPU-s against ckanapi's {reference.machine_busy:.1f} "
        f"(×{floor / reference.machine_busy:.2f})**, before a single file is stored or row loaded. Both "
        f"keep the cores busy ({reference.machine_busy / reference.seconds:.2f} and "
        f"{full.machine_busy / full.seconds:.2f} of {os.cpu_count()} on average), so time follows CPU. The "
        f"sync itself used {full.machine_busy:.1f} CPU-s.",
        "",
    ]
    with args.results.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
