"""The OWL RL closure (owlrl or its fast path), apart from the asserted triples, cleaned of noise.

owlrl adds triples that no store should receive: literal subjects (Oxigraph and GraphDB reject
them), axioms about the RDF/RDFS/OWL/XSD vocabularies themselves, trivial entailments such as
`x owl:sameAs x` or `C rdfs:subClassOf owl:Thing`, and, when the data is inconsistent, blank-node
error messages in the DAML agent vocabulary. Only the remaining new triples are kept.

An inconsistent graph entails anything, so neither of its two ways of doing so here is followed:
owlrl is not told which properties with literal values are functional (two different values would
be declared owl:sameAs and copied onto every entity sharing either), and a member of owl:Nothing
is not given every other class (owlrl makes owl:Nothing a subclass of each). The consistency
module reports both problems instead.
"""

from __future__ import annotations

import os
from typing import Protocol

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.namespaces import PREFIXES

_VOCABULARIES = tuple(PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]
_REFLEXIVE = {_OWL + "sameAs", _RDFS + "subClassOf", _RDFS + "subPropertyOf",
              _OWL + "equivalentClass", _OWL + "equivalentProperty"}
_TRIVIAL_OBJECTS = {_OWL + "Thing", _RDFS + "Resource"}
_TYPE = PREFIXES["rdf"] + "type"
_NOTHING = _OWL + "Nothing"
_FUNCTIONAL = _OWL + "FunctionalProperty"
OWLRL_ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"


def is_noise(subject, predicate, obj) -> bool:
    """True for an inferred triple that carries no information about the graph's world."""
    if isinstance(subject, ox.Literal):
        return True
    if isinstance(subject, ox.NamedNode) and subject.value.startswith(_VOCABULARIES):
        return True
    if predicate.value in _REFLEXIVE and subject == obj:
        return True
    if predicate.value.startswith(OWLRL_ERRORS):
        return True
    return isinstance(obj, ox.NamedNode) and (obj.value in _TRIVIAL_OBJECTS
                                              or obj.value.startswith(OWLRL_ERRORS))


def reasoner() -> str:
    """"owlrl" when AIGRAPH_REASONER=owlrl asks for the reference reasoner alone, else "fast"."""
    return "owlrl" if os.environ.get("AIGRAPH_REASONER", "").strip().lower() == "owlrl" else "fast"


def infer(store: ox.Store, graph: ox.NamedNode) -> list[ox.Quad]:
    """The new, noise-free triples of the OWL RL closure of the store's triples, placed in `graph`.

    The fast path (rules.py) computes them when the graph keeps to the vocabulary it covers;
    owlrl does otherwise, or always with AIGRAPH_REASONER=owlrl.
    """
    from aigraph.reasoning.rules import closure

    triples = closure(store) if reasoner() == "fast" else None
    if triples is None:
        triples = owlrl_closure(store)
    absurd = _nothing_members(store, triples)
    return [ox.Quad(s, p, o, graph) for s, p, o in triples if not is_noise(s, p, o)
            and not (s in absurd and p.value == _TYPE and o.value != _NOTHING)]


class Sink(Protocol):
    """Where the closure's triples also go as the fast path adds them (the on-disk build's copy)."""

    def add(self, ntriples: bytes) -> None:
        """Take a batch of the closure's triples, as N-Triples."""

    def withdraw(self) -> None:
        """Disregard every batch: the graph no longer holds just what they add up to."""


def infer_into(store: ox.Store, graph: ox.NamedNode, sink: Sink | None = None) -> None:
    """Add the new, noise-free triples of the OWL RL closure of the store's other graphs to `graph`
    (empty): inside Oxigraph by reasoning/bulk.py wherever it can, else what `infer` returns.
    `sink`, when given, is handed each batch the bulk path adds, and told when to disregard them."""
    if reasoner() == "fast":
        from aigraph.reasoning.bulk import closure_into

        if closure_into(store, graph, sink):
            return
    if sink is not None:
        sink.withdraw()
    store.bulk_extend(infer(store, graph))


def _nothing_members(store: ox.Store, triples) -> set:
    """The individuals the data or its closure puts in owl:Nothing."""
    nothing = ox.NamedNode(_NOTHING)
    members = {s for s, p, o in triples if p.value == _TYPE and o == nothing}
    return members | {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(_TYPE), nothing, None)}


def owlrl_closure(store: ox.Store) -> set[tuple]:
    """The triples owlrl's OWL RL closure adds to the store's triples (noise included)."""
    import owlrl

    from aigraph.build.rdflib_bridge import graph_of, to_oxigraph

    functional = {row["p"] for row in solutions(store.query(
        "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a owl:FunctionalProperty } "
        "GRAPH ?h { ?s ?p ?o FILTER(isLITERAL(?o)) } }", prefixes=PREFIXES))}
    closure = graph_of(q for q in store if not (q.subject in functional and q.predicate.value == _TYPE
                                                and q.object.value == _FUNCTIONAL))
    before = set(closure)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False,
                           axiomatic_triples=False, datatype_axioms=False).expand(closure)
    return {tuple(to_oxigraph(term) for term in triple) for triple in closure if triple not in before}
