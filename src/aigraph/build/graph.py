"""The knowledge graph: built from the home's files (and the user's), cached, queried with Oxigraph.

Each part of the build lives in its own named graph, so queries, exports and stores can take the
asserted triples with or without the OWL RL closure.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from aigraph import __version__, cache
from aigraph.backend import Answer
from aigraph.build.input_limits import check_regular
from aigraph.build.sources import graph_size, load_file, turtle_files
from aigraph.home import Home
from aigraph.namespaces import DATA, GRAPHS, PREFIXES
from aigraph.progress import Progress
from aigraph.reasoning import Sink, reasoner

ONTOLOGY = ox.NamedNode(GRAPHS + "ontology")
ASSERTED_DATA = ox.NamedNode(GRAPHS + "data")
USER_DATA = ox.NamedNode(GRAPHS + "user")
INFERRED = ox.NamedNode(GRAPHS + "inferred")
DATASET = ox.NamedNode(GRAPHS + "dataset")
EVIDENCE = ox.NamedNode(GRAPHS + "evidence")
ASSERTED = (ONTOLOGY, ASSERTED_DATA, USER_DATA, DATASET, EVIDENCE)
EVERY = (*ASSERTED, INFERRED)
READ_FIRST = (ONTOLOGY, ASSERTED_DATA, USER_DATA)  # whole before reasoning: the others come after
_NAMED = (("ontology", ONTOLOGY), ("data", ASSERTED_DATA), ("user", USER_DATA), ("dataset", DATASET),
          ("evidence", EVIDENCE), ("inferred", INFERRED))  # as `aigraph stats` names them
_ROLES = {"ontology": ONTOLOGY, "data": ASSERTED_DATA, "user": USER_DATA, "evidence": EVIDENCE}


def _stderr(message: str) -> None:
    print(f"aigraph: warning: {message}", file=sys.stderr)


class KnowledgeGraph:
    """An Oxigraph store holding the built graph, and what it was built from."""

    def __init__(self, store: ox.Store, files: list[dict] | None = None, from_cache: bool = False,
                 key: str | None = None, figures: dict | None = None):
        self.store = store
        self.files = files if files is not None else []
        self.from_cache = from_cache
        self.key = key  # the cache key, which also names the index file (find/index.py)
        self.figures = figures  # `summary` for both choices of `asserted`, when the cache kept it

    @classmethod
    def open(cls, home: Home, extra: Sequence[Path] = (), use_cache: bool = True,
             warn: Callable[[str], None] = _stderr) -> KnowledgeGraph:
        """The built graph for the home plus extra files: from the cache when it is current."""
        inputs = input_files(home, extra)
        key = cache.input_key(f"{__version__} {reasoner()}", inputs) if use_cache else None
        entry = cache.load(key) if key else None
        if entry is not None:
            store, manifest = entry
            # a store's files were checked against their CRCs (cache.load); N-Quads are counted
            if store is not None and (manifest.get("format") == cache.STORE_FORMAT or len(store) == manifest.get("quads")):
                return cls(store, manifest["files"], from_cache=True, key=key, figures=sound_figures(manifest))
            warn(f"cache entry {key} is corrupt; rebuilding it")
        size = sum(path.stat().st_size for _, path in inputs)
        with Progress(size) as progress:
            if key and size >= cache.LARGE:
                from aigraph.build.on_disk import build_on_disk

                graph = build_on_disk(cls, key, inputs, progress, warn)
                if graph is not None:
                    return graph
            graph = cls.build(inputs, progress)
            if key:
                progress.step("caching")
                from aigraph.find.index import file_for

                indexing = index_beside(graph.store, file_for(key))  # while the N-Quads are written
                try:
                    cache.save(key, graph.store, graph.manifest())
                except OSError as error:
                    warn(cannot_cache(error))
                else:
                    graph.key = key
                finally:
                    indexing.join()
        return graph

    @classmethod
    def build(cls, inputs: list[tuple[str, Path]], progress: Progress | None = None,
              read: Callable[[ox.Store], object] = lambda store: None, sink: Sink | None = None,
              reasoned: Callable[[ox.Store], object] = lambda store: None) -> KnowledgeGraph:
        """Parse every input, add the OWL RL closure and the dataset's triple counts. The evidence
        (statement annotations, data/evidence/) is read after reasoning, which it would only slow:
        it states where facts come from, and nothing follows from it. `read(store)` is called
        once the graphs in READ_FIRST are whole, before reasoning; `sink` receives the closure as
        it is added (reasoning.infer_into); `reasoned(store)` once the closure is whole, before the
        evidence is read (all the name index reads is there by then)."""
        from aigraph.reasoning import infer_into

        progress = progress or Progress(0)
        store = ox.Store()
        files: list[dict] = []
        _read(store, [entry for entry in inputs if entry[0] != "evidence"], progress, files)
        read(store)
        progress.step("reasoning")
        infer_into(store, INFERRED, sink)
        reasoned(store)
        _read(store, [entry for entry in inputs if entry[0] == "evidence"], progress, files)
        store.extend(_dataset_counts(store))
        return cls(store, files)

    @cached_property
    def index(self):
        """The name and text index (an SQLite connection): cached with the graph, else in memory."""
        from aigraph.find.index import for_store

        return for_store(self.store, self.key)

    @cached_property
    def resolver(self):
        """Name resolution over the index (find/resolve.py)."""
        from aigraph.find.resolve import Resolver

        return Resolver(self.index, self.store)

    def manifest(self) -> dict:
        """What the cache keeps beside the store: the version, the quad count, the files read and
        the figures of `summary` (counted once, in memory, rather than by each `stats`)."""
        closure = self.summary(False)
        triples = {name: count for name, count in closure["triples"].items() if name != "inferred"}
        asserted = {"triples": triples, "classes": self._classes(True)}  # each graph counted once
        return {"version": __version__, "quads": len(self.store), "files": self.files,
                "figures": {"closure": closure, "asserted": asserted}}

    def summary(self, asserted: bool = False) -> dict:
        """Triples per graph (without the closure's when `asserted`) and entities per aig: class."""
        if self.figures is not None:
            return self.figures["asserted" if asserted else "closure"]
        graphs = [(name, g) for name, g in _NAMED if not (asserted and g == INFERRED)]
        return {"triples": {name: _count(self.store, [g]) for name, g in graphs}, "classes": self._classes(asserted)}

    def _classes(self, asserted: bool) -> dict[str, int]:
        """Entities per aig: class, with the closure's classes unless `asserted`."""
        from aigraph.queries.internal import internal_query

        solutions = self.query(internal_query("classes"), asserted=asserted)
        assert isinstance(solutions, ox.QuerySolutions)
        return {row["class"].value: int(row["n"].value) for row in solutions}

    def default_graphs(self, asserted: bool = False) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
        """The graphs a query sees: the asserted ones, plus the closure unless `asserted`."""
        return list(ASSERTED if asserted else EVERY)

    def query(self, text: str, asserted: bool = False) -> Answer:
        """Run SPARQL over the chosen graphs (pyoxigraph results; SyntaxError for a bad query)."""
        if not asserted:  # every named graph, and the store's default graph is empty: a faster union
            return self.store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        return self.store.query(text, default_graph=self.default_graphs(asserted), prefixes=PREFIXES)

    def count(self, graph: str | None = None) -> int:
        """The number of triples in one of the named graphs (ONTOLOGY, ASSERTED_DATA, ...), or in
        all of them."""
        return _count(self.store, EVERY if graph is None else [ox.NamedNode(graph)])


def _read(store: ox.Store, inputs: list[tuple[str, Path]], progress: Progress, files: list[dict]) -> None:
    """Load each input into its role's graph, recording it in `files`."""
    for role, path in inputs:
        progress.step(f"reading {path.name}", path.stat().st_size)
        files.append({"role": role, "path": str(path), "triples": load_file(store, path, _ROLES[role])})


def cannot_cache(error: OSError) -> str:
    return f"cannot write the cache in {cache.cache_dir()} ({error.strerror or error}); continuing without it"


def index_beside(store: ox.Store, path: Path, reasoned: bool = True) -> Indexing:
    """Build the name and text index (find/index.py) of the store into `path` in a thread, which
    runs while Oxigraph reasons or writes the store (it releases the GIL); a failure only leaves
    the index to be built when first needed. Unless `reasoned`, the thread reads what the data
    graphs assert, then waits for `Indexing.reasoned()` to read the closure."""
    indexing = Indexing(store, path)
    if reasoned:
        indexing.reasoned()
    indexing.start()
    return indexing


class Indexing(threading.Thread):
    """The thread building the index; `store_read` is set once it holds no reference to the store."""

    def __init__(self, store: ox.Store, path: Path):
        super().__init__(name="aigraph-index", daemon=True)
        self.store: ox.Store | None = store
        self.path = path
        self.closure_whole = threading.Event()
        self.store_read = threading.Event()
        self.abandoned = False

    def reasoned(self) -> None:
        """The closure is whole: the thread may read it."""
        self.closure_whole.set()

    def abandon(self) -> None:
        """Have the thread write nothing more (the build failed) and wait for it to end."""
        self.abandoned = True
        self.closure_whole.set()
        self.join()

    def run(self) -> None:
        from aigraph.find import index
        from aigraph.os_thread import name_after_python

        name_after_python()
        with contextlib.suppress(Exception):  # whatever went wrong happens again, visibly, on first use
            try:
                assert self.store is not None
                found = index.read_asserted(self.store)
                self.closure_whole.wait()
                if self.abandoned:
                    return
                index.read_closure(found, self.store)
            finally:
                self.store = None
                self.store_read.set()
            if not self.abandoned:
                index.write(found, self.path)


def sound_figures(manifest: dict) -> dict | None:
    """The manifest's figures when they have the shape `summary` returns, else None (counted again)."""
    figures: Any = manifest.get("figures")
    try:
        for which in ("closure", "asserted"):
            for part in ("triples", "classes"):
                if not all(isinstance(k, str) and type(n) is int for k, n in figures[which][part].items()):
                    return None
    except (TypeError, KeyError, AttributeError):
        return None
    return figures


def input_files(home: Home, extra: Sequence[Path] = ()) -> list[tuple[str, Path]]:
    """Every file the build reads, with its role: ontology, bundled data, or the user's."""
    inputs = [("ontology", p) for p in turtle_files(home.ontology)]
    evidence = home.data / "evidence"
    inputs += [("evidence" if evidence in p.parents else "data", p) for p in turtle_files(home.data)]
    inputs += [("user", Path(path)) for path in extra]
    for _, path in inputs:  # before the cache key reads them: a FIFO would block, a device never end
        check_regular(path)
    return inputs


def _dataset_counts(store: ox.Store) -> list[ox.Quad]:
    dataset = ox.NamedNode(DATA + "dataset")
    triples = ox.NamedNode(PREFIXES["void"] + "triples")
    integer = ox.NamedNode(PREFIXES["xsd"] + "integer")
    asserted = _count(store, ASSERTED)
    return [ox.Quad(dataset, triples, ox.Literal(str(asserted), datatype=integer), DATASET)]


def _count(store: ox.Store, graphs: Sequence[ox.NamedNode]) -> int:
    """The triples in the graphs, a graph at a time (Oxigraph counts a graph named in the query three
    times as fast as one bound by VALUES: 0.2 s against 0.6 s for 1M triples)."""
    return sum(graph_size(store, graph) for graph in graphs)
