"""A real HTTP proxy in front of the test portal that can fail on purpose.

It forwards every request to the portal unchanged, except when told to answer like a
reverse proxy whose backend is down (502/503 with an HTML page): the portal itself stays
up for the other tests, while the publisher sees the outage over real HTTP.

It also stops a client at a known point, so that tests need no sleeps or races: it can hold
the requests that follow a given action (``hold_after``), tell when a request has reached the
portal (``on_sent``) and when the portal has answered everything it was sent (``wait_idle``).
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
        self.in_flight = 0  # requests sent on to the portal and not answered by it yet
        self.idle = threading.Condition(self.lock)
        self.hold_action: str | None = None  # once this action was answered, hold the requests after it
        self.holding = threading.Event()  # set while a request is held
        self.released = threading.Event()
        self.sent_waits: list[tuple[str, int, threading.Event]] = []
        self.sent: list[str] = []  # paths of the requests sent on to the portal, in order
        self.answered: list[str] = []  # ... and of those the portal answered
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep the test output readable
                pass

            def do_GET(self) -> None:
                self.handle_quietly()

            def do_POST(self) -> None:
                self.handle_quietly()

            def handle_quietly(self) -> None:
                try:
                    proxy.handle(self)
                except (BrokenPipeError, ConnectionResetError):  # a test killed the client
                    self.close_connection = True

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

    def hold_after(self, action: str) -> None:
        """Once a request to ``action`` (a part of its path) has been answered, hold every later
        request until ``release()``; held requests are never sent on (they get a 502)."""
        with self.lock:
            self.hold_action = action
            self.released.clear()

    def release(self) -> None:
        self.released.set()

    def on_sent(self, action: str, nth: int = 1) -> threading.Event:
        """An event set once the nth request to ``action`` has been sent on to the portal."""
        event = threading.Event()
        with self.lock:
            self.sent_waits.append((action, nth, event))
        return event

    def wait_idle(self, timeout: float) -> bool:
        """Wait until the portal has answered every request sent on to it (even a client's that
        is gone): then nothing it was asked to write is still being written."""
        with self.idle:
            return self.idle.wait_for(lambda: self.in_flight == 0, timeout=timeout)

    def _hold(self) -> bool:
        """Whether this request is to be held (not sent on): one after ``hold_after``'s action."""
        with self.lock:
            action = self.hold_action
            if action is None or not any(action in path for path in self.answered):
                return False
        self.holding.set()
        self.released.wait(timeout=300)
        return True

    def _sending(self, path: str) -> None:
        with self.lock:
            self.in_flight += 1
            self.sent.append(path)
            for action, nth, event in self.sent_waits:
                if sum(action in sent for sent in self.sent) >= nth:
                    event.set()

    def _answered(self, path: str) -> None:
        with self.lock:
            self.in_flight -= 1
            self.answered.append(path)
            self.idle.notify_all()

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
        status = 502 if self._hold() else self._failure()
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
            self._sending(request.path)
            try:
                connection.request(request.command, request.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            finally:
                self._answered(request.path)
            request.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP and key.lower() != "content-length":
                    request.send_header(key, value)
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            request.wfile.write(payload)
        finally:
            connection.close()
