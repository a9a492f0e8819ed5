"""Doubts made visible: a `notes` column on a stored query's rows whose entities carry editorial notes.

Every IRI a row binds is looked up (one query, the IRIs in a VALUES block, or every note when
there are MANY of them); a row's notes are those of its entities, in column order, each prefixed
with the entity's column name when the row binds more than one entity with notes. No column is
added when no row has a note.
"""

from __future__ import annotations

import pyoxigraph as ox

from aigraph.backend import Graph, solutions
from aigraph.queries.internal import internal_query
from aigraph.queries.sparql_text import with_rows
from aigraph.queries.table import Table

COLUMN = "notes"
SEPARATOR = " | "
# entities from which every note is read and the wanted ones kept, rather than a VALUES block of
# them all: a query with 80k IRIs to parse and join costs seconds, the notes a graph holds far less
MANY = 2_000


def editorial_notes(graph: Graph, entities: list[ox.NamedNode], asserted: bool = False) -> dict[str, list[str]]:
    """The editorial notes of each entity that has any, by IRI."""
    if not entities:
        return {}
    found: dict[str, list[str]] = {}
    text = internal_query("editorial-notes")
    if len(entities) <= MANY:
        answer = graph.query(with_rows(text, "entity", [str(e) for e in entities]), asserted)
        for row in solutions(answer):
            found.setdefault(row["entity"].value, []).append(row["note"].value)
        return found
    wanted = {entity.value for entity in entities}
    for row in solutions(graph.query(text, asserted)):
        if (entity := row["entity"].value) in wanted:
            found.setdefault(entity, []).append(row["note"].value)
    return found


def with_notes(table: Table, graph: Graph, asserted: bool = False) -> Table:
    """The table with a `notes` column when any row's entities carry editorial notes."""
    if COLUMN in table.variables:
        return table
    entities = sorted({term for row in table.rows for term in row.values() if isinstance(term, ox.NamedNode)},
                      key=lambda term: term.value)
    found = editorial_notes(graph, entities, asserted)
    if not found:
        return table
    rows = []
    for row in table.rows:
        noted = [(name, found[term.value]) for name in table.variables
                 if isinstance(term := row.get(name), ox.NamedNode) and term.value in found]
        seen: set[str] = set()
        parts = []
        for name, notes in noted:
            for note in notes:
                if note not in seen:
                    seen.add(note)
                    parts.append(f"{name}: {note}" if len(noted) > 1 else note)
        rows.append({**row, COLUMN: ox.Literal(SEPARATOR.join(parts))} if parts else row)
    return Table([*table.variables, COLUMN], rows)
