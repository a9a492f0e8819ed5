"""The ontology and the bundled data under an OWL 2 DL reasoner: HermiT (through owlready2) loads
the ontology without flags, finds the ontology and data consistent, and finds a planted
contradiction.

HermiT needs Java: without it the test is skipped on a developer's machine and FAILS in CI
(CI=true), where .ci/run installs openjdk-17-jre-headless.

Over the data, HermiT runs with owlready2's ignore_unsupported_datatypes=True for one reason only:
xsd:date, the range of ELI's date properties (eli:date_publication, ...), is not in the OWL 2
datatype map, and the data's days are xsd:date. test_xsd_date_is_the_only_datatype_outside_the_owl2_map
keeps every other value, and the whole ontology, inside it, so partial dates (xsd:gYear,
xsd:gYearMonth) cannot come back unnoticed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import missing, parsed
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

pytestmark = pytest.mark.slow  # a Java subprocess

ROOT = Path(__file__).resolve().parents[1]
AIG = Namespace("https://w3id.org/aigraph/ontology#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # an open namespace: pytest probes module attributes
OWL2_DATATYPE_MAP = {XSD[name] for name in (
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
    "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")} | {
    URIRef("http://www.w3.org/2002/07/owl#real"), URIRef("http://www.w3.org/2002/07/owl#rational"),
    RDF.XMLLiteral, RDF.PlainLiteral, RDFS.Literal}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parsed(sorted((ROOT / "ontology").rglob("*.ttl")))


@pytest.fixture(scope="module")
def bundled() -> Graph:
    return parsed(sorted((ROOT / "ontology").rglob("*.ttl")) + sorted((ROOT / "data").glob("*.ttl")))


def hermit(graph: Graph, folder: Path, ignore_unsupported_datatypes: bool = True) -> None:
    """Run HermiT over the graph; raises owlready2's OwlReadyInconsistentOntologyError if inconsistent,
    OwlReadyJavaError if HermiT cannot load it."""
    if shutil.which("java") is None:
        missing("Java is not installed (apt-get install openjdk-17-jre-headless)")
    import owlready2

    path = folder / "graph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                       ignore_unsupported_datatypes=ignore_unsupported_datatypes)


def _datatypes(graph: Graph) -> set:
    used = {o.datatype for o in graph.objects() if isinstance(o, Literal) and o.datatype is not None}
    return used | {r for r in graph.objects(None, RDFS.range) if str(r).startswith(str(XSD))}


def test_xsd_date_is_the_only_datatype_outside_the_owl2_map(ontology: Graph, bundled: Graph):
    assert _datatypes(ontology) - OWL2_DATATYPE_MAP == set()
    assert _datatypes(bundled) - OWL2_DATATYPE_MAP == {XSD.date}


def test_hermit_loads_the_ontology_without_flags(ontology: Graph, tmp_path: Path):
    hermit(ontology, tmp_path, ignore_unsupported_datatypes=False)


def test_hermit_finds_the_ontology_and_data_consistent(bundled: Graph, tmp_path: Path):
    hermit(bundled, tmp_path)


def test_hermit_finds_a_planted_contradiction(bundled: Graph, tmp_path: Path):
    import owlready2

    broken = Graph()
    for triple in bundled:
        broken.add(triple)
    # aig:Standard and aig:Instrument are disjoint
    broken.add((URIRef("https://w3id.org/aigraph/id/standard/gb-45438-2025"), RDF.type, AIG.Instrument))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(broken, tmp_path)
