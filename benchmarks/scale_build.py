"""The build and the cache at scale, each figure beside its floor (issue 18).

- floor: a plain pyoxigraph script bulk loading the same file into a store on disk, the least a
  build that keeps its graph on disk can cost (no ontology, no reasoning, no index);
- the build's ratio to that floor (target: at most 3x, and under 1 GB peak);
- opening the built graph with a warm cache, in a fresh process: the cache key and the open,
  which must not grow with the size of unchanged --data files (compared with the bundled graph).

run.py adds these rows for each catalog size. Alone, this script measures one size, which may be
larger than run.py's (10M), and every stored query on it, each allowed an hour (--query-timeout):

    python benchmarks/scale_build.py 10000000 [--runs 1] [--query-timeout 3600]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """import shutil, sys, tempfile
import pyoxigraph as ox
folder = tempfile.mkdtemp(dir=sys.argv[2])
store = ox.Store(folder)
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS if sys.argv[1].endswith(".nq") else ox.RdfFormat.N_TRIPLES)
store.flush()
print(len(store))
del store
shutil.rmtree(folder)
"""
OPEN = """import sys, time
start = time.perf_counter()
from pathlib import Path
from aigraph.build.graph import KnowledgeGraph
from aigraph.home import find_home
graph = KnowledgeGraph.open(find_home(), [Path(p) for p in sys.argv[1:]])
assert graph.from_cache, "not from the cache"
print(time.perf_counter() - start)
"""


def _closure_floor(label: str, env: dict, work: Path, data: list[Path], scripts: Path, floor, runs: int,
                   measure) -> list:
    """What writing the built graph alone costs: its quads (asserted and inferred, in named graphs:
    six indexes where the file's default graph has three) exported, then bulk loaded to disk by
    the same script as the floor."""
    import run

    built = work / f"built-{label}.nq"
    run.run_once(run.aigraph_command() + ["export", "--format", "nq", "-o", str(built)]
                 + [arg for path in data for arg in ("--data", str(path))], env, 3600)
    if not built.exists():
        return []
    try:
        written, _ = measure("  the built graph's quads alone, bulk loaded to disk", label,
                             [sys.executable, str(scripts / "floor.py"), str(built), str(work)], env, runs)
    finally:
        built.unlink()
    if written.seconds and not written.failed and floor.seconds and not floor.failed:
        written.note = (f"{written.median / floor.median:.1f}x the floor, {written.cpu_median / floor.cpu_median:.1f}x "
                        "its CPU: the least a build that stores its closure can cost")
    return [written]


def floor_and_open(label: str, env: dict, work: Path, data: list[Path], build, runs: int, figure, measure) -> list:
    """The bulk-load floor of the data file, the build's ratio to it, and a warm open."""
    scripts = work / "scale_scripts"
    scripts.mkdir(exist_ok=True)
    (scripts / "floor.py").write_text(FLOOR, encoding="utf-8")
    (scripts / "open.py").write_text(OPEN, encoding="utf-8")
    figures = []
    if data:
        floor, _ = measure("  floor: pyoxigraph bulk load to disk", label,
                           [sys.executable, str(scripts / "floor.py"), str(data[0]), str(work)], env, runs)
        figures.append(floor)
        if build is not None and build.seconds and not build.failed and floor.seconds and not floor.failed:
            floor.note = (f"build {build.median / floor.median:.1f}x the floor, "
                          f"{build.cpu_median / floor.cpu_median:.1f}x its CPU (target <= 3x), "
                          f"{build.rss_mb:.0f} MB (target < 1024)")
        figures += _closure_floor(label, env, work, data, scripts, floor, runs, measure)
    warm, _ = measure("open, warm cache (key + open)", label,
                      [sys.executable, str(scripts / "open.py"), *map(str, data)], env, max(runs, 3))
    warm.note = "hash memo by stat, stamps not CRCs: flat in the data's size"
    figures.append(warm)
    return figures


def main() -> None:
    import run

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int, help="catalog size, e.g. 10000000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-queries", action="store_true", help="only the build, its floor and the open")
    parser.add_argument("--query-timeout", type=float, default=3600,
                        help="seconds each stored query may run (aigraph query --timeout)")
    args = parser.parse_args()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="aigraph-scale-"))
    env = run.bench_env(work)
    label = run.size_label(args.triples)
    try:
        path = run.catalog(work, args.triples)
        command = run.aigraph_command() + ["stats", "--data", str(path)]
        earlier: list[float] = []
        if args.runs > 1:  # all but the last in a cache of their own
            first, _ = run.measure("build: parse, reason, cache", label, command, env, args.runs - 1,
                                   timeout=4 * 3600, fresh_cache=True)
            earlier = first.seconds
        # the last into the shared cache (still empty), where the open and the queries find it
        build, _ = run.measure("build: parse, reason, cache", label, command, env, 1, timeout=4 * 3600)
        build.seconds = earlier + build.seconds
        figures = [build, *floor_and_open(label, env, work, [path], build, args.runs, run.Figure, run.measure)]
        if not args.no_queries:
            names = [name for _, name in run.generate.SAMPLES.values()] + [run._first_standard(path)]
            figures += run.stored_queries(label, env, [path], names, args.runs, args.query_timeout, each=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"aigraph build and cache at {label} triples, {run.machine()}\n")
    print(run.table(figures))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
