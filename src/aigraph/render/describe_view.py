"""`describe` for a person: the entity named first, its facts grouped (identity, dates, relations,
sources, notes), properties by label or CURIE, and inferred facts that repeat an asserted one folded.

`fold` works on the describe Table itself, so every output format shows the same facts; `--all`
keeps everything.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from aigraph.dates import is_date
from aigraph.namespaces import PREFIXES, RDF_TYPE, shorten
from aigraph.queries.table import Table
from aigraph.render.safe_text import terminal
from aigraph.render.terminal import Layout, pad, width, wrap

GROUPS = ("identity", "dates", "relations", "sources", "notes")
_IDENTITY = {PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel",
             PREFIXES["dcterms"] + "identifier", PREFIXES["dcterms"] + "title", RDF_TYPE}
_SOURCES = {PREFIXES["dcterms"] + "source", PREFIXES["rdfs"] + "isDefinedBy", PREFIXES["rdfs"] + "seeAlso"}
_NOTES = {PREFIXES["rdfs"] + "comment"} | {PREFIXES["skos"] + n for n in
                                          ("note", "editorialNote", "scopeNote", "changeNote", "historyNote")}


def _inferred(row: dict) -> bool:
    origin = row.get("origin")
    return origin is not None and origin.value == "inferred"


def fold(table: Table) -> Table:
    """The facts without the inferred ones that repeat an asserted fact: the same value reached by
    another property or the other direction (CAC `aig:issued` X beside X `aig:issuedBy` CAC), and
    the superclasses of an asserted type."""
    def outgoing_type(row: dict[str, Any]) -> bool:
        return row["property"].value == RDF_TYPE and row["direction"].value == "out"

    rows: list[dict[str, Any]] = table.rows
    asserted = [row for row in rows if not _inferred(row)]
    values = {row["value"] for row in asserted if "value" in row}
    typed = any(outgoing_type(row) for row in asserted)
    kept = [row for row in rows
            if not _inferred(row) or (row.get("value") not in values and not (typed and outgoing_type(row)))]
    return Table(table.variables, kept)


def group(row: dict) -> str:
    """Which group a fact belongs to (one of GROUPS)."""
    prop, value = row["property"].value, row.get("value")
    if prop in _NOTES:
        return "notes"
    if prop in _SOURCES:
        return "sources"
    if isinstance(value, ox.Literal) and is_date(prop, value):
        return "dates"
    if prop in _IDENTITY or isinstance(value, ox.Literal):
        return "identity"
    return "relations"


_NAMES = {RDF_TYPE: "type", PREFIXES["rdfs"] + "label": "label", PREFIXES["rdfs"] + "comment": "comment",
          PREFIXES["skos"] + "altLabel": "also called", PREFIXES["skos"] + "prefLabel": "name"}
_FIRST = [RDF_TYPE, PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "prefLabel"]


def _property(row: dict) -> str:
    """A property as a person reads it: its label (lower-case), else its CURIE."""
    label = row.get("propertyLabel")
    stated = label.value if label is not None else shorten(row["property"].value)
    name = _NAMES.get(row["property"].value) or terminal(stated)
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return f"← {name}" if row["direction"].value == "in" else name


def _value(row: dict) -> str:
    from aigraph.render.output import display

    value = row.get("value")
    if not isinstance(value, ox.NamedNode):
        return display(value)
    label, ident = row.get("valueLabel"), row.get("valueId")
    text = display(label) if label is not None else shorten(value.value)
    if ident is not None and ident.value not in text:
        text = f"{ident.value} · {text}"
    return text


def heading(entity: ox.NamedNode, table: Table) -> str:
    rows: list[dict[str, Any]] = table.rows  # describe binds no triple terms
    return _heading(entity, rows)


def _heading(entity: ox.NamedNode, rows: list[dict[str, Any]]) -> str:
    """The entity's name, identifier or acronym, and CURIE: what `describe` resolved the name to."""
    names = {"label": "", "id": ""}
    for row in rows:
        if row["direction"].value != "out" or not isinstance(row.get("value"), ox.Literal):
            continue
        prop = row["property"].value
        if prop == PREFIXES["rdfs"] + "label" and not names["label"]:
            names["label"] = row["value"].value
        elif prop in (PREFIXES["dcterms"] + "identifier", PREFIXES["aig"] + "acronym") and not names["id"]:
            names["id"] = row["value"].value
    if names["id"] and names["label"].startswith(names["id"]):
        names["id"] = ""
    parts = [p for p in (names["id"], names["label"]) if p]
    return terminal(" · ".join(parts + [shorten(entity.value)]))


def text(entity: ox.NamedNode, table: Table, layout: Layout | None = None) -> str:
    """The grouped view: a heading, then per group one `property  value` line per fact
    (`←` marks a fact stated on the other entity; `(inferred)` one the closure added), each
    followed by the deck's words that state it (`» "..."`), or why it is asserted when the deck does
    not state it (`» not in the deck: ...`)."""
    layout = layout or Layout()
    lines = [heading(entity, table), ""]
    facts_in: list[dict[str, Any]] = table.rows
    ordered = sorted(facts_in, key=lambda row: _FIRST.index(row["property"].value)
                     if row["property"].value in _FIRST else len(_FIRST))
    rows: dict[tuple[str, str, str], list[str]] = {}  # a fact stated by several quotes is one line
    for row in ordered:
        fact = (group(row), _property(row), _value(row) + (" (inferred)" if _inferred(row) else ""))
        quotes = rows.setdefault(fact, [])
        said = [f'» "{terminal(row["quote"].value)}"'] if row.get("quote") is not None else []
        said += [f"» not in the deck: {terminal(row['inference'].value)}"] if row.get("inference") is not None else []
        quotes.extend(line for line in said if line not in quotes)
    label_width = min(max((width(p) for _, p, _ in rows), default=0), 28)
    room = max(20, layout.cells() - label_width - 4)
    for name in GROUPS:
        facts = [(p, v, quotes) for (g, p, v), quotes in rows.items() if g == name]
        if not facts:
            continue
        lines.append(name)
        for prop, value, quotes in facts:
            parts = [value] if layout.wide else wrap(value, room)
            lines.append("  " + pad(prop, label_width) + "  " + parts[0])
            lines += [" " * (label_width + 4) + part for part in parts[1:]]
            for quote in quotes:
                lines += [" " * (label_width + 4) + part for part in ([quote] if layout.wide else wrap(quote, room))]
    lines.append(f"({len(rows)} fact{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
