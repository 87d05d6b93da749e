"""The CKAN client gives up on a silent server, and portal errors become clear messages."""

import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from ckanapi import NotAuthorized, ValidationError
from sonla_publisher.errors import PortalError, PortalUnreachable
from sonla_publisher.portal.client import USER_AGENT, make_client, portal_errors


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_requests_time_out(silent_server: str) -> None:
    ckan = make_client(silent_server, "secret-token", read_timeout=1)
    started = time.monotonic()
    with pytest.raises(PortalUnreachable) as raised, portal_errors(ckan.address, dataset="x"):
        ckan.action.package_show(id="x")
    assert time.monotonic() - started < 10
    assert raised.value.exit_code == 2
    assert "secret-token" not in raised.value.message("vi")


def test_client_identifies_itself() -> None:
    ckan = make_client("http://127.0.0.1:9/", None)
    assert ckan.user_agent == USER_AGENT
    assert ckan.address == "http://127.0.0.1:9"


def test_connection_refused_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ckan = make_client(f"http://127.0.0.1:{port}", None, read_timeout=2)
    with pytest.raises(PortalUnreachable), portal_errors(ckan.address):
        ckan.action.status_show()


def test_not_authorized_names_dataset_and_organization() -> None:
    with pytest.raises(PortalError) as raised, portal_errors("u", dataset="co-so", org="so-y-te"):
        raise NotAuthorized({"message": "Access denied"})
    message = raised.value.message("vi")
    assert "«co-so»" in message and "«so-y-te»" in message
    assert raised.value.exit_code == 1


def test_missing_organization() -> None:
    error = ValidationError({"owner_org": ["Organization does not exist"], "__type": "Validation Error"})
    with pytest.raises(PortalError) as raised, portal_errors("u", dataset="co-so", org="so-moi"):
        raise error
    assert raised.value.message_id == "portal.org_missing"
    assert "portal setup" in raised.value.message("vi")


def test_other_validation_errors_are_listed() -> None:
    error = ValidationError({"name": ["That URL is already in use."], "__type": "Validation Error"})
    with pytest.raises(PortalError) as raised, portal_errors("u", dataset="co-so", org="so-y-te"):
        raise error
    assert raised.value.message("en") == ('The portal rejected dataset "co-so": name: That URL is already in use.')


class HtmlOnly(http.server.BaseHTTPRequestHandler):
    """Answers every request with an HTML page, like a web server that is not CKAN."""

    def do_POST(self) -> None:
        body = b"<!DOCTYPE html><html><body>Not here</body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


def test_a_server_that_is_not_ckan_is_reported_as_such() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HtmlOnly)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        ckan = make_client(f"http://127.0.0.1:{server.server_address[1]}", None, read_timeout=5)
        with pytest.raises(PortalUnreachable) as raised, portal_errors(ckan.address):
            ckan.action.organization_list()
    finally:
        server.shutdown()
        server.server_close()
    assert raised.value.message_id == "portal.not_ckan"
    assert "HTTP 404" in raised.value.message("en")


class JsonServerError(http.server.BaseHTTPRequestHandler):
    """Answers like CKAN when an action crashes: HTTP 500 with a JSON error body."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"success": false, "error": {"message": "Internal Server Error", "__type": "Internal Server Error"}}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


def test_a_ckan_internal_error_is_worth_a_retry() -> None:
    from sonla_publisher.portal.client import is_transient

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), JsonServerError)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        ckan = make_client(f"http://127.0.0.1:{server.server_address[1]}", None, read_timeout=5)
        with pytest.raises(PortalUnreachable) as raised, portal_errors(ckan.address):
            ckan.action.datastore_create(resource_id="x")
    finally:
        server.shutdown()
        server.server_close()
    assert raised.value.message_id == "portal.server_error"
    assert "HTTP 500" in raised.value.message("en")
    assert is_transient(raised.value)
