"""The portal under load (issue #19 part 2): anonymous clients, caching off and on, in one run.

    make bench-load            # or: python benchmarks/load_benchmark.py [--runs 3] [--clients 50]

Starts the portal as ``make run`` does (gunicorn, 2 workers, demo catalogue published through
sonla-publish) in its own run directory, with the rate limit off (every client comes from one
address). Synthetic datasets are added straight into the search index (as ``make bench-search``
does) so the catalogue holds 805 datasets, with the demo's agencies as owners.

1. The mix: ``--clients`` concurrent anonymous clients (httpx + asyncio, each with its own cookie
   jar, like browsers), each sending ``--requests`` requests in turn over package_search, /dataset,
   a dataset page and datastore_search, after a warm-up. Bounded: a fixed number of requests, and
   the run stops at ``--max-seconds`` whatever happened. Caching off, then on (the portal restarted
   with ``ckanext.sonla.cache.enabled``), ``--runs`` runs each.
2. The freshness report (/bao-cao/cap-nhat), its CSV/XLSX exports and an agency page, caching off,
   at 805 and 10,000 datasets, one client, ``--report-requests`` each.

Prints the figures, the load average and the verdict against the goals; appends them to
benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
from revision import describe  # benchmarks/revision.py

ROOT = Path(__file__).resolve().parent.parent
STACK = str(Path(sys.executable).with_name("sonla-stack"))
SIZES = (805, 10000)
GOAL_SPEEDUP = 3.0
GOAL_P95_MS = 300.0


@dataclass
class Run:
    mode: str
    seconds: float
    latencies: list[float] = field(default_factory=list)  # ms, successful requests
    errors: int = 0
    first: float = float("nan")  # ms, the warm-up request (reports: the first after the catalogue changed)

    @property
    def rate(self) -> float:
        return (len(self.latencies) + self.errors) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def load_average() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


class Portal:
    """The bench portal in its own run directory, restarted with the cache on or off."""

    def __init__(self, run_dir: Path, port: int, redis_port: int) -> None:
        self.run_dir, self.port, self.redis_port = run_dir, port, redis_port
        self.url = f"http://127.0.0.1:{port}"

    def env(self, cache: bool) -> dict[str, str]:
        extra = "\n".join([f"ckanext.sonla.cache.enabled = {'true' if cache else 'false'}",
                           "ckanext.sonla.ratelimit.enabled = false"])
        return dict(os.environ, SONLA_RUN_DIR=str(self.run_dir), SONLA_PORT=str(self.port),
                    SONLA_REDIS_PORT=str(self.redis_port), SONLA_WEB_WORKERS="2", SONLA_EXTRA_CONFIG=extra)

    def start(self, cache: bool) -> None:
        subprocess.run([STACK, "stop"], env=self.env(cache), check=False, capture_output=True)
        subprocess.run([STACK, "up"], env=self.env(cache), check=True)

    def stop(self) -> None:
        subprocess.run([STACK, "stop"], env=self.env(False), check=False)

    @property
    def ini(self) -> Path:
        return self.run_dir / "portal.ini"


def set_catalogue_size(portal: Portal, total: int) -> int:
    """Index synthetic datasets (owned by the portal's agencies) until the index holds ``total`` rows.

    The synthetic rows of an earlier run are removed first, so every run starts from the same catalogue.
    """
    code = f"""
import sys, random
sys.path.insert(0, {str(Path(__file__).parent)!r})
from ckanext.sonla.compat import load_config, make_app
make_app(load_config({str(portal.ini)!r}))
import sqlalchemy as sa
from ckanext.sonla.compat import model
from ckanext.sonla.search.table import search_index
import search_benchmark as sb
model.Session.execute(search_index.delete().where(search_index.c.name.like('bo-du-lieu-%')))
model.Session.commit()
have = model.Session.execute(sa.select(sa.func.count()).select_from(search_index)).scalar_one()
synthetic = model.Session.execute(sa.select(sa.func.count()).select_from(search_index)
                                  .where(search_index.c.name.like('bo-du-lieu-%'))).scalar_one()
orgs = [{{"id": g.id, "name": g.name, "title": g.title}} for g in
        model.Session.query(model.Group).filter_by(is_organization=True, state="active")]
if {total} > have:
    sb.load(synthetic, synthetic + {total} - have, orgs, random.Random(805 + synthetic))
print(model.Session.execute(sa.select(sa.func.count()).select_from(search_index)).scalar_one())
"""
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                          env=portal.env(False))
    return int(done.stdout.strip().splitlines()[-1])


def mix_paths(portal: Portal) -> list[str]:
    """The mix: package_search (4 shapes), /dataset (2 pages), 2 dataset pages, datastore_search (2)."""
    with httpx.Client(base_url=portal.url, timeout=60) as client:
        found = client.get("/api/3/action/package_search",
                           params={"q": "", "fq": "res_format:CSV", "rows": 50}).json()["result"]["results"]
        show = "/api/3/action/package_show"
        real = [p for p in found if client.get(show, params={"id": p["name"]}).status_code == 200]
        tables = [r["id"] for p in real for r in p.get("resources", []) if r.get("datastore_active")]
    if len(real) < 2 or not tables:
        raise SystemExit("the demo catalogue has no published DataStore table: is the demo published?")
    search = "/api/3/action/package_search"
    facets = json.dumps(["organization", "groups", "tags", "res_format", "license_id"])
    return [f"{search}?q=tr%C6%B0%E1%BB%9Dng+h%E1%BB%8Dc&rows=20", f"{search}?q=dan+so&rows=20",
            f"{search}?fq=res_format:CSV&rows=20&facet.field={facets}", f"{search}?rows=20&sort=metadata_modified+desc",
            "/dataset/", "/dataset/?page=2", f"/dataset/{real[0]['name']}", f"/dataset/{real[1]['name']}",
            f"/api/3/action/datastore_search?resource_id={tables[0]}&limit=20",
            f"/api/3/action/datastore_search?resource_id={tables[0]}&limit=20&offset=20"]


async def _client(portal: Portal, paths: list[str], offset: int, count: int, deadline: float,
                  run: Run) -> None:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=portal.url, timeout=30, limits=limits) as client:
        for i in range(count):
            if time.perf_counter() > deadline:
                return
            path = paths[(offset + i) % len(paths)]
            started = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                run.latencies.append((time.perf_counter() - started) * 1000)
            else:
                run.errors += 1


async def _mix(portal: Portal, paths: list[str], clients: int, requests: int, max_seconds: float,
               mode: str) -> Run:
    run = Run(mode, 0.0)
    started = time.perf_counter()
    await asyncio.gather(*(_client(portal, paths, c, requests, started + max_seconds, run)
                           for c in range(clients)))
    run.seconds = time.perf_counter() - started
    return run


def mix(portal: Portal, paths: list[str], args: argparse.Namespace, mode: str) -> list[Run]:
    # Warm-up: every path a few times (connections, the workers' imports; with the cache on, its entries).
    asyncio.run(_mix(portal, paths, min(args.clients, 10), 3 * len(paths), args.max_seconds, mode))
    runs = []
    for n in range(args.runs):
        run = asyncio.run(_mix(portal, paths, args.clients, args.requests, args.max_seconds, mode))
        print(f"  mix, caching {mode}, run {n + 1}: {run.rate:.1f} req/s, p50 {run.percentile(50):.0f} ms, "
              f"p95 {run.percentile(95):.0f} ms, p99 {run.percentile(99):.0f} ms, {run.errors} errors, "
              f"load {load_average()}", flush=True)
        runs.append(run)
    return runs


def report_paths(portal: Portal) -> dict[str, str]:
    with httpx.Client(base_url=portal.url, timeout=60) as client:
        orgs = client.get("/api/3/action/organization_list").json()["result"]
    return {"report page": "/bao-cao/cap-nhat", "CSV (datasets)": "/bao-cao/cap-nhat.csv?table=datasets",
            "XLSX": "/bao-cao/cap-nhat.xlsx", "agency page": f"/organization/{orgs[0]}"}


def report_latencies(portal: Portal, paths: dict[str, str], count: int) -> dict[str, Run]:
    results = {}
    with httpx.Client(base_url=portal.url, timeout=120) as client:
        for label, path in paths.items():
            run = Run("off", 0.0)
            started = time.perf_counter()
            for n in range(count + 1):  # the first is a warm-up
                t = time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:  # a timeout (120 s) counts as an error
                    ok = False
                if n == 0:
                    run.first = (time.perf_counter() - t) * 1000
                    continue
                if ok:
                    run.latencies.append((time.perf_counter() - t) * 1000)
                else:
                    run.errors += 1
            run.seconds = time.perf_counter() - started
            results[label] = run
    return results


def summary(runs: list[Run]) -> dict[str, tuple[float, float, float]]:
    """Median, min and max over the runs of each figure."""
    figures = {"rate": [r.rate for r in runs], "p50": [r.percentile(50) for r in runs],
               "p95": [r.percentile(95) for r in runs], "p99": [r.percentile(99) for r in runs],
               "errors": [float(r.errors) for r in runs]}
    return {k: (statistics.median(v), min(v), max(v)) for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per client per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=120.0, help="a run stops here, finished or not")
    parser.add_argument("--report-requests", type=int, default=20)
    parser.add_argument("--reports-only", action="store_true",
                        help="only the freshness report part (2.), not the mix")
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".run" / "bench-load")
    parser.add_argument("--port", type=int, default=int(os.environ.get("SONLA_PORT") or 5097))
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("SONLA_REDIS_PORT") or 6397))
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = parser.parse_args()
    portal = Portal(args.run_dir.resolve(), args.port, args.redis_port)
    loads = [load_average()]
    try:
        portal.start(cache=False)
        datasets = set_catalogue_size(portal, SIZES[0])
        if args.reports_only:
            reports = {datasets: report_latencies(portal, report_paths(portal), args.report_requests)}
            big = set_catalogue_size(portal, SIZES[1])
            reports[big] = report_latencies(portal, report_paths(portal), args.report_requests)
            loads.append(load_average())
            portal.stop()
            write(args, datasets, [], [], reports, loads)
            return
        paths = mix_paths(portal)
        print(f"mix over {datasets} datasets: {', '.join(paths)}", flush=True)
        off = mix(portal, paths, args, "off")
        loads.append(load_average())
        reports = {datasets: report_latencies(portal, report_paths(portal), args.report_requests)}
        portal.start(cache=True)
        on = mix(portal, paths, args, "on")
        loads.append(load_average())
        portal.start(cache=False)
        big = set_catalogue_size(portal, SIZES[1])
        reports[big] = report_latencies(portal, report_paths(portal), args.report_requests)
        loads.append(load_average())
    finally:
        portal.stop()
    write(args, datasets, off, on, reports, loads)


def write(args: argparse.Namespace, datasets: int, off: list[Run], on: list[Run],
          reports: dict[int, dict[str, Run]], loads: list[str]) -> None:
    largest = max(reports)
    worst_report = max(run.percentile(95) for run in reports[largest].values())
    report_errors = sum(run.errors for runs in reports.values() for run in runs.values())
    verdicts = []
    if off and on:
        s_off, s_on = summary(off), summary(on)
        speedup = s_on["rate"][0] / s_off["rate"][0]
        verdicts += [
            (f"caching on ≥ {GOAL_SPEEDUP:.0f}× the throughput of caching off", speedup >= GOAL_SPEEDUP,
             f"{speedup:.2f}×"),
            (f"p95 ≤ {GOAL_P95_MS:.0f} ms at {args.clients} clients (caching on)", s_on["p95"][0] <= GOAL_P95_MS,
             f"{s_on['p95'][0]:.0f} ms"),
            ("0 errors (every mix run, off and on)", all(r.errors == 0 for r in off + on),
             f"{sum(r.errors for r in off + on)}"),
        ]
    verdicts += [
        (f"freshness report, exports, agency page: p95 ≤ {GOAL_P95_MS:.0f} ms at {largest:,} datasets, "
         "caching off, 0 errors", worst_report <= GOAL_P95_MS and report_errors == 0,
         f"worst p95 {worst_report:.0f} ms, {report_errors} errors"),
    ]
    command = "python benchmarks/load_benchmark.py " + " ".join(sys.argv[1:])
    stages = "at start, at the end" if not off else "at start, after the mix off, after the mix on, at the end"
    lines = [f"\n## Portal under load — {datetime.now():%Y-%m-%d %H:%M}, commit {describe()}\n",
             f"Command: `{command}` (`make bench-load` runs it). Machine: {os.cpu_count()} cores, shared with "
             f"other work while it ran, so timings are noisy: load average (1/5/15 min) {stages}: "
             f"{' → '.join(loads)}.",
             f"Portal: gunicorn, 2 workers × 4 threads, rate limit off, {datasets:,} datasets (demo + synthetic "
             f"index rows). Mix: {args.clients} concurrent anonymous clients (httpx, asyncio, one connection and "
             f"one cookie jar each), {args.requests} requests each per run, in turn over package_search "
             "(4 shapes), /dataset (2 pages), 2 dataset pages, datastore_search (2); after a warm-up. "
             f"Median (min–max) of {args.runs} runs.\n" if off else "Mix: not run (--reports-only).",
             ]
    if off:
        lines += ["| caching | requests/s | p50 | p95 | p99 | errors |", "|---|---:|---:|---:|---:|---:|"]
    def fig(s: dict[str, tuple[float, float, float]], key: str, unit: str = " ms", spec: str = ".0f") -> str:
        med, lo, hi = s[key]
        return f"{med:{spec}}{unit} ({lo:{spec}}–{hi:{spec}})"

    for mode, s in (("off", summary(off)), ("on", summary(on))) if off else ():
        lines.append(f"| {mode} | {fig(s, 'rate', '', '.1f')} | {fig(s, 'p50')} | {fig(s, 'p95')} | "
                     f"{fig(s, 'p99')} | {fig(s, 'errors', '', '.0f')} |")
    lines += ["\nFreshness report, caching off, one client, "
              f"{args.report_requests} requests each after a warm-up (the warm-up is the first request after "
              "the catalogue changed: the report is built then, and kept per version of the catalogue):\n",
              "| datasets | page | first request | p50 | p95 | max | errors |", "|---:|---|---:|---:|---:|---:|---:|"]
    for size, runs in reports.items():
        for label, run in runs.items():
            lines.append(f"| {size:,} | {label} | {run.first:.0f} ms | {run.percentile(50):.0f} ms | "
                         f"{run.percentile(95):.0f} ms | {max(run.latencies or [float('nan')]):.0f} ms | "
                         f"{run.errors} |")
    lines += ["\nVerdict (computed by the script):\n"]
    lines += [f"- {'MET' if ok else 'MISSED'}: {goal} — {value}" for goal, ok, value in verdicts]
    text = "\n".join(lines) + "\n"
    print(text)
    with args.results.open("a", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
