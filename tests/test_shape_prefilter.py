"""The SHACL-SPARQL prefilter: whole-graph queries pick the suspects, pySHACL's verdict is unchanged.

The reference is pySHACL alone with every constraint on every focus node; validation with the
prefilter must report exactly the same results on the bundled graph and on every broken example.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import SH

from aigraph.api import Aigraph
from aigraph.home import find_home
from aigraph.validate import shape_prefilter, shapes, validation

pytestmark = pytest.mark.slow  # real servers, pySHACL or owlrl: see `pytest -m "not slow"`

INVALID = sorted((Path(__file__).parent / "fixtures" / "invalid").glob("*.ttl"))
SHAPES_PROLOGUE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def conforms(report) -> bool:
    [verdict] = report.objects(None, SH.conforms)
    return verdict.toPython()


def results(report) -> set[tuple]:
    """Each result of a pySHACL report as a comparable tuple (blank result nodes left out)."""
    keys = (SH.focusNode, SH.resultPath, SH.value, SH.resultMessage, SH.sourceShape, SH.sourceConstraint,
            SH.sourceConstraintComponent, SH.resultSeverity)
    return {tuple(frozenset(report.objects(result, key)) for key in keys)
            for result in report.objects(None, SH.result)}


@pytest.fixture(scope="module")
def shapes_graph():
    return shapes.load(find_home().shapes)


@pytest.mark.parametrize("data", [[], INVALID], ids=["bundled", "every-broken-example"])
def test_validation_reports_what_pyshacl_alone_reports(data, shapes_graph, tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path))
    store = validation.asserted_store(Aigraph(data=data).graph)
    fast = validation.run_shapes(store, shapes_graph)
    reference = validation._pyshacl(store, shapes_graph)
    assert results(fast) == results(reference)
    assert conforms(fast) == conforms(reference) == (not data)
    sparql = {r for r in results(reference) if SH.SPARQLConstraintComponent in r[6]}
    assert len(sparql) >= 5 if data else results(fast) == set()


def test_pyshacl_never_counts_the_data_graph(shapes_graph, tmp_path, monkeypatch):
    """Counting the Oxigraph store for each result, discarded ones in sh:or and sh:not too, made the
    Core shapes take minutes at 100k triples (see `validation._never_count_to_be_true`)."""
    from pyshacl.graph_abstraction import OxigraphDataGraph

    def refuse(self, *args):
        raise AssertionError("pySHACL counted the triples of the data graph")

    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path))
    monkeypatch.setattr(OxigraphDataGraph, "__len__", refuse)
    store = validation.asserted_store(Aigraph(data=INVALID[:8]).graph)
    assert not conforms(validation.run_shapes(store, shapes_graph))


def test_every_bundled_sparql_constraint_is_prefiltered(shapes_graph):
    found = shape_prefilter.prefilters(shapes_graph)
    assert {p.shape for p in found} == set(shapes_graph.subjects(SH.sparql, None))
    assert sum(len(p.queries) for p in found) == len(set(shapes_graph.objects(None, SH.sparql)))


def one_shape(body: str, extra: str = "") -> rdflib.Graph:
    text = SHAPES_PROLOGUE + f"""
        ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql ex:Check .
        ex:Check a sh:SPARQLConstraint ; sh:message "bad" ; sh:prefixes ex:Prefixes ;
            sh:select \"\"\"SELECT $this WHERE {{ {body} }}\"\"\" .
        ex:Prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "https://example.org/"^^xsd:anyURI ] .
        {extra}"""
    return rdflib.Graph().parse(data=text, format="turtle")


def test_a_plain_graph_pattern_is_prefiltered():
    [found] = shape_prefilter.prefilters(one_shape("$this ex:p ?v . FILTER NOT EXISTS { ?v a ex:Ok }"))
    assert "?this ex:p ?v" in found.queries[0] and "$this" not in found.queries[0]


@pytest.mark.parametrize("body, extra", [
    ("$this ex:p ?v MINUS { ?v a ex:Ok }", ""),
    ("{ SELECT ?v WHERE { $this ex:p ?v } LIMIT 1 }", ""),
    ("$this ?p ?v FILTER(?p = $PATH)", ""),
    ("$this ex:p ?v FILTER(?v != $currentShape)", ""),
    ("$this ex:p ?v } GROUP BY $this HAVING (COUNT(?v) > 1", ""),
    ("$this ex:p ?v } LIMIT 1", ""),
    ("SERVICE <http://example.org/sparql> { $this ex:p ?v }", ""),
    ("$this ex:p ?v", "ex:Other a sh:NodeShape ; sh:targetClass ex:Thing ; sh:node ex:Shape ."),
    ("$this ex:p ?v", "ex:Shape a rdfs:Class ."),
    ("$this ex:p ?v . FILTER(", ""),
], ids=["minus", "subquery", "path", "current-shape", "aggregate", "limit", "service", "referenced",
        "implicit-class-target", "not-sparql"])
def test_constructs_where_joining_differs_from_pre_binding_are_left_to_pyshacl(body, extra):
    assert shape_prefilter.prefilters(one_shape(body, extra)) == []


def test_a_shape_without_targets_is_left_to_pyshacl():
    graph = one_shape("$this ex:p ?v")
    graph.remove((None, SH.targetClass, None))
    assert shape_prefilter.prefilters(graph) == []


def store_of(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    return store


def test_suspects_are_only_the_focus_nodes_with_a_solution():
    [found] = shape_prefilter.prefilters(one_shape("$this ex:p ?v . FILTER NOT EXISTS { ?v a ex:Ok }"))
    data = store_of("""@prefix ex: <https://example.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:kind rdfs:subClassOf ex:Thing .
        ex:a a ex:Thing ; ex:p ex:bad .  ex:b a ex:kind ; ex:p ex:bad .
        ex:c a ex:Thing ; ex:p ex:good .  ex:good a ex:Ok .  ex:d ex:p ex:bad .""")
    assert shape_prefilter.suspects(data, found) == {ox.NamedNode("https://example.org/a"),
                                                     ox.NamedNode("https://example.org/b")}


def test_core_constraints_of_a_prefiltered_shape_still_reach_every_focus_node():
    graph = one_shape("$this ex:p ?v . FILTER NOT EXISTS { ?v a ex:Ok }",
                      "ex:Shape sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:message \"no q\" ] .")
    data = store_of("""@prefix ex: <https://example.org/> .
        ex:a a ex:Thing ; ex:p ex:bad ; ex:q 1 .  ex:b a ex:Thing .""")
    messages = {(str(focus), str(message)) for r in results(validation.run_shapes(data, graph))
                for focus in r[0] for message in r[3]}
    assert messages == {("https://example.org/a", "bad"), ("https://example.org/b", "no q")}


def test_a_blank_node_suspect_is_still_found():
    graph = one_shape("$this ex:p ?v . FILTER NOT EXISTS { ?v a ex:Ok }")
    data = store_of("@prefix ex: <https://example.org/> .\n[] a ex:Thing ; ex:p ex:bad .")
    report = validation.run_shapes(data, graph)
    assert [{str(m) for m in r[3]} for r in results(report)] == [{"bad"}]
    assert conforms(report) is False


def test_a_deactivated_constraint_reports_nothing_though_its_query_has_suspects():
    graph = one_shape("$this ex:p ?v", "ex:Check sh:deactivated true .")
    data = store_of("@prefix ex: <https://example.org/> .\nex:a a ex:Thing ; ex:p 1 .")
    assert shape_prefilter.suspects(data, shape_prefilter.prefilters(graph)[0])
    report = validation.run_shapes(data, graph)
    assert results(report) == set() and conforms(report) is True


def test_a_message_and_severity_on_the_shape_reach_its_sparql_results_as_before():
    graph = one_shape("$this ex:p ?v", 'ex:Shape sh:severity sh:Warning ; sh:message "shape says" .')
    data = store_of("@prefix ex: <https://example.org/> .\nex:a a ex:Thing ; ex:p 1 .")
    fast = results(validation.run_shapes(data, graph))
    assert fast == results(validation._pyshacl(data, graph))
    assert {(str(m), severity) for r in fast for m in r[3] for severity in r[7]} <= {
        ("shape says", SH.Warning), ("bad", SH.Warning)}
    assert fast
