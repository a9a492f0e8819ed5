"""Turning the user's parameter values into RDF terms: typed, checked, names resolved to IRIs."""

from __future__ import annotations

import datetime
import re

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.errors import AigraphError
from aigraph.namespaces import XSD, expand_curie
from aigraph.queries.catalog import LANG_VARIABLE, Param, StoredQuery
from aigraph.queries.internal import internal_query
from aigraph.queries.sparql_text import with_rows, with_values

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def bind(query: StoredQuery, raw: dict[str, str], graph, lang: str = "en",
         resolver=None) -> dict[str, str | None]:
    """The query's VALUES bindings (N-Triples terms, None for unbound) from the user's values.

    `resolver(value, cls, name)` turns a name into an IRI (find/resolve.py's index for a local
    graph); without one, names are looked up with SPARQL (a remote endpoint has no index)."""
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
            bindings[param.name] = str(term(param, value, graph, resolver))
    if query.uses_lang:
        bindings[LANG_VARIABLE] = str(ox.Literal(lang))
    return bindings


def term(param: Param, value: str, graph, resolver=None) -> ox.NamedNode | ox.Literal:
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
    if resolver is not None:
        return ox.NamedNode(resolver(value, param.cls, f"parameter {param.name}").iri)
    return resolve(value, graph, param.cls, f"parameter {param.name}")


def resolve(value: str, graph, cls: str | None = None, label: str = "entity") -> ox.NamedNode:
    """An IRI from a full IRI, a CURIE with a project prefix, or a name, identifier or acronym."""
    text = value.strip()
    iri = expand_curie(text) or (text if _SCHEME.match(text) and " " not in text else None)
    if iri is not None:
        try:
            return ox.NamedNode(iri)
        except ValueError:
            raise AigraphError(f"{label}: {_show(value)} is not a valid IRI") from None
    wanted = text.casefold()
    candidates = _names(graph, cls, wanted)
    exact = {s for s, name in candidates if name.casefold() == wanted}
    if len(exact) == 1:
        return ox.NamedNode(exact.pop())
    matches = exact or {s for s, name in candidates if wanted and wanted in name.casefold()}
    if len(matches) == 1:
        return ox.NamedNode(matches.pop())
    if not matches:
        kind = f" among {cls} members" if cls else ""
        raise AigraphError(f"{label}: nothing is named {_show(value)}{kind}")
    every_name = _names_of(graph, matches)
    shown = sorted({_best_name(s, every_name) for s in matches})
    more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
    raise AigraphError(f"{label}: {_show(value)} is ambiguous; it matches "
                       f"{'; '.join(shown[:8])}{more}")


def _names(graph, cls: str | None, wanted: str) -> list[tuple[str, str]]:
    """(IRI, name) of the class's members (of everything without a class), among them every name
    whose casefold is or contains `wanted`: a superset the caller compares exactly."""
    wanted_term: dict[str, str | None] = {"wanted": str(ox.Literal(wanted))}
    class_iri = expand_curie(cls) if cls else None
    if class_iri is None:
        text = with_values(internal_query("names-containing"), wanted_term)
    else:
        types = [str(ox.NamedNode(iri)) for iri in sorted(_subclasses(graph, class_iri))]
        text = with_rows(with_values(internal_query("names-containing-among"), wanted_term), "type", types)
    return [(row["s"].value, row["name"].value) for row in solutions(graph.query(text, asserted=True))]


def _subclasses(graph, class_iri: str) -> set[str]:
    """The class and all its subclasses, walked down one level per query (sparql/subclasses.rq)."""
    found, level = {class_iri}, {class_iri}
    while level:
        text = with_rows(internal_query("subclasses"), "class", [str(ox.NamedNode(iri)) for iri in sorted(level)])
        level = {row["sub"].value for row in solutions(graph.query(text, asserted=True))} - found
        found |= level
    return found


def _names_of(graph, subjects: set[str]) -> dict[str, list[str]]:
    """Every name of each subject, label first (sparql/names-ranked.rq)."""
    text = with_rows(internal_query("names-ranked"), "entity",
                     [str(ox.NamedNode(subject)) for subject in sorted(subjects)])
    names: dict[str, list[str]] = {}
    for row in solutions(graph.query(text, asserted=True)):
        names.setdefault(row["entity"].value, []).append(row["name"].value)
    return names


def _best_name(subject: str, names: dict[str, list[str]]) -> str:
    best = sorted(names[subject], key=lambda name: (not name.isascii(), len(name)))
    return f"{best[0]} <{subject}>"


def _show(value: str, limit: int = 60) -> str:
    """A value quoted on one line, shortened so a hostile megabyte never floods the terminal."""
    flat = repr(value[:limit])
    return flat + ("..." if len(value) > limit else "")
