"""Rendering a validation report: one line per violation, JSON, or a standard SHACL report in Turtle."""

from __future__ import annotations

import json

from aigraph.namespaces import SHAPES, bind_all, shorten
from aigraph.registry import REPORT_FORMATS
from aigraph.render.safe_text import terminal
from aigraph.validate.validation import Report
from aigraph.validate.violation import Violation


def render(report: Report, fmt: str) -> str:
    """The report in the chosen format (a name in registry.REPORT_FORMATS)."""
    return REPORT_FORMATS.get(fmt)(report)


def line(violation: Violation) -> str:
    """A violation as: label <IRI> property: message (files)."""
    who = f"{violation.label} <{violation.entity}>" if violation.label else f"<{violation.entity}>"
    prop = f" {shorten(violation.property)}" if violation.property else ""
    files = f" ({', '.join(violation.files)})" if violation.files else ""
    return terminal(f"{who}{prop}: {violation.message}{files}")  # a label's newline cannot forge a line


def text(report: Report) -> str:
    """One line per violation, then the summary."""
    return "".join(line(v) + "\n" for v in report.violations) + report.summary() + "\n"


def json_report(report: Report) -> str:
    """The counts and violations as JSON."""
    return json.dumps({"conforms": report.conforms, "shapes": report.shapes,
                       "focus_nodes": report.focus_nodes, "consistency_rules": report.rules,
                       "integrity_checks": report.checks,
                       "violations": [v.as_dict() for v in report.violations]}, indent=1) + "\n"


def turtle(report: Report) -> str:
    """pySHACL's report, with the consistency and integrity violations added as further results."""
    import rdflib
    from rdflib.namespace import SH

    graph = rdflib.Graph()
    bind_all(graph)
    if report.shacl is not None:
        graph += report.shacl
    node = graph.value(None, rdflib.RDF.type, SH.ValidationReport)
    if node is None:
        node = rdflib.BNode()
        graph.add((node, rdflib.RDF.type, SH.ValidationReport))
    graph.set((node, SH.conforms, rdflib.Literal(report.conforms)))
    for violation in report.violations:
        if violation.kind == "shape":
            continue
        result = rdflib.BNode()
        graph.add((node, SH.result, result))
        graph.add((result, rdflib.RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, _node(violation.entity)))
        graph.add((result, SH.resultSeverity, SH.Violation))
        graph.add((result, SH.resultMessage, rdflib.Literal(violation.message)))
        graph.add((result, SH.sourceShape, rdflib.URIRef(f"{SHAPES}{violation.kind}-{violation.source}")))
        graph.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        if violation.property:
            graph.add((result, SH.resultPath, rdflib.URIRef(violation.property)))
    return graph.serialize(format="turtle")


def _node(entity: str):
    import rdflib

    return rdflib.URIRef(entity) if ":" in entity else rdflib.BNode(entity)
