"""A small Flask API for the http source tests, served on a free local port in a thread.

It pages in four styles, asks for a bearer token, answers 503 to every third request (the
client must retry), and its data can be changed between runs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.serving import make_server

TOKEN = "Token-Rat-Bi-Mat-4711"


@dataclass
class ApiState:
    records: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    failures: int = 0
    fail_every: int = 3
    since_asked: list[str | None] = field(default_factory=list)  # /api/page's updated_since

    def set_rows(self, count: int, beds: int = 10) -> None:
        self.records = [
            {
                "ma": f"{14000 + i:05d}",
                "ten": {"vi": f"Trạm y tế {i}"},
                "giuong": [{"so": beds + i}],
                "cap_nhat": f"2025-03-{i % 28 + 1:02d}",
            }
            for i in range(count)
        ]


def create_app(state: ApiState) -> Flask:
    app = Flask(__name__)

    @app.before_request
    def guard() -> Response | None:
        state.requests += 1
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return Response("unauthorised", status=401)
        if state.fail_every and state.requests % state.fail_every == 0:
            state.failures += 1
            return Response("busy", status=503)
        return None

    def size() -> int:
        return int(request.args.get("size", 7))

    @app.get("/api/page")
    def by_page() -> Response:
        page = int(request.args.get("page", 1))
        since = request.args.get("updated_since")  # records changed after it (ISO text)
        state.since_asked.append(since)
        records = [r for r in state.records if since is None or r["cap_nhat"] > since]
        items = records[(page - 1) * size() : page * size()]
        return jsonify({"data": {"items": items}, "page": page})

    @app.get("/api/offset")
    def by_offset() -> Response:
        offset = int(request.args.get("offset", 0))
        return jsonify(state.records[offset : offset + size()])

    @app.get("/api/cursor")
    def by_cursor() -> Response:
        start = int(request.args.get("cursor") or 0)
        items = state.records[start : start + size()]
        following = start + size() if start + size() < len(state.records) else None
        return jsonify({"items": items, "meta": {"next": None if following is None else str(following)}})

    @app.get("/api/next")
    def by_link() -> Response:
        start = int(request.args.get("from", 0))
        items = state.records[start : start + 5]
        link = f"/api/next?from={start + 5}" if start + 5 < len(state.records) else None
        return jsonify({"results": items, "links": {"next": link}})

    @app.get("/api/elsewhere")
    def elsewhere() -> Response:
        return jsonify({"results": state.records[:5],
                        "links": {"next": "http://other.example/api?from=5"}})

    @app.get("/api/3/action/package_search")
    def package_search() -> Response:
        """Shaped like CKAN's answer: the example spec in dataset_specs/examples/live reads it."""
        start, rows = int(request.args.get("start", 0)), int(request.args.get("rows", 10))
        results = [
            {"name": f"bo-du-lieu-{r['ma']}", "title": r["ten"]["vi"],
             "organization": {"title": "Sở Y tế"}, "update_frequency": "annual"}
            for r in state.records[start : start + rows]
        ]
        return jsonify({"success": True, "result": {"count": len(state.records),
                                                    "results": results}})

    @app.get("/api/html")
    def html() -> Response:
        return Response("<html><body>Bảo trì hệ thống</body></html>", mimetype="text/html")

    @app.get("/api/csv-1258")
    def legacy_csv() -> Response:
        text = "ma_co_so,ten_co_so,so_giuong,ngay_cap_nhat\r\n14000,Đơn Sơn La,3,2025-01-01\r\n"
        return Response(text.encode("cp1258"), mimetype="text/csv")

    @app.get("/api/csv")
    def as_csv() -> Response:
        lines = ["ma_co_so,ten_co_so,so_giuong,ngay_cap_nhat"]
        lines += [f"{r['ma']},{r['ten']['vi']},{r['giuong'][0]['so']},{r['cap_nhat']}"
                  for r in state.records]
        return Response("\r\n".join(lines) + "\r\n", mimetype="text/csv")

    return app


@dataclass
class RunningApi:
    url: str
    state: ApiState


def serve(state: ApiState) -> Iterator[RunningApi]:
    server = make_server("127.0.0.1", 0, create_app(state), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RunningApi(f"http://127.0.0.1:{server.server_port}", state)
    finally:
        server.shutdown()
        thread.join(5)
