"""The standard route a CKAN operator would run instead of `sonla-publish sync` (benchmarks/README.md).

A plain CKAN 2.12 beside the portal — same PostgreSQL server and databases, same Redis server — with the
DataStore and ckanext-xloader, and none of ckanext-sonla's publish code: its plugins are CKAN's own plus
``sonla_search``, which only stands in for Solr (this machine has none; it is the search backend the portal's
``package_create`` indexes into as well). Files are uploaded by ``ckanapi load datasets --upload-resources``
and loaded into the DataStore by xloader jobs on CKAN's job queue (RQ on Redis), run by ``ckan jobs worker``
processes. The route is timed from ckanapi's start until the last job has ended.

Runs in the benchmark environment (.venv-bench: the portal's lock plus requirements/bench.txt), never the
portal's .venv, which has no xloader.
"""
from __future__ import annotations

import configparser
import datetime as dt
import functools
import json
import os
import re
import subprocess
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# Package fields CKAN's default schema knows; every other field of the portal's package dict goes to
# ``extras``, as a plain CKAN keeps it (the default schema would drop it silently otherwise).
CORE_PACKAGE_FIELDS = frozenset({
    "name", "title", "notes", "owner_org", "license_id", "tags", "url", "version", "author", "author_email",
    "maintainer", "maintainer_email", "private", "state", "type", "groups", "resources", "extras",
})
SITE_ID = "sonla-standard"
QUEUE = "default"
# CKAN's job queue for this site: RQ's Redis key of ``ckan:<site_id>:<queue>``.
RQ_QUEUE = f"ckan:{SITE_ID}:{QUEUE}"
PLUGINS = "sonla_search activity datastore xloader datatables_view"


def write_ini(portal_ini: Path, base_ini: Path, out: Path, port: int, token: str, redis_db: int) -> Path:
    """The plain CKAN's config: the portal's services and secret, CKAN's defaults for everything else.

    Copied from the portal, because they are facts of the machine or fair to both routes: the database
    and DataStore URLs, the secret key (so the portal's API token works), the DataStore's full-text
    settings (``simple`` language, GIN index: config/base.ini) and the upload size limit. Redis: another
    database number, so the portal's queue and this one never mix.
    """
    portal = configparser.ConfigParser(interpolation=None)
    portal.read(portal_ini)
    main = portal["app:main"]
    redis_url = main["ckan.redis.url"].rsplit("/", 1)[0] + f"/{redis_db}"
    values = {
        "use": "egg:ckan",
        "ckan.site_id": SITE_ID,
        "ckan.site_url": f"http://127.0.0.1:{port}",
        "sqlalchemy.url": main["sqlalchemy.url"],
        "ckan.datastore.write_url": main["ckan.datastore.write_url"],
        "ckan.datastore.read_url": main["ckan.datastore.read_url"],
        "ckan.redis.url": redis_url,
        "ckan.storage_path": str(out.parent / "standard-storage"),
        "SECRET_KEY": main["SECRET_KEY"],
        "api_token.jwt.encode.secret": "string:%(SECRET_KEY)s",
        "api_token.jwt.decode.secret": "string:%(SECRET_KEY)s",
        "ckan.plugins": PLUGINS,
        "ckan.views.default_views": "datatables_view",
        "ckan.datastore.default_fts_lang": "simple",
        "ckan.datastore.default_fts_index_method": "gin",
        "ckan.max_resource_size": "100",
        "ckanext.xloader.jobs_db.uri": main["sqlalchemy.url"],
        "ckanext.xloader.api_token": token,
    }
    base = base_ini.read_text(encoding="utf-8")
    logging = base[base.index("\n[loggers]"):]  # the portal's logging sections, so both log alike
    lines = ["# Written by benchmarks/standard_route.py: a plain CKAN with DataStore and xloader.", "[app:main]"]
    lines += [f"{key} = {value}" for key, value in values.items()]
    out.write_text("\n".join(lines) + "\n" + logging, encoding="utf-8")
    out.chmod(0o600)  # holds the secret key and a token
    return out


def ckan_resources(package: dict[str, Any], files: list[tuple[Path, dict[str, Any]]], file_url: str,
                   files_root: Path) -> dict[str, Any]:
    """``package`` as ckanapi's input for a plain CKAN, its files as uploads ckanapi fetches and re-uploads.

    ``ckanapi load --upload-resources`` uploads the resources whose ``url_type`` is ``upload``, by id,
    from their URL (as when moving a site): here a local file server's.
    """
    out = {key: value for key, value in package.items() if key in CORE_PACKAGE_FIELDS}
    extras = [{"key": key, "value": value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}
              for key, value in package.items() if key not in CORE_PACKAGE_FIELDS]
    out["extras"] = [*package.get("extras", []), *extras]
    out["resources"] = [
        {**fields, "id": str(uuid.uuid4()), "url_type": "upload",
         "url": f"{file_url}/{path.relative_to(files_root).as_posix()}"}
        for path, fields in files
    ]
    return out


class FileServer:
    """Serves the catalogue's files over HTTP on 127.0.0.1 for ckanapi's ``--upload-resources``."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class StandardPortal:
    """gunicorn serving the plain CKAN, and its ``ckan jobs worker`` processes (all started here)."""

    venv_bin: Path
    ini: Path
    port: int
    workers: int  # gunicorn workers, as the portal's
    threads: int
    job_workers: int
    logs: Path

    def __post_init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _start(self, command: list[str], log_name: str) -> subprocess.Popen[bytes]:
        log = (self.logs / log_name).open("ab")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, CKAN_INI=str(self.ini)))
        self.processes.append(process)
        return process

    def start(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        self.web = self._start(
            [str(self.venv_bin / "gunicorn"), "sonla_stack.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--threads", str(self.threads), "--timeout", "120"],
            "standard-web.log")
        self.job_processes = [self._start([str(self.venv_bin / "ckan"), "-c", str(self.ini), "jobs", "worker",
                                           QUEUE], f"standard-worker-{n}.log") for n in range(self.job_workers)]
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise RuntimeError(f"the plain CKAN did not start: see {self.logs / 'standard-web.log'}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/3/action/status_show", timeout=10) as response:
                    plugins = json.load(response)["result"]["extensions"]
                    if "xloader" in plugins:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the plain CKAN did not answer in 240 s")

    def pids(self) -> dict[str, list[int]]:
        return {"standard web": [self.web.pid], "xloader jobs": [p.pid for p in self.job_processes]}

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def redis_connection(ini: Path) -> Any:
    import redis  # in the portal's environment too: CKAN needs it

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ini)
    return redis.Redis.from_url(parser["app:main"]["ckan.redis.url"])


@dataclass
class JobCounts:
    finished: int
    failed: int


def wait_for_jobs(connection: Any, poll: float = 0.2, timeout: float = 7200) -> JobCounts:
    """Until CKAN's queue is empty and no job runs (twice in a row, ``poll`` s apart)."""
    from rq import Queue
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, StartedJobRegistry

    queue = Queue(RQ_QUEUE, connection=connection)
    started = StartedJobRegistry(queue=queue)
    deadline = time.monotonic() + timeout
    idle = 0
    while idle < 2:
        if time.monotonic() > deadline:
            queue.empty()  # the jobs not started yet; the workers end the ones running
            raise TimeoutError(f"xloader jobs still running after {timeout:.0f} s")
        idle = idle + 1 if queue.count == 0 and started.count == 0 else 0
        time.sleep(poll)
    return JobCounts(FinishedJobRegistry(queue=queue).count, FailedJobRegistry(queue=queue).count)


def clear_registries(connection: Any) -> None:
    """Forget the finished and failed jobs of an earlier repetition, so each one's counts are its own."""
    from rq import Queue
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    queue = Queue(RQ_QUEUE, connection=connection)
    for registry in (FinishedJobRegistry(queue=queue), FailedJobRegistry(queue=queue)):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)


def loaded_ids(datastore_url: str, resource_ids: list[str]) -> set[str]:
    """Those of ``resource_ids`` that have a DataStore table."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(datastore_url)
    try:
        with engine.connect() as connection:
            return {row[0] for row in connection.execute(
                sqlalchemy.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                "AND tablename = ANY(:ids)"), {"ids": resource_ids})}
    finally:
        engine.dispose()


def loaded_rows(datastore_url: str, resource_ids: list[str]) -> int:
    """The rows in the DataStore tables of ``resource_ids`` (exact counts)."""
    import sqlalchemy

    total = 0
    engine = sqlalchemy.create_engine(datastore_url)
    try:
        with engine.connect() as connection:
            for table in sorted(loaded_ids(datastore_url, resource_ids)):
                total += int(connection.execute(sqlalchemy.text(f'SELECT count(*) FROM "{table}"')).scalar_one())
    finally:
        engine.dispose()
    return total


def task_states(database_url: str, resource_ids: list[str]) -> dict[str, int]:
    """xloader's last state for each of ``resource_ids`` (CKAN's task_status), counted: ``complete``, ``error``...

    RQ's registry of finished jobs forgets a job 500 s after it ended, so it cannot count a long run's jobs.
    """
    import sqlalchemy

    engine = sqlalchemy.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text(
                "SELECT state, count(*) FROM task_status WHERE task_type = 'xloader' AND entity_id = ANY(:ids) "
                "GROUP BY state"), {"ids": resource_ids})
            return {str(state): int(count) for state, count in rows}
    finally:
        engine.dispose()


def submit(url: str, token: str, resource_ids: list[str]) -> None:
    """``xloader_submit`` of each resource: what the operator does for files whose load did not happen."""
    for resource_id in resource_ids:
        request = urllib.request.Request(
            f"{url}/api/3/action/xloader_submit", data=json.dumps({"resource_id": resource_id}).encode(),
            headers={"Authorization": token, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()


_LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \w+\s+\[(?:ckan\.lib\.jobs|[0-9a-f-]{36})\] "
                       r"(?:Worker \S+ (starts|has finished) job ([0-9a-f-]{36})|(Express Load) starting)")


def log_offsets(logs: list[Path]) -> dict[Path, int]:
    return {path: path.stat().st_size if path.exists() else 0 for path in logs}


def job_phases(offsets: dict[Path, int]) -> dict[str, float]:
    """From the job workers' logs written since ``offsets``: the seconds of all jobs, split into the work
    horse's start (from "starts job" to xloader's first line: CKAN builds its app anew for each job) and
    xloader's own work (to "has finished job"). Summed over jobs (the workers run side by side)."""
    starts: dict[str, float] = {}
    startup = work = 0.0
    jobs = 0
    for path, offset in offsets.items():
        current = ""
        with path.open(encoding="utf-8", errors="replace") as handle:
            handle.seek(offset)
            for line in handle:
                match = _LOG_LINE.match(line)
                if not match:
                    continue
                when = dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
                if match.group(2) == "starts":
                    current = match.group(3)
                    starts[current] = when
                elif match.group(4) and current in starts:
                    startup += when - starts[current]
                    starts[current] = when
                elif match.group(2) == "has finished" and match.group(3) in starts:
                    work += when - starts.pop(match.group(3))
                    jobs += 1
    return {"jobs": jobs, "start-up": startup, "xloader": work}
