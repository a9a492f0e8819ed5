"""`--help`, `queries` and a query on a cached graph never import the heavy libraries (nor YAML,
once the stored queries' checked metadata is remembered)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # a fresh interpreter per case

HEAVY = ("rdflib", "owlrl", "pyshacl", "importlib.metadata", "yaml")
PROBE = """
import json, sys
from aigraph.cli import main
sys.argv = ["aigraph", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m in {heavy})), file=sys.stderr)
""".replace("{heavy}", repr(set(HEAVY)))


def imported(home, *args) -> list[str]:
    env = {**os.environ, "AIGRAPH_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--help",), ("queries",), ("query", "--help"), ("query", "supporters", "--help")])
def test_help_and_the_catalog(home, args):
    imported(home, *args)  # remembers the queries' metadata
    assert imported(home, *args) == []


def test_a_query_on_a_cached_graph(home):
    imported(home, "query", "effective-after")  # builds and caches the graph
    assert imported(home, "query", "effective-after") == []
