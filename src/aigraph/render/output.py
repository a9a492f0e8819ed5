"""Rendering results: SELECT tables as text, CSV, TSV, W3C SPARQL JSON or Markdown; ASK; graphs."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from aigraph.errors import BadOption
from aigraph.namespaces import PREFIXES, XSD, shorten
from aigraph.queries.table import Table
from aigraph.registry import ROW_FORMATS, default_row_format
from aigraph.render.safe_text import csv_cell, csv_row_safe, ntriples_cell, terminal
from aigraph.render.terminal import Layout, fits

FITTED = ("table", "record")  # formats laid out for a terminal's width

def answer(result: Table | bool | list[ox.Triple], fmt: str | None, layout: Layout | None = None) -> str:
    """Render whatever a query returned: a table, a boolean, or triples (Turtle; JSON-LD for json).
    No `fmt`: the default for where the output goes (registry.default_row_format)."""
    if isinstance(result, Table):
        return render(result, fmt or _default_format(result, layout), layout)
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result}) + "\n" if fmt == "json" else f"{str(result).lower()}\n"
    if fmt == "json":
        from aigraph.export import jsonld

        return json.dumps(jsonld(result), ensure_ascii=False, indent=1) + "\n"
    if fmt not in (None, "table", "record"):
        raise BadOption(f"--format {fmt}: a CONSTRUCT or DESCRIBE answer is a graph; "
                        "use --format json (JSON-LD) or no --format (Turtle)")
    written = ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert written is not None  # no output file was given: pyoxigraph returns the bytes
    return written.decode()


def _default_format(table: Table, layout: Layout | None) -> str:
    """The default for where the output goes; on a terminal, records (as psql's expanded display
    does) when the table's columns would not fit the width without breaking words."""
    chosen = default_row_format(len(table.rows))
    if chosen == "table" and not fits(layout.project(table) if layout else table, layout):
        return "record"
    return chosen


def render(table: Table, fmt: str, layout: Layout | None = None) -> str:
    """One SELECT table in the chosen format (a name in registry.ROW_FORMATS); the formats for a
    person (FITTED) lay it out for the terminal."""
    if layout is not None:
        table = layout.project(table)
    if fmt in FITTED:
        return ROW_FORMATS.get(fmt)(table, layout)
    return ROW_FORMATS.get(fmt)(table)


def w3c_json(table: Table) -> dict:
    """The SPARQL 1.1 Query Results JSON object."""
    return {"head": {"vars": table.variables},
            "results": {"bindings": [{name: _json_term(term) for name, term in row.items()}
                                     for row in table.rows]}}


_XSD_STRING = XSD + "string"


def _json_term(term) -> dict:
    kind = type(term)
    if kind is ox.Literal:
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    if kind is ox.NamedNode:
        return {"type": "uri", "value": term.value}
    if kind is ox.BlankNode:
        return {"type": "bnode", "value": term.value}
    return {"type": "literal", "value": str(term)}  # a triple term (RDF 1.2), in N-Triples syntax


def json_table(table: Table) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format, one binding a line (json's C encoder writes
    each; indenting the whole document would take the pure-Python one, ten times slower)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    head = encode({"vars": table.variables})
    bindings = ",\n".join([encode({name: _json_term(term) for name, term in row.items()}) for row in table.rows])
    return f'{{"head": {head},\n "results": {{"bindings": [\n{bindings}\n ]}}}}\n'


def _plain(term) -> str:
    if term is None:
        return ""
    if type(term) is ox.BlankNode:
        return f"_:{term.value}"
    return term.value


def csv_table(table: Table) -> str:
    """The W3C SPARQL 1.1 Query Results CSV format (cells made safe: render/safe_text.py)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.variables)
    names = table.variables
    for row in table.rows:
        cells = [_plain(row.get(name)) for name in names]
        writer.writerow(cells if csv_row_safe(cells) else [csv_cell(cell) for cell in cells])
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


def markdown_table(table: Table) -> str:
    """A Markdown table."""
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    out = ["| " + " | ".join(table.variables) + " |", "|" + " --- |" * len(table.variables)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _cells(table)]
    return "\n".join(out) + "\n"
