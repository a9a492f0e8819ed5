"""Where a cold build's CPU goes, thread by thread, and how busy the cores are (Linux only).

Builds the bundled graph plus a data file from an empty cache (`aigraph stats --data FILE`),
reading /proc every 0.1 s: each thread's CPU time by its name (aigraph names its own threads;
Oxigraph's bulk loaders inherit the name of the thread that starts them, RocksDB names its
background threads "rocksdb:low" and "rocksdb:high", the main thread is "aigraph"), and the cores
in use each second. Threads that end between two samples are counted up to their last sample.

    python benchmarks/generate.py 1000000 -o /tmp/catalog-1M.nt
    python benchmarks/build_threads.py /tmp/catalog-1M.nt
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _threads(pid: int) -> dict[int, tuple[str, int]]:
    """Each live thread of the process: its name and CPU ticks so far (user + system)."""
    found = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        found[int(task.name)] = (name, int(fields[11]) + int(fields[12]))
    return found


def sample(command: list[str], env: dict) -> tuple[float, dict[str, float], list[float]]:
    """Run the command: its wall time, CPU seconds by thread name, and cores used each second."""
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    last: dict[int, tuple[str, int]] = {}
    busy: list[float] = []
    second, ticks_then = 1.0, 0
    while child.poll() is None:
        last.update(_threads(child.pid))
        elapsed = time.perf_counter() - start
        if elapsed >= second:
            ticks = sum(t for _, t in last.values())
            busy.append((ticks - ticks_then) / TICKS / (elapsed - second + 1))
            second, ticks_then = elapsed + 1, ticks
        time.sleep(0.1)
    wall = time.perf_counter() - start
    by_name: dict[str, float] = defaultdict(float)
    for name, ticks in last.values():
        by_name[name] += ticks / TICKS
    return wall, dict(by_name), busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="the data file the build reads beside the bundled graph")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        sys.exit("build_threads.py reads /proc: Linux only")
    cache = tempfile.mkdtemp(prefix="aigraph-threads-")
    try:
        script = Path(sys.executable).with_name("aigraph")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "aigraph"]
        wall, by_name, busy = sample(command + ["stats", "--data", str(args.data)],
                                     {**os.environ, "AIGRAPH_CACHE": cache})
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    total = sum(by_name.values())
    print(f"build of {args.data.name}: {wall:.1f} s wall, {total:.1f} s CPU sampled ({os.cpu_count()} cores)")
    for name, seconds in sorted(by_name.items(), key=lambda item: -item[1]):
        print(f"  {name:<15} {seconds:6.1f} s  {seconds / total:4.0%}")
    print("cores in use, second by second: " + " ".join(f"{cores:.1f}" for cores in busy))


if __name__ == "__main__":
    main()
