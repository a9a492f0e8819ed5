"""Canonical Turtle: the one layout every .ttl in the project is kept in (`aigraph fmt`).

Sorted prefixes (only those used), one block per subject in a stable order (in an ontology: the
header first, then classes, then properties, then the rest), rdf:type and rdfs:label first then the
other predicates sorted, blank nodes inlined: rdflib's Turtle writer with every project prefix
bound, fed blank nodes with canonical (RDFC-style) labels so that their order, too, is the same on
every run.
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from aigraph.atomic import write_bytes
from aigraph.build.input_limits import read_utf8
from aigraph.build.sources import read_quads


def canonical(path: Path) -> str:
    """The canonical Turtle text of a Turtle file (AigraphError when it does not parse)."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    from aigraph.build.rdflib_bridge import graph_of
    from aigraph.namespaces import bind_all

    quads = read_quads(path, ox.NamedNode("urn:aigraph:fmt"))
    graph = rdflib.Graph(bind_namespaces="none")
    bind_all(graph)
    for triple in to_canonical_graph(graph_of(quads)):
        graph.add(triple)
    stream = io.BytesIO()
    _schema_first_serializer()(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def _schema_first_serializer():
    """rdflib's Turtle writer, putting the ontology header, classes and properties first."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS
    from rdflib.plugins.serializers.turtle import TurtleSerializer

    class SchemaFirst(TurtleSerializer):
        def __init__(self, store: rdflib.Graph):
            super().__init__(store)
            self.topClasses = [OWL.Ontology, OWL.Class, RDFS.Class, RDFS.Datatype, OWL.ObjectProperty,
                               OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property]

    return SchemaFirst


def unformatted(paths: list[Path]) -> list[Path]:
    """The files whose text differs from their canonical form."""
    return [p for p in paths if read_utf8(p) != canonical(p)]


def rewrite(path: Path) -> bool:
    """Rewrite one file in canonical form, atomically; True when it changed."""
    text = canonical(path)
    if read_utf8(path) == text:
        return False
    write_bytes(path, text.encode("utf-8"))
    return True
