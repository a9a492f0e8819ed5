"""The library behind the CLI: open the graph, run stored or ad-hoc queries, describe entities."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from aigraph.build.graph import ASSERTED_DATA, DATASET, INFERRED, ONTOLOGY, USER_DATA, KnowledgeGraph
from aigraph.errors import AigraphError
from aigraph.home import Home, find_home
from aigraph.queries import catalog, params
from aigraph.queries.sparql_text import refuse_service, with_values
from aigraph.render.output import Table, from_solutions

if TYPE_CHECKING:  # the store and endpoint modules load HTTP machinery: only when used
    from aigraph.stores.http_client import Client
    from aigraph.stores.remote import RemoteGraph
    from aigraph.stores.store_load import LoadReport, StoreUrls


class Aigraph:
    """One home, the user's extra data files, and the choice of asserted or closed graph."""

    def __init__(self, home: str | Path | None = None, data: Sequence[Path] = (),
                 asserted: bool = False, use_cache: bool = True, endpoint: RemoteGraph | None = None):
        self.home: Home = find_home(home)
        self.data = [Path(p) for p in data]
        self.asserted = asserted
        self.use_cache = use_cache
        self.endpoint = endpoint

    @cached_property
    def graph(self) -> KnowledgeGraph | RemoteGraph:
        """The built graph, opened on first use; or the remote endpoint that stands in for it."""
        if self.endpoint is not None:
            return self.endpoint
        return KnowledgeGraph.open(self.home, self.data, self.use_cache)

    def catalog(self) -> list[catalog.StoredQuery]:
        """Every stored query, checked."""
        return catalog.load_all(self.home.queries)

    def stored(self, name: str) -> catalog.StoredQuery:
        """One stored query by name."""
        return catalog.load(self.home.queries, name)

    def render_stored(self, name: str, values: dict[str, str], lang: str = "en") -> str:
        """The stored query's text with its parameters bound in a VALUES block."""
        query = self.stored(name)
        return with_values(query.text, params.bind(query, values, self.graph, lang))

    def run(self, name: str, values: dict[str, str] | None = None, lang: str = "en"):
        """Run a stored query with the user's parameter values."""
        return self.execute(self.render_stored(name, values or {}, lang), where=f"query {name!r}")

    def execute(self, text: str, allow_service: bool = False, where: str = "query"):
        """Run SPARQL text: a Table for SELECT, a bool for ASK, a list of triples for graphs."""
        refuse_service(text, allow_service, where)
        try:
            result = self.graph.query(text, self.asserted)
        except SyntaxError as error:
            raise AigraphError(f"{where}: invalid SPARQL: {' '.join(str(error).split())}") from None
        except OSError as error:
            raise AigraphError(f"{where}: {error}") from None
        if isinstance(result, ox.QuerySolutions):
            return from_solutions(result)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return list(result)

    def resolve(self, name: str) -> ox.NamedNode:
        """The IRI of an entity given as IRI, CURIE, name, identifier or acronym."""
        return params.resolve(name, self.graph)

    def describe(self, name: str, lang: str = "en") -> Table:
        """Every fact about the entity, in and out, with linked labels and identifiers."""
        from aigraph.queries.describe import describe_query

        entity = self.resolve(name)
        text = with_values(describe_query(self.asserted, named_graphs=self.endpoint is None),
                           {"entity": str(entity), "lang": str(ox.Literal(lang))})
        return self.execute(text, where=f"describe {name!r}")

    def stats(self) -> dict:
        """Triple counts per graph, entities per class, and the files the graph was built from."""
        graph = self.graph
        counts = {name: graph.count(g) for name, g in
                  (("ontology", ONTOLOGY), ("data", ASSERTED_DATA), ("user", USER_DATA),
                   ("dataset", DATASET), ("inferred", INFERRED))}
        rows = graph.query("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class "
                           "FILTER(STRSTARTS(STR(?class), STR(aig:))) } GROUP BY ?class "
                           "ORDER BY DESC(?n) ?class", asserted=True)
        classes = {row["class"].value: int(row["n"].value) for row in rows}
        return {"triples": counts, "classes": classes, "files": graph.files,
                "from_cache": graph.from_cache}

    def validate(self):
        """Check the graph against the shapes, the consistency rules and the integrity queries."""
        from aigraph.validate import validation

        return validation.validate(self)

    def export(self, fmt: str = "turtle") -> bytes:
        """The graph in an RDF syntax (see export.FORMATS); the closure unless `asserted`."""
        from aigraph import export

        return export.serialize(self.graph, fmt, with_inferred=not self.asserted)

    def load(self, urls: StoreUrls, client: Client | None = None, graph: str | None = None,
             replace: bool = True, chunk_size: int | None = None, progress=None) -> LoadReport:
        """Push the graph into a triple store (Graph Store Protocol) and check its triple count."""
        from aigraph import export
        from aigraph.stores import store_load

        triples = export.triples(self.graph, with_inferred=not self.asserted)
        return store_load.load(triples, urls, client, graph, replace, chunk_size or store_load.CHUNK, progress)
