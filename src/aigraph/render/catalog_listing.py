"""The catalog of stored queries as a table, Markdown (for the README) or JSON."""

from __future__ import annotations

import json

from aigraph.queries.catalog import StoredQuery


def _param_text(query: StoredQuery) -> str:
    parts = []
    for p in query.params:
        flag = "" if p.required else "?"
        parts.append(f"{p.name}{flag} ({p.type})")
    return ", ".join(parts) or "—"


def listing(queries: list[StoredQuery], fmt: str) -> str:
    """Name, summary and parameters of each stored query."""
    if fmt == "json":
        return json.dumps([{"name": q.name, "summary": q.summary, "description": q.description,
                            "tags": list(q.tags),
                            "params": [{"name": p.name, "type": p.type, "doc": p.doc,
                                        "required": p.required, "default": p.default}
                                       for p in q.params]}
                           for q in queries], indent=1, ensure_ascii=False) + "\n"
    if fmt == "md":
        rows = ["| query | summary | parameters |", "| --- | --- | --- |"]
        rows += [f"| `{q.name}` | {q.summary} | {_param_text(q)} |" for q in queries]
        return "\n".join(rows) + "\n"
    width = max([len(q.name) for q in queries] + [5])
    rows = [f"{'query'.ljust(width)}  summary  [parameters; ? = optional]"]
    rows += [f"{q.name.ljust(width)}  {q.summary}  [{_param_text(q)}]" for q in queries]
    return "\n".join(rows) + "\n"
