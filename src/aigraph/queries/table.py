"""The library's answer to a SELECT: variable names and rows of RDF terms."""

from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class Table(NamedTuple):
    """The rows of a SELECT answer: variable names, and per row the bound terms."""

    variables: list[str]
    rows: list[dict[str, Term]]

    def values(self) -> list[dict[str, str]]:
        """The rows as plain Python strings: IRIs, literal values, blank node labels."""
        return [{name: term.value if not isinstance(term, ox.Triple) else str(term)
                 for name, term in row.items()} for row in self.rows]


def from_solutions(solutions: ox.QuerySolutions) -> Table:
    """Materialize pyoxigraph solutions. A solution iterates over its values in the order of the
    variables (None where unbound), which costs a third of looking each variable up by name."""
    names = [v.value for v in solutions.variables]
    rows = [{name: term for name, term in zip(names, solution, strict=True) if term is not None}
            for solution in solutions]
    return Table(names, rows)
