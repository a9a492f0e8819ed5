"""What a query worker does with the graph, through the `Aigraph` facade only.

Every function takes the worker's state (the facade and the names it read once) and returns plain,
picklable values: tables, booleans, triples, dicts. Its SPARQL lives with aigraph's own, in `queries/sparql/*.rq`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from aigraph.api import Aigraph
from aigraph.errors import AigraphError
from aigraph.namespaces import DATA, PREFIXES
from aigraph.queries.internal import internal_query
from aigraph.queries.sparql_text import with_values
from aigraph.queries.table import Table

_NAME_RANK = {PREFIXES["rdfs"] + "label": 0, PREFIXES["skos"] + "prefLabel": 1,
              PREFIXES["dcterms"] + "title": 2}
_CODES = (PREFIXES["dcterms"] + "identifier", PREFIXES["aig"] + "acronym")


@dataclass
class State:
    """A worker's facade, and the names of every entity and term (read once: the graph is fixed)."""

    graph: Aigraph
    max_rows: int
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # iri -> {"en", "zh", "code"}
    terms: dict[str, str] = field(default_factory=dict)  # property or class iri -> English label


def open_state(spec) -> State:
    graph = Aigraph(spec.home, [Path(p) for p in spec.data], asserted=spec.asserted, use_cache=spec.use_cache)
    state = State(graph, spec.max_rows)
    ranked: dict[tuple[str, str], tuple[int, str]] = {}
    labels = graph.select(internal_query("labels"), where="labels")
    for row, text in zip(labels.rows, labels.values(), strict=True):
        iri, prop, name = text["s"], text["property"], row["name"]
        entry = state.names.setdefault(iri, {})
        if prop in _CODES:
            entry.setdefault("code", text["name"])
            continue
        lang = ((name.language if isinstance(name, ox.Literal) else None) or "en").split("-")[0]
        if lang not in ("en", "zh"):
            continue
        rank = (_NAME_RANK[prop], text["name"])
        if (iri, lang) not in ranked or rank < ranked[iri, lang]:
            ranked[iri, lang] = rank
            entry[lang] = text["name"]
    for text in graph.select(internal_query("property-labels"), where="term labels").values():
        state.terms.setdefault(text["term"], text["label"])
    return state


def _label_map(state: State, terms) -> dict[str, dict[str, str]]:
    """The names of the IRIs among the terms."""
    return {t.value: state.names[t.value] for t in terms
            if isinstance(t, ox.NamedNode) and t.value in state.names}


def _capped(state: State, table: Table) -> tuple[Table, bool]:
    if len(table.rows) <= state.max_rows:
        return table, False
    return Table(table.variables, table.rows[:state.max_rows]), True


def sparql(state: State, text: str) -> dict:
    """An ad-hoc query (SERVICE and updates were refused before it got here)."""
    result = state.graph.execute(text, allow_service=False)
    if isinstance(result, Table):
        table, truncated = _capped(state, result)
        return {"kind": "select", "table": table, "truncated": truncated}
    if isinstance(result, bool):
        return {"kind": "ask", "boolean": result}
    triples = result[:state.max_rows]
    return {"kind": "graph", "triples": triples, "truncated": len(result) > state.max_rows}


def stored(state: State, name: str, values: dict[str, str], lang: str = "en") -> dict:
    """A stored query's rows, and the names of the entities in them (for linked result tables)."""
    result = state.graph.run(name, values, lang, notes=True)  # the doubts as a `notes` column, as on the CLI
    if not isinstance(result, Table):
        raise AigraphError(f"query {name!r} is not a SELECT")
    table, truncated = _capped(state, result)
    cells = [term for row in table.rows for term in row.values()]
    return {"kind": "select", "table": table, "truncated": truncated, "names": _label_map(state, cells)}


def search(state: State, text: str, limit: int = 50) -> list[dict]:
    """Ranked hits for a text (`Aigraph.search`: the name and text index, BM25), as a page lists them."""
    if not text.strip():
        return []
    result = state.graph.search(text.strip(), limit)
    return [{"iri": hit.iri, "href": page_path(hit.iri), "label": hit.label, "code": hit.code or "",
             "cls": hit.cls, "source": hit.section or "", "snippet": hit.snippet} for hit in result.hits]


def _stored_table(state: State, name: str, values: dict[str, str], lang: str = "en") -> Table:
    """A stored query's rows (the stored queries are all SELECTs)."""
    return state.graph.select(state.graph.render_stored(name, values, lang), where=f"query {name!r}")


def entity_triples(state: State, iri: str) -> list:
    """The triples about an entity, both directions (empty when the graph does not know it)."""
    text = with_values(internal_query("entity-triples"), {"entity": str(ox.NamedNode(iri))})
    result = state.graph.execute(text, where=f"entity <{iri}>")
    return result if isinstance(result, list) else []


def entity(state: State, iri: str) -> dict | None:
    """What an entity page shows, grouped by meaning; None when the graph does not know it."""
    from aigraph.serve.entity_view import view

    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise AigraphError(f"not a valid IRI: {iri[:80]!r}") from None
    known = state.graph.execute(with_values(internal_query("entity-exists"), {"entity": str(node)}),
                                where=f"entity <{iri}>")
    if known is not True:
        return None
    table = state.graph.describe(node.value)
    return view(iri, table, state.names, state.terms)


def network(state: State) -> dict:
    """Nodes and links of the instrument -> standard -> committee -> authority picture."""
    rows = state.graph.select(internal_query("network"), where="network").values()
    nodes: dict[str, dict[str, str | None]] = {}
    links = []
    for row in rows:
        for end, kind in (("source", "sourceKind"), ("target", "targetKind")):
            iri = row[end]
            names = state.names.get(iri, {})
            nodes.setdefault(iri, {"id": iri, "kind": row[kind], "href": page_path(iri),
                                   "label": names.get("code") or names.get("en") or iri})
        links.append({"source": row["source"], "target": row["target"],
                      "relation": state.terms.get(row["relation"], row["relation"])})
    # An entity of two kinds (an authority that also heads a committee) keeps its first kind.
    return {"nodes": [nodes[iri] for iri in sorted(nodes)], "links": links}


def timeline(state: State) -> list[dict]:
    """The stored `timeline` query's rows as plain dicts (issue, release and effective dates)."""
    return _stored_table(state, "timeline", {}).values()


def page_path(iri: str) -> str | None:
    """The server path of an instance IRI (/id/...), or None for IRIs outside the data namespace."""
    return "/id/" + iri[len(DATA):] if iri.startswith(DATA) and len(iri) > len(DATA) else None


OPERATIONS: dict[str, Callable[..., Any]] = {"sparql": sparql, "stored": stored, "search": search, "entity": entity,
              "entity_triples": entity_triples, "network": network, "timeline": timeline}
