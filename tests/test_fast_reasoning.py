"""The fast OWL RL paths (reasoning/rules.py in Python, reasoning/bulk.py inside Oxigraph) infer exactly
what owlrl infers (after noise filtering), or step aside."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pyoxigraph as ox
import pytest

from aigraph import reasoning
from aigraph.build.graph import INFERRED, input_files
from aigraph.build.sources import load_file
from aigraph.home import find_home
from aigraph.reasoning import bulk, rules

pytestmark = pytest.mark.slow  # real servers, pySHACL or owlrl: see `pytest -m "not slow"`

ROOT = Path(__file__).parents[1]
PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# every rule the fast path implements, and chains of them
EVERY_RULE = PREFIXES + """
ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C . ex:C owl:equivalentClass ex:D .
ex:E rdfs:subClassOf ex:F . ex:F rdfs:subClassOf ex:E . ex:A a owl:Class .
ex:p rdfs:subPropertyOf ex:q . ex:q owl:equivalentProperty ex:r . ex:r rdfs:domain ex:A .
ex:q rdfs:range ex:B . ex:inv owl:inverseOf ex:p . ex:t a owl:TransitiveProperty .
ex:t rdfs:subPropertyOf ex:u . ex:u rdfs:range ex:E . ex:sym a owl:SymmetricProperty .
ex:f a owl:FunctionalProperty . ex:fsub rdfs:subPropertyOf ex:f . ex:name rdfs:subPropertyOf rdfs:label .
ex:C owl:disjointWith ex:E . ex:when rdfs:range xsd:date .
ex:x a ex:A ; ex:p ex:y ; ex:t ex:y ; ex:sym ex:z ; ex:name "x"@en ; ex:when "2025-01-01"^^xsd:date ;
    ex:f "2025-01-01"^^xsd:date ; ex:fsub "2025-01-01"^^xsd:date .
ex:y ex:t ex:z ; ex:inv "a literal" . ex:z ex:t ex:w . _:b ex:p ex:x .
ex:w ex:f "2024-01-01"^^xsd:date , "2024-02-02"^^xsd:date .
"""
# graphs where owlrl goes beyond the fast path's rules
BEYOND = {
    "same-as": "ex:x owl:sameAs ex:y . ex:x ex:p ex:z .",
    "restriction": "ex:R owl:onProperty ex:p ; owl:someValuesFrom ex:A . ex:x ex:p ex:y . ex:y a ex:A .",
    "two-functional-values": "ex:f a owl:FunctionalProperty . ex:x ex:f ex:a , ex:b . ex:a ex:p ex:c .",
    "rewritten-literal": 'ex:p rdfs:subPropertyOf ex:q . ex:x ex:p "1e3"^^xsd:double .',
    "derived-property-kind": "ex:kind rdfs:range owl:TransitiveProperty . ex:x ex:kind ex:t . "
                             "ex:a ex:t ex:b . ex:b ex:t ex:c .",
    "typed-as-datatype": "ex:x a xsd:integer .",
    "vocabulary-hierarchy": "rdfs:label rdfs:subPropertyOf ex:name . ex:x rdfs:label \"x\" .",
}


def asserted(inputs) -> ox.Store:
    """The inputs the build reasons over: all but the evidence (data/evidence/), read after it."""
    store = ox.Store()
    for role, path in inputs:
        if role != "evidence":
            load_file(store, path, ox.NamedNode(f"urn:graph:{role}"))
    return store


def from_turtle(tmp_path, text: str) -> ox.Store:
    path = tmp_path / "graph.ttl"
    path.write_text(text, encoding="utf-8")
    return asserted([("data", path)])


def clean(triples) -> set:
    return {t for t in triples if not reasoning.is_noise(*t)}


def rules_closure(store: ox.Store) -> set:
    """What rules.py infers, noise removed."""
    fast = rules.closure(store)
    assert fast is not None, "the fast path stepped aside"
    return clean(fast)


def bulk_closure(store: ox.Store) -> set:
    """What reasoning/bulk.py writes into the inferred graph (noise is never written)."""
    assert bulk.closure_into(store, INFERRED), "the bulk path stepped aside"
    assert not [g for g in store.named_graphs() if "reasoning:round" in g.value]  # scratch removed
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, INFERRED)}


REASONERS = {"rules": rules_closure, "bulk": bulk_closure}


def assert_same_as_owlrl(store: ox.Store, closure=rules_closure) -> None:
    expected = clean(reasoning.owlrl_closure(store))  # first: the bulk path writes into the store
    assert closure(store) == expected


@pytest.fixture(params=sorted(REASONERS))
def closure(request):
    return REASONERS[request.param]


def test_the_bundled_graph(closure):
    assert_same_as_owlrl(asserted(input_files(find_home())), closure)


def test_the_fixture_home(closure):
    assert_same_as_owlrl(asserted(input_files(find_home(ROOT / "tests" / "fixtures" / "home"))), closure)


def test_a_synthetic_catalog_on_the_bundled_graph(tmp_path, closure):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    catalog = generate.write(2500, tmp_path / "catalog.nt")
    assert_same_as_owlrl(asserted(input_files(find_home(), [catalog])), closure)


def test_every_rule_and_chains_of_them(tmp_path):
    store = from_turtle(tmp_path, EVERY_RULE)
    assert_same_as_owlrl(store)
    inferred = {tuple(term.value for term in t) for t in clean(rules.closure(store))}
    ex = "http://example.org/"
    assert (ex + "y", reasoning.PREFIXES["rdf"] + "type", ex + "B") in inferred  # inverse of a literal
    assert (ex + "x", ex + "t", ex + "w") in inferred  # transitive


@pytest.mark.parametrize("name", sorted(BEYOND))
def test_beyond_its_rules_it_steps_aside_for_owlrl(tmp_path, name):
    store = from_turtle(tmp_path, PREFIXES + BEYOND[name])
    assert rules.closure(store) is None
    expected = {ox.Quad(*t, INFERRED) for t in clean(reasoning.owlrl_closure(store))}
    assert set(reasoning.infer(store, INFERRED)) == expected


def test_owlrl_alone_on_request(tmp_path, monkeypatch):
    store = from_turtle(tmp_path, EVERY_RULE)
    fast = set(reasoning.infer(store, INFERRED))
    monkeypatch.setenv("AIGRAPH_REASONER", "owlrl")
    assert reasoning.reasoner() == "owlrl"
    assert set(reasoning.infer(store, INFERRED)) == fast
