"""A real HTTP proxy in front of the test portal that can fail on purpose.

It forwards every request to the portal unchanged, except when told to answer like a
reverse proxy whose backend is down (502/503 with an HTML page): the portal itself stays
up for the other tests, while the publisher sees the outage over real HTTP.
"""
from __future__ import annotations

import http.client
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "proxy-connection"}


class FlakyProxy:
    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self.target_host, self.target_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.lock = threading.Lock()
        self.forwarded = 0  # requests passed to the portal
        self.failed = 0  # requests answered with an error
        self.fail_after: int | None = None  # after forwarding this many requests ...
        self.fail_statuses: list[int] = []  # ... answer the next ones with these, one each
        self.down_after: int | None = None  # forward this many requests, then answer 502 to all
        self.down = False
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep the test output readable
                pass

            def do_GET(self) -> None:
                proxy.handle(self)

            def do_POST(self) -> None:
                proxy.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail_later(self, after: int, statuses: list[int]) -> None:
        with self.lock:
            self.fail_after, self.fail_statuses = self.forwarded + after, list(statuses)

    def go_down_after(self, requests: int) -> None:
        with self.lock:
            self.down_after = self.forwarded + requests

    def come_back(self) -> None:
        with self.lock:
            self.down, self.down_after, self.fail_statuses = False, None, []

    def _failure(self) -> int | None:
        with self.lock:
            if self.down_after is not None and self.forwarded >= self.down_after:
                self.down = True
            if self.down:
                self.failed += 1
                return 502
            if self.fail_statuses and self.fail_after is not None and self.forwarded >= self.fail_after:
                self.failed += 1
                return self.fail_statuses.pop(0)
            self.forwarded += 1
            return None

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        status = self._failure()
        if status is not None:
            page = f"<html><body><h1>{status} {HTTPStatus(status).phrase}</h1>nginx</body></html>".encode()
            request.send_response(status)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", str(len(page)))
            request.end_headers()
            request.wfile.write(page)
            return
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        connection = http.client.HTTPConnection(self.target_host, self.target_port, timeout=120)
        try:
            connection.request(request.command, request.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            request.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP and key.lower() != "content-length":
                    request.send_header(key, value)
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            request.wfile.write(payload)
        finally:
            connection.close()
