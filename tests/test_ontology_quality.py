"""Quality checks on ontology/aigraph.ttl and data/*.ttl, in the spirit of a ROBOT report / OOPS!.

The files are loaded directly with rdflib (no dependency on the aigraph package). Every test
collects the offending terms or entities and asserts that the collection is empty, so a failure
prints exactly what is wrong.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from helpers import SPARQL_PREFIXES, parsed
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "aigraph.ttl"
ONTOLOGY_FILES = sorted((ROOT / "ontology").rglob("*.ttl"))  # ours, and imports/external.ttl
DATA_FILES = sorted((ROOT / "data").glob("*.ttl"))

AIG = Namespace("https://w3id.org/aigraph/ontology#")
AIGD = "https://w3id.org/aigraph/id/"
ONTOLOGY_IRI = URIRef("https://w3id.org/aigraph/ontology")
VANN = Namespace("http://purl.org/vocab/vann/")

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

PREFIXES = SPARQL_PREFIXES


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parsed(ONTOLOGY_FILES)


@pytest.fixture(scope="module")
def data() -> Graph:
    return parsed(DATA_FILES)


@pytest.fixture(scope="module")
def union(ontology: Graph, data: Graph) -> Graph:
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    for triple in data:
        graph.add(triple)
    return graph


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}


def aig_terms(ontology: Graph) -> set[URIRef]:
    return {t for t in declared_terms(ontology) if str(t).startswith(str(AIG))}


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def test_data_files_exist():
    names = {p.name for p in DATA_FILES}
    assert ONTOLOGY_FILE.exists()
    assert {"sources.ttl", "vocab.ttl", "dataset.ttl", "authorities.ttl", "committees.ttl"} <= names


@pytest.mark.parametrize("path", [*ONTOLOGY_FILES, *DATA_FILES], ids=lambda p: p.name)
def test_every_file_parses_and_is_not_empty(path: Path):
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 0, f"{path.name} holds no triples"


def test_no_owl_imports(ontology: Graph, data: Graph):
    imports = list(ontology.triples((None, OWL.imports, None))) + list(data.triples((None, OWL.imports, None)))
    assert imports == [], f"owl:imports would need a network fetch: {imports}"


# ---------------------------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------------------------

HEADER = [
    (DCTERMS.title, None),
    (DCTERMS.description, None),
    (DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")),
    (OWL.versionIRI, URIRef("https://w3id.org/aigraph/ontology/0.1.0")),
    (OWL.versionInfo, Literal("0.1.0")),
    (DCTERMS.creator, Literal("aigraph project")),
    (VANN.preferredNamespacePrefix, Literal("aig")),
    (VANN.preferredNamespaceUri, Literal("https://w3id.org/aigraph/ontology#")),
]


def test_ontology_iri_is_declared(ontology: Graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology


@pytest.mark.parametrize("prop,expected", HEADER, ids=[str(p).rsplit("/", 1)[-1] for p, _ in HEADER])
def test_ontology_header_property(ontology: Graph, prop, expected):
    values = list(ontology.objects(ONTOLOGY_IRI, prop))
    assert values, f"ontology header lacks {prop}"
    if expected is not None:
        assert expected in values, f"{prop} is {values}, expected {expected!r}"
    else:
        assert all(isinstance(v, Literal) and v.language == "en" and str(v).strip() for v in values), values


# ---------------------------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------------------------


def test_ontology_declares_enough_terms(ontology: Graph):
    classes = {t for t in aig_terms(ontology) if (t, RDF.type, OWL.Class) in ontology}
    properties = aig_terms(ontology) - classes
    assert len(classes) >= 40, sorted(classes)
    assert len(properties) >= 50, sorted(properties)


def test_every_aig_term_has_label_definition_and_is_defined_by(ontology: Graph):
    problems = {}
    for term in aig_terms(ontology):
        missing = []
        if not any(isinstance(label, Literal) and label.language == "en" for label in ontology.objects(term, RDFS.label)):
            missing.append("rdfs:label@en")
        if not any(isinstance(d, Literal) and d.language == "en" for d in ontology.objects(term, SKOS.definition)):
            missing.append("skos:definition@en")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology:
            missing.append("rdfs:isDefinedBy")
        if missing:
            problems[str(term)] = missing
    assert problems == {}, problems


def test_every_external_term_has_label_and_its_own_is_defined_by(ontology: Graph):
    problems = []
    for term in declared_terms(ontology) - aig_terms(ontology):
        defined_by = list(ontology.objects(term, RDFS.isDefinedBy))
        if not list(ontology.objects(term, RDFS.label)) or not defined_by:
            problems.append(str(term))
        elif any(str(d).startswith("https://w3id.org/aigraph") for d in defined_by):
            problems.append(f"{term} claims to be defined by aigraph")
    assert problems == [], problems


def test_no_duplicate_labels_among_terms(ontology: Graph):
    by_label: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for term in declared_terms(ontology):
        for label in ontology.objects(term, RDFS.label):
            by_label[(str(label).strip().lower(), label.language)].append(str(term))
    duplicates = {label: terms for label, terms in by_label.items() if len(terms) > 1}
    assert duplicates == {}, duplicates


def test_no_term_has_two_english_labels(ontology: Graph):
    offenders = [
        str(t) for t in declared_terms(ontology)
        if len([label for label in ontology.objects(t, RDFS.label) if label.language == "en"]) > 1
    ]
    assert offenders == [], offenders


def test_no_class_or_property_used_in_data_is_undeclared(ontology: Graph, data: Graph):
    declared = declared_terms(ontology)
    used = set(data.predicates()) | {o for o in data.objects(None, RDF.type)}
    undeclared = sorted(str(u) for u in used if u not in declared and not str(u).startswith(BUILTIN_NAMESPACES))
    assert undeclared == [], undeclared


def hierarchy_cycles(ontology: Graph, relation: URIRef) -> list[str]:
    """The terms that are their own ancestors along `relation`."""
    parents: dict[URIRef, set] = defaultdict(set)
    for child, parent in ontology.subject_objects(relation):
        if isinstance(parent, URIRef):
            parents[child].add(parent)

    def ancestors(term):
        seen, stack = set(), list(parents.get(term, ()))
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(parents.get(current, ()))
        return seen

    return sorted(str(t) for t in list(parents) if t in ancestors(t))


def test_no_class_hierarchy_cycles(ontology: Graph):
    assert hierarchy_cycles(ontology, RDFS.subClassOf) == []


def test_no_property_hierarchy_cycles(ontology: Graph):
    assert hierarchy_cycles(ontology, RDFS.subPropertyOf) == []


def test_domains_and_ranges_are_declared_classes(ontology: Graph):
    declared = declared_terms(ontology)
    bad = [
        (str(p), str(c))
        for rel in (RDFS.domain, RDFS.range)
        for p, c in ontology.subject_objects(rel)
        if isinstance(c, URIRef) and c not in declared and not str(c).startswith(BUILTIN_NAMESPACES)
    ]
    assert bad == [], bad


INVERSES = [
    ("supports", "supportedBy"),
    ("develops", "developedBy"),
    ("issued", "issuedBy"),
    ("leads", "ledBy"),
]


@pytest.mark.parametrize("a,b", INVERSES)
def test_inverse_pairs_are_declared(ontology: Graph, a: str, b: str):
    assert (AIG[a], OWL.inverseOf, AIG[b]) in ontology or (AIG[b], OWL.inverseOf, AIG[a]) in ontology


@pytest.mark.parametrize(
    "sub,sup",
    [
        (AIG.issuedBy, URIRef("http://data.europa.eu/eli/ontology#passed_by")),
        (AIG.releaseDate, URIRef("http://data.europa.eu/eli/ontology#date_publication")),
        (AIG.issueDate, URIRef("http://data.europa.eu/eli/ontology#date_document")),
        (AIG.effectiveDate, URIRef("http://data.europa.eu/eli/ontology#first_date_entry_in_force")),
        (AIG.legalBasis, URIRef("http://data.europa.eu/eli/ontology#based_on")),
        (AIG.acronym, SKOS.altLabel),
        (URIRef("http://www.w3.org/ns/org#subOrganizationOf"), URIRef("http://www.w3.org/ns/org#transitiveSubOrganizationOf")),
    ],
)
def test_our_properties_specialise_standard_ones(ontology: Graph, sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in ontology


def test_property_characteristics(ontology: Graph):
    assert (AIG.effectiveDate, RDF.type, OWL.FunctionalProperty) in ontology
    assert (URIRef("http://www.w3.org/ns/org#transitiveSubOrganizationOf"), RDF.type, OWL.TransitiveProperty) in ontology


@pytest.mark.parametrize(
    "a,b",
    [
        (AIG.Standard, AIG.Instrument),
        (AIG.Authority, AIG.Standard),
        (AIG.MandatoryNationalStandard, AIG.RecommendedNationalStandard),
    ],
)
def test_disjointness_axioms(ontology: Graph, a, b):
    assert (a, OWL.disjointWith, b) in ontology or (b, OWL.disjointWith, a) in ontology


def test_data_respects_disjointness_and_functional_effective_date(ontology: Graph, data: Graph):
    """Asserted-plus-subclass types never put an individual in two disjoint classes."""
    parents: dict[URIRef, set] = defaultdict(set)
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        parents[child].add(parent)

    def closure(classes):
        seen, stack = set(), list(classes)
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(parents.get(current, ()))
        return seen

    pairs = set(ontology.subject_objects(OWL.disjointWith))
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(node, OWL.members)))
        pairs |= {(x, y) for i, x in enumerate(members) for y in members[i + 1:]}
    bad = []
    for individual in set(data.subjects(RDF.type, None)):
        types = closure(data.objects(individual, RDF.type))
        bad += [(str(individual), str(a), str(b)) for a, b in pairs if a in types and b in types]
        if len(list(data.objects(individual, AIG.effectiveDate))) > 1:
            bad.append((str(individual), "two effective dates", ""))
    assert bad == [], bad


# ---------------------------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------------------------

MISSING_LABEL_TYPE_OR_SOURCE = PREFIXES + """
SELECT DISTINCT ?entity ?hasLabel ?hasType ?hasSection WHERE {
  VALUES ?top { aig:Instrument aig:Standard aig:StandardsOrganization }
  ?entity rdf:type/rdfs:subClassOf* ?top .
  FILTER(STRSTARTS(STR(?entity), "https://w3id.org/aigraph/id/"))
  BIND(EXISTS { ?entity rdfs:label ?label FILTER(LANG(?label) = "en") } AS ?hasLabel)
  BIND(EXISTS {
    ?entity rdf:type ?type .
    ?type a owl:Class .
    FILTER(STRSTARTS(STR(?type), "https://w3id.org/aigraph/ontology#"))
  } AS ?hasType)
  BIND(EXISTS { ?entity dcterms:source ?section . ?section a aig:DeckSection } AS ?hasSection)
  FILTER(!?hasLabel || !?hasType || !?hasSection)
}
"""

COUNT_CHECKED = PREFIXES + """
SELECT (COUNT(DISTINCT ?entity) AS ?n) WHERE {
  VALUES ?top { aig:Instrument aig:Standard aig:StandardsOrganization }
  ?entity rdf:type/rdfs:subClassOf* ?top .
}
"""


def test_instruments_standards_and_committees_have_label_type_and_section(union: Graph):
    (count,) = next(iter(union.query(COUNT_CHECKED)))
    assert int(count) >= 100, f"only {count} instruments, standards and committees found"
    problems = [
        (str(r.entity), {"English label": r.hasLabel.toPython(), "aig: type": r.hasType.toPython(),
                         "deck section source": r.hasSection.toPython()})
        for r in union.query(MISSING_LABEL_TYPE_OR_SOURCE)
    ]
    assert problems == [], problems


def test_every_data_entity_cites_a_source(data: Graph):
    sections = set(data.subjects(RDF.type, AIG.DeckSection))
    sources = sections | set(data.subjects(RDF.type, AIG.SourceDocument))
    uncited = []
    for entity in {s for s in data.subjects() if str(s).startswith(AIGD)}:
        cited = set(data.objects(entity, DCTERMS.source))
        # Sections and the dataset cite the deck; everything else cites a deck section.
        allowed = sources if (entity in sections or (entity, RDF.type, AIG.SourceDocument) in data
                              or str(entity) == AIGD + "dataset") else sections
        if not cited & allowed:
            uncited.append(str(entity))
    assert sorted(uncited) == [], uncited


def test_every_referenced_instance_is_described(data: Graph):
    described = {s for s in data.subjects() if str(s).startswith(AIGD)}
    referenced = {o for o in data.objects() if isinstance(o, URIRef) and str(o).startswith(AIGD)}
    assert sorted(str(x) for x in referenced - described) == []


def test_every_section_is_part_of_the_deck_and_used(data: Graph):
    deck = URIRef(AIGD + "source/sesec-webinar-2025")
    problems = []
    for section in data.subjects(RDF.type, AIG.DeckSection):
        if (section, DCTERMS.isPartOf, deck) not in data:
            problems.append(f"{section} is not part of the deck")
        if (None, DCTERMS.source, section) not in data:
            problems.append(f"{section} is cited by nothing")
    assert problems == [], problems


def test_dates_are_typed_and_periods_are_written_as_the_deck_gives_them(data: Graph):
    """A day is an xsd:date; a month or year is a plain "YYYY-MM" or "YYYY" on a period property."""
    date_props = [AIG.releaseDate, AIG.issueDate, AIG.effectiveDate, AIG.announcementDate, AIG.eventDate, DCTERMS.date]
    period_props = [AIG.releasePeriod, AIG.eventPeriod, AIG.established, AIG.asOf, AIG.referenceYear, AIG.targetYear]
    xsd_date = URIRef("http://www.w3.org/2001/XMLSchema#date")
    bad = [(str(s), str(p), str(o)) for p in date_props for s, o in data.subject_objects(p)
           if not (isinstance(o, Literal) and o.datatype == xsd_date)]
    bad += [(str(s), str(p), str(o)) for p in period_props for s, o in data.subject_objects(p)
            if not (isinstance(o, Literal) and o.datatype is None and o.language is None
                    and re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2]))?", str(o)))]
    assert bad == [], bad
    assert all(any(data.subject_objects(p)) for p in period_props)


# Own properties without a domain or a range, and why: each is used on things of more than one
# top class (organizations, documents, statistics, items of a document), which share no class of
# ours, or holds a value whose datatype is outside the OWL 2 datatype map (a range would take the
# ontology out of OWL 2 DL: tests/test_owl_dl.py): language-tagged text, or a day (xsd:date).
_ON_AXIOMS = "an annotation property of evidence, on owl:Axiom nodes (reserved vocabulary, no class in OWL 2 DL)"
NO_DOMAIN = {
    "acronym": "an annotation property: organizations and documents",
    "announcementDate": "organizations (MIIT/TC1) and documents (the Action Plan)",
    "comparator": "statistics and targets",
    "focus": "organizations and documents",
    "inference": _ON_AXIOMS,
    "mentions": "items of a document, concepts and documents",
    "ordinal": "deck sections, concepts, working groups and items of a document",
    "partOf": "calls to action, actions, capabilities, principles and standards-system components",
    "presentedBy": "calls to action and documents",
    "quote": _ON_AXIOMS,
    "quotedFrom": _ON_AXIOMS,
    "refersTo": "items of a document and documents",
    "scope": "organizations and documents",
    "standardKind": "statistics, targets and standard projects",
}
_DAY = "an xsd:date (ELI's range), which is outside the OWL 2 datatype map; aigsh:DateValue checks it"
NO_RANGE = {
    "acronym": "an annotation property: plain text",
    "announcementDate": _DAY,
    "effectiveDate": _DAY,
    "eventDate": _DAY,
    "issueDate": _DAY,
    "releaseDate": _DAY,
    "focus": "language-tagged text",
    "indicator": "language-tagged text",
    "inference": "language-tagged text",
    "location": "language-tagged text",
    "mentions": "any named thing: organizations, documents, committees",
    "position": "language-tagged text",
    "quote": "language-tagged text",
    "scope": "language-tagged text",
}


@pytest.mark.parametrize("relation, excused", [(RDFS.domain, NO_DOMAIN), (RDFS.range, NO_RANGE)], ids=["domain", "range"])
def test_every_own_property_has_a_domain_and_range_or_a_reason(ontology: Graph, relation, excused):
    properties = {p for t in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                  for p in ontology.subjects(RDF.type, t) if str(p).startswith(str(AIG))}
    missing = sorted(str(p)[len(str(AIG)):] for p in properties if ontology.value(p, relation) is None)
    assert missing == sorted(excused)


def test_every_own_term_is_used(ontology: Graph, data: Graph):
    """Every class and property of ours is used by the data, or by a stored or internal query, check or
    shape (an inverse or super-property the queries read after reasoning, an abstract class they select
    by, an evidence annotation the describe and --why queries read)."""
    internal = ROOT / "src" / "aigraph" / "queries" / "sparql"
    queries = " ".join(path.read_text(encoding="utf-8") for path in [
        *(ROOT / "queries").rglob("*.rq"), *internal.glob("*.rq"), *(ROOT / "shapes").glob("*.ttl")])
    unused = sorted(str(t)[len(str(AIG)):] for t in aig_terms(ontology)
                    if not any(data.triples((None, t, None))) and not any(data.triples((None, None, t)))
                    and not re.search(rf"aig:{str(t)[len(str(AIG)):]}\b", queries))
    assert unused == []


def test_statistics_have_a_value_measure_and_subject(data: Graph):
    bad = [
        str(s) for s in data.subjects(RDF.type, AIG.Statistic)
        if data.value(s, AIG.value) is None or data.value(s, AIG.measure) is None or data.value(s, AIG.statisticOf) is None
    ]
    assert bad == [], bad


# ---------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------


def _literals(*graphs: Graph):
    for graph in graphs:
        for s, p, o in graph:
            if isinstance(o, Literal):
                yield s, p, o


def test_zh_literals_contain_cjk(ontology: Graph, data: Graph):
    bad = [(str(s), str(p), str(o)) for s, p, o in _literals(ontology, data) if o.language == "zh" and not CJK.search(o)]
    assert bad == [], bad


def test_en_literals_contain_no_cjk(ontology: Graph, data: Graph):
    bad = [(str(s), str(p), str(o)) for s, p, o in _literals(ontology, data) if o.language == "en" and CJK.search(o)]
    assert bad == [], bad


def test_there_are_chinese_titles(data: Graph):
    zh = [o for _, _, o in _literals(data) if o.language == "zh"]
    assert len(zh) >= 5, zh


# ---------------------------------------------------------------------------------------------
# Reasoning
# ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_owl_rl_closure_is_consistent(union: Graph):
    """Under OWL 2 RL, nothing becomes owl:Nothing and no individual lands in two disjoint classes."""
    owlrl = pytest.importorskip("owlrl")
    closed = Graph()
    for triple in union:
        closed.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    assert list(closed.subjects(RDF.type, OWL.Nothing)) == []
    pairs = set(closed.subject_objects(OWL.disjointWith))
    for node in closed.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(closed, closed.value(node, OWL.members)))
        pairs |= {(x, y) for i, x in enumerate(members) for y in members[i + 1:]}
    clashes = sorted(
        (str(x), str(a), str(b)) for a, b in pairs for x in closed.subjects(RDF.type, a) if (x, RDF.type, b) in closed
    )
    assert clashes == [], clashes
    # The inverses and the transitive hierarchy are usable after reasoning.
    sc42 = URIRef(AIGD + "committee/sac-tc28-sc42")
    assert (sc42, URIRef("http://www.w3.org/ns/org#transitiveSubOrganizationOf"), URIRef(AIGD + "authority/sac")) in closed
    assert (URIRef(AIGD + "authority/nrta"), AIG.issued, URIRef(AIGD + "instrument/ai-content-labeling-measures")) in closed
