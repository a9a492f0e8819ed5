"""Why a row holds: a `why` column with the deck's words behind the facts a stored query's row uses.

A row uses the facts that link its entities (the IRIs it binds and those its parameters name) to
each other or to a value the row shows (a label, a date, an identifier; list cells split on " | ").
Each such fact's evidence (data/evidence/, read with sparql/evidence.rq in one query for all rows)
is given once per row as `"quote" (section)`, or, for a fact the deck does not state (an inference,
data/evidence/), as `not in the deck: why`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from aigraph.backend import Graph, solutions
from aigraph.queries.internal import internal_query
from aigraph.queries.lists import SEPARATOR
from aigraph.queries.sparql_text import with_rows
from aigraph.queries.table import Table, Term

COLUMN = "why"


def evidence(graph: Graph, entities: list[ox.NamedNode], asserted: bool = False) -> dict[str, list[tuple[Term, str]]]:
    """Each entity's evidenced facts as (value, cited words), by IRI: `"quote" (section label)`, or
    `not in the deck: why` for an inference."""
    if not entities:
        return {}
    found: dict[str, list[tuple[Term, str]]] = {}
    text = with_rows(internal_query("evidence"), "entity", [str(e) for e in entities])
    for row in solutions(graph.query(text, asserted)):
        if row["quote"] is not None:
            section = row["sectionLabel"] or row["section"]
            cited = f'"{row["quote"].value}" ({section.value if section is not None else "?"})'
        elif row["inference"] is not None:
            cited = f"not in the deck: {row['inference'].value}"
        else:
            continue
        found.setdefault(row["entity"].value, []).append((row["value"], cited))
    return found


def _shown(row: dict) -> set[str]:
    """The values a row shows, list cells split into their parts."""
    values = set()
    for term in row.values():
        if isinstance(term, ox.Literal):
            values.add(term.value)
            values.update(part.strip() for part in term.value.split(SEPARATOR))
    return values


def with_why(table: Table, graph: Graph, named: Sequence[ox.NamedNode] = (), asserted: bool = False) -> Table:
    """The table with a `why` column: for each row, the evidence of the facts it uses (see above);
    `named` are the entities the query's parameters name."""
    entities = {term for row in table.rows for term in row.values() if isinstance(term, ox.NamedNode)}
    found = evidence(graph, sorted(entities | set(named), key=lambda term: term.value), asserted)
    rows = []
    for row in table.rows:
        linked = {term.value for term in row.values() if isinstance(term, ox.NamedNode)} | {n.value for n in named}
        shown = _shown(row)
        parts: list[str] = []
        for entity in sorted(linked):
            for value, cited in found.get(entity, ()):
                if isinstance(value, ox.NamedNode):
                    uses = value.value in linked
                else:
                    uses = isinstance(value, ox.Literal) and value.value in shown
                if uses and cited not in parts:
                    parts.append(cited)
        rows.append({**row, COLUMN: ox.Literal(SEPARATOR.join(parts))} if parts else row)
    return Table([*table.variables, COLUMN], rows)
