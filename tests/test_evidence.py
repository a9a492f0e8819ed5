"""Every asserted fact about the deck's world has evidence: an owl:Axiom in data/evidence/ naming
the triple (owl:annotatedSource/Property/Target), the deck's words that state it (aig:quote,
verbatim up to whitespace) and the deck section they are in (aig:quotedFrom); or, for a fact the
deck does not state, why it is asserted (aig:inference). The evidence points only at triples that
exist, and it changes no stored query's answer.

Bookkeeping is exempt (README, "Evidence"): the files describing the deck itself, the dataset and
the project's controlled vocabularies, and the predicates that record where or in what order
something stands rather than what the deck says of the world.

The deck is read as in test_deck_facts.py (../shared/seed/ beside the checkout, or $AIGRAPH_SEED).
"""

from __future__ import annotations

import calendar
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDFS, SKOS

from aigraph.api import Aigraph
from aigraph.dates import PERIOD_PROPERTIES
from aigraph.queries.catalog import names
from tests.test_deck_facts import _no_deck, _seed_path

ROOT = Path(__file__).resolve().parents[1]
AIG = Namespace("https://w3id.org/aigraph/ontology#")
EXEMPT_FILES = {"sources.ttl", "dataset.ttl", "vocab.ttl"}
EXEMPT_PREDICATES = {DCTERMS.source, SKOS.editorialNote, SKOS.inScheme, SKOS.topConceptOf,
                     SKOS.hasTopConcept, AIG.ordinal}
DATA_FILES = sorted(p.name for p in (ROOT / "data").glob("*.ttl") if p.name not in EXEMPT_FILES)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _axioms(graph: Graph) -> dict[URIRef, dict]:
    """Each axiom's source, property, target, quotes and sections."""
    found: dict[URIRef, dict] = defaultdict(lambda: defaultdict(list))
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        for key, predicate in (("s", OWL.annotatedSource), ("p", OWL.annotatedProperty), ("o", OWL.annotatedTarget),
                               ("quote", AIG.quote), ("section", AIG.quotedFrom), ("inference", AIG.inference)):
            found[axiom][key] = list(graph.objects(axiom, predicate))
    return found


def _quoted(evidence: Graph) -> dict[tuple, list[str]]:
    quotes: dict[tuple, list[str]] = defaultdict(list)
    for parts in _axioms(evidence).values():
        if parts["quote"]:
            quotes[(parts["s"][0], parts["p"][0], parts["o"][0])].append(str(parts["quote"][0]))
    return quotes


@pytest.fixture(scope="module")
def evidence() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "data" / "evidence").glob("*.ttl")):
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def facts() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "data").glob("*.ttl")):
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def deck() -> str | None:
    path = _seed_path()
    return _norm(path.read_text(encoding="utf-8")) if path else None


@pytest.fixture(scope="module")
def annotated(evidence) -> set[tuple]:
    return {(a["s"][0], a["p"][0], a["o"][0]) for a in _axioms(evidence).values() if a["s"] and a["p"] and a["o"]}


def test_each_data_file_has_its_evidence_file():
    evidence = {p.name for p in (ROOT / "data" / "evidence").glob("*.ttl")}
    assert set(DATA_FILES) <= evidence <= {p.name for p in (ROOT / "data").glob("*.ttl")}


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_fact_of_the_file_has_evidence(name, annotated):
    triples = Graph().parse(ROOT / "data" / name)
    missing = [t for t in triples if t[1] not in EXEMPT_PREDICATES and t not in annotated]
    assert not missing, f"{len(missing)} triples of {name} without evidence, such as {missing[:3]}"


def test_each_axiom_names_one_triple_and_one_quote_in_a_section_or_one_inference(evidence, facts):
    sections = set(facts.subjects(RDF.type, AIG.DeckSection))
    for axiom, parts in _axioms(evidence).items():
        assert all(len(parts[key]) == 1 for key in ("s", "p", "o")), axiom
        if parts["inference"]:
            assert len(parts["inference"]) == 1 and not parts["quote"] and not parts["section"], axiom
            continue
        assert len(parts["quote"]) == 1 and len(parts["section"]) == 1, axiom
        assert parts["section"][0] in sections, f"{axiom}: {parts['section'][0]} is not a deck section"


AIGD = Namespace("https://w3id.org/aigraph/id/")
NOT_IN_THE_DECK = [  # issue 17: facts the deck does not state, kept as marked inferences
    (AIGD["document/eso-sac-framework-cooperation-agreement"], AIG.party, AIGD["institution/cen"]),
    (AIGD["document/eso-sac-framework-cooperation-agreement"], AIG.party, AIGD["institution/cenelec"]),
    (AIGD["document/eso-sac-framework-cooperation-agreement"], AIG.party, AIGD["institution/etsi"]),
    (AIGD["committee/iso-iec-jtc1"], URIRef("http://www.w3.org/ns/org#subOrganizationOf"), AIGD["org/iso"]),
    (AIGD["committee/iso-iec-jtc1"], URIRef("http://www.w3.org/ns/org#subOrganizationOf"), AIGD["org/iec"]),
    (AIGD["standard/iso-iec-4213"], RDF.type, AIG.InternationalStandard),
    (AIGD["standard/iso-iec-5392"], RDF.type, AIG.InternationalStandard),
]


@pytest.mark.parametrize("fact", NOT_IN_THE_DECK,
                         ids=[f"{s.rsplit('/', 1)[-1]}-{o.rsplit('/', 1)[-1]}" for s, _, o in NOT_IN_THE_DECK])
def test_facts_the_deck_does_not_state_are_marked_as_inferences(fact, evidence, facts):
    assert fact in facts
    said = [parts for parts in _axioms(evidence).values() if (parts["s"][0], parts["p"][0], parts["o"][0]) == fact]
    assert said and all(parts["inference"] and not parts["quote"] for parts in said)


def test_why_tells_an_inference_from_a_deck_fact():
    table = Aigraph(ROOT).run("issuers-of-instrument", {"instrument": "aigd:instrument/generative-ai-interim-measures"},
                              why=True)
    moe = next(row for row in table.rows if str(row.get("acronym")) == '"MOE"')
    assert "not in the deck: Full name not in the deck" in moe["why"].value  # its name
    assert '"- Issued by: CAC, NDRC, MOE, MoST, MIIT, MPS, SAMR"' in moe["why"].value  # its issuing


def test_every_annotated_triple_exists(annotated, facts):
    dangling = [t for t in annotated if t not in facts]
    assert not dangling, f"evidence for triples the data does not hold: {dangling[:3]}"


def test_every_quote_occurs_in_the_deck(evidence, deck):
    if deck is None:
        _no_deck()
    quotes = {str(q) for q in evidence.objects(None, AIG.quote)}
    assert quotes
    absent = sorted(q for q in quotes if _norm(q) not in deck)
    assert not absent, f"{len(absent)} quotes are not deck text, such as {absent[:3]}"


def test_a_paraphrase_is_caught(deck):
    """The check above is not vacuous: a quote with one word changed is not in the deck."""
    if deck is None:
        _no_deck()
    assert "SESEC is a visibility project co-financed by five European partners" in deck
    assert "SESEC is a visibility project co-funded by five European partners" not in deck


def test_a_dangling_or_missing_annotation_is_caught(annotated, facts):
    """The checks above are not vacuous: a triple the data lacks, or one without evidence, shows."""
    invented = (URIRef("https://w3id.org/aigraph/id/project/sesec"), AIG.acronym, Literal("ESES"))
    assert invented not in facts
    some_fact = next(t for t in Graph().parse(ROOT / "data" / "laws.ttl") if t[1] not in EXEMPT_PREDICATES)
    assert some_fact in annotated and (some_fact[0], some_fact[1], Literal("x")) not in annotated


def _home_without_evidence(tmp_path: Path) -> Path:
    for folder in ("ontology", "shapes", "data", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("evidence"))
    return tmp_path


VALUES = {"committee": "aigd:committee/sac-tc28-sc42", "instrument": "aigd:instrument/ai-content-labeling-measures",
          "document": "aigd:instrument/ai-content-labeling-measures", "authority": "aigd:authority/cac",
          "organization": "aigd:committee/miit-tc1", "entity": "aigd:committee/sac-tc28-sc42",
          "date": "2025-09-30", "from": "2020-01-01", "to": "2025-12-31", "text": "standard", "type": "I"}


def _rows(graph: Aigraph, name: str) -> list:
    wanted = {p.name: VALUES[p.name] for p in graph.stored(name).params if p.name in VALUES}
    result = graph.run(name, wanted)
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for row in result.rows)


def test_evidence_changes_no_answer_count_or_search(tmp_path):
    """Stored queries, `stats`' classes and search answer the same with and without data/evidence/."""
    with_evidence, without = Aigraph(ROOT), Aigraph(_home_without_evidence(tmp_path))
    assert (ROOT / "data" / "evidence").is_dir() and not (tmp_path / "data" / "evidence").exists()
    for name in names(ROOT / "queries"):
        assert _rows(with_evidence, name) == _rows(without, name), name
    assert with_evidence.stats()["classes"] == without.stats()["classes"]
    assert with_evidence.stats()["triples"]["inferred"] == without.stats()["triples"]["inferred"]
    assert with_evidence.stats()["triples"]["evidence"] > 0 == without.stats()["triples"]["evidence"]
    hits = [(h.iri, h.snippet) for h in with_evidence.search("labeling").hits]
    assert hits and hits == [(h.iri, h.snippet) for h in without.search("labeling").hits]
    assert not [h for h in hits if "/evidence/" in h[0]]


def test_no_quote_is_left_without_a_word_of_its_fact(evidence):
    """A spot check that quotes state their fact: the evidence for a dated fact (a day, or a year or
    month on a period property) holds its year, in one of its quotes when a heading and an item are quoted apart."""
    checked = 0
    for (_, predicate, target), quotes in _quoted(evidence).items():
        dated = isinstance(target, Literal) and (
            str(target.datatype).endswith("#date") or str(predicate) in PERIOD_PROPERTIES)
        if dated:
            assert str(target)[:4] in " ".join(quotes), (predicate, target, quotes)
            checked += 1
    assert checked > 40


NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.notation, AIG.acronym, DCTERMS.identifier,
                   DCTERMS.title, FOAF.name)
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
COMPARATOR_WORDS = {"more than": ("more than", "over ", "exceed", "surpass")}
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


UNNAMED_IN_ITS_QUOTE = {  # facts whose deck sentence cannot name the target as the data does, and why
    (AIGD["person/wei-kai"], AIG.affiliation, AIGD["institution/caict-ai-institute"]):
        "The deck's text reads 'Al Institute, CAICT' (a text-extraction error for 'AI'); the data names it correctly.",
    (AIGD["instrument/ai-plus-action-opinions"], SKOS.altLabel, Literal('"AI+" Initiative', lang="en")):
        "The deck misspells it '\"AI+\" Inititaive (2025)'; the data keeps the corrected spelling.",
}


def _states_date(text: str, value: str) -> bool:
    year, month, day = PARTIAL_DATE.fullmatch(value).groups()  # type: ignore[union-attr]
    if year not in text:
        return False
    if month and not (re.search(rf"\b{calendar.month_abbr[int(month)].casefold()}", text)
                      or f"{year}/{month}" in text or f"{year}-{month}" in text):
        return False
    return not day or re.search(rf"(?<!\d)0?{int(day)}(?!\d)", text) is not None


def _states_number(text: str, value: Literal) -> bool:
    number = float(value.toPython())
    spelled = [f"{number:g}", f"{number:,g}"]
    if 0 < number < 1:
        spelled.append(f"{number * 100:g}%")
    if number == int(number) and number < len(NUMBER_WORDS):
        spelled.append(NUMBER_WORDS[int(number)])
    return any(re.search(rf"(?<![\w.,]){re.escape(form)}(?!\w|[.,]\d)", text) for form in spelled)


def _states_literal(text: str, value: Literal) -> bool:
    """The quote holds a recognisable part of the literal: a number or date as the deck writes it, or, of
    the literal's first sentence, every figure or half of the longer words."""
    if isinstance(value.toPython(), (int, float, Decimal)) and not isinstance(value.toPython(), bool):
        return _states_number(text, value)
    if PARTIAL_DATE.fullmatch(str(value)):
        return _states_date(text, str(value))
    if str(value) in COMPARATOR_WORDS:
        return any(word in text for word in COMPARATOR_WORDS[str(value)])
    solid = "".join(text.split())
    first_sentence = re.split(r"(?<=[.!?])\s+", str(value))[0]
    words = [w.strip("()[]'\".,;:").casefold() for w in first_sentence.split()]
    words = [w for w in words if len(w) > 3 or any(c.isdigit() for c in w)]
    if not words:
        return "".join(str(value).casefold().split()) in solid
    numbers = [w for w in words if any(c.isdigit() for c in w)]
    return (bool(numbers) and all(w in solid for w in numbers)) or 2 * sum(w in solid for w in words) >= len(words)


def _names(target: URIRef, facts: Graph) -> list[str]:
    named = [_norm(str(name)).casefold() for p in NAME_PREDICATES for name in facts.objects(target, p)]
    return named or [str(target).split(":", 1)[1].lstrip("/").rstrip("/").casefold()]


def _states_its_target(fact: tuple, quotes: list[str], facts: Graph) -> bool:
    """The quotes for a fact name its target entity (any of its names) or hold a recognisable part of its literal."""
    text = _norm(" ".join(quotes)).casefold().replace("*", "")
    target = fact[2]
    if isinstance(target, Literal):
        return _states_literal(text, target)
    return any(name in text for name in _names(target, facts))


@pytest.fixture(scope="module")
def vocabulary() -> set:
    """The project's controlled vocabularies: a classification by one of them is reviewed like rdf:type."""
    return set(Graph().parse(ROOT / "data" / "vocab.ttl").subjects())


def _unnamed(evidence: Graph, facts: Graph, vocabulary: set) -> list[tuple]:
    """Facts whose quotes do not name their target. Types and controlled-vocabulary classes are
    classifications, not names, and are reviewed by hand; the listed exceptions say why they cannot."""
    return sorted(
        (fact, quotes) for fact, quotes in _quoted(evidence).items()
        if fact[1] != RDF.type and fact[2] not in vocabulary and fact not in UNNAMED_IN_ITS_QUOTE
        and not _states_its_target(fact, quotes, facts))


def test_every_quote_names_the_target_of_its_fact(evidence, facts, vocabulary):
    """A fact's quotes (a heading and an item may be quoted apart) name its target: an entity by one of
    its names in the data, a literal by a recognisable part."""
    unnamed = _unnamed(evidence, facts, vocabulary)
    assert not unnamed, f"{len(unnamed)} facts whose quotes do not name their target, such as {unnamed[:3]}"
    assert all(fact in facts for fact in UNNAMED_IN_ITS_QUOTE)


def test_a_quote_that_does_not_name_its_target_is_caught(evidence, facts, vocabulary):
    """The check above is not vacuous: a planted quote about the entity but silent on the target, a
    wrong day or a wrong figure fails it."""
    fact = (AIGD["call-to-action/waic-2025-international-ai-cooperation-organization"], AIG.presentedBy,
            AIGD["person/li-qiang"])
    assert fact in facts
    planted = Graph()
    planted += evidence
    for axiom in list(planted.subjects(OWL.annotatedSource, fact[0])):  # the call's evidence out, a silent quote in
        planted.remove((axiom, None, None))
    section = AIGD["section/ai-global-governance-action-plan"]
    silent = Literal("Building an International AI Cooperation Organization to unite all countries together", lang="en")
    for predicate, value in ((RDF.type, OWL.Axiom), (OWL.annotatedSource, fact[0]), (OWL.annotatedProperty, fact[1]),
                             (OWL.annotatedTarget, fact[2]), (AIG.quotedFrom, section), (AIG.quote, silent)):
        planted.add((AIGD["evidence/planted"], predicate, value))
    assert [found for found, _ in _unnamed(planted, facts, vocabulary)] == [fact]
    said = "Premier Li Qiang spoke at the World Artificial Intelligence Conference and called for:"
    assert _states_its_target(fact, [said], facts)
    assert not _states_its_target((fact[0], fact[1], Literal("2025-07-26")), ["On 26 June 2025"], facts)
    assert not _states_its_target((fact[0], fact[1], Literal(1304)), ["exceeded 1,305"], facts)
