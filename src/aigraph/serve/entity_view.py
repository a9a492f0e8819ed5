"""An entity page's content: the rows of `Aigraph.describe` grouped by meaning, inferred duplicates folded.

Names, dates, the deck's own words and the doubts recorded about them, the deck sections, and the
links out and in grouped by property. An inferred fact is shown only when no asserted fact already
links the same value (the closure restates `supports` as `supportedBy` on the other side, a
release date as `eli:date_publication`, a type as each of its superclasses).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from aigraph.dates import is_date
from aigraph.namespaces import PREFIXES, shorten
from aigraph.queries.table import Table, Term

_P = PREFIXES
NAMES = (_P["rdfs"] + "label", _P["skos"] + "prefLabel", _P["skos"] + "altLabel", _P["dcterms"] + "title",
         _P["foaf"] + "name", _P["aig"] + "acronym", _P["dcterms"] + "identifier", _P["skos"] + "notation")
SAYS = (_P["rdfs"] + "comment", _P["skos"] + "definition", _P["skos"] + "scopeNote", _P["dcterms"] + "description")
DOUBTS = (_P["skos"] + "editorialNote",)
SOURCE = _P["dcterms"] + "source"
TYPE = _P["rdf"] + "type"
_FAMILIAR = {_P["rdfs"] + "label": "label", _P["skos"] + "prefLabel": "preferred name",
             _P["skos"] + "altLabel": "also called", _P["rdfs"] + "comment": "comment",
             _P["rdfs"] + "seeAlso": "see also", _P["foaf"] + "name": "name", _P["skos"] + "notation": "notation",
             _P["skos"] + "inScheme": "in scheme", _P["skos"] + "broader": "broader",
             _P["skos"] + "narrower": "narrower", _P["skos"] + "topConceptOf": "top concept of",
             _P["skos"] + "hasTopConcept": "top concept", _P["rdfs"] + "isDefinedBy": "defined by"}


def _path(iri: str) -> str | None:
    from aigraph.serve.operations import page_path

    return page_path(iri)


def view(iri: str, table: Table, names: dict[str, dict[str, str]], terms: dict[str, str]) -> dict[str, Any]:
    """The page's sections from the describe table (direction, property, value, labels, origin,
    quote, inference): each name, date and link carries the deck's words that state it, or why it
    is asserted when the deck does not state it."""
    texts = table.values()
    asserted_values = {str(row["value"]) for row, text in zip(table.rows, texts, strict=True)
                       if text.get("origin", "asserted") == "asserted"}
    seen: set[tuple[str, str]] = set()
    type_iris = [text["value"] for row, text in zip(table.rows, texts, strict=True)
                 if text["property"] == TYPE and text["direction"] == "out" and isinstance(row["value"], ox.NamedNode)]
    names_rows: list[dict[str, str]] = []
    types: list[str] = []
    also: list[str] = []
    says: list[str] = []
    doubts: list[str] = []
    sources: list[dict[str, Any]] = []
    literals: dict[str, list[dict[str, Any]]] = {"dates": [], "other": []}
    links: dict[str, dict[str, list[dict[str, Any]]]] = {"out": {}, "in": {}}
    for row, text in zip(table.rows, texts, strict=True):
        prop, value, direction = text["property"], row["value"], text["direction"]
        inferred = text.get("origin", "asserted") == "inferred"
        said = {"quote": text.get("quote", ""), "inference": text.get("inference", "")}  # data/evidence/
        if inferred and (str(value) in asserted_values or (direction, str(value)) in seen):
            if prop == TYPE and direction == "out":
                also.append(_term_label(value, terms))
            continue
        seen.add((direction, str(value)))
        label = _heading(terms.get(prop) or _FAMILIAR.get(prop) or shorten(prop))
        if direction == "out" and prop == TYPE:
            (also if inferred else types).append(_term_label(value, terms))
        elif direction == "out" and prop in NAMES and isinstance(value, ox.Literal):
            names_rows.append({"property": label, "value": value.value, "lang": value.language or "", **said})
        elif direction == "out" and prop in SAYS and isinstance(value, ox.Literal):
            says.append(value.value)
        elif direction == "out" and prop in DOUBTS and isinstance(value, ox.Literal):
            doubts.append(value.value)
        elif direction == "out" and prop == SOURCE and isinstance(value, ox.NamedNode):
            sources.append(_link(value, text, names))
        elif isinstance(value, ox.Literal):
            kind = "dates" if is_date(prop, value) else "other"
            literals[kind].append({"property": label, "value": value.value, "inferred": inferred, **said})
        else:
            links[direction].setdefault(label, []).append({**_link(value, text, names), "inferred": inferred,
                                                           **said})
    own = names.get(iri, {})
    return {"iri": iri, "path": _path(iri), "title": own.get("en") or own.get("code") or iri,
            "code": own.get("code", ""), "zh": own.get("zh", ""), "names": names_rows, "types": types,
            "also": sorted(set(also) - set(types)), "type_iris": type_iris, "dates": literals["dates"],
            "says": says, "doubts": doubts, "sources": sources, "out": sorted(links["out"].items()),
            "in": sorted(links["in"].items()), "other": literals["other"]}


def _heading(label: str) -> str:
    """A property's label as a row heading: lower case like the project's own ("Title" -> "title")."""
    return label[0].lower() + label[1:] if label[:1].isupper() and label[1:2].islower() else label


def _term_label(term: Term, terms: dict[str, str]) -> str:
    return terms.get(term.value) or shorten(term.value) if isinstance(term, ox.NamedNode) else str(term)


def _link(value: Term, text: dict[str, str], names: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A linked entity as a page shows it: its name (never a bare IRI when it has one) and code."""
    if not isinstance(value, ox.NamedNode):
        return {"label": str(value), "code": "", "href": None, "iri": str(value)}
    known = names.get(value.value, {})
    label = text.get("valueLabel") or known.get("en") or known.get("code") or shorten(value.value)
    code = known.get("code", "")
    return {"label": label, "code": code if code not in label else "", "href": _path(value.value),
            "iri": value.value}
