"""The benchmarks' stand-ins keep up with the code they stand in for: run.py records a command that
fails as "exit 1" in its table and goes on, so nothing else would tell."""

from __future__ import annotations

import os
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
