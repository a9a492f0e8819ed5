"""The OWL RL closure: what it must add, and the noise it must never export or load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from aigraph.api import Aigraph
from aigraph.build.graph import INFERRED
from aigraph.export import quads
from aigraph.home import find_home
from aigraph.namespaces import PREFIXES

pytestmark = pytest.mark.slow  # real servers, pySHACL or owlrl: see `pytest -m "not slow"`

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
INCONSISTENT = [INVALID / f"{name}.ttl" for name in
                ("owl-nothing-member", "two-effective-dates", "event-that-is-a-person")]
AIG, AIGD, OWL, RDFS = (PREFIXES[p] for p in ("aig", "aigd", "owl", "rdfs"))
VOCABULARIES = tuple(PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
OWLRL_ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"
REFLEXIVE = {OWL + "sameAs", RDFS + "subClassOf", RDFS + "subPropertyOf", OWL + "equivalentClass",
             OWL + "equivalentProperty"}


def node(iri: str) -> ox.NamedNode:
    prefix, _, local = iri.partition(":")
    return ox.NamedNode(PREFIXES[prefix] + local)


@pytest.fixture(scope="module")
def bundled():
    """The bundled graph, built by the default reasoner."""
    return Aigraph(use_cache=False).graph


@pytest.fixture(scope="module")
def inconsistent(tmp_path_factory):
    """The ontology, two standards and inconsistent additions: owlrl (not the fast path) closes them."""
    home = tmp_path_factory.mktemp("home")
    shutil.copytree(find_home().ontology, home / "ontology")
    shutil.copytree(FIXTURES / "home" / "data", home / "data")
    for folder in ("shapes", "queries"):
        (home / folder).mkdir()
    return Aigraph(home, data=INCONSISTENT, use_cache=False).graph


def inferred(graph) -> list[ox.Quad]:
    return [q for q in quads(graph, with_inferred=True) if q.graph_name == INFERRED]


def noise(quad: ox.Quad) -> str | None:
    """Why an inferred quad is noise, judged without reasoning.py's own filter."""
    s, p, o = quad.subject, quad.predicate, quad.object
    if isinstance(s, ox.Literal):
        return "literal subject"
    if isinstance(s, ox.NamedNode) and s.value.startswith(VOCABULARIES):
        return "axiom about the RDF/RDFS/OWL/XSD vocabulary"
    if p.value in REFLEXIVE and s == o:
        return "reflexive triple"
    if isinstance(o, ox.NamedNode) and o.value in (OWL + "Thing", RDFS + "Resource"):
        return "trivial type or superclass"
    if OWLRL_ERRORS in p.value or (isinstance(o, ox.NamedNode) and OWLRL_ERRORS in o.value):
        return "owlrl error message"
    if isinstance(o, ox.Literal) and p.value == OWL + "sameAs":
        return "equality of literals"
    return None


@pytest.mark.parametrize("which", ["bundled", "inconsistent"])
def test_the_exported_closure_has_no_literal_subjects_and_no_noise(which, request):
    graph = request.getfixturevalue(which)
    closure = inferred(graph)
    assert closure
    assert [(noise(q), str(q)) for q in closure if noise(q)] == []


@pytest.mark.parametrize("which", ["bundled", "inconsistent"])
def test_the_inferred_graph_of_the_store_has_no_noise(which, request):
    store = request.getfixturevalue(which).store
    assert [str(q) for q in store.quads_for_pattern(None, None, None, INFERRED) if noise(q)] == []


def test_an_inconsistency_does_not_leak_into_other_entities(inconsistent):
    """Two effective dates of one standard must not be copied onto the standards sharing either date."""
    effective = node("aig:effectiveDate")
    for standard in ("gb-45438-2025", "gb-t-45654-2025"):
        subject = ox.NamedNode(f"{AIGD}standard/{standard}")
        dates = {q.object for q in inconsistent.store.quads_for_pattern(subject, effective, None, None)}
        assert len(dates) == 1, standard


def test_a_member_of_owl_nothing_is_not_given_every_class(inconsistent):
    member = ox.NamedNode(AIGD + "test/owl-nothing-member")
    types = {q.object.value for q in inconsistent.store.quads_for_pattern(member, node("rdf:type"), None, None)}
    assert types == {OWL + "Nothing"}


@pytest.mark.parametrize("subject, predicate, obj", [
    # the inverse of aig:issuedBy
    ("aigd:authority/cac", "aig:issued", "aigd:instrument/ai-content-labeling-measures"),
    # a superclass type
    ("aigd:standard/gb-45438-2025", "rdf:type", "aig:Standard"),
    ("aigd:standard/gb-45438-2025", "rdf:type", "aig:Document"),
    # a superproperty
    ("aigd:instrument/ai-content-labeling-measures", "eli:passed_by", "aigd:authority/cac"),
    # a transitive sub-organization: working group < SC42 < TC28 < SAC
    ("aigd:committee/sac-tc28-sc42-wg-knowledge-graph", "org:transitiveSubOrganizationOf", "aigd:authority/sac"),
])
def test_the_closure_holds_what_the_ontology_implies(bundled, subject, predicate, obj):
    found = list(bundled.store.quads_for_pattern(node(subject), node(predicate), node(obj), INFERRED))
    assert found, f"{subject} {predicate} {obj} was not inferred"
