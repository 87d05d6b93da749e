"""Two web nodes over one PostgreSQL, one Redis and one storage folder (docs/operators: scaling out).

The portal started by `sonla-stack up` is node A. Node B is a second gunicorn on another port with the
same ini, as a second machine behind a load balancer would run it. What node B answers must follow a
write through node A at once: search counts, facets, the freshness report and the per-process
count cache (node B warms its cache before the write, so a stale cache would show).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import ckanapi
import pytest

from .portal import Portal, free_port

pytestmark = pytest.mark.e2e

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/3/action/status_show", timeout=5) as response:
            return bool(json.load(response).get("success"))
    except (urllib.error.URLError, OSError, ValueError):
        return False


@pytest.fixture(scope="module")
def node_b(portal: Portal) -> Iterator[str]:
    port = free_port()
    log = portal.run_dir / "logs" / "node-b.log"
    env = dict(portal.env, CKAN_INI=str(portal.run_dir / "portal.ini"))
    with log.open("wb") as output:
        process = subprocess.Popen(
            [GUNICORN, "sonla_stack.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--timeout", "120"],
            env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"node B did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def _view(url: str) -> dict:
    """What an anonymous visitor of one node sees: count, organization facet, freshness rows."""
    client = ckanapi.RemoteCKAN(url)
    search = client.action.package_search(rows=0, **{"facet.field": ["organization"]})
    freshness = client.action.sonla_freshness_list()
    return {
        "count": search["count"],
        "organizations": search["facets"]["organization"],
        "freshness": sorted(row["name"] for row in freshness["datasets"]),
    }


def test_a_write_on_node_a_is_seen_on_node_b_at_once(portal: Portal, node_b: str) -> None:
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    template = admin.action.package_search(rows=1)["results"][0]
    before_a, before_b = _view(portal.url), _view(node_b)
    assert before_a == before_b
    _view(node_b)  # a second read: node B now answers from its count cache

    copy = {key: value for key, value in template.items()
            if key not in ("id", "resources", "groups", "relationships_as_object", "relationships_as_subject",
                           "revision_id", "metadata_created", "metadata_modified", "num_resources", "num_tags",
                           "organization", "creator_user_id")}
    name = f"hai-nut-{time.time_ns()}"
    tag = f"hai nut {time.time_ns()}"
    copy.update(name=name, title=f"Kiểm tra hai nút {name}", owner_org=template["organization"]["name"],
                tags=[*template.get("tags", []), {"name": tag}])
    admin.action.package_create(**copy)
    try:
        after_b = _view(node_b)
        organization = template["organization"]["name"]
        assert after_b["count"] == before_b["count"] + 1
        assert after_b["organizations"][organization] == before_b["organizations"][organization] + 1
        tagged = ckanapi.RemoteCKAN(node_b).action.package_search(fq=f'tags:"{tag}"', rows=1)
        assert [result["name"] for result in tagged["results"]] == [name]
        assert name in after_b["freshness"]
        assert after_b == _view(portal.url)
    finally:
        admin.action.dataset_purge(id=name)
    assert _view(node_b) == before_b


def _status_code(url: str, client_address: str) -> int:
    request = urllib.request.Request(f"{url}/api/3/action/status_show",
                                     headers={"X-Forwarded-For": client_address})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_rate_limits_are_shared_by_the_nodes(portal: Portal, node_b: str) -> None:
    # The e2e portal trusts one proxy (tests/e2e/portal.py), so X-Forwarded-For names the client;
    # a fresh address starts with an empty window. Anonymous clients get 120 API calls a minute
    # (ckanext.sonla.ratelimit.anonymous): spread over both nodes, the 121st is refused. With a
    # per-node count each node would allow 120, and none of these 130 calls would be refused.
    client_address = f"198.51.100.{time.time_ns() % 250 + 1}"
    codes = [_status_code(portal.url if i % 2 else node_b, client_address) for i in range(130)]
    assert codes[:120] == [200] * 120
    assert set(codes[120:]) == {429}
