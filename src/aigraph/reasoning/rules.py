"""The OWL RL closure for the vocabulary the ontology uses, computed directly over the store.

The rules (OWL 2 RL, as owlrl implements them) for subclass and subproperty hierarchies,
equivalent classes and properties, domains and ranges, inverse, symmetric and transitive
properties, applied a whole property or class at a time; the rules that only report
inconsistencies (disjointness and the like) add nothing once noise is filtered. For any other
vocabulary that owlrl reasons with (owl:sameAs, restrictions, property chains, keys, ...) or any
graph where owlrl would go further (two values of a functional property, a derived schema triple,
a literal that rdflib writes differently) `closure` returns None and the caller runs owlrl, the
reference. tests/test_fast_reasoning.py checks that both infer the same triples.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TypeGuard

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.namespaces import PREFIXES

RDF, RDFS, OWL, XSD = (PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
_VOCABULARIES = (RDF, RDFS, OWL, XSD)
TYPE = ox.NamedNode(RDF + "type")
SUBCLASS, SUBPROPERTY = ox.NamedNode(RDFS + "subClassOf"), ox.NamedNode(RDFS + "subPropertyOf")
DOMAIN, RANGE = ox.NamedNode(RDFS + "domain"), ox.NamedNode(RDFS + "range")
EQUIVALENT_CLASS = ox.NamedNode(OWL + "equivalentClass")
EQUIVALENT_PROPERTY = ox.NamedNode(OWL + "equivalentProperty")
INVERSE = ox.NamedNode(OWL + "inverseOf")
PROPERTY_KINDS = ("TransitiveProperty", "SymmetricProperty", "FunctionalProperty",
                  "InverseFunctionalProperty")

# OWL predicates that owlrl's rules reason with and these rules do not cover
_BEYOND = tuple(ox.NamedNode(OWL + name) for name in (
    "sameAs", "onProperty", "someValuesFrom", "allValuesFrom", "hasValue", "unionOf",
    "intersectionOf", "complementOf", "onClass", "oneOf", "maxCardinality",
    "maxQualifiedCardinality", "propertyChainAxiom", "hasKey"))
# OWL classes an asserted rdf:type may name: covered here, or only used to report inconsistencies
_OWL_TYPES = {OWL + name for name in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology",
    "NamedIndividual", "Thing", "AllDisjointClasses", "AllDifferent", "AllDisjointProperties",
    "AsymmetricProperty", "IrreflexiveProperty", "DeprecatedClass", "DeprecatedProperty",
    *PROPERTY_KINDS)}
# vocabulary classes an inferred rdf:type may name without triggering further rules
HARMLESS_TYPES = {OWL + "Thing", OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty",
                  OWL + "AnnotationProperty", OWL + "NamedIndividual", OWL + "Ontology",
                  RDFS + "Class", RDFS + "Resource", RDFS + "Literal", RDFS + "Datatype",
                  RDF + "Property"}
# vocabulary terms a hierarchy may lead up to
_TOPS = {OWL + "Thing", RDFS + "Resource", RDFS + "label", RDFS + "comment", RDFS + "seeAlso",
         RDFS + "isDefinedBy"}
_PLAIN = {XSD + "string", RDF + "langString"}
_DATATYPES = {RDFS + "Literal", RDF + "PlainLiteral", RDF + "XMLLiteral", RDF + "HTML",
              RDF + "langString"}


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Pair = tuple[Term, Term]


class Unsupported(Exception):
    """The graph needs a rule this module does not implement."""


def closure(store: ox.Store) -> set[tuple] | None:
    """The triples the OWL RL closure adds to the store's triples (noise included), or None."""
    try:
        check_vocabulary(store)
        schema = Schema(store)
        properties = _Properties(store, schema)
        types = _types(store, schema, properties.pairs)
    except Unsupported:
        return None
    new = {t for t in schema.inferred() if t not in schema.asserted}
    for prop, pairs in properties.pairs.items():
        new.update((s, prop, o) for s, o in pairs - properties.asserted[prop])
    for cls, members in types.items():
        new.update((x, TYPE, cls) for x in members)
    return new


def is_vocabulary(term: object) -> TypeGuard[ox.NamedNode]:
    """Whether the term is an IRI of the RDF, RDFS, OWL or XSD vocabulary."""
    return isinstance(term, ox.NamedNode) and term.value.startswith(_VOCABULARIES)


def check_vocabulary(store: ox.Store) -> None:
    for predicate in _BEYOND:
        if next(store.quads_for_pattern(None, predicate, None, None), None) is not None:
            raise Unsupported(predicate.value)
    for (cls,) in solutions(store.query(f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?s <{TYPE.value}> ?c }} }}")):
        if (cls.value.startswith(OWL) and cls.value not in _OWL_TYPES) or cls.value.startswith(XSD) \
                or cls.value in _DATATYPES:
            raise Unsupported(cls.value)  # owlrl gives explicitly typed data values more types


def check_literals(literals) -> None:
    """owlrl sees literals through rdflib, which rewrites some (`1e3` as `1000.0`): none here."""
    import logging

    import rdflib

    log = logging.getLogger("rdflib.term")
    level, log.level = log.level, logging.CRITICAL  # ill-typed literals are owlrl's to report
    try:
        for literal in literals:
            if literal.datatype.value not in _PLAIN and \
                    str(rdflib.Literal(literal.value, datatype=literal.datatype.value)) != literal.value:
                raise Unsupported(str(literal))
    finally:
        log.level = level


def _pairs(store: ox.Store, predicate, obj=None) -> set[tuple]:
    return {(q.subject, q.object) for q in store.quads_for_pattern(None, predicate, obj, None)}


def _reach(edges: dict) -> dict:
    """For each node, every node reachable through one or more edges."""
    reached = {}
    for start in edges:
        seen, todo = set(), list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))
        reached[start] = seen
    return reached


class Schema:
    """The hierarchies, domains, ranges and property kinds, closed under the scm-* rules."""

    def __init__(self, store: ox.Store):
        self.asserted: set[tuple[Term, ox.NamedNode, Term]] = set()
        class_edges: defaultdict[Term, set[Term]] = defaultdict(set)
        property_edges: defaultdict[Term, set[Term]] = defaultdict(set)
        for predicate, edges in ((SUBCLASS, class_edges), (EQUIVALENT_CLASS, class_edges),
                                 (SUBPROPERTY, property_edges), (EQUIVALENT_PROPERTY, property_edges)):
            for s, o in _pairs(store, predicate):
                self._hierarchy_term(s, o)
                self.asserted.add((s, predicate, o))
                edges[s].add(o)
                if predicate in (EQUIVALENT_CLASS, EQUIVALENT_PROPERTY):
                    edges[o].add(s)
        self.superclasses = _reach(class_edges)
        self.superproperties = _reach(property_edges)
        self.inverses: defaultdict[Term, set[Term]] = defaultdict(set)
        for s, o in _pairs(store, INVERSE):
            self._hierarchy_term(s, o)
            self.inverses[s].add(o)
            self.inverses[o].add(s)
        self.kinds: dict[str, set[Term]] = {}
        for kind in PROPERTY_KINDS:
            self.kinds[kind] = {s for s, _ in _pairs(store, TYPE, ox.NamedNode(OWL + kind))}
            if any(is_vocabulary(s) or isinstance(s, ox.BlankNode) for s in self.kinds[kind]):
                raise Unsupported(kind)
        self.domains = self._bounds(store, DOMAIN)
        self.ranges = self._bounds(store, RANGE)

    def _hierarchy_term(self, subject, obj) -> None:
        if isinstance(subject, ox.Literal) or isinstance(obj, ox.Literal) or is_vocabulary(subject) \
                or (is_vocabulary(obj) and obj.value not in _TOPS):
            raise Unsupported(f"{subject} {obj}")

    def _bounds(self, store: ox.Store, predicate) -> dict:
        """scm-dom1/2 (or scm-rng1/2): each property's classes, inherited and generalized."""
        declared: defaultdict[Term, set[Term]] = defaultdict(set)
        for s, o in _pairs(store, predicate):
            if is_vocabulary(s) or isinstance(o, ox.Literal):
                raise Unsupported(f"{s} {o}")
            self.asserted.add((s, predicate, o))
            declared[s].add(o)
        bounds: dict[Term, set[Term]] = {}
        for prop in set(declared) | set(self.superproperties):
            classes: set[Term] = set()
            for holder in {prop} | self.superproperties.get(prop, set()):
                for cls in declared.get(holder, ()):
                    classes |= {cls} | self.superclasses.get(cls, set())
            if classes:
                bounds[prop] = classes
        return bounds

    def inferred(self):
        """The schema triples of the closure (scm-sco, scm-eqc2, scm-spo, scm-eqp2, scm-dom, scm-rng)."""
        for up, sub, same in ((self.superclasses, SUBCLASS, EQUIVALENT_CLASS),
                              (self.superproperties, SUBPROPERTY, EQUIVALENT_PROPERTY)):
            for node, above in up.items():
                for other in above:
                    yield node, sub, other
                    if node in up.get(other, ()):
                        yield node, same, other
        for bounds, predicate in ((self.domains, DOMAIN), (self.ranges, RANGE)):
            for prop, classes in bounds.items():
                for cls in classes:
                    yield prop, predicate, cls


def tracked_properties(schema: Schema) -> set[Term]:
    """The properties whose pairs the property rules read or write."""
    kinds = schema.kinds
    tracked: set[Term] = set()
    todo = [*schema.superproperties, *schema.inverses, *kinds["TransitiveProperty"],
            *kinds["SymmetricProperty"], *kinds["FunctionalProperty"], *kinds["InverseFunctionalProperty"]]
    while todo:
        prop = todo.pop()
        if prop not in tracked:
            tracked.add(prop)
            todo.extend(schema.superproperties.get(prop, ()))
            todo.extend(schema.inverses.get(prop, ()))
    if any(isinstance(p, ox.BlankNode) for p in tracked):
        raise Unsupported("a blank-node property")  # owlrl drops triples with such predicates
    return tracked


class _Properties:
    """prp-spo1, prp-eqp, prp-inv, prp-symp and prp-trp to a fixpoint, one property's new pairs at a
    time (semi-naive); prp-fp and prp-ifp must find nothing to equate."""

    def __init__(self, store: ox.Store, schema: Schema):
        self.schema = schema
        kinds = schema.kinds
        tracked = tracked_properties(schema)
        self.asserted = {prop: _pairs(store, prop) for prop in tracked}
        self.pairs = {prop: set(pairs) for prop, pairs in self.asserted.items()}
        self.out: dict[Term, defaultdict[Term, set[Term]]] = {}
        self.into: dict[Term, defaultdict[Term, set[Term]]] = {}
        for prop in kinds["TransitiveProperty"]:
            self.out[prop], self.into[prop] = defaultdict(set), defaultdict(set)
            self._index(prop, self.pairs[prop])
        delta = {prop: set(pairs) for prop, pairs in self.pairs.items() if pairs}
        while delta:
            delta = self._round(delta)
        for prop in kinds["FunctionalProperty"]:
            if any(isinstance(o, ox.Literal) for _, o in self.asserted[prop]):
                continue  # owlrl is not told such a property is functional (reasoning.owlrl_closure)
            if len({s for s, _ in self.pairs[prop]}) != len(self.pairs[prop]):
                raise Unsupported(f"two values of the functional {prop}")  # owlrl equates them
        for prop in kinds["InverseFunctionalProperty"]:
            if len({o for _, o in self.pairs[prop]}) != len(self.pairs[prop]):
                raise Unsupported(f"two subjects of the inverse functional {prop}")
        check_literals({o for pairs in self.pairs.values() for _, o in pairs if isinstance(o, ox.Literal)})

    def _index(self, prop, pairs) -> None:
        out, into = self.out[prop], self.into[prop]
        for s, o in pairs:
            out[s].add(o)
            into[o].add(s)

    def _round(self, delta: dict) -> dict:
        schema = self.schema
        found: defaultdict[Term, set[Pair]] = defaultdict(set)
        for prop, pairs in delta.items():
            for above in schema.superproperties.get(prop, ()):
                found[above] |= pairs
            swapped = {(o, s) for s, o in pairs} if prop in schema.inverses or \
                prop in schema.kinds["SymmetricProperty"] else set()
            for inverse in schema.inverses.get(prop, ()):
                found[inverse] |= swapped
            if prop in schema.kinds["SymmetricProperty"]:
                found[prop] |= swapped
            if prop in self.out:
                out, into = self.out[prop], self.into[prop]
                found[prop].update((s, z) for s, o in pairs for z in out.get(o, ()))
                found[prop].update((w, o) for s, o in pairs for w in into.get(s, ()))
        fresh = {}
        for prop, pairs in found.items():
            pairs -= self.pairs[prop]
            if pairs:
                self.pairs[prop] |= pairs
                if prop in self.out:
                    self._index(prop, pairs)
                fresh[prop] = pairs
        return fresh


def _types(store: ox.Store, schema: Schema, pairs: dict) -> dict:
    """prp-dom, prp-rng and cax-sco (with cax-eqc): each class's new members."""
    asserted: dict[Term, set[Term]] = {}

    def members_of(cls: Term) -> set[Term]:
        if cls not in asserted:
            asserted[cls] = {s for s, _ in _pairs(store, TYPE, cls)}
        return asserted[cls]

    found: defaultdict[Term, set[Term]] = defaultdict(set)
    for bounds, side in ((schema.domains, 0), (schema.ranges, 1)):
        for prop, classes in bounds.items():
            relation = pairs[prop] if prop in pairs else _pairs(store, prop)
            ends = {pair[side] for pair in relation}
            ends = {end for end in ends if not isinstance(end, ox.Literal)}
            for cls in classes:
                found[cls] |= ends
    for cls, above in schema.superclasses.items():
        for other in above:
            found[other] |= members_of(cls)
    new = {}
    for cls, members in found.items():
        members -= members_of(cls)
        if members:
            if is_vocabulary(cls) and cls.value not in HARMLESS_TYPES and not cls.value.startswith(XSD):
                raise Unsupported(cls.value)  # a new owl:TransitiveProperty, owl:Nothing, ...
            new[cls] = members
    return new
