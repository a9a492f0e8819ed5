"""Turning the user's parameter values into RDF terms: typed, checked, names resolved to IRIs."""

from __future__ import annotations

import datetime
import re

import pyoxigraph as ox

from .catalog import LANG_VARIABLE, Param, StoredQuery
from .errors import AigraphError
from .namespaces import XSD, expand_curie

NAME_PROPERTIES = ("rdfs:label", "skos:prefLabel", "skos:altLabel", "aig:acronym",
                   "dcterms:identifier")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
LANGUAGES = ("en", "zh")


def bind(query: StoredQuery, raw: dict[str, str], graph, lang: str = "en") -> dict[str, str | None]:
    """The query's VALUES bindings (N-Triples terms, None for unbound) from the user's values."""
    declared = {p.name: p for p in query.params}
    unknown = set(raw) - set(declared)
    if unknown:
        listed = ", ".join(declared) or "none"
        raise AigraphError(f"query {query.name!r} has no parameter {sorted(unknown)[0]!r} "
                           f"(its parameters: {listed})")
    bindings: dict[str, str | None] = {}
    for param in query.params:
        value = raw.get(param.name, param.default)
        if value is None:
            if param.required:
                raise AigraphError(f"query {query.name!r} needs -p {param.name}=... ({param.doc})")
            bindings[param.name] = None
        else:
            bindings[param.name] = str(term(param, value, graph))
    if query.uses_lang:
        bindings[LANG_VARIABLE] = str(ox.Literal(lang))
    return bindings


def term(param: Param, value: str, graph) -> ox.NamedNode | ox.Literal:
    """One parameter value as an RDF term of the parameter's type."""
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
            raise AigraphError(f"parameter {param.name}: {_show(value)} is not an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "date":
        try:
            day = datetime.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise AigraphError(f"parameter {param.name}: {_show(value)} is not an ISO date (YYYY-MM-DD)")
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return resolve(value, graph, param.cls, param.name)


def resolve(value: str, graph, cls: str | None = None, label: str = "entity") -> ox.NamedNode:
    """An IRI from a full IRI, a CURIE with a project prefix, or a name, identifier or acronym."""
    text = value.strip()
    iri = expand_curie(text) or (text if _SCHEME.match(text) and " " not in text else None)
    if iri is not None:
        try:
            return ox.NamedNode(iri)
        except ValueError:
            raise AigraphError(f"parameter {label}: {_show(value)} is not a valid IRI") from None
    candidates = _names(graph, cls)
    wanted = text.casefold()
    exact = {s for s, name in candidates if name.casefold() == wanted}
    if len(exact) == 1:
        return ox.NamedNode(exact.pop())
    matches = exact or {s for s, name in candidates if wanted and wanted in name.casefold()}
    if len(matches) == 1:
        return ox.NamedNode(matches.pop())
    if not matches:
        kind = f" among {cls} members" if cls else ""
        raise AigraphError(f"parameter {label}: nothing is named {_show(value)}{kind}")
    shown = sorted({_best_name(s, candidates) for s in matches})
    more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
    raise AigraphError(f"parameter {label}: {_show(value)} is ambiguous; it matches "
                       f"{'; '.join(shown[:8])}{more}")


def _names(graph, cls: str | None) -> list[tuple[str, str]]:
    props = " ".join(NAME_PROPERTIES)
    member = f"?s rdf:type/rdfs:subClassOf* {cls} ." if cls else ""
    rows = graph.query(f"SELECT DISTINCT ?s ?name WHERE {{ VALUES ?p {{ {props} }} "
                       f"?s ?p ?name . {member} FILTER(isIRI(?s)) }}", asserted=True)
    return [(row["s"].value, row["name"].value) for row in rows]


def _best_name(subject: str, candidates: list[tuple[str, str]]) -> str:
    names = sorted((name for s, name in candidates if s == subject),
                   key=lambda name: (not name.isascii(), len(name)))
    return f"{names[0]} <{subject}>"


def _show(value: str, limit: int = 60) -> str:
    """A value quoted on one line, shortened so a hostile megabyte never floods the terminal."""
    flat = repr(value[:limit])
    return flat + ("..." if len(value) > limit else "")
