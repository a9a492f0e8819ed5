"""Where a stored query's time goes beyond the plain pyoxigraph script, layer by layer (issue 18).

Each layer is a fresh interpreter doing one thing more than the layer before: Python alone; the
floor script's import (pyoxigraph); the floor script itself (the same SPARQL text on the same
cached store, written as CSV by pyoxigraph); click; every other module the command imports but
aigraph's own; aigraph's modules too; the command. Each is timed (the fastest of --runs, wall and
CPU) and, with valgrind installed, counted in instructions (`valgrind --tool=callgrind`), which do
not move with the machine's pace as milliseconds do. Below the table: what the command adds to the
floor, beside the target's allowance (0.3 x the floor + 50 ms), and how much of it is imports.

    python benchmarks/startup.py                                  # calls-to-action, bundled graph
    python benchmarks/startup.py --data /tmp/catalog-1M.nt standards-by-committee -p committee=SYN/TC1
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from run import aigraph_command, run_once
from scale_io import QUERY_FLOOR

PLAN = """import json, sys
from aigraph.api import Aigraph
from aigraph.cache import cache_dir
from aigraph.namespaces import sparql_prologue
name, values, data = json.loads(sys.argv[1])
aigraph = Aigraph(data=data)
text = sparql_prologue() + aigraph.render_stored(name, values)
where = cache_dir() / f"{aigraph._built.key}.store"
print(json.dumps({"text": text, "store": str(where if where.exists() else where.with_suffix(".nq"))}))
"""
# the command run in-process, then the names of the modules it imported, into the file argv[1]
MODULES = """import json, sys
out, sys.argv = sys.argv[1], sys.argv[1:]
from aigraph.console import main
try:
    main()
except SystemExit:
    pass
with open(out, "w", encoding="utf-8") as names:
    json.dump(list(sys.modules), names)
"""
IMPORTS = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"


class Layer(NamedTuple):
    what: str
    wall: float  # seconds, the fastest run
    cpu: float  # seconds of user + system time, the fastest run
    instructions: int | None


def _run(command: list[str], env: dict) -> tuple[float, float]:
    """One run's wall and CPU time (user + system); a failing command ends the script, saying why."""
    wall, _, code, output, cpu = run_once(command, env, timeout=600)
    if code != 0:
        sys.exit(f"startup.py: {' '.join(command)[:200]} failed: {output.strip()[-500:]}")
    return wall, cpu


def timed(command: list[str], env: dict, runs: int) -> tuple[float, float]:
    """The fastest wall time and the fastest CPU time of `runs` runs."""
    walls, cpus = zip(*(_run(command, env) for _ in range(runs)), strict=True)
    return min(walls), min(cpus)


def instructions(command: list[str], env: dict) -> int:
    """The instructions the process ran, as callgrind counts them."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"startup.py: valgrind could not count {' '.join(command)[:200]}: {done.stderr.strip()[-300:]}")
    return int(found.group(1))


def imported(command_args: list[str], env: dict, work: Path) -> list[str]:
    """The modules the command imports that Python alone does not, in the order it imports them."""
    names = work / "modules.json"
    _run([sys.executable, "-c", MODULES, str(names), *command_args], env)
    baseline = work / "baseline.json"
    _run([sys.executable, "-c", "import json, sys; json.dump(list(sys.modules), open(sys.argv[1], 'w'))",
          str(baseline)], env)
    before = set(json.loads(baseline.read_text(encoding="utf-8")))
    return [name for name in json.loads(names.read_text(encoding="utf-8"))
            if name not in before and name != "__main__"]


def measure(args: argparse.Namespace, work: Path) -> list[Layer]:
    env = dict(os.environ)
    values = dict(pair.split("=", 1) for pair in args.param)
    request = json.dumps([args.query, values, [str(path) for path in args.data]])
    planned = subprocess.run([sys.executable, "-c", PLAN, request], env=env, capture_output=True, text=True)
    if planned.returncode != 0:
        sys.exit(f"startup.py: {planned.stderr.strip().splitlines()[-1]}")
    plan = json.loads(planned.stdout)
    (work / "query.rq").write_text(plan["text"], encoding="utf-8")
    (work / "floor.py").write_text(QUERY_FLOOR, encoding="utf-8")
    (work / "imports.py").write_text(IMPORTS, encoding="utf-8")

    query_args = ["query", args.query, "--format", "csv", *[a for p in args.param for a in ("-p", p)],
                  *[a for path in args.data for a in ("--data", str(path))]]
    modules = imported(query_args, env, work)
    others = [name for name in modules if name.split(".")[0] != "aigraph"]
    imports = [sys.executable, str(work / "imports.py")]
    layers = [
        ("Python alone", [sys.executable, "-c", "pass"]),
        ("import pyoxigraph (the floor's only import)", imports + ["pyoxigraph"]),
        ("the floor: the same SPARQL in a plain pyoxigraph script, CSV",
         [sys.executable, str(work / "floor.py"), plan["store"], str(work / "query.rq")]),
        ("import click", imports + ["click"]),
        (f"import the {len(others)} other modules the command imports, click and pyoxigraph among them",
         imports + others),
        (f"import those and aigraph's own {len(modules) - len(others)}", imports + modules),
        (f"the command: aigraph query {args.query}" + "".join(f" -p {p}" for p in args.param),
         aigraph_command() + query_args),
    ]
    counting = args.instructions and shutil.which("valgrind") is not None
    found = []
    for what, command in layers:
        wall, cpu = timed(command, env, args.runs)
        found.append(Layer(what, wall, cpu, instructions(command, env) if counting else None))
    return found


def report(layers: list[Layer], runs: int) -> None:
    floor, command = layers[2], layers[-1]
    print(f"| layer | wall (fastest of {runs}) | CPU | instructions |")
    print("| --- | ---: | ---: | ---: |")
    for layer in layers:
        count = f"{layer.instructions / 1e6:,.0f}M" if layer.instructions is not None else "-"
        print(f"| {layer.what} | {layer.wall * 1000:.0f} ms | {layer.cpu * 1000:.0f} ms | {count} |")
    added, allowed = command.wall - floor.wall, 0.3 * floor.wall + 0.05
    print(f"\nthe command adds {added * 1000:.0f} ms to the floor's {floor.wall * 1000:.0f} ms; the target "
          f"allows {allowed * 1000:.0f} ms (0.3 x the floor + 50 ms): {'within' if added <= allowed else 'over'}")
    print(_breakdown("ms", *(layer.wall * 1000 for layer in layers)))
    if command.instructions is not None:
        print(_breakdown("M instructions", *(layer.instructions / 1e6 for layer in layers)))


def _breakdown(unit: str, python, oxigraph, floor, click, others, own, command) -> str:
    """What the imports beyond the floor's, and the work after them, cost in one unit."""
    return (f"imports beyond the floor's, in {unit}: {own - oxigraph:,.0f} (click {click - python:,.0f}, "
            f"the other modules {others - click - oxigraph + python:,.0f}, aigraph's {own - others:,.0f}); "
            f"the command's work after them {command - own:,.0f}, the floor's after its import {floor - oxigraph:,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("query", nargs="?", default="calls-to-action", help="a stored query's name")
    parser.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE", help="its parameters")
    parser.add_argument("--data", action="append", default=[], type=Path, help="a data file beside the bundled graph")
    parser.add_argument("--runs", type=int, default=9, help="runs of each layer (the fastest counts)")
    parser.add_argument("--no-instructions", dest="instructions", action="store_false",
                        help="do not count instructions, even with valgrind installed")
    args = parser.parse_args()
    if bad := [p for p in args.param if "=" not in p]:
        parser.error(f"-p {bad[0]!r}: expected KEY=VALUE")
    work = Path(tempfile.mkdtemp(prefix="aigraph-startup-"))
    try:
        report(measure(args, work), args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
