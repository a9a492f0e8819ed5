"""The fast OWL RL closure computed inside Oxigraph and written straight into a graph of the store.

The same rules as rules.py (which remains the reference for them, and owlrl the reference for
both), with the schema still read into Python (it is small) but every rule over the data run as
a SPARQL CONSTRUCT whose N-Triples go by bulk load into the target graph: no term of the data
becomes a Python object, whether the store is in memory or on disk.

- prp-spo1, prp-eqp, prp-inv and prp-symp are applied along their chains at once (each pair of
  p becomes a pair, or a swapped pair, of every property it leads to); prp-trp then joins each
  transitive property with itself until nothing is new, the new pairs (kept in a scratch graph)
  taken along the chains too;
- prp-dom, prp-rng and cax-sco (with cax-eqc) then add every class membership at once;
- a derived triple already in any graph is never written, so the target holds only new triples;
  prp-dom and prp-rng ask first whether a resource lacks the lowest of the classes they would give
  it (every type in the store comes with its superclasses: cax-sco runs first, and each rule gives
  a class with those above it), and only for those whether it lacks each class;
- a sink (reasoning.Sink), when given, receives each batch written to the target, as N-Triples;
- noise (reasoning.is_noise) does not stay: a literal subject is never written (Oxigraph has
  none), triples about the RDF/RDFS/OWL/XSD vocabulary, or with owl:Thing, rdfs:Resource or
  owlrl's error vocabulary as object, are removed at the end, when a batch may have held any.

`closure_into` returns False, having written nothing, wherever rules.py would decide something
this module does not (a literal that an inverse or symmetric property would make a subject, a
class or property that is a blank node, a triple in the default graph) or would step aside for
owlrl; the caller then runs rules.py.
"""

from __future__ import annotations

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.reasoning import Sink, rules
from aigraph.reasoning.rules import OWL, RDF, RDFS, TYPE, XSD, Unsupported

_SCRATCH = "urn:aigraph:reasoning:round:"
_TRIVIAL = {OWL + "Thing", RDFS + "Resource"}
_NT = ox.RdfFormat.N_TRIPLES
_PIECE = 8 << 20


def closure_into(store: ox.Store, target: ox.NamedNode, sink: Sink | None = None) -> bool:
    """Add to `target` (empty) the new, noise-free triples of the OWL RL closure of every other
    graph of the store, each batch also to `sink`; False, with nothing written, when rules.py must
    decide instead (the sink is then left to be told)."""
    if next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        return False
    try:
        rules.check_vocabulary(store)
        schema = rules.Schema(store)
        tracked = rules.tracked_properties(schema)
        if _blank_in_schema(schema) or _literal_would_be_subject(store, schema, tracked):
            return False
        add = _Adder(store, target, sink)
        _properties(store, schema, tracked, add)
        _check_properties(store, schema, tracked, target)
        _types(store, schema, add)
    except Unsupported:
        store.remove_graph(target)
        return False
    finally:
        for graph in list(store.named_graphs()):
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(_SCRATCH):
                store.remove_graph(graph)
    add.terms(_schema_triples(schema))
    if add.noisy and _drop_noise(store, tracked, target) and sink is not None:
        sink.withdraw()
    return True


def _values(names: str, rows) -> str:
    body = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in rows)
    return f"VALUES ({names}) {{ {body} }}"


class _Adder:
    """Adds a CONSTRUCT's triples to the target (and to any scratch graph), telling the sink."""

    def __init__(self, store: ox.Store, target: ox.NamedNode, sink: Sink | None):
        self.store, self.target, self.sink = store, target, sink
        self.noisy = False  # whether a batch may have held noise (_drop_noise then looks)

    def __call__(self, construct: str, *scratch: ox.NamedNode) -> bool:
        """Add the CONSTRUCT's triples; whether there were any. They go as N-Triples by bulk load
        (Oxigraph's own, read without checking its IRIs again), a run of whole lines at a time,
        unless they hold a blank node, which a parser would rename: then as terms. The batch is
        never one string (it can be as large as the data, and its bytes and the serializer's
        buffer, both whole, made the build's peak of memory)."""
        result = self.store.query(construct)
        assert isinstance(result, ox.QueryTriples)
        pieces = _Pieces(_PIECE)
        result.serialize(pieces, format=_NT)  # type: ignore[arg-type]  # (it has `write`)
        batch = pieces.whole()
        if not batch:
            return False
        graphs = (self.target, *scratch)
        blank = any(b"_:" in piece for piece in batch)
        if blank:
            triples = list(self.store.query(construct))  # type: ignore[arg-type]
            self.store.extend(ox.Quad(t.subject, t.predicate, t.object, g) for g in graphs for t in triples)
        batch.reverse()
        while batch:  # each piece freed once loaded
            piece = batch.pop()
            self.noisy = self.noisy or _may_hold_noise(piece)
            if not blank:
                for graph in graphs:
                    self.store.bulk_load(piece, format=_NT, to_graph=graph, lenient=True)
            if self.sink is not None:
                self.sink.add(piece)
        return True

    def terms(self, triples: list[ox.Triple]) -> None:
        """Add triples held as terms to the target."""
        if triples:
            self.store.extend(ox.Quad(t.subject, t.predicate, t.object, self.target) for t in triples)
            if self.sink is not None:
                data = ox.serialize(triples, format=_NT)
                assert data is not None  # no output file was given: pyoxigraph returns the bytes
                self.sink.add(data)


class _Pieces:
    """Where Oxigraph's serializer writes: what it is given, kept as runs of whole lines of about
    `size` bytes."""

    def __init__(self, size: int):
        self.size, self.held = size, bytearray()
        self.pieces: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.held += data
        start = 0
        while end := self.held.find(b"\n", start + self.size) + 1:
            self.pieces.append(bytes(self.held[start:end]))
            start = end
        del self.held[:start]
        return len(data)

    def flush(self) -> None:
        """(The serializer flushes its own buffer here: nothing is held but lines.)"""

    def whole(self) -> list[bytes]:
        """Every piece, the last one too."""
        if self.held:
            self.pieces.append(bytes(self.held))
            self.held.clear()
        return self.pieces


def _blank_in_schema(schema) -> bool:
    """Whether a class or property the rules name is a blank node (SPARQL has no way to name one)."""
    terms = {*schema.superclasses, *schema.domains, *schema.ranges}
    terms.update(*schema.superclasses.values(), *schema.domains.values(), *schema.ranges.values())
    return any(isinstance(term, ox.BlankNode) for term in terms)


def _literal_would_be_subject(store: ox.Store, schema, tracked) -> bool:
    """Whether a literal object would reach an inverse or symmetric property (rules.py makes it a
    subject and reasons on from there; a store cannot hold it)."""
    swapping = set(schema.inverses) | schema.kinds["SymmetricProperty"]
    props = [p for p in tracked if swapping & ({p} | schema.superproperties.get(p, set()))]
    if not props:
        return False
    return bool(store.query("ASK { VALUES ?p { " + " ".join(map(str, props)) + " } "
                            "GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o)) } }"))


def _reach(schema, tracked) -> tuple[list, list]:
    """prp-spo1, prp-eqp, prp-inv and prp-symp chained: the (p, q) such that every pair of p is a
    pair of q, and those such that every pair of p, swapped, is a pair of q."""
    same, swapped = [], []
    for start in tracked:
        seen, todo = set(), [(start, True)]
        while todo:
            prop, forward = todo.pop()
            steps = [(q, forward) for q in schema.superproperties.get(prop, ())]
            steps += [(q, not forward) for q in schema.inverses.get(prop, ())]
            if prop in schema.kinds["SymmetricProperty"]:
                steps.append((prop, not forward))
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    todo.append(step)
        seen.discard((start, True))
        same += [(start, q) for q, forward in seen if forward]
        swapped += [(start, q) for q, forward in seen if not forward]
    return same, swapped


def _properties(store: ox.Store, schema, tracked, add: _Adder) -> None:
    """prp-spo1, prp-eqp, prp-inv, prp-symp at once along their chains (_reach); then prp-trp, a
    step at a time until nothing is new, each step's new pairs taken along the chains too."""
    same, swapped = _reach(schema, tracked)
    new = "FILTER NOT EXISTS { GRAPH ?h { %s } }"

    def along(source: str, *scratch: ox.NamedNode) -> bool:
        added = False
        if same:
            added |= add(f"CONSTRUCT {{ ?s ?q ?o }} WHERE {{ {_values('?p ?q', same)} "
                         f"{source} {{ ?s ?p ?o }} {new % '?s ?q ?o'} }}", *scratch)
        if swapped:
            added |= add(f"CONSTRUCT {{ ?o ?q ?s }} WHERE {{ {_values('?p ?q', swapped)} "
                         f"{source} {{ ?s ?p ?o }} {new % '?o ?q ?s'} }}", *scratch)
        return added

    along("GRAPH ?g")  # the asserted triples: the target is still empty
    transitive = [p for p in schema.kinds["TransitiveProperty"] if p in tracked]
    number = 0
    while transitive:
        number += 1
        scratch = ox.NamedNode(f"{_SCRATCH}{number}")
        added = False
        for p in transitive:
            added |= add(f"CONSTRUCT {{ ?s {p} ?z }} WHERE {{ GRAPH ?g {{ ?s {p} ?o }} "
                         f"GRAPH ?k {{ ?o {p} ?z }} {new % f'?s {p} ?z'} }}", scratch)
        if not added:
            return
        along(f"GRAPH {scratch}")  # a chain's end is a chain's end: no more steps along
        store.remove_graph(scratch)


def _check_properties(store: ox.Store, schema, tracked, target: ox.NamedNode) -> None:
    """What rules.py checks once the properties are closed: a functional property (without literal
    values) with two values, an inverse functional one with two subjects, a literal rdflib would
    write differently (owlrl would go further in each case)."""
    for prop in schema.kinds["FunctionalProperty"]:
        if store.query(f"ASK {{ GRAPH ?g {{ ?s {prop} ?o FILTER(isLiteral(?o)) }} FILTER(?g != {target}) }}"):
            continue
        if store.query(f"ASK {{ GRAPH ?g {{ ?s {prop} ?a }} GRAPH ?h {{ ?s {prop} ?b }} FILTER(!sameTerm(?a, ?b)) }}"):
            raise Unsupported(f"two values of the functional {prop}")
    for prop in schema.kinds["InverseFunctionalProperty"]:
        if store.query(f"ASK {{ GRAPH ?g {{ ?a {prop} ?o }} GRAPH ?h {{ ?b {prop} ?o }} FILTER(!sameTerm(?a, ?b)) }}"):
            raise Unsupported(f"two subjects of the inverse functional {prop}")
    if tracked:
        rows = solutions(store.query(
            "SELECT DISTINCT ?o WHERE { VALUES ?p { " + " ".join(map(str, tracked)) + " } "
            f"GRAPH ?g {{ ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) != <{XSD}string> "
            f"&& DATATYPE(?o) != <{RDF}langString>) }} FILTER(?g != {target}) }}"))
        rules.check_literals(row["o"] for row in rows)


def _types(store: ox.Store, schema, add: _Adder) -> None:
    """cax-sco (asserted members of a subclass), prp-dom and prp-rng (asserted and derived pairs)."""
    kinds = (
        ("?x a ?from", f"FILTER(?g != {add.target})",
         [(sub, c) for sub, above in schema.superclasses.items() for c in above]),
        ("?x ?from ?o", "", [(p, c) for p, classes in schema.domains.items() for c in classes]),
        ("?o ?from ?x", "FILTER(!isLiteral(?x))", [(p, c) for p, classes in schema.ranges.items() for c in classes]),
    )
    for pattern, condition, rows in kinds:
        rows[:] = [(a, c) for a, c in rows if c.value not in _TRIVIAL]
        risky = [(a, c) for a, c in rows if rules.is_vocabulary(c) and c.value not in rules.HARMLESS_TYPES
                 and not c.value.startswith(XSD)]
        if risky and store.query(f"ASK {{ {_values('?from ?c', risky)} GRAPH ?g {{ {pattern} }} {condition} "
                                 f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?x {TYPE} ?c }} }} }}"):
            raise Unsupported("a new member of a vocabulary class")  # owl:Nothing, ...: owlrl goes on
    for rule, (pattern, condition, rows) in zip(("cax-sco", "prp-dom", "prp-rng"), kinds, strict=True):
        by_source: dict = {}  # a query per class or property: bounded results
        for source, c in rows:
            by_source.setdefault(source, []).append(c)
        for source, classes in by_source.items():
            match = f"GRAPH ?g {{ {pattern.replace('?from', str(source))} }} {condition}"
            values = _values("?c", [(c,) for c in classes])
            if rule == "cax-sco":
                match = f"{values} {match}"
            else:  # only the resources that lack one of the lowest classes may lack any (the subquery first)
                lacking = " || ".join(f"NOT EXISTS {{ GRAPH ?k {{ ?x {TYPE} {c} }} }}" for c in _lowest(schema, classes))
                match = f"{{ SELECT DISTINCT ?x WHERE {{ {match} FILTER({lacking}) }} }} {values}"
            add(f"CONSTRUCT {{ ?x {TYPE} ?c }} WHERE {{ {match} FILTER NOT EXISTS {{ GRAPH ?h {{ ?x {TYPE} ?c }} }} }}")


def _lowest(schema, classes: list) -> list:
    """The classes no other of them is strictly below (each of the others is above one of these)."""
    def below(lower, upper) -> bool:
        above = schema.superclasses.get(lower, set())
        return upper in above and lower not in schema.superclasses.get(upper, set())
    return [c for c in classes if not any(below(other, c) for other in classes)]


def _schema_triples(schema) -> list[ox.Triple]:
    """What the scm-* rules derive about the classes and properties, new and not noise."""
    from aigraph.reasoning import is_noise

    new = {t for t in schema.inferred() if t not in schema.asserted and not is_noise(*t)}
    return [ox.Triple(s, p, o) for s, p, o in sorted(new, key=str)]


def _may_hold_noise(ntriples: bytes) -> bool:
    """Whether N-Triples (as Oxigraph writes them: a triple a line) may hold a triple _drop_noise
    removes: one whose subject is in the RDF/RDFS/OWL/XSD vocabulary, or naming a trivial class or
    owlrl's error vocabulary anywhere (more than noise: it only makes _drop_noise look)."""
    from aigraph.reasoning import OWLRL_ERRORS

    if any(ntriples.startswith(b"<" + ns.encode()) or b"\n<" + ns.encode() in ntriples for ns in (RDF, RDFS, OWL, XSD)):
        return True
    return any(f"<{iri}".encode() in ntriples for iri in (*_TRIVIAL, OWLRL_ERRORS))


def _drop_noise(store: ox.Store, tracked, target: ox.NamedNode) -> bool:
    """Remove what reasoning.is_noise calls noise and the rules above can derive from the data:
    triples about the vocabulary, with owlrl's error vocabulary or a trivial class as object;
    whether there was any."""
    from aigraph.reasoning import OWLRL_ERRORS

    vocabulary = " || ".join(f'STRSTARTS(STR(?s), "{ns}")' for ns in (RDF, RDFS, OWL, XSD))
    trivial = ", ".join(f"<{c}>" for c in sorted(_TRIVIAL))
    noise = f'isIRI(?s) && ({vocabulary}) || isIRI(?o) && (?o IN ({trivial}) || STRSTARTS(STR(?o), "{OWLRL_ERRORS}"))'
    errors = [p for p in tracked if p.value.startswith(OWLRL_ERRORS)]
    if errors:
        noise += " || ?p IN (" + ", ".join(map(str, errors)) + ")"
    where = f"WHERE {{ GRAPH {target} {{ ?s ?p ?o }} FILTER({noise}) }}"
    if not store.query(f"ASK {where}"):  # (as fast as the DELETE when there is none, the usual case)
        return False
    store.update(f"DELETE {{ GRAPH {target} {{ ?s ?p ?o }} }} {where}")
    return True
