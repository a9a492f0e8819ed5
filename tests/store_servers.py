"""Real stores for the tests: an Oxigraph server, and an HTTP front on loopback that adds faults.

Everything binds 127.0.0.1 only; servers are stopped by PID (or shut down) even when a test fails.
"""

from __future__ import annotations

import base64
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

READY_WITHIN = 20.0  # seconds for a server to start answering


def oxigraph_binary() -> str:
    """The `oxigraph` server from the test extra (next to this Python, else on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(process: subprocess.Popen, url: str, within: float, pause: float = 0.1,
                         read=lambda response: None) -> bool:
    """Poll `url` until it answers (and `read` accepts the response) or `within` seconds pass;
    False at once when the process has exited."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                read(response)
                return True
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(pause)
    return False


class OxigraphServer:
    """`oxigraph serve` on a free loopback port, persisting to `location`."""

    def __init__(self, location: Path):
        self.location = location
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OxigraphServer:
        for _ in range(3):  # a port taken between probing and binding: try another
            self.port = free_port()
            with open(self.location.parent / f"{self.location.name}-{self.port}.log", "wb") as log:
                self.process = subprocess.Popen(
                    [oxigraph_binary(), "serve", "--location", str(self.location),
                     "--bind", f"127.0.0.1:{self.port}"], stdout=log, stderr=subprocess.STDOUT)
            if self._wait_ready():
                return self
            self.kill()
        pytest.fail(f"oxigraph did not start; see the logs in {self.location.parent}")

    def _wait_ready(self) -> bool:
        return wait_until_answering(self.process, f"{self.base}/query?query=ASK%7B%7D", READY_WITHIN)

    def stop(self) -> None:
        """SIGTERM by PID, then SIGKILL if it lingers."""
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL by PID: the server dies at once, as in a crash."""
        self._signal(signal.SIGKILL)

    def _signal(self, which) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, which)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    # -- reading the store directly, bypassing aigraph --

    def query(self, text: str) -> list[dict]:
        import json
        from urllib.parse import urlencode

        request = urllib.request.Request(f"{self.base}/query", data=urlencode({"query": text}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)["results"]["bindings"]

    def count(self, graph: str | None = None) -> int:
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        return int(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")[0]["n"]["value"])

    def named_graphs(self) -> set[str]:
        return {row["g"]["value"] for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def ntriples(self, graph: str | None = None) -> bytes:
        from urllib.parse import urlencode

        where = "default" if graph is None else urlencode({"graph": graph})
        request = urllib.request.Request(f"{self.base}/store?{where}",
                                         headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.read()


class Front:
    """An HTTP server on loopback, in a thread, forwarding to `upstream` with faults on demand.

    auth: (user, password) required as HTTP Basic credentials, else 401.
    fail_first: answer the first N requests with `fail_status` (503) instead of forwarding them.
    cut_after: let N uploads to the Graph Store (PUT/POST /store) through, then for each later one
        forward half its body to the store and drop both connections (a store dying mid-upload).
    delay: seconds to wait before forwarding (to provoke client timeouts).
    update_fault: for SPARQL Updates (POST /update): "fail" answers 500 without forwarding;
        "lose-answer" forwards the update, lets the store apply it, then hangs up without an answer.
    """

    def __init__(self, upstream: str, auth=None, fail_first=0, fail_status=503, cut_after=None,
                 delay=0.0, update_fault=None):
        self.upstream = urlsplit(upstream)
        self.auth = auth
        self.fail_first, self.fail_status = fail_first, fail_status
        self.cut_after, self.delay = cut_after, delay
        self.update_fault = update_fault
        self.requests: list[tuple[str, str, int]] = []  # (method, path, status or 0 when cut)
        self.uploads = 0
        self.lock = threading.Lock()
        front = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                front.handle(self)

            do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                front.errors.append(sys.exc_info()[1])  # kept for the test, not printed

        self.errors: list[BaseException] = []  # e.g. the client hanging up on a cut upload
        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Front:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        upload = request.command in ("PUT", "POST") and request.path.startswith("/store")
        with self.lock:
            number = len(self.requests)
            if upload:
                self.uploads += 1
            cut = upload and self.cut_after is not None and self.uploads > self.cut_after
        if cut:
            body = request.rfile.read(length // 2)
            self._forward_partial(request, body, length)
            self.requests.append((request.command, request.path, 0))
            request.close_connection = True  # hang up without an answer
            return
        body = request.rfile.read(length) if length else None
        if self.auth and request.headers.get("Authorization") != _basic(*self.auth):
            return self._reply(request, 401, b"unauthorized\n", {"WWW-Authenticate": 'Basic realm="store"'})
        if number < self.fail_first:
            return self._reply(request, self.fail_status, b"the store is busy\n")
        update = request.command == "POST" and request.path.startswith("/update")
        if update and self.update_fault == "fail":
            return self._reply(request, 500, b"<!DOCTYPE html><html><head><title>Error</title></head>"
                                             b"<body><h1>500 Internal Server Error</h1>"
                                             b"<p>the update failed: disk full</p></body></html>",
                               {"Content-Type": "text/html"})
        time.sleep(self.delay)
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() not in ("host", "authorization", "connection")}
        connection.request(request.command, request.path, body=body, headers=headers)
        answer = connection.getresponse()
        content = answer.read()
        connection.close()
        if update and self.update_fault == "lose-answer":
            self.requests.append((request.command, request.path, 0))
            request.close_connection = True  # the store applied it; the client never hears so
            return
        kept = {k: v for k, v in answer.getheaders() if k.lower() == "content-type"}
        self._reply(request, answer.status, content, kept)

    def _reply(self, request, status: int, content: bytes, headers: dict | None = None) -> None:
        self.requests.append((request.command, request.path, status))
        request.send_response(status)
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(content)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(content)

    def _forward_partial(self, request, body: bytes, length: int) -> None:
        """Send the store the headers and part of the body, then hang up (the store sees a cut)."""
        head = (f"{request.command} {request.path} HTTP/1.1\r\nHost: {self.upstream.netloc}\r\n"
                f"Content-Type: {request.headers.get('Content-Type')}\r\n"
                f"Content-Length: {length}\r\nConnection: close\r\n\r\n").encode()
        with socket.create_connection((self.upstream.hostname, self.upstream.port), timeout=10) as raw:
            raw.sendall(head + body)
            time.sleep(0.2)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """One Oxigraph server for a test module."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_oxigraph(tmp_path):
    """An Oxigraph server of the test's own, for tests that stop or kill it."""
    server = OxigraphServer(tmp_path / "db").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    """Loopback requests must not go through a proxy the environment may name."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
