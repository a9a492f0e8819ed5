"""OWL consistency: the contradictions the OWL RL closure exposes, each one a violation.

owlrl only notes inconsistencies in blank-node error messages (which reasoning.py drops), so each
rule here is a query over the asserted triples and their closure that names the entity at fault.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from aigraph.namespaces import shorten
from aigraph.validate.violation import Violation


@dataclass(frozen=True)
class Rule:
    """A query selecting ?entity, ?property and ?value (and more), and the message for each row."""

    name: str
    query: str
    message: str  # formatted with the row's values, IRIs shortened to CURIEs


RULES = (
    Rule("owl-nothing-member", """
        SELECT ?entity ?property ?value WHERE {
            ?entity a owl:Nothing .
            BIND(rdf:type AS ?property) BIND(owl:Nothing AS ?value)
        }""",
         "is a member of owl:Nothing: no individual can satisfy its types"),
    Rule("disjoint-classes", """
        SELECT DISTINCT ?entity ?property ?value ?other WHERE {
            { ?value owl:disjointWith ?other } UNION { ?other owl:disjointWith ?value }
            UNION {
                ?axiom a owl:AllDisjointClasses ; owl:members ?members .
                ?members rdf:rest*/rdf:first ?value .
                ?members rdf:rest*/rdf:first ?other .
            }
            FILTER(STR(?value) < STR(?other))
            ?entity a ?value , ?other .
            BIND(rdf:type AS ?property)
        }""",
         "is both a {value} and a {other}, which are disjoint classes"),
    Rule("functional-property", """
        SELECT ?entity ?property ?value ?other WHERE {
            ?property a owl:FunctionalProperty .
            ?entity ?property ?value , ?other .
            FILTER(!sameTerm(?value, ?other) && STR(?value) <= STR(?other))
        }""",
         "has two values, {value} and {other}, for {property}, which is functional (at most one value)"),
)


def check(graph, asserted: bool = False) -> list[Violation]:
    """Every inconsistency in the graph (with its OWL RL closure unless `asserted`)."""
    found = []
    for rule in RULES:
        solutions = graph.query(rule.query, asserted)
        names = [variable.value for variable in solutions.variables]
        for row in solutions:
            values = {name: _show(row[name]) for name in names}
            found.append(Violation("consistency", row["entity"].value, rule.message.format(**values),
                                   rule.name, row["property"].value, row["value"].value))
    return found


def _show(term) -> str:
    if isinstance(term, ox.Literal):
        return f'"{term.value}"'
    return shorten(term.value) if isinstance(term, ox.NamedNode) else str(term)
