"""Finding, in one query per constraint, the focus nodes that a SHACL-SPARQL constraint may reject.

pySHACL runs a SPARQL constraint once per focus node, with `$this` pre-bound: about 7 ms a node, two
minutes for a 100k-triple catalog. Here each constraint of a node shape runs once over the whole
graph instead, its WHERE group joined with the shape's targets, and returns the suspects. pySHACL then
checks only those (see `validation.run_shapes`), so its report stays the report of record and this
module only decides whom to ask about.

Joining is equivalent to pre-binding only for plain graph patterns. A constraint that uses
sub-queries, MINUS, aggregates, solution modifiers, its own prologue or the other pre-bound
variables ($PATH, $currentShape, $shapesGraph), a shape that another shape refers to (so it also
validates value nodes) and a shape that is also a class (implicit targets) are left to pySHACL whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.build.rdflib_bridge import to_oxigraph
from aigraph.queries.sparql_text import tokens, where_group_start

_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
TARGETS = {"targetClass": f"?this a/<{_RDFS}subClassOf>* {{}}", "targetNode": "VALUES ?this {{ {} }}",
            "targetSubjectsOf": "?this {} []", "targetObjectsOf": "[] {} ?this"}
_UNSAFE_WORDS = {"SELECT", "MINUS", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "PREFIX", "BASE",
                 "SERVICE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
_UNSAFE_VARIABLES = {"PATH", "currentShape", "shapesGraph"}
_CLASSES = {_RDFS + "Class", "http://www.w3.org/2002/07/owl#Class"}


@dataclass(frozen=True)
class Prefilter:
    """A node shape whose SPARQL constraints are each one whole-graph query for suspects."""

    shape: object  # the rdflib node of the shape
    queries: tuple[str, ...]


def prefilters(shapes) -> list[Prefilter]:
    """A prefilter for every targeted node shape whose SPARQL constraints all allow one."""
    from rdflib import RDF
    from rdflib.namespace import SH

    referenced = {o for s, p, o in shapes if p != RDF.type}
    found = []
    for shape in sorted(set(shapes.subjects(SH.sparql, None)), key=str):
        pattern = targets(shapes, shape)
        if (shape in referenced or not pattern or shapes.value(shape, SH.path) is not None
                or any(str(kind) in _CLASSES for kind in shapes.objects(shape, RDF.type))):
            continue
        queries = [_query(shapes, constraint, pattern) for constraint in shapes.objects(shape, SH.sparql)]
        safe = tuple(query for query in queries if query is not None)
        if queries and len(safe) == len(queries):
            found.append(Prefilter(shape, safe))
    return found


def suspects(data: ox.Store, prefilter: Prefilter) -> set:
    """The focus nodes of the shape for which some constraint's query has a solution."""
    return {row["this"] for text in prefilter.queries for row in solutions(data.query(text))}


def targets(shapes, shape=None) -> str:
    """A graph pattern binding ?this to the focus nodes of the shape (of every shape by default)."""
    from rdflib.namespace import SH

    patterns = sorted({TARGETS[kind].format(to_oxigraph(term))
                       for kind in TARGETS for term in shapes.objects(shape, SH[kind])})
    return " UNION ".join(f"{{ {pattern} }}" for pattern in patterns)


def _query(shapes, constraint, targets: str) -> str | None:
    """The constraint's WHERE group joined with the targets, selecting ?this; None when unsafe."""
    from rdflib.namespace import SH

    select = shapes.value(constraint, SH.select)
    if select is None or shapes.value(constraint, SH.ask) is not None:
        return None
    text = str(select)
    body = _where_body(text)
    if body is None:
        return None
    declared = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
                for prefixes in shapes.objects(constraint, SH.prefixes)
                for d in shapes.objects(prefixes, SH.declare)}
    prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in declared.items())
    query = (f"{prologue}SELECT DISTINCT ?this WHERE {{\n"
             f"{{ SELECT DISTINCT ?this WHERE {{ {targets} }} }}\n{body}\n}}")
    try:
        ox.Store().query(query)
    except SyntaxError:
        return None  # pySHACL reports the constraint's own error
    return query


def _where_body(text: str) -> str | None:
    """The inside of the query's WHERE group with $this written ?this; None when joining is unsafe."""
    start = where_group_start(text)
    depth, parts, end = 1, [], None
    for kind, value, at in tokens(text):
        if kind == "word" and value.upper() in _UNSAFE_WORDS and (at >= start or value.upper() != "SELECT"):
            return None
        if kind == "var" and value[1:] in _UNSAFE_VARIABLES:
            return None
        if at < start:
            continue
        if end is not None:
            if kind != "comment" and value.strip():
                return None  # a solution modifier after the WHERE group
            continue
        if kind == "brace":
            depth += 1
        elif value == "}":
            depth -= 1
            if depth == 0:
                end = at
                continue
        parts.append("?this" if kind == "var" and value[1:] == "this" else value)
    return "".join(parts) if end is not None else None
