"""End to end (issue #16): hostile anonymous clients cannot starve a normal search; concurrent
creates of one name answer 409, not 500. Real gunicorn, PostgreSQL and Redis over HTTP."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.e2e

HOSTILE_CLIENTS = 4
NORMAL_SEARCHES = 6
HOSTILE_Q = " ".join(f"tu{i}" for i in range(10_000))  # the 59 KB, 10,000-word q
HOSTILE_SQL = "SELECT count(*) FROM generate_series(1, 2000000000)"


def _request(url: str, *, data: dict | None = None, headers: dict | None = None,
             timeout: float = 30) -> tuple[int, bytes]:
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _hostile(portal, address: str, stop: threading.Event, statuses: list[int]) -> None:
    headers = {"X-Forwarded-For": address}
    sql_url = (f"{portal.url}/api/3/action/datastore_search_sql?"
               + urllib.parse.urlencode({"sql": HOSTILE_SQL}))
    while not stop.is_set():
        statuses.append(_request(f"{portal.url}/api/3/action/package_search",
                                 data={"q": HOSTILE_Q}, headers=headers)[0])
        if not stop.is_set():
            statuses.append(_request(sql_url, headers=headers)[0])


def test_a_normal_search_answers_within_a_second_while_4_hostile_clients_run(portal):
    search = f"{portal.url}/api/3/action/package_search?q=truong+hoc"
    for _ in range(8):  # warm every worker's connections and caches, as a running portal has them
        assert _request(search)[0] == 200
    stop = threading.Event()
    statuses: list[int] = []
    threads = [threading.Thread(target=_hostile, args=(portal, f"198.51.100.{i + 1}", stop, statuses))
               for i in range(HOSTILE_CLIENTS)]
    for thread in threads:
        thread.start()
    timings = []
    try:
        time.sleep(1.5)  # let the hostile requests pile up first
        for _ in range(NORMAL_SEARCHES):
            started = time.monotonic()
            status, _body = _request(search, timeout=30)
            timings.append(time.monotonic() - started)
            assert status == 200
            time.sleep(0.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    print(f"normal search seconds under attack: {[round(t, 3) for t in timings]}; "
          f"hostile answers: { {s: statuses.count(s) for s in sorted(set(statuses))} }")
    # Never a 500, never served in full: the long q is refused at once (400), the SQL is stopped at the
    # DataStore timeout (409) or refused while another runs in that worker (503), and past the rate
    # limit (tests/ckanext/test_rate_limit.py) comes a 429.
    assert statuses and set(statuses) <= {400, 409, 429, 503}, statuses
    assert 400 in statuses and 409 in statuses
    assert max(timings) < 1.0, timings


def _create(portal, name: str, barrier: threading.Barrier, results: list[tuple[int, bytes]]) -> None:
    dataset = {"name": name, "title": "Thử tạo đồng thời", "notes": "Kiểm thử", "owner_org": "so-y-te",
               "update_frequency": "monthly", "data_last_updated": "2026-01-31", "private": True}
    barrier.wait(timeout=30)
    results.append(_request(f"{portal.url}/api/3/action/package_create", data=dataset,
                            headers={"Authorization": portal.token}))


def test_two_concurrent_creates_of_one_name_give_200_and_409(portal):
    names = [f"tao-dong-thoi-{uuid.uuid4().hex[:8]}" for _ in range(4)]
    try:
        for name in names:
            results: list[tuple[int, bytes]] = []
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=_create, args=(portal, name, barrier, results)) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert sorted(status for status, _ in results) == [200, 409], results
            conflict = json.loads(next(body for status, body in results if status == 409))
            assert conflict["success"] is False and "name" in conflict["error"]
    finally:
        for name in names:
            _request(f"{portal.url}/api/3/action/dataset_purge", data={"id": name},
                     headers={"Authorization": portal.token})
