"""Runaway queries: a local --timeout, Ctrl-C that stops at once with exit 130 (a real process and a
real SIGINT), nesting refused before parsing, rows bounded, and SERVICE failures as one line."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.errors import AigraphError

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p . ?q ?r ?s }"


def aigraph(home, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "aigraph", "--home", str(home), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), "traceback"
    return result


@pytest.mark.slow
def test_a_local_query_stops_at_its_timeout(home):
    process = aigraph(home, "sparql", "--timeout", "1", CARTESIAN)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (
        1, "", "Error: query: stopped after 1 s (--timeout); add LIMIT, narrow the patterns or raise --timeout\n")


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc to see the worker start")
def test_ctrl_c_stops_a_running_query_with_130(home):
    process = aigraph(home, "sparql", "--timeout", "600", CARTESIAN)
    try:
        started = time.monotonic()
        while process.poll() is None and threads(process.pid) < 2 and time.monotonic() - started < 120:
            time.sleep(0.05)  # until the query's worker thread runs
        time.sleep(0.5)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)  # at once, not after the query: it would run for hours
    finally:
        process.kill()
    assert (process.returncode, out, err) == (130, "", "\naigraph: interrupted\n")


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { " + "{" * 5000 + "?s ?p ?o" + "}" * 5000 + " }",
    "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE {\n ?s ?p " + "[ <http://example.org/p> " * 300 + "1" + " ]" * 300 + " }",
])
def test_deep_nesting_is_refused_before_parsing(home, text):
    result = run(home, "sparql", text)
    line = text.count("\n", 0, text.index("[")) + 1 if "[" in text else 1
    assert (result.exit_code, result.output) == (1, f"Error: query: line {line}: brackets nested more than 256 deep\n")


def test_a_stored_query_nested_too_deep_is_refused(home):
    path = home / "queries" / "deep.rq"
    path.write_text("#+ summary: s\nSELECT * WHERE { " + "{" * 300 + "?s ?p ?o" + "}" * 300 + " }\n")
    result = run(home, "query", "deep")
    assert (result.exit_code, result.output) == (1, f"Error: {path}: line 2: brackets nested more than 256 deep\n")


def test_nesting_within_the_limit_still_runs(home):
    result = run(home, "sparql", "--format", "csv", "SELECT ?n WHERE { " + "{" * 200 + "BIND(1 AS ?n)" + "}" * 200 + " }")
    assert (result.exit_code, result.output.splitlines()) == (0, ["n", "1"])


def test_rows_held_in_memory_are_bounded(home):
    with pytest.raises(AigraphError) as error:
        Aigraph(home, max_rows=3).execute("SELECT * WHERE { ?s ?p ?o }")
    assert str(error.value) == "query: the answer has more than 3 rows; add LIMIT and OFFSET, or raise --max-rows"
    with pytest.raises(AigraphError) as error:
        Aigraph(home, max_rows=3).execute("CONSTRUCT WHERE { ?s ?p ?o }")
    assert str(error.value) == "query: the answer has more than 3 rows; add LIMIT and OFFSET, or raise --max-rows"
    assert len(Aigraph(home, max_rows=3).execute("SELECT * WHERE { ?s ?p ?o } LIMIT 3").rows) == 3


def test_a_table_holds_at_most_table_rows(home, monkeypatch):
    from aigraph.queries import worker

    monkeypatch.setattr(worker, "TABLE_ROWS", 3)
    result = run(home, "sparql", "--format", "table", "SELECT * WHERE { ?s ?p ?o }")
    assert (result.exit_code, result.output) == (
        1, "Error: query: the answer has more than 3 rows; use --format csv, tsv or json, or add LIMIT\n")
    assert run(home, "sparql", "--format", "csv", "SELECT * WHERE { ?s ?p ?o }").exit_code == 0


class JsonLdStore(http.server.BaseHTTPRequestHandler):
    """A 'SPARQL endpoint' that answers every query with JSON-LD."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"@id": "http://example.org/a", "http://example.org/p": "x"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture
def jsonld_store():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), JsonLdStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_a_service_answering_json_ld_is_one_line(home, jsonld_store):
    result = run(home, "sparql", "--allow-service", f"SELECT * WHERE {{ SERVICE <{jsonld_store}> {{ ?s ?p ?o }} }}")
    assert result.exit_code == 1 and result.output.startswith("Error: query: ")
    assert result.output.count("\n") == 1


def test_a_refused_service_is_one_line(home):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}"
    result = run(home, "sparql", "--allow-service", text)
    assert result.exit_code == 1 and result.output.startswith("Error: query: ")
    assert result.output.count("\n") == 1
