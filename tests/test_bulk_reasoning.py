"""The closure reasoned inside Oxigraph (reasoning/bulk.py) is exactly owlrl's, noise removed, or it
writes nothing and leaves the graph to rules.py and owlrl. The bundled graph, the fixture home and a
synthetic catalog are compared for both fast paths in test_fast_reasoning.py."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from test_fast_reasoning import (
    BEYOND,
    EVERY_RULE,
    PREFIXES,
    assert_same_as_owlrl,
    asserted,
    bulk_closure,
    clean,
    from_turtle,
)

from aigraph import reasoning
from aigraph.build.graph import INFERRED, input_files
from aigraph.home import find_home
from aigraph.reasoning import bulk, rules

pytestmark = pytest.mark.slow  # owlrl: see `pytest -m "not slow"`

# EVERY_RULE without the one literal an inverse property would make a subject
EVERY_RULE_IN_A_STORE = EVERY_RULE.replace('ex:inv "a literal"', 'ex:inv ex:v')


def written(store: ox.Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, INFERRED)}


def test_every_rule_and_chains_of_them(tmp_path):
    store = from_turtle(tmp_path, EVERY_RULE_IN_A_STORE)
    assert_same_as_owlrl(store, bulk_closure)
    inferred = {tuple(term.value for term in t) for t in written(store)}
    ex = "http://example.org/"
    assert (ex + "v", reasoning.PREFIXES["rdf"] + "type", ex + "B") in inferred  # inverse, then range
    assert (ex + "x", ex + "t", ex + "w") in inferred  # transitive
    assert (ex + "x", ex + "u", ex + "w") in inferred  # transitive, then superproperty


def test_blank_nodes_keep_their_identity(tmp_path):
    store = from_turtle(tmp_path, PREFIXES + "ex:p rdfs:subPropertyOf ex:q ; rdfs:domain ex:A . "
                                             "_:b ex:p ex:x . ex:y ex:p _:b .")
    assert_same_as_owlrl(store, bulk_closure)
    blanks = {q.subject for q in store.quads_for_pattern(None, None, ox.NamedNode("http://example.org/x"), None)
              if isinstance(q.subject, ox.BlankNode)}
    assert len(blanks) == 1  # the asserted and the inferred triple are about one blank node


def test_a_literal_an_inverse_would_make_a_subject_is_left_to_rules(tmp_path):
    store = from_turtle(tmp_path, EVERY_RULE)
    assert not bulk.closure_into(store, INFERRED)
    assert not written(store)
    assert rules.closure(store) is not None  # rules.py reasons with it (test_fast_reasoning)


def test_a_blank_node_class_is_left_to_rules(tmp_path):
    store = from_turtle(tmp_path, PREFIXES + "ex:A rdfs:subClassOf _:c . _:c rdfs:subClassOf ex:C . "
                                             "ex:p rdfs:domain _:c . ex:x a ex:A . ex:y ex:p ex:z .")
    assert not bulk.closure_into(store, INFERRED)
    assert not written(store)
    fast = rules.closure(store)
    assert fast is not None and clean(fast) == clean(reasoning.owlrl_closure(store))


@pytest.mark.parametrize("name", sorted(BEYOND))
def test_beyond_its_rules_it_writes_nothing(tmp_path, name):
    store = from_turtle(tmp_path, PREFIXES + BEYOND[name])
    before = set(store)
    assert not bulk.closure_into(store, INFERRED)
    assert set(store) == before


def test_the_build_reasons_in_bulk_and_matches_owlrl(tmp_path, monkeypatch):
    store = asserted(input_files(find_home()))
    expected = {ox.Quad(*t, INFERRED) for t in clean(reasoning.owlrl_closure(store))}
    monkeypatch.setattr(rules, "closure", lambda store: pytest.fail("rules.py was not needed"))
    reasoning.infer_into(store, INFERRED)
    assert set(store.quads_for_pattern(None, None, None, INFERRED)) == expected


# each a resource some of whose domain or range classes it has already, asserted or derived
PARTLY_TYPED = PREFIXES + """
ex:Standard rdfs:subClassOf ex:Document . ex:Document rdfs:subClassOf ex:Work .
ex:A owl:equivalentClass ex:B . ex:Tagged rdfs:subClassOf ex:Work .
ex:develops rdfs:range ex:Standard . ex:tagged rdfs:domain ex:A , ex:Tagged . ex:cites rdfs:range ex:Document .
ex:d a ex:Document . ex:o ex:develops ex:d .
ex:e a ex:B ; ex:tagged "x" . ex:f a ex:Tagged ; ex:tagged "y" .
ex:g ex:cites ex:h . ex:o ex:develops ex:h .
"""


def test_domains_and_ranges_add_what_is_missing_of_every_class(tmp_path):
    store = from_turtle(tmp_path, PARTLY_TYPED)
    assert_same_as_owlrl(store, bulk_closure)
    ex = "http://example.org/"
    inferred = {(q.subject.value, q.object.value) for q in store.quads_for_pattern(
        None, ox.NamedNode(reasoning.PREFIXES["rdf"] + "type"), None, INFERRED)}
    assert (ex + "d", ex + "Standard") in inferred  # it had a class above the range's lowest
    assert {(ex + "f", ex + "A"), (ex + "f", ex + "B")} <= inferred  # it had one of two unrelated domains
    assert (ex + "e", ex + "Tagged") in inferred  # its class is the equal of one domain, not the other


def test_the_lowest_classes_keep_equal_ones_and_unrelated_ones():
    schema = type("Schema", (), {"superclasses": {"S": {"D", "W"}, "D": {"W"}, "A": {"B", "A"}, "B": {"A", "B"}}})
    assert bulk._lowest(schema, ["W", "D", "S", "A", "B", "T"]) == ["S", "A", "B", "T"]


# derived triples that are noise, each kind of it (reasoning.is_noise)
NOISE = {
    "a vocabulary subject": "ex:p rdfs:range ex:C . ex:z ex:p owl:Thing .",
    "a trivial object": "ex:p rdfs:subPropertyOf ex:q . ex:x ex:p rdfs:Resource .",
    "owlrl's error vocabulary": "ex:p rdfs:subPropertyOf ex:q . "
                                "ex:x ex:p <http://www.daml.org/2002/03/agents/agent-ont#e> .",
}


@pytest.mark.parametrize("name", sorted(NOISE))
def test_noise_derived_is_taken_out(tmp_path, name):
    store = from_turtle(tmp_path, PREFIXES + "ex:x a ex:A . " + NOISE[name])
    assert_same_as_owlrl(store, bulk_closure)
    assert all(not reasoning.is_noise(q.subject, q.predicate, q.object)
               for q in store.quads_for_pattern(None, None, None, INFERRED))


def test_a_large_batch_is_loaded_in_pieces_of_whole_lines(tmp_path, monkeypatch):
    pieces = []
    real = bulk._Pieces.whole
    monkeypatch.setattr(bulk._Pieces, "whole", lambda self: pieces.append(list(real(self))) or list(pieces[-1]))
    monkeypatch.setattr(bulk, "_PIECE", 64)
    assert_same_as_owlrl(from_turtle(tmp_path, PARTLY_TYPED), bulk_closure)
    assert any(len(batch) > 1 for batch in pieces)
    assert all(piece.endswith(b" .\n") and len(piece) < 64 + 200 for batch in pieces for piece in batch)
