"""CPU seconds spent by groups of processes (a portal's gunicorn, PostgreSQL, the job workers...) between two
snapshots: where a benchmark's time goes, per process group, without a profiler in the timed run.

A group is the process trees of some root pids. A tree's CPU is the user + system time of each live process
plus what its processes got back from the children they waited for (``children_user``/``children_system``:
PostgreSQL's ended backends, RQ's work horses), so processes that end between the snapshots still count.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import psutil


def tree_cpu(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def snapshot(groups: Mapping[str, Sequence[int]]) -> dict[str, float]:
    return {name: sum(tree_cpu(pid) for pid in pids) for name, pids in groups.items()}


def delta(before: Mapping[str, float], after: Mapping[str, float]) -> dict[str, float]:
    return {name: after[name] - before.get(name, 0.0) for name in after}
