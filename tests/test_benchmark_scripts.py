"""The benchmarks' stand-ins keep up with the code they stand in for: run.py records a command that
fails as "exit 1" in its table and goes on, so nothing else would tell."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aigraph import cache

pytestmark = pytest.mark.slow  # a build on disk in a child process

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import find_bench  # noqa: E402
import generate  # noqa: E402


def test_the_build_without_the_name_index_runs_where_the_graph_goes_to_disk(tmp_path):
    data = generate.write(40_000, tmp_path / "catalog.nt")
    assert data.stat().st_size >= cache.LARGE  # built into a store on disk, as at 100k and 1M
    script = tmp_path / "build_without_index.py"
    script.write_text(find_bench.NO_INDEX, encoding="utf-8")
    env = {**os.environ, "AIGRAPH_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, str(script), "stats", "--data", str(data)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "cache").glob("*.store")) and not list((tmp_path / "cache").glob("*.sqlite"))


def _startup(tmp_path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "AIGRAPH_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, str(BENCHMARKS / "startup.py"), *args, "--runs", "1", "--no-instructions"],
                          env=env, capture_output=True, text=True, timeout=300)


def test_the_start_up_is_taken_apart_layer_by_layer(tmp_path):
    done = _startup(tmp_path, "standards-by-committee", "-p", "committee=SAC/TC260")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and " ms |" in line]
    layers = [row.split(" | ")[0] for row in rows]
    assert layers[:4] + layers[6:] == [
        "| Python alone", "| import pyoxigraph (the floor's only import)",
        "| the floor: the same SPARQL in a plain pyoxigraph script, CSV", "| import click",
        "| the command: aigraph query standards-by-committee -p committee=SAC/TC260"]
    others = re.fullmatch(r"\| import the (\d+) other modules the command imports, click and pyoxigraph among them",
                          layers[4])
    own = re.fullmatch(r"\| import those and aigraph's own (\d+)", layers[5])
    assert others and own, layers[4:6]
    assert int(others[1]) > 10 and int(own[1]) > 10  # the command's imports were found, aigraph's apart
    assert re.search(r"the command adds -?\d+ ms to the floor's \d+ ms; the target allows \d+ ms", done.stdout)


def test_the_start_up_of_an_unknown_query_is_a_clear_error(tmp_path):
    done = _startup(tmp_path, "no-such-query")
    assert done.returncode == 1
    assert "unknown query 'no-such-query'" in done.stderr and done.stdout == ""
