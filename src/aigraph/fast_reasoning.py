"""The OWL RL closure for the vocabulary the ontology uses, computed directly over the store.

The rules (OWL 2 RL, as owlrl implements them) for subclass and subproperty hierarchies,
equivalent classes and properties, domains and ranges, inverse, symmetric and transitive
properties; the rules that only report inconsistencies (disjointness and the like) add nothing
once noise is filtered. For any other vocabulary (owl:sameAs, restrictions, property chains, keys,
...) or any graph where owlrl would go further (two values of a functional property, a derived
schema triple, a literal that rdflib writes differently) `closure` returns None and the caller
runs owlrl, the reference. tests/test_fast_reasoning.py checks that both infer the same triples.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from .namespaces import PREFIXES

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

# OWL terms these rules cover, or that owlrl only uses to report inconsistencies
_OWL_PREDICATES = {OWL + name for name in (
    "inverseOf", "equivalentClass", "equivalentProperty", "disjointWith", "propertyDisjointWith",
    "members", "distinctMembers", "differentFrom", "imports", "versionIRI", "versionInfo",
    "priorVersion", "backwardCompatibleWith", "incompatibleWith", "deprecated")}
_OWL_TYPES = {OWL + name for name in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology",
    "NamedIndividual", "Thing", "AllDisjointClasses", "AllDifferent", "AsymmetricProperty",
    "IrreflexiveProperty", "DeprecatedClass", "DeprecatedProperty", *PROPERTY_KINDS)}
# vocabulary classes an inferred rdf:type may name without triggering further rules
_HARMLESS_TYPES = {OWL + "Thing", OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty",
                   OWL + "AnnotationProperty", OWL + "NamedIndividual", OWL + "Ontology",
                   RDFS + "Class", RDFS + "Resource", RDFS + "Literal", RDFS + "Datatype",
                   RDF + "Property"}
# vocabulary terms a hierarchy may lead up to
_TOPS = {OWL + "Thing", RDFS + "Resource", RDFS + "label", RDFS + "comment", RDFS + "seeAlso",
         RDFS + "isDefinedBy"}
_PLAIN = {XSD + "string", RDF + "langString"}


class Unsupported(Exception):
    """The graph needs a rule this module does not implement."""


def closure(store: ox.Store) -> set[tuple] | None:
    """The triples the OWL RL closure adds to the store's triples (noise included), or None."""
    try:
        _check_vocabulary(store)
        schema = _Schema(store)
        facts, asserted = _property_facts(store, schema)
        types = _types(store, schema, facts)
    except Unsupported:
        return None
    new = {t for t in facts if t not in asserted}
    new.update((x, TYPE, c) for x, c in types)
    new.update(t for t in schema.inferred() if t not in schema.asserted)
    return new


def _is_vocabulary(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(_VOCABULARIES)


def _check_vocabulary(store: ox.Store) -> None:
    for (predicate,) in store.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }"):
        if predicate.value.startswith(OWL) and predicate.value not in _OWL_PREDICATES:
            raise Unsupported(predicate.value)
    for (cls,) in store.query(f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?s <{TYPE.value}> ?c }} }}"):
        if (cls.value.startswith(OWL) and cls.value not in _OWL_TYPES) or \
                cls.value.startswith(XSD) or cls.value.startswith(RDF) and "Literal" in cls.value:
            raise Unsupported(cls.value)  # owlrl gives explicitly typed data values more types
    _check_literals(store)


def _check_literals(store: ox.Store) -> None:
    """owlrl sees literals through rdflib, which rewrites some (`01` as `1`): no such literal here."""
    import logging

    import rdflib

    rows = store.query("SELECT DISTINCT ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isLITERAL(?o) "
                       f"&& DATATYPE(?o) NOT IN (<{XSD}string>, <{RDF}langString>)) }}")
    log = logging.getLogger("rdflib.term")
    level, log.level = log.level, logging.CRITICAL  # ill-typed literals are owlrl's to report
    try:
        for (literal,) in rows:
            if str(rdflib.Literal(literal.value, datatype=literal.datatype.value)) != literal.value:
                raise Unsupported(str(literal))
    finally:
        log.level = level


def _triples(store: ox.Store, predicate=None, obj=None):
    for quad in store.quads_for_pattern(None, predicate, obj, None):
        yield quad.subject, quad.predicate, quad.object


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


class _Schema:
    """The hierarchies, domains, ranges and property kinds, closed under the scm-* rules."""

    def __init__(self, store: ox.Store):
        self.asserted = set()
        class_edges, property_edges = defaultdict(set), defaultdict(set)
        for predicate, edges in ((SUBCLASS, class_edges), (EQUIVALENT_CLASS, class_edges),
                                 (SUBPROPERTY, property_edges), (EQUIVALENT_PROPERTY, property_edges)):
            for s, p, o in _triples(store, predicate):
                self._hierarchy_term(s, o)
                self.asserted.add((s, p, o))
                edges[s].add(o)
                if p in (EQUIVALENT_CLASS, EQUIVALENT_PROPERTY):
                    edges[o].add(s)
        self.superclasses = _reach(class_edges)
        self.superproperties = _reach(property_edges)
        self.inverses = defaultdict(set)
        for s, p, o in _triples(store, INVERSE):
            self._hierarchy_term(s, o)
            self.inverses[s].add(o)
            self.inverses[o].add(s)
        self.kinds = {}
        for kind in PROPERTY_KINDS:
            self.kinds[kind] = {s for s, _, _ in _triples(store, TYPE, ox.NamedNode(OWL + kind))}
            if any(_is_vocabulary(s) or isinstance(s, ox.BlankNode) for s in self.kinds[kind]):
                raise Unsupported(kind)
        self.domains = self._bounds(store, DOMAIN)
        self.ranges = self._bounds(store, RANGE)

    def _hierarchy_term(self, subject, obj) -> None:
        if isinstance(subject, ox.Literal) or isinstance(obj, ox.Literal) or _is_vocabulary(subject) \
                or (_is_vocabulary(obj) and obj.value not in _TOPS):
            raise Unsupported(f"{subject} {obj}")

    def _bounds(self, store: ox.Store, predicate) -> dict:
        """scm-dom1/2 (or scm-rng1/2): each property's classes, inherited and generalized."""
        declared = defaultdict(set)
        for s, p, o in _triples(store, predicate):
            if _is_vocabulary(s):
                raise Unsupported(str(s))
            self.asserted.add((s, p, o))
            declared[s].add(o)
        bounds = {}
        for prop in set(declared) | set(self.superproperties):
            classes = set()
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


def _property_facts(store: ox.Store, schema: _Schema) -> tuple[set, set]:
    """prp-spo1, prp-eqp, prp-inv, prp-symp, prp-trp to a fixpoint; prp-fp/ifp must find nothing."""
    kinds = schema.kinds
    tracked, todo = set(), [p for p in (*schema.superproperties, *schema.inverses, *kinds["TransitiveProperty"],
                                        *kinds["SymmetricProperty"], *kinds["FunctionalProperty"],
                                        *kinds["InverseFunctionalProperty"])]
    while todo:
        prop = todo.pop()
        if prop not in tracked:
            tracked.add(prop)
            todo.extend(schema.superproperties.get(prop, ()))
            todo.extend(schema.inverses.get(prop, ()))
    if any(isinstance(p, ox.BlankNode) for p in tracked):
        raise Unsupported("a blank-node property")  # owlrl drops triples with such predicates
    asserted = {t for prop in tracked for t in _triples(store, prop)}
    facts = set(asserted)
    transitive, symmetric = kinds["TransitiveProperty"], kinds["SymmetricProperty"]
    out, into = defaultdict(lambda: defaultdict(set)), defaultdict(lambda: defaultdict(set))
    for s, p, o in facts:
        if p in transitive:
            out[p][s].add(o)
            into[p][o].add(s)
    queue = list(facts)
    while queue:
        s, p, o = queue.pop()
        derived = [(s, q, o) for q in schema.superproperties.get(p, ())]
        derived += [(o, q, s) for q in schema.inverses.get(p, ())]
        if p in symmetric:
            derived.append((o, p, s))
        if p in transitive:
            derived += [(s, p, z) for z in out[p].get(o, ())]
            derived += [(w, p, o) for w in into[p].get(s, ())]
        for triple in derived:
            if triple not in facts:
                facts.add(triple)
                queue.append(triple)
                if triple[1] in transitive:
                    out[triple[1]][triple[0]].add(triple[2])
                    into[triple[1]][triple[2]].add(triple[0])
    _check_functional(facts, kinds["FunctionalProperty"], 0)
    _check_functional(facts, kinds["InverseFunctionalProperty"], 2)
    return facts, asserted


def _check_functional(facts: set, properties: set, key: int) -> None:
    if properties:
        seen = {}
        for triple in facts:
            if triple[1] in properties:
                if seen.setdefault((triple[1], triple[key]), triple[2 - key]) != triple[2 - key]:
                    raise Unsupported("owl:sameAs from a functional property")


def _types(store: ox.Store, schema: _Schema, facts: set) -> set[tuple]:
    """prp-dom, prp-rng and cax-sco (with cax-eqc): the new (resource, class) pairs."""
    asserted = {(s, o) for s, _, o in _triples(store, TYPE)}
    found = set()
    for cls, above in schema.superclasses.items():
        for s, _, _ in _triples(store, TYPE, cls):
            found.update((s, c) for c in above)
    bounded = set(schema.domains) | set(schema.ranges)
    tracked = {p for _, p, _ in facts}
    sources = [facts] + [_triples(store, p) for p in bounded - tracked]
    for triples in sources:
        for s, p, o in triples:
            if p in bounded:
                if not isinstance(s, ox.Literal):
                    found.update((s, c) for c in schema.domains.get(p, ()))
                if not isinstance(o, ox.Literal):
                    found.update((o, c) for c in schema.ranges.get(p, ()))
    found -= asserted
    for _, cls in found:
        if _is_vocabulary(cls) and cls.value not in _HARMLESS_TYPES and not cls.value.startswith(XSD):
            raise Unsupported(cls.value)  # a new owl:TransitiveProperty, owl:Nothing, ...
    return found
