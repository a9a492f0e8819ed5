"""`--help`, `queries` and a query on a cached graph never import the heavy libraries (nor YAML,
once the stored queries' checked metadata is remembered), nor what only other commands need:
the name index (sqlite3), HTTP, subprocesses, archives (shutil), hashing of unchanged inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # a fresh interpreter per case

HEAVY = ("rdflib", "owlrl", "pyshacl", "importlib.metadata", "yaml")
ELSEWHERE = ("sqlite3", "http.client", "urllib.request", "ssl", "socket", "email", "subprocess", "tempfile",
             "logging", "xml", "decimal", "pickle", "difflib", "shutil", "asyncio", "concurrent.futures")
PROBE = """
import json, os, sys
from aigraph.cli import main
if os.environ.get("PROBE_ON_DISK"):  # every graph cached as an on-disk store, as a large one is
    import aigraph.cache
    aigraph.cache.LARGE = 1
sys.argv = ["aigraph", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m in {watched})), file=sys.stderr)
""".replace("{watched}", repr({*HEAVY, *ELSEWHERE, "hashlib"}))


def imported(home, *args, on_disk: bool = False) -> list[str]:
    env = {**os.environ, "AIGRAPH_HOME": str(home), "PROBE_ON_DISK": "1" if on_disk else ""}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--help",), ("queries",), ("query", "--help"), ("query", "supporters", "--help")])
def test_help_and_the_catalog(home, args):
    imported(home, *args)  # remembers the queries' metadata
    assert imported(home, *args) in ([], ["shutil"])  # shutil: click measures the terminal for help


@pytest.mark.parametrize(("fmt", "terminal"), [("csv", []), ("json", []), ("table", ["shutil"])])
def test_a_query_on_a_cached_graph(home, fmt, terminal):
    first = imported(home, "query", "effective-after")  # builds and caches the graph
    assert {"hashlib", "shutil", "sqlite3"} <= set(first)  # what the probe would see if it were loaded
    assert imported(home, "query", "effective-after", "--format", fmt) == terminal  # a table measures it


def test_a_query_on_a_cached_store_hashes_nothing(home):
    imported(home, "query", "effective-after", "--format", "csv", on_disk=True)  # builds the store
    assert imported(home, "query", "effective-after", "--format", "csv", on_disk=True) == []
