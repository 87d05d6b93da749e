"""`--verbose`: every HTTP step to the portal is shown, the token never (issue 18).

A plain local HTTP server (not a CKAN: no claim about CKAN is made here) answers
``sonla_freshness_list`` and records the headers it received, so the test proves the token was
really sent while the output never shows it. tests/e2e/test_status.py checks the same against a
real portal.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main
from sonla_publisher.portal.http_trace import HttpStep, step_params

TOKEN = "eyJhbGciOi.bi-mat-khong-bao-gio-in-ra.9f8e7d"
ANSWER = {
    "success": True,
    "result": {"today": "2026-11-23", "datasets": [], "agencies": []},
}


class Portal(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Portal.received.append({"path": self.path, **dict(self.headers)})
        body = json.dumps(ANSWER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture
def portal() -> Iterator[str]:
    Portal.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    clean = {key: None for key in ("SONLA_CKAN_URL", "SONLA_CKAN_TOKEN", "SONLA_CONFIG", "SONLA_LANG")}
    return CliRunner().invoke(main, args, env={**clean, **(env or {})})


def everything(result: Result) -> str:
    return result.output + result.stderr + repr(result.exception or "")


def test_each_request_is_shown_and_the_token_never(portal: str) -> None:
    result = run(["status", "--verbose", "--url", portal, "--token", TOKEN])
    assert result.exit_code == 0, everything(result)
    assert Portal.received and Portal.received[0]["Authorization"] == TOKEN  # the token was sent
    assert "HTTP POST /api/action/sonla_freshness_list → 200 (" in result.stderr
    assert " ms)" in result.stderr
    assert TOKEN not in everything(result)
    assert "HTTP POST" not in result.stdout  # the report on stdout stays as it was


@pytest.mark.parametrize("where", ["config", "environment", "url"])
def test_no_token_from_any_source_is_printed(portal: str, tmp_path: Path, where: str) -> None:
    env: dict[str, str | None] = {}
    url = portal
    if where == "config":
        config = tmp_path / "config.ini"
        config.write_text(f"[portal]\nurl = {portal}\ntoken = {TOKEN}\n", encoding="utf-8")
        config.chmod(0o600)
        env["SONLA_CONFIG"] = str(config)
        args = ["status", "--verbose", "--lang", "en"]
    elif where == "environment":
        env["SONLA_CKAN_TOKEN"] = TOKEN
        args = ["status", "--verbose", "--url", portal, "--lang", "en"]
    else:  # someone pastes a URL holding the token as a password and a query parameter
        url = portal.replace("http://", f"http://user:{TOKEN}@") + f"/?token={TOKEN}"
        args = ["status", "--verbose", "--url", url, "--token", TOKEN, "--lang", "en"]
    result = run(args, env)
    assert "HTTP POST /" in result.stderr and "→ 200 (" in result.stderr, everything(result)
    assert TOKEN in Portal.received[0]["Authorization"] or where == "url"  # requests: the URL's user wins
    assert TOKEN not in everything(result)


def test_an_unreachable_address_is_named_without_its_secrets() -> None:
    url = f"http://user:{TOKEN}@127.0.0.1:9/portal?token={TOKEN}"
    result = run(["status", "--verbose", "--url", url, "--timeout", "2", "--lang", "en"])
    assert result.exit_code == 2
    assert "http://127.0.0.1:9/portal" in result.stderr
    assert TOKEN not in everything(result)


def test_a_request_without_an_answer_is_shown_without_the_token(tmp_path: Path) -> None:
    # Port 9 (discard) is closed: the request fails before any answer.
    result = run(["status", "--verbose", "--url", "http://127.0.0.1:9", "--token", TOKEN, "--timeout", "2"])
    assert result.exit_code == 2
    assert "HTTP POST /api/action/sonla_freshness_list → không có trả lời: ConnectionError (" in result.stderr
    assert TOKEN not in everything(result)


def test_without_verbose_nothing_is_traced(portal: str) -> None:
    result = run(["status", "--url", portal, "--token", TOKEN])
    assert result.exit_code == 0
    assert "HTTP " not in everything(result)


def test_a_secret_in_a_path_is_replaced() -> None:
    step = HttpStep("get", f"https://u:{TOKEN}@portal/api/{TOKEN}/x?apikey={TOKEN}", 0.25, status=200)
    params = step_params(step, [TOKEN, None])
    assert params == {"method": "GET", "path": "/api/***/x", "status": "200", "reason": "", "ms": 250}
