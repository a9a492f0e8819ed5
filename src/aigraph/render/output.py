"""Rendering results: SELECT tables as text, CSV, TSV, W3C SPARQL JSON or Markdown; ASK; graphs."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from aigraph.namespaces import PREFIXES, XSD, shorten
from aigraph.queries.table import Table
from aigraph.registry import ROW_FORMATS
from aigraph.render.safe_text import csv_cell, ntriples_cell, terminal

_CELL_LIMIT = 80


def answer(result: Table | bool | list[ox.Triple], fmt: str) -> str:
    """Render whatever a query returned: a table, a boolean, or triples (as Turtle)."""
    if isinstance(result, Table):
        return render(result, fmt)
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result}) + "\n" if fmt == "json" else f"{str(result).lower()}\n"
    written = ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert written is not None  # no output file was given: pyoxigraph returns the bytes
    return written.decode()


def render(table: Table, fmt: str) -> str:
    """One SELECT table in the chosen format (a name in registry.ROW_FORMATS)."""
    return ROW_FORMATS.get(fmt)(table)


def w3c_json(table: Table) -> dict:
    """The SPARQL 1.1 Query Results JSON object."""
    return {"head": {"vars": table.variables},
            "results": {"bindings": [{name: _json_term(term) for name, term in row.items()}
                                     for row in table.rows]}}


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == XSD + "string":
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def json_table(table: Table) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format."""
    return json.dumps(w3c_json(table), ensure_ascii=False, indent=1) + "\n"


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def csv_table(table: Table) -> str:
    """The W3C SPARQL 1.1 Query Results CSV format."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.variables)
    for row in table.rows:
        writer.writerow([csv_cell(_plain(row.get(name))) for name in table.variables])
    return buffer.getvalue()


def tsv_table(table: Table) -> str:
    """The W3C SPARQL 1.1 Query Results TSV format (terms in N-Triples syntax)."""
    lines = ["\t".join(f"?{name}" for name in table.variables)]
    for row in table.rows:
        lines.append("\t".join(ntriples_cell(str(row[name])) if name in row else "" for name in table.variables))
    return "\n".join(lines) + "\n"


def display(term) -> str:
    """A term as a person reads it: CURIEs for IRIs, the text of literals, on one line."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return terminal(shorten(term.value))
    return terminal(" ".join(_plain(term).split()))


def _cells(table: Table) -> list[list[str]]:
    return [[display(row.get(name)) for name in table.variables] for row in table.rows]


def text_table(table: Table) -> str:
    """Aligned columns for a person, IRIs as CURIEs, long cells cut."""
    cells = [[c if len(c) <= _CELL_LIMIT else c[:_CELL_LIMIT - 1] + "…" for c in row]
             for row in _cells(table)]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(table.variables)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(n.ljust(w) for n, w in zip(table.variables, widths, strict=True)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def markdown_table(table: Table) -> str:
    """A Markdown table."""
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    out = ["| " + " | ".join(table.variables) + " |", "|" + " --- |" * len(table.variables)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _cells(table)]
    return "\n".join(out) + "\n"
