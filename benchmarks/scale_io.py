"""Issue 18's query, output, load and export figures, each beside its floor (run.py calls them).

- every stored query (`aigraph query NAME --format csv`) beside the same SPARQL text run by a plain
  pyoxigraph script on the same cached store, writing CSV with pyoxigraph's own serializer
  (target: at most 1.3x the script plus 50 ms);
- `aigraph export` beside a pyoxigraph script that writes the same store in the same syntax
  (target: 1.5x);
- `aigraph load` into an Oxigraph server beside `curl -T FILE -X PUT` of the same triples into the
  same server (target: 1.5x).

The scripts are the floors: what Python with pyoxigraph, or curl, costs for the same work.

Alone, this script measures one catalog size, every figure or only some of them:

    python benchmarks/scale_io.py 1000000 [--only queries] [--runs 3]
    python benchmarks/scale_io.py 1000000 --only queries --queries legal-basis,standards-bodies
    python benchmarks/scale_io.py --texts '{"data": [...], "names": [...]}'   # (used by the above)
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

QUERY_FLOOR = """import sys
import pyoxigraph as ox
where = sys.argv[1]
if where.endswith(".nq"):
    store = ox.Store()
    store.load(path=where, format=ox.RdfFormat.N_QUADS)
else:
    store = ox.Store.read_only(where)
text = open(sys.argv[2], encoding="utf-8").read()
store.query(text, use_default_graph_as_union=True).serialize(sys.stdout.buffer, ox.QueryResultsFormat.CSV)
"""
EXPORT_FLOOR = """import sys
import pyoxigraph as ox
where, fmt, out = sys.argv[1:4]
if where.endswith(".nq"):
    store = ox.Store()
    store.load(path=where, format=ox.RdfFormat.N_QUADS)
else:
    store = ox.Store.read_only(where)
if fmt == "nq":
    store.dump(out, format=ox.RdfFormat.N_QUADS)
else:
    formats = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML,
               "json-ld": ox.RdfFormat.JSON_LD}
    merged = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    merged.serialize(out, formats[fmt])
"""
EXPORTS = {"nq": ".nq", "nt": ".nt", "turtle": ".ttl", "xml": ".rdf", "json-ld": ".jsonld"}


def texts(data: list[str], names: list[str]) -> None:
    """(In a child process.) Print as JSON the cached store's location and, for each stored query
    the benchmark can give parameters to, its values and its SPARQL text with them bound."""
    import run

    from aigraph.api import Aigraph
    from aigraph.cache import cache_dir
    from aigraph.namespaces import sparql_prologue

    aigraph = Aigraph(data=data)
    key = aigraph._built.key
    folder = cache_dir()
    where = folder / f"{key}.store"
    where = where if where.exists() else folder / f"{key}.nq"
    queries = {q.name: [values, sparql_prologue() + aigraph.render_stored(q.name, values)]
               for q in aigraph.queries() if (values := run.param_values(q, aigraph, names)) is not None}
    print(json.dumps({"store": str(where), "queries": queries}))


def _planned(env: dict, data: list[Path], names: list[str]) -> dict:
    request = json.dumps({"data": [str(p) for p in data], "names": names})
    done = subprocess.run([sys.executable, __file__, "--texts", request], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def query_figures(label, env, work, data, names, runs, measure, Figure, aigraph, only=()) -> list:
    """Each stored query (or those named in `only`) beside its floor; the rows: how many are within
    target, the worst ratio."""
    plan = _planned(env, data, names)
    if unknown := set(only) - plan["queries"].keys():
        raise SystemExit(f"--queries: no stored query with parameter values named {', '.join(sorted(unknown))}")
    if only:
        plan["queries"] = {name: plan["queries"][name] for name in only}
    floor_script = work / "floor_query.py"
    floor_script.write_text(QUERY_FLOOR, encoding="utf-8")
    extra = [arg for path in data for arg in ("--data", str(path))]
    pairs = []
    for name, (values, text) in plan["queries"].items():
        query_file = work / f"{label}-{name}.rq"
        query_file.write_text(text, encoding="utf-8")
        command = aigraph + ["query", name, "--format", "csv", "--timeout", "1800"] + extra
        command += [arg for key, value in values.items() for arg in ("-p", f"{key}={value}")]
        ours, _ = measure(f"query {name}", label, command, env, runs)
        floor, _ = measure(f"  same SPARQL, pyoxigraph script: {name}", label,
                           [sys.executable, str(floor_script), plan["store"], str(query_file)], env, runs)
        if not (ours.failed or floor.failed):
            pairs.append((name, ours, floor))
    if not pairs:
        return [Figure("stored queries beside pyoxigraph", label, [], 0, failed="no query ran")]
    within = [name for name, ours, floor in pairs if ours.median <= 1.3 * floor.median + 0.05]
    within_cpu = [name for name, ours, floor in pairs if ours.cpu_median <= 1.3 * floor.cpu_median + 0.05]
    worst_name, worst, worst_floor = max(pairs, key=lambda p: p[1].median / p[2].median)
    slowest_name, slowest, slowest_floor = max(pairs, key=lambda p: p[1].median)
    overhead = statistics.median(ours.median - floor.median for _, ours, floor in pairs)
    over = []
    for name, ours, floor in pairs:
        if name not in within or name not in within_cpu:
            ours.note = (f"over target: floor {floor.median:.3f} s wall, {floor.cpu_median:.3f} s CPU; "
                         f"{ours.median / floor.median:.2f}x, {ours.cpu_median / floor.cpu_median:.2f}x CPU")
            over.append(ours)
    medians = [ours.median for _, ours, _ in pairs]
    return over + [
        Figure(f"stored queries within 1.3x pyoxigraph + 50 ms: {len(within)} of {len(pairs)} (wall), "
               f"{len(within_cpu)} (CPU)", label, [statistics.median(medians)],
               max(o.rss_mb for _, o, _ in pairs),
               f"median of the medians; median added {overhead * 1000:.0f} ms; "
               f"{sum(m > 0.5 for m in medians)} over 0.5 s",
               cpu=[statistics.median(ours.cpu_median for _, ours, _ in pairs)]),
        Figure(f"  slowest: {slowest_name}", label, slowest.seconds, slowest.rss_mb,
               f"{slowest.median / slowest_floor.median:.2f}x pyoxigraph's {slowest_floor.median:.3f} s",
               cpu=slowest.cpu),
        Figure(f"  furthest from its floor: {worst_name}", label, worst.seconds, worst.rss_mb,
               f"{worst.median / worst_floor.median:.2f}x pyoxigraph", cpu=worst.cpu),
        Figure("  same SPARQL, plain pyoxigraph script (writes CSV)", label, worst_floor.seconds,
               worst_floor.rss_mb, "the floor", cpu=worst_floor.cpu),
    ]


def export_figures(label, env, work, data, runs, measure, Figure, aigraph, formats=tuple(EXPORTS)) -> list:
    """`aigraph export` in each format beside a pyoxigraph script writing the same store."""
    plan = _planned(env, data, [])
    floor_script = work / "floor_export.py"
    floor_script.write_text(EXPORT_FLOOR, encoding="utf-8")
    extra = [arg for path in data for arg in ("--data", str(path))]
    figures = []
    for fmt in formats:
        target = work / f"export-{label}{EXPORTS[fmt]}"
        ours, _ = measure(f"export --format {fmt}", label,
                          aigraph + ["export", "--format", fmt, "-o", str(target)] + extra, env, runs)
        floor, _ = measure(f"  same store, pyoxigraph writes {fmt}", label,
                           [sys.executable, str(floor_script), plan["store"], fmt, str(target) + ".floor"], env, runs)
        if not (ours.failed or floor.failed):
            ours.note = f"{ours.median / floor.median:.2f}x pyoxigraph (target 1.5x)"
            floor.note = "the floor"
        figures += [ours, floor]
        for leftover in (target, Path(str(target) + ".floor")):
            leftover.unlink(missing_ok=True)
    return figures


def load_figures(label, env, work, data, runs, measure, Figure, aigraph, oxigraph_server) -> list:
    """`aigraph load` into a fresh Oxigraph server beside `curl -T FILE -X PUT` of the same triples."""
    curl = shutil.which("curl")
    if curl is None:
        return [Figure("load beside curl PUT", label, [], 0, failed="no curl")]
    extra = [arg for path in data for arg in ("--data", str(path))]
    triples = work / f"load-{label}.nt"
    subprocess.run(aigraph + ["export", "--format", "nt", "-o", str(triples)] + extra, env=env, check=True)
    try:
        with oxigraph_server(work / f"oxigraph-io-{label}") as base:
            ours, said = measure("load into an Oxigraph server (one PUT)", label,
                                 aigraph + ["load", "--store", f"{base}/store", "--timeout", "1800"] + extra,
                                 env, runs)
            floor, _ = measure("  same triples, curl -T FILE -X PUT", label,
                               [curl, "-sf", "-T", str(triples), "-X", "PUT", "-H",
                                "Content-Type: application/n-triples", f"{base}/store?default"], env, runs)
        if not (ours.failed or floor.failed):
            ours.note = f"{ours.median / floor.median:.2f}x curl PUT (target 1.5x)"
            sent = re.search(r"(\d+) triples sent", said)
            if sent:
                ours.note += f"; {int(sent.group(1)) / ours.median:,.0f} triples/s ({int(sent.group(1)):,} triples)"
            floor.note = "the floor"
        return [ours, floor]
    finally:
        triples.unlink(missing_ok=True)


def figures(env: dict, work: Path, graphs: list, quick: bool, measure, Figure) -> list:
    """The export and load figures, with run.py's `measure` and `Figure`. `graphs`: (label, data
    files); quick: the largest graph only, each once, and N-Triples the only export."""
    import run

    aigraph = run.aigraph_command()
    out = []
    for label, data in graphs[-1:] if quick else graphs:
        runs = 1 if quick or label in ("100k", "1M", "10M") else 3
        out += export_figures(label, env, work, data, runs, measure, Figure, aigraph,
                              ("nt",) if quick else tuple(EXPORTS))
        if Path(run.oxigraph_bin()).exists():
            out += load_figures(label, env, work, data, runs, measure, Figure, aigraph, run.oxigraph_server)
    return out


def main() -> None:
    import argparse
    import tempfile
    import time

    import generate
    import run

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int, help="catalog size, e.g. 1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("queries", "export", "load"), help="one kind of figure")
    parser.add_argument("--queries", type=lambda text: text.split(","), default=[], metavar="NAME,...",
                        help="only these stored queries")
    args = parser.parse_args()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="aigraph-io-"))
    env = run.bench_env(work)
    label = run.size_label(args.triples)
    aigraph = run.aigraph_command()
    try:
        path = run.catalog(work, args.triples)
        run.run_once(aigraph + ["stats", "--data", str(path)], env, 4 * 3600)  # fills the cache
        out = []
        if args.only in (None, "queries"):
            names = [name for _, name in generate.SAMPLES.values()] + [run._first_standard(path)]
            out += query_figures(label, env, work, [path], names, args.runs, run.measure, run.Figure, aigraph,
                                 args.queries)
        if args.only in (None, "export"):
            out += export_figures(label, env, work, [path], args.runs, run.measure, run.Figure, aigraph)
        if args.only in (None, "load"):
            out += load_figures(label, env, work, [path], args.runs, run.measure, run.Figure, aigraph,
                                run.oxigraph_server)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"aigraph queries, export and load at {label} triples, {run.machine()}\n")
    print(run.table(out))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    if len(sys.argv) == 3 and sys.argv[1] == "--texts":
        texts(**json.loads(sys.argv[2]))
    else:
        main()
