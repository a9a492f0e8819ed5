"""What the facade asks of a graph, local or remote: one small protocol both implement."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import pyoxigraph as ox

Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | Iterable[ox.Triple]


class Graph(Protocol):
    """A graph that answers SPARQL: the locally built one (build.graph.KnowledgeGraph) or a
    remote endpoint (stores.remote.RemoteGraph)."""

    def query(self, text: str, asserted: bool = False) -> Answer:
        """Run SPARQL (the project's prefixes predeclared); SyntaxError for an invalid query."""
        ...

    def count(self, graph: str | None = None) -> int:
        """The number of triples in a named graph, or in all the graph's triples."""
        ...


def solutions(answer: Answer) -> ox.QuerySolutions:
    """The answer of a SELECT that aigraph wrote itself (any other form is a programming error)."""
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"expected SELECT solutions, got {type(answer).__name__}")
    return answer
