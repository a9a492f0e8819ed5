"""The Python API: open the graph, run stored or ad-hoc queries, describe, validate, export, load.

    from aigraph import Aigraph

    graph = Aigraph()                                    # the bundled graph, with its OWL RL closure
    table = graph.run("mandatory-standards")             # a stored query: a Table of RDF terms
    rows = table.values()                                # ... as plain Python strings
    graph.describe("GB 45438-2025").values()             # every fact about one entity
    graph.validate().conforms                            # shapes, consistency rules, checks
    Path("aigraph.ttl").write_bytes(graph.export("turtle"))

The CLI is a thin layer over this class. `Aigraph(endpoint=RemoteGraph(url))` asks a SPARQL endpoint
instead of the local graph: queries, describe and resolve work on both; stats, validate, export and
load read the local build and say so when asked of an endpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from aigraph.backend import Graph
from aigraph.errors import AigraphError
from aigraph.home import Home, find_home
from aigraph.queries import catalog, params
from aigraph.queries.sparql_text import paged, refuse_deep_nesting, refuse_service, with_values
from aigraph.queries.table import Table, from_solutions
from aigraph.queries.worker import MAX_ROWS, Bounded, TooManyRows, bounded_list, run_limited

if TYPE_CHECKING:  # the build, store and endpoint modules load more machinery: only when used
    from aigraph.build.graph import KnowledgeGraph
    from aigraph.find.resolve import Match
    from aigraph.find.search import SearchResult
    from aigraph.stores.http_client import Client
    from aigraph.stores.remote import RemoteGraph
    from aigraph.stores.store_load import LoadReport, StoreUrls
    from aigraph.validate.validation import Report

Result = Table | bool | list[ox.Triple]


class Aigraph:
    """One home, the user's extra data files, and the choice of asserted or closed graph."""

    def __init__(self, home: str | Path | None = None, data: Sequence[str | Path] = (),
                 asserted: bool = False, use_cache: bool = True, endpoint: RemoteGraph | None = None,
                 timeout: float | None = None, max_rows: int = MAX_ROWS):
        self.home: Home = find_home(home)
        self.data = [Path(p) for p in data]
        self.asserted = asserted
        self.use_cache = use_cache
        self.endpoint = endpoint
        self.timeout = timeout  # seconds a local query may run (None: no limit)
        self.max_rows = max_rows  # rows an answer may hold

    @property
    def graph(self) -> Graph:
        """The built graph, opened on first use; or the remote endpoint that stands in for it."""
        return self.endpoint if self.endpoint is not None else self._built

    @cached_property
    def _built(self) -> KnowledgeGraph:
        from aigraph.build.graph import KnowledgeGraph

        return KnowledgeGraph.open(self.home, self.data, self.use_cache)

    def local(self, operation: str) -> KnowledgeGraph:
        """The local build; asked of an endpoint, a one-line error naming the operation."""
        if self.endpoint is not None:
            raise AigraphError(f"{operation} works on the local graph, not on --endpoint {self.endpoint.url}")
        return self._built

    def queries(self) -> list[catalog.StoredQuery]:
        """Every stored query, checked."""
        return catalog.load_all(self.home.queries)

    def stored(self, name: str) -> catalog.StoredQuery:
        """One stored query by name."""
        return catalog.load(self.home.queries, name)

    def render_stored(self, name: str, values: dict[str, str], lang: str = "en", on_resolve=None) -> str:
        """The stored query's text with its parameters bound in a VALUES block."""
        return with_values(self.stored(name).text, self._bound(name, values, lang, on_resolve))

    def _bound(self, name: str, values: dict[str, str], lang: str, on_resolve) -> dict[str, str | None]:
        """The stored query's parameters as RDF terms in N-Triples syntax (None for unbound)."""
        return params.bind(self.stored(name), values, self.graph, lang, _announcing(self.resolve, on_resolve))

    def run(self, name: str, values: dict[str, str] | None = None, lang: str = "en", on_resolve=None,
            notes: bool = False, why: bool = False, limit: int | None = None, offset: int = 0) -> Result:
        """Run a stored query with the user's parameter values (its " | " lists' parts sorted, empty
        lists unbound); `on_resolve(match, what)` hears of each value resolved (a
        find.resolve.Match, and "parameter NAME"); with `notes`, a `notes` column gives the
        editorial notes on the entities of each row (when any row has one); with `why`, a `why`
        column gives the deck's words behind the facts each row uses (queries/why.py); `limit` and
        `offset` choose one page of the answer, in the query's order."""
        from aigraph.queries.booleans import as_booleans, boolean_columns
        from aigraph.queries.lists import in_order, list_columns

        bound = self._bound(name, values or {}, lang, on_resolve)
        stored = self.stored(name).text
        where = f"query {name!r}"
        text = with_values(paged(stored, limit, offset, where), bound)
        try:
            answer = self.execute(text, where=where)
        except TooManyRows as error:
            raise TooManyRows(error.limit, where, stored=True) from None
        result = in_order(answer, list_columns(stored))
        result = as_booleans(result, boolean_columns(stored))  # Virtuoso's 1/0 read as true/false
        if notes and isinstance(result, Table):
            from aigraph.queries.notes import with_notes

            result = with_notes(result, self.graph, self.asserted)
        if why and isinstance(result, Table):
            from aigraph.queries.why import with_why

            named = [ox.NamedNode(term[1:-1]) for term in bound.values() if term and term.startswith("<")]
            result = with_why(result, self.graph, named, self.asserted)
        return result

    def execute(self, text: str, allow_service: bool = False, where: str = "query") -> Result:
        """Run SPARQL text: a Table for SELECT, a bool for ASK, a list of triples for graphs."""
        from aigraph.queries.sparql_errors import refuse_update

        refuse_service(text, allow_service, where)
        refuse_update(text, where)
        refuse_deep_nesting(text, where)
        if self.endpoint is not None:  # the HTTP client keeps its own deadline
            return self._answer(text, where)
        _ = self.graph  # built (or read from the cache) here, not in the worker
        return run_limited(lambda: self._answer(text, where), self.timeout, where)

    def _answer(self, text: str, where: str) -> Result:
        from aigraph.queries.sparql_errors import explain

        try:
            result = self.graph.query(text, self.asserted)
            if isinstance(result, ox.QuerySolutions):
                bounded = cast("ox.QuerySolutions", Bounded(result, self.max_rows, where))  # the same, capped
                return from_solutions(bounded)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            return bounded_list(result, self.max_rows, where)
        except SyntaxError as error:
            raise AigraphError(explain(text, str(error), where)) from None
        except (OSError, RuntimeError) as error:  # a SERVICE that failed or answered nonsense
            raise AigraphError(f"{where}: {' '.join(str(error).split())[:300]}") from None
        except MemoryError as error:  # Oxigraph's parser: a term over its 16 MiB buffer
            raise AigraphError(f"{where}: too large for Oxigraph ({' '.join(str(error).split())[:100]})") from None

    def select(self, text: str, where: str = "query") -> Table:
        """Run a SELECT; any other form of query is an error."""
        result = self.execute(text, where=where)
        if not isinstance(result, Table):
            raise AigraphError(f"{where}: expected a SELECT query")
        return result

    def resolve(self, name: str, cls: str | None = None, what: str = "entity") -> Match:
        """The entity given as IRI, CURIE, name, identifier or acronym (only among the members of
        `cls`, a CURIE, when given): its IRI, label, class and how it was found (find/resolve.py).
        Raises find.resolve.NotResolved, listing the best candidates, when no one entity has the name.
        On a remote endpoint (no index) names are looked up with SPARQL and only the IRI is known."""
        from aigraph.find.resolve import Match

        if self.endpoint is not None:
            return Match(params.resolve(name, self.graph, cls, what).value, how="sparql", text=name)
        return self._built.resolver.resolve(name, cls, what)

    def search(self, text: str, limit: int = 50, lang: str = "en") -> SearchResult:
        """Entities whose names or text hold every word of `text`, ranked (BM25), with the total
        count (find/search.py). Local graphs only: on an endpoint, run the stored query `search`."""
        from aigraph.find.search import search

        if self.endpoint is not None:
            raise AigraphError(f"search works on the local graph's index, not on --endpoint {self.endpoint.url}; "
                               "there, run `aigraph query search -p text=...`")
        graph = self.local("search")
        return search(graph.index, text, limit, lang, graph.store)

    def describe(self, name: str, lang: str = "en", on_resolve=None) -> Table:
        """Every fact about the entity, in and out, with linked labels and identifiers."""
        from aigraph.queries.describe import describe_query

        entity = _announcing(self.resolve, on_resolve)(name, None, "describe")
        text = with_values(describe_query(local=self.endpoint is None, lang=lang),
                           {"entity": str(entity.node), "assertedOnly": str(ox.Literal(self.asserted))})
        return self.select(text, where=f"describe {name!r}")

    def stats(self) -> dict:
        """Triple counts per graph, entities per class, and the files the graph was built from."""
        graph = self.local("stats")
        return {**graph.summary(self.asserted), "files": graph.files, "from_cache": graph.from_cache}

    def validate(self) -> Report:
        """Check the graph against the shapes, the consistency rules and the integrity checks."""
        from aigraph.validate import validation

        inputs = validation.Inputs(self.home, tuple(self.data), self.asserted)
        return validation.validate(inputs, lambda: self.local("validate"), self.use_cache)

    def export(self, fmt: str = "turtle") -> bytes:
        """The graph in an RDF syntax (a name in registry.EXPORT_FORMATS); the closure unless `asserted`."""
        from aigraph import export

        return export.serialize(self.local("export"), fmt, with_inferred=not self.asserted)

    def load(self, urls: StoreUrls, client: Client | None = None, graph: str | None = None,
             replace: bool = True, chunk_size: int | None = None, progress=None) -> LoadReport:
        """Push the graph into a triple store (Graph Store Protocol) and check its triple count.
        `chunk_size`: triples per request (default: one request to a store that applies it whole,
        store_load.CHUNK to others)."""
        from aigraph import export
        from aigraph.stores import store_load
        from aigraph.stores.payload import Payload

        body = export.merged_ntriples(self.local("load"), with_inferred=not self.asserted)
        return store_load.load(Payload.of_ntriples(body), urls, client, graph, replace, chunk_size, progress)


def _announcing(resolve, on_resolve):
    """`resolve`, telling `on_resolve` (when given) what each name resolved to."""
    if on_resolve is None:
        return resolve

    def resolving(name, cls=None, what="entity"):
        match = resolve(name, cls, what)
        on_resolve(match, what)
        return match
    return resolving
