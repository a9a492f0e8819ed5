"""Finding things at scale (issue 12): every input of the resolution test table, timed on the
benchmark's graph, and the index built from a store in memory, as the graph build builds it.

run.py's `--find` child calls `table_timings` and `index_in_memory`; `figures` turns what they
measured into rows, with the targets beside them (printed, never asserted): name resolution under
20 ms for every input, and the index adding under 10% to the build.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
RESOLVE_TARGET = 0.020  # seconds, each input
INDEX_SHARE_TARGET = 0.10  # of the build


def table_inputs() -> list[tuple[str, str | None]]:
    """(text, class) of every row of tests/test_find.py's resolution table: names that resolve,
    ambiguous ones, unknown ones."""
    sys.path.insert(0, str(TESTS))
    try:
        import test_find
    finally:
        sys.path.remove(str(TESTS))
    rows = [(text, None) for text, _, _ in test_find.RESOLVES]
    rows += [(text, cls) for text, cls, _ in test_find.AMBIGUOUS]
    rows += [(text, cls) for text, cls, _, _ in test_find.UNKNOWN]
    return rows


def table_timings(aigraph, runs: int) -> dict[str, float]:
    """The median seconds of each input's resolution (an error is an answer, timed all the same)."""
    from aigraph.errors import AigraphError

    medians = {}
    for text, cls in table_inputs():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            with contextlib.suppress(AigraphError):
                aigraph.resolve(text, cls)
            times.append(time.perf_counter() - start)
        medians[f"{text} ({cls})" if cls else text] = statistics.median(times)
    return medians


def index_in_memory(store) -> list[float]:
    """Seconds to build the index from the graph in an in-memory store, as the build does (the
    cache of a large graph is a store on disk, slower to read): the copy is not timed."""
    import pyoxigraph as ox

    from aigraph.find.index import save

    memory = ox.Store()
    memory.bulk_load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        save(memory, Path(folder) / "index.sqlite")
        return [time.perf_counter() - start]


NO_INDEX = """import sys, threading
import aigraph.build.graph as graph
from aigraph.console import main


def skipped(store, path, reasoned=True):
    done = threading.Thread(target=lambda: None)
    done.store_read = threading.Event()
    done.store_read.set()
    done.abandon = done.join
    done.reasoned = lambda: None
    done.start()
    return done


graph.index_beside = skipped  # the build's name index, left to be built when first needed
sys.argv = ["aigraph", *sys.argv[1:]]
main()
"""


def build_without_index(label: str, env: dict, work: Path, data: list[Path], build, runs: int, measure,
                        figure) -> list:
    """The same build with the name index left out: what the index adds to the build (target < 10%)."""
    script = work / "build_without_index.py"
    script.write_text(NO_INDEX, encoding="utf-8")
    command = [sys.executable, str(script), "stats", *[arg for path in data for arg in ("--data", str(path))]]
    bare, _ = measure("  same build without the name index", label, command, env, runs, fresh_cache=True)
    if build is not None and build.seconds and not build.failed and bare.seconds and not bare.failed:
        bare.note = (f"the index adds {build.median / bare.median - 1:.0%} to the build's wall time, "
                     f"{build.cpu_median / bare.cpu_median - 1:.0%} to its CPU (target < {INDEX_SHARE_TARGET:.0%})")
    return [bare]


def figures(label: str, got: dict, build, figure) -> list:
    """Rows for run.py's table (`figure` is its Figure class; `build` the build's row, or None)."""
    rows = []
    table = got.get("table")
    if table:
        slowest = max(table, key=table.get)
        over = sum(seconds >= RESOLVE_TARGET for seconds in table.values())
        rows.append(figure(f"name resolution, each of the {len(table)} test-table inputs", label,
                           list(table.values()), 0,
                           f"median {statistics.median(table.values()) * 1000:.1f} ms, slowest "
                           f"{table[slowest] * 1000:.1f} ms ({slowest[:24]}); {over} at or over the "
                           f"{RESOLVE_TARGET * 1000:.0f} ms target"))
    if got.get("index_memory"):
        seconds = got["index_memory"]
        note = "from the store in memory, as in the build"
        if build is not None and build.seconds and not build.failed:
            note += (f": {seconds[0] / build.median:.0%} of the build's {build.median:.1f} s "
                     f"(target < {INDEX_SHARE_TARGET:.0%})")
        rows.append(figure("  index build alone (in memory)", label, seconds, 0, note))
    return rows
