"""The publisher's PostgreSQL tests of live sources (tests/publisher/test_live_sql.py: read-only
transaction, statement timeout, server-side cursor), run against the e2e portal's embedded
PostgreSQL: the publisher's own suite has no server and skips them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def test_the_postgres_cases_of_the_sql_source(portal):
    from sonla_stack.postgres import socket_dir

    socket = socket_dir(portal.run_dir / "pgdata")
    env = dict(os.environ, SONLA_TEST_POSTGRES_URL=f"postgresql://postgres@/postgres?host={socket}")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:ckan",
         "-p", "no:ckan_fixtures", "-k", "postgres",
         str(REPO / "tests" / "publisher" / "test_live_sql.py")],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout and "skipped" not in result.stdout
