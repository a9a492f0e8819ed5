"""The OWL RL closure (owlrl), kept apart from the asserted triples and cleaned of noise.

owlrl adds triples that no store should receive: literal subjects (Oxigraph and GraphDB reject
them), axioms about the RDF/RDFS/OWL/XSD vocabularies themselves, and trivial entailments such as
`x owl:sameAs x` or `C rdfs:subClassOf owl:Thing`. Only the remaining new triples are kept.
"""

from __future__ import annotations

import pyoxigraph as ox

from .namespaces import PREFIXES

_VOCABULARIES = tuple(PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]
_REFLEXIVE = {_OWL + "sameAs", _RDFS + "subClassOf", _RDFS + "subPropertyOf",
              _OWL + "equivalentClass", _OWL + "equivalentProperty"}
_TRIVIAL_OBJECTS = {_OWL + "Thing", _RDFS + "Resource"}


def is_noise(subject, predicate, obj) -> bool:
    """True for an inferred triple that carries no information about the graph's world."""
    if isinstance(subject, ox.Literal):
        return True
    if isinstance(subject, ox.NamedNode) and subject.value.startswith(_VOCABULARIES):
        return True
    if predicate.value in _REFLEXIVE and subject == obj:
        return True
    return isinstance(obj, ox.NamedNode) and obj.value in _TRIVIAL_OBJECTS


def infer(asserted: list[ox.Quad], graph: ox.NamedNode) -> list[ox.Quad]:
    """The new, noise-free triples of the OWL RL closure of the asserted quads, placed in `graph`."""
    import owlrl

    from .rdflib_bridge import graph_of, to_oxigraph

    closure = graph_of(asserted)
    before = set(closure)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False,
                           axiomatic_triples=False, datatype_axioms=False).expand(closure)
    inferred = []
    for triple in closure:
        if triple in before:
            continue
        s, p, o = (to_oxigraph(term) for term in triple)
        if not is_noise(s, p, o):
            inferred.append(ox.Quad(s, p, o, graph))
    return sorted(inferred, key=str)
