"""A real Virtuoso for the tests: private virtuoso.ini and database under a tmp folder, 127.0.0.1 only.

One server per test session (a fresh database takes Virtuoso 10-20 s to create). It is set up the
way README's "Virtuoso" section says: the dba password changed, and a loader user with the
SPARQL_UPDATE role, which /sparql-auth and /sparql-graph-crud-auth accept with HTTP Digest.
Stopped by PID (SIGTERM, then SIGKILL) when the session ends.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers import missing
from store_servers import free_port, wait_until_answering

READY_WITHIN = 90.0  # seconds: creating a fresh database is slow on a busy machine
DBA_PASSWORD = "dbaTest8842"  # isql reads it as a name: letters and digits
LOADER = ("aigraph_loader", "loaderTest5179")

_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    return (server, isql) if server and isql else None


def require_virtuoso() -> tuple[str, str]:
    """The binaries; in CI a missing Virtuoso fails the tests, elsewhere it skips them."""
    found = virtuoso_binaries()
    if found is None:
        message = ("Virtuoso is not installed (virtuoso-t and isql-vt): "
                   "apt-get install -y virtuoso-opensource")
        missing(message)
    return found


class VirtuosoServer:
    """virtuoso-t in the foreground, on free loopback ports, with its database in `folder`."""

    def __init__(self, folder: Path, sparql_limits: dict[str, int] | None = None):
        self.folder = folder
        self.sparql_limits = sparql_limits or {}  # [SPARQL] settings of virtuoso.ini to change
        self.process: subprocess.Popen | None = None
        self.http_port = self.sql_port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self) -> VirtuosoServer:
        server, self.isql_binary = require_virtuoso()
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(3):  # a port taken between probing and binding: try others
            self.http_port, self.sql_port = free_port(), free_port()
            ini = self.folder / "virtuoso.ini"
            settings = _INI.format(db=self.folder, sql_port=self.sql_port, http_port=self.http_port)
            for name, value in self.sparql_limits.items():
                settings = re.sub(rf"(?m)^{name} = .*$", f"{name} = {value}", settings)
            ini.write_text(settings)
            with open(self.folder / "server.log", "ab") as log:
                self.process = subprocess.Popen([server, "+foreground", "+configfile", str(ini)],
                                                cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
            if self._wait_ready():
                self._set_up()
                return self
            self.stop()
        pytest.fail(f"Virtuoso did not start; see {self.folder}/server.log and virtuoso.log")

    def _wait_ready(self) -> bool:
        return wait_until_answering(self.process, f"{self.base}/sparql?query=ASK%7B%7D", READY_WITHIN, 0.3)

    def _set_up(self) -> None:
        user, password = LOADER
        self.isql("dba", f"SET PASSWORD dba {DBA_PASSWORD};")
        self.isql("dba", DBA_PASSWORD, f"DB.DBA.USER_CREATE('{user}', '{password}');",
                  f'GRANT SPARQL_UPDATE TO "{user}";', "checkpoint;")

    def isql(self, user: str, password: str, *statements: str) -> str:
        """Run SQL statements through isql; a failure stops the test with isql's output."""
        if not statements:  # isql("dba", "SET PASSWORD ...;"): the first login uses the default
            statements, password = (password,), "dba"
        result = subprocess.run([self.isql_binary, f"127.0.0.1:{self.sql_port}", user, password,
                                 "exec=" + " ".join(statements)], capture_output=True, text=True,
                                timeout=60)
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            pytest.fail(f"isql failed: {(result.stdout + result.stderr).strip()[-500:]}")
        return result.stdout

    def stop(self) -> None:
        """SIGTERM by PID, then SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    # -- reading the store directly, bypassing aigraph --

    def query(self, text: str, graph: str | None = None) -> list[dict]:
        form = [("query", text)] + ([("default-graph-uri", graph)] if graph else [])
        request = urllib.request.Request(f"{self.base}/sparql", data=urllib.parse.urlencode(form).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.load(answer)["results"]["bindings"]

    def count(self, graph: str) -> int:
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]["value"])

    def named_graphs(self) -> set[str]:
        return {row["g"]["value"] for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def ntriples(self, graph: str) -> str:
        rows = self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return "".join(f"{_term(r['s'])} {_term(r['p'])} {_term(r['o'])} .\n" for r in rows)


def _term(binding: dict) -> str:
    value = binding["value"]
    if binding["type"] == "uri":
        return f"<{value}>"
    if binding["type"] == "bnode":
        return f"_:{value}"
    quoted = json.dumps(value, ensure_ascii=False)
    if "xml:lang" in binding:
        return f"{quoted}@{binding['xml:lang']}"
    if "datatype" in binding:
        return f"{quoted}^^<{binding['datatype']}>"
    return quoted


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """One Virtuoso for the whole test session."""
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso") / "db")
    try:
        yield server.start()
    finally:
        server.stop()
