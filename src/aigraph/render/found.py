"""What finding things prints: search hits as rows."""

from __future__ import annotations

import pyoxigraph as ox

from aigraph.queries.table import Table

COLUMNS = ["class", "label", "entity", "snippet", "section", "score"]


def hits_table(result) -> Table:
    """A find.search.SearchResult as rows: class, label, entity (IRI), snippet with [matched]
    words, deck section, score."""
    rows: list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]] = []
    for hit in result.hits:
        row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            "class": ox.Literal(hit.cls), "label": ox.Literal(hit.label), "entity": ox.NamedNode(hit.iri),
            "snippet": ox.Literal(hit.marked()), "score": ox.Literal(f"{hit.score:.3f}")}
        if hit.section:
            row["section"] = ox.Literal(hit.section)
        rows.append(row)
    return Table(list(COLUMNS), rows)
