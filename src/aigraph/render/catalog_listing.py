"""The catalog of stored queries: name, summary and parameters as rows, or the whole metadata as JSON."""

from __future__ import annotations

import json

import pyoxigraph as ox

from aigraph.queries.catalog import StoredQuery
from aigraph.queries.table import Table, Term
from aigraph.render.output import render


def _param_text(query: StoredQuery) -> str:
    parts = [f"{p.name}{'' if p.required else '?'} ({p.type})" for p in query.params]
    return ", ".join(parts) or "—"


def listing(queries: list[StoredQuery], fmt: str) -> str:
    """Name, summary and parameters of each stored query in a row format; with json, every
    query's metadata (description, tags, typed parameters) rather than SPARQL results."""
    if fmt == "json":
        return json.dumps([{"name": q.name, "summary": q.summary, "description": q.description,
                            "tags": list(q.tags),
                            "params": [{"name": p.name, "type": p.type, "doc": p.doc,
                                        "required": p.required, "default": p.default}
                                       for p in q.params]}
                           for q in queries], indent=1, ensure_ascii=False) + "\n"
    rows: list[dict[str, Term]] = [{"query": ox.Literal(q.name), "summary": ox.Literal(q.summary),
             "parameters": ox.Literal(_param_text(q))} for q in queries]
    return render(Table(["query", "summary", "parameters"], rows), fmt)
