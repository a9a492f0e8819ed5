"""The kinds of triple store `aigraph load --kind` knows: where each keeps its services."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoreKind:
    """Paths below a store's base URL; {dataset} stands for the dataset or repository name."""

    gsp: str  # the SPARQL 1.1 Graph Store Protocol service
    query: str
    update: str
    default_graph: str | None = None  # a store without a default graph: the named graph standing for it
    atomic: bool = False  # the store applies a Graph Store PUT or POST in one transaction, all or nothing

    @property
    def needs_dataset(self) -> bool:
        return "{dataset}" in self.gsp


OXIGRAPH = StoreKind("/store", "/query", "/update", atomic=True)  # a failed or cut-off PUT leaves the graph as it was
FUSEKI = StoreKind("/{dataset}/data", "/{dataset}/sparql", "/{dataset}/update")
GRAPHDB = StoreKind("/repositories/{dataset}/rdf-graphs/service", "/repositories/{dataset}",
                    "/repositories/{dataset}/statements")
# Virtuoso has no default graph of its own (a query without FROM sees every graph, and DEFAULT in
# an update must be declared): its "default graph" is this named graph, which every query sees.
VIRTUOSO_DEFAULT_GRAPH = "https://w3id.org/aigraph/graph/default"
VIRTUOSO = StoreKind("/sparql-graph-crud-auth", "/sparql", "/sparql-auth",  # HTTP Digest
                     default_graph=VIRTUOSO_DEFAULT_GRAPH)
# Further URL shapes a --store URL is recognised by: Virtuoso's anonymous endpoints (loading through
# them needs SPARQL_UPDATE granted to the SPARQL user).
OTHER_SHAPES = (StoreKind("/sparql-graph-crud", "/sparql", "/sparql", default_graph=VIRTUOSO_DEFAULT_GRAPH),)
