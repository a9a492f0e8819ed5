"""The kinds of triple store `aigraph load --kind` knows: where each keeps its services."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoreKind:
    """Paths below a store's base URL; {dataset} stands for the dataset or repository name."""

    gsp: str  # the SPARQL 1.1 Graph Store Protocol service
    query: str
    update: str

    @property
    def needs_dataset(self) -> bool:
        return "{dataset}" in self.gsp


OXIGRAPH = StoreKind("/store", "/query", "/update")
FUSEKI = StoreKind("/{dataset}/data", "/{dataset}/sparql", "/{dataset}/update")
GRAPHDB = StoreKind("/repositories/{dataset}/rdf-graphs/service", "/repositories/{dataset}",
                    "/repositories/{dataset}/statements")
VIRTUOSO = StoreKind("/sparql-graph-crud", "/sparql", "/sparql")
