"""A store cannot hold a request open past --timeout by trickling bytes, cannot make us print the
credentials it echoes back, and cannot reach the terminal with escapes in its error body."""

from __future__ import annotations

import http.server
import socket
import struct
import threading
import time
from typing import ClassVar

import pytest
from click.testing import CliRunner

from aigraph.cli import cli
from aigraph.stores.http_auth import Credentials
from aigraph.stores.http_client import Client, StatusError
from aigraph.stores.http_safety import redact, secrets_of

pytestmark = pytest.mark.slow  # servers that trickle for seconds: see `pytest -m "not slow"`
PASSWORD = "s3cret-pass"


class Trickle(http.server.BaseHTTPRequestHandler):
    """Answers one byte every 0.3 s: in the body (mode "body") or already in the status line ("head")."""

    mode = "body"

    def handle_one_request(self):
        self.raw_requestline = self.rfile.readline(65537)
        if not self.parse_request():
            return
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 4000\r\n\r\n"
        if self.mode == "body":
            self.wfile.write(head)
            head = b""
        try:
            for byte in (head + b" " * 4000)[:400]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, *args):
        pass


class Echo(http.server.BaseHTTPRequestHandler):
    """Rejects every request, echoing its Authorization header (and a terminal escape) in the body."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = (f"\x1b]0;pwned\x07bad request: you sent Authorization: {self.headers.get('Authorization')} "
                f"and the password {PASSWORD}\n").encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_GET = do_DELETE = do_POST

    def log_message(self, *args):
        pass


def serve(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(params=["body", "head"])
def trickle(request):
    handler = type("TrickleNow", (Trickle,), {"mode": request.param})
    server = serve(handler)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def echo():
    server = serve(Echo)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run(home, *args, env=None):
    result = CliRunner(env=env).invoke(cli, ["--home", str(home), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), "traceback"
    return result


def test_a_trickling_endpoint_is_cut_at_the_timeout(home, trickle):
    started = time.monotonic()
    result = run(home, "sparql", "--endpoint", f"{trickle}/sparql", "--timeout", "1.5", "SELECT * WHERE { ?s ?p ?o }")
    assert (result.exit_code, result.output) == (1, f"Error: endpoint {trickle}/sparql did not answer within 1.5 s\n")
    assert time.monotonic() - started < 60  # the trickle would last 120 s: it was cut, not waited out


def test_a_trickling_store_is_cut_at_the_timeout_when_loading(home, trickle):
    result = run(home, "load", "--store", f"{trickle}/store", "--endpoint", f"{trickle}/query",
                 "--update", f"{trickle}/update", "--timeout", "1.5")
    assert (result.exit_code, result.output) == (  # one PUT to a store of Oxigraph's shape: it took all or none
        1, f"Error: endpoint {trickle}/store did not answer within 1.5 s; the store takes a request whole or "
           "not at all: check what the target holds\n")


def test_echoed_credentials_are_redacted(home, echo):
    result = run(home, "sparql", "--endpoint", f"{echo}/sparql", "--user", "admin", "--password-env", "PW",
                 "ASK { ?s ?p ?o }", env={"PW": PASSWORD})
    token = secrets_of("admin", PASSWORD)[1]
    assert PASSWORD not in result.output and token not in result.output and "\x1b" not in result.output
    assert (result.exit_code, result.output) == (
        1, f"Error: POST {echo}/sparql answered 400 Bad Request: the store rejected the request "
           "(\\u001B]0;pwned\\u0007bad request: you sent Authorization: [redacted] and the password [redacted])\n")


@pytest.mark.parametrize("text, shown", [
    ("Authorization: Basic YWRtaW46cHc=", "Authorization: [redacted]"),
    ('{"authorization": "Bearer abc.def"}', '{"authorization": "[redacted]"}'),
    ("proxy-authorization=Digest x", "proxy-authorization=[redacted]"),
    ("check the authorization settings", "check the authorization settings"),
])
def test_redact(text, shown):
    assert redact(text) == shown


class HangsUpOnBasic(http.server.BaseHTTPRequestHandler):
    """Virtuoso's way with a large upload sent with Basic credentials: it hangs up before reading
    the body, and says what it wants (a Digest challenge) only to a HEAD. Counts the requests."""

    protocol_version = "HTTP/1.1"
    seen: ClassVar[list[str]] = []  # each test makes a subclass with its own list

    def do_HEAD(self):
        self.seen.append("HEAD")
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Digest realm="test", nonce="n0nce", qop="auth", algorithm="MD5"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self):
        authorization = self.headers.get("Authorization", "")
        self.seen.append(f"PUT {authorization.split(' ')[0]}")
        if not authorization.startswith("Digest "):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True  # a reset, with the body unread
            return
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_store_that_hangs_up_on_basic_credentials_is_asked_for_its_digest_challenge():
    handler = type("HangsUpNow", (HangsUpOnBasic,), {"seen": []})
    server = serve(handler)
    try:
        client = Client(timeout=20, credentials=Credentials("loader", PASSWORD), backoff=0.05)
        body = b"<urn:s> <urn:p> <urn:o> .\n" * 400_000  # 10 MB: the store hangs up long before its end
        answer = client.request("PUT", f"http://127.0.0.1:{server.server_address[1]}/store?graph=urn:g", body,
                                {"Content-Type": "application/n-triples"})
    finally:
        server.shutdown()
        server.server_close()
    assert answer.status == 201
    assert handler.seen == ["PUT Basic", "HEAD", "PUT Digest"]


def test_a_store_that_hangs_up_on_an_anonymous_upload_is_reported_as_wanting_credentials():
    """Virtuoso may hang up on a large upload sent without credentials instead of answering 401
    (seen under load): the store is asked with a HEAD, and the error says what to give."""
    handler = type("HangsUpOnAnyone", (HangsUpOnBasic,), {"seen": []})
    server = serve(handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    try:
        with pytest.raises(StatusError) as caught:
            Client(timeout=20, backoff=0.05).request("PUT", f"{url}?graph=urn:g", b"<urn:s> <urn:p> <urn:o> .\n" * 400_000,
                                                    {"Content-Type": "application/n-triples"})
    finally:
        server.shutdown()
        server.server_close()
    assert str(caught.value) == f"PUT {url} answered 401 Unauthorized: check --user and --password-env"
    assert handler.seen == ["PUT ", "HEAD"]


class PartialAnswer(http.server.BaseHTTPRequestHandler):
    """A store answering a query with one row of many, saying so the way `headers` does."""

    headers_sent: ClassVar[dict[str, str]] = {}
    status = 200

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:a"}}]}}'
        self.send_response(self.status)
        for name, value in {"Content-Type": "application/sparql-results+json", **self.headers_sent}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "headers", "said"), [
    (200, {"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"},
     "the store stopped the query at its time limit and sent a partial answer"),
    (206, {}, "the store sent a partial answer (206)"),
], ids=["virtuoso-anytime", "206"])
def test_a_partial_answer_is_an_error_not_a_short_table(home, status, headers, said):
    server = serve(type("Partial", (PartialAnswer,), {"status": status, "headers_sent": headers}))
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        result = run(home, "sparql", "--endpoint", endpoint, "SELECT ?s WHERE { ?s ?p ?o }")
    finally:
        server.shutdown()
        server.server_close()
    assert (result.exit_code, result.output) == (
        1, f"Error: POST {endpoint}: {said}; raise the limit in the store's configuration, or narrow the query\n")
