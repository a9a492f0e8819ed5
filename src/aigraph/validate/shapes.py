"""The SHACL shapes: loaded from a home's shapes/ folder, counted, and checked against SHACL-SHACL.

A shapes graph with no shapes is refused: pySHACL validates happily against nothing (for instance
when a keyword argument is misspelled and the shapes never reach it), which would report any data as
conforming.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from aigraph.build.sources import read_quads, turtle_files
from aigraph.errors import AigraphError
from aigraph.namespaces import shorten

_SHAPE_MARKS = ("path", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")


def load(folder: Path):
    """The folder's shapes as one rdflib graph, checked against SHACL-SHACL; never empty."""
    from aigraph.build.rdflib_bridge import graph_of

    shapes = graph_of(q for path in turtle_files(folder) for q in read_quads(path, ox.DefaultGraph()))
    if count(shapes) == 0:
        raise AigraphError(f"{folder}: no SHACL shapes found; validation would check nothing")
    check(shapes, folder)
    return shapes


def count(shapes) -> int:
    """The node and property shapes of a shapes graph (typed, targeted or with a path)."""
    from rdflib import RDF
    from rdflib.namespace import SH

    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for mark in _SHAPE_MARKS:
        found |= set(shapes.subjects(SH[mark], None))
    return len(found)


def check(shapes, where: Path) -> None:
    """Fail unless the shapes graph conforms to the SHACL-SHACL shapes (pySHACL's own copy)."""
    from importlib.resources import files

    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    meta = rdflib.Graph().parse(str(files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle")
    conforms, results, _ = pyshacl.validate(shapes, shacl_graph=meta, ont_graph=None, inference="rdfs",
                                            do_owl_imports=False, allow_warnings=False)
    if not conforms:
        result = next(results.objects(None, SH.result))
        focus, message = results.value(result, SH.focusNode), results.value(result, SH.resultMessage)
        raise AigraphError(f"{where}: not valid SHACL: {shorten(str(focus))}: {message}")
