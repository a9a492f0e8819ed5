"""`aigraph validate`: the bundled graph conforms; every broken example fails for the reason its name gives.

Each file under tests/fixtures/invalid/ names, in a `# violates:` line, the shapes constraints
(aigsh: IRIs), consistency rules and integrity checks it breaks, and nothing else may fire for it.
All of them are validated in one run (one build of the graph), each violation traced back to the
fixture that describes its entity.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import SH

from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.home import find_home
from aigraph.namespaces import SHAPES
from aigraph.queries import catalog
from aigraph.validate import checks, shapes, validation

pytestmark = pytest.mark.slow  # real servers, pySHACL or owlrl: see `pytest -m "not slow"`

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
HOME = find_home()
SUMMARY = re.compile(r"^(\d+) shapes, (\d+) focus nodes, (\d+) consistency rules, (\d+) integrity checks: "
                     r"conforms\n\Z")


def declared(path: Path) -> set[str]:
    """The constraints, rules and checks a fixture says it violates."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# violates:"):
            return {SHAPES + name[6:] if name.startswith("aigsh:") else name for name in line.split()[2:]}
    raise AssertionError(f"{path.name} has no '# violates:' line")


def validate(*args):
    result = CliRunner().invoke(cli, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def shapes_graph():
    return shapes.load(HOME.shapes)


@pytest.fixture(scope="session")
def messages(shapes_graph) -> dict[str, str]:
    """Every constraint of the shapes that has a message, and its message."""
    return {str(s): str(m) for s, m in shapes_graph.subject_objects(SH.message)}


@pytest.fixture(scope="session")
def bundled(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIGRAPH_CACHE", str(tmp_path_factory.mktemp("bundled-cache")))
        return validate()


@pytest.fixture(scope="session")
def rejected(tmp_path_factory) -> dict:
    """The JSON report of one run over every broken example."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIGRAPH_CACHE", str(tmp_path_factory.mktemp("invalid-cache")))
        result = validate("--format", "json", *[arg for path in INVALID for arg in ("--data", str(path))])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def test_the_bundled_graph_conforms(bundled, shapes_graph):
    assert bundled.exit_code == 0, bundled.output
    counted = SUMMARY.match(bundled.output)
    assert counted, bundled.output
    shape_count, focus, rules, integrity = map(int, counted.groups())
    assert shape_count == shapes.count(shapes_graph) and focus > 500
    loaded = checks.load(HOME.queries)
    owl = [check for check in loaded if checks.kind(check) == "consistency"]
    assert rules == len(owl) == 3 and integrity == len(loaded) - len(owl) > 0


@pytest.mark.parametrize("fixture", INVALID, ids=lambda path: path.stem)
def test_each_broken_example_fails_for_the_reason_its_name_gives(fixture, rejected, messages):
    found = [v for v in rejected["violations"] if str(fixture) in v["files"]]
    assert {v["source"] for v in found} == declared(fixture)
    for violation in found:
        assert violation["message"]
        if violation["kind"] == "shape":
            template = messages[violation["source"]]
            assert violation["message"].startswith(template.split("{")[0])


def test_every_violation_of_the_broken_examples_is_theirs(rejected):
    strays = [v for v in rejected["violations"] if not any(str(p) in v["files"] for p in INVALID)]
    assert strays == []


def test_every_shapes_message_is_triggered_by_a_broken_example(rejected, messages):
    sources = {v["source"] for v in rejected["violations"]}
    assert sorted(set(messages) - sources) == []


GROUPING = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.sparql,
            SH.message, SH.severity, SH.deactivated}


def test_every_constraint_has_its_own_message(shapes_graph, messages):
    """A targeted node shape's property shapes and SPARQL constraints carry one message each, and so does
    a targeted node shape that checks its focus nodes itself (sh:or, sh:class, ...); node shapes that only
    group carry none, and shapes nested in a constraint (sh:node, sh:or, ...) speak through its message."""
    targeted = {s for target in GROUPING - {SH.property, SH.sparql, SH.message, SH.severity, SH.deactivated}
                for s in shapes_graph.subjects(target, None)}
    checking = {s for s in targeted if any(p.startswith(SH) and p not in GROUPING
                                           for p in shapes_graph.predicates(s, None))}
    constraints = ({o for s in targeted for p in (SH.property, SH.sparql) for o in shapes_graph.objects(s, p)}
                   | checking)
    assert all(isinstance(node, rdflib.URIRef) for node in targeted | constraints)
    assert sorted(str(c) for c in constraints if str(c) not in messages) == []
    assert all(len(list(shapes_graph.objects(c, SH.message))) == 1 for c in constraints)
    assert sorted(set(messages) - {str(c) for c in constraints}) == []


def test_every_consistency_rule_and_integrity_check_is_triggered(rejected):
    sources = {v["source"] for v in rejected["violations"]}
    names = {check.name for check in checks.load(HOME.queries)}
    assert sorted(names - sources) == []


@pytest.mark.parametrize("fixture, rule", [("two-effective-dates", "owl-functional-property-violation"),
                                           ("event-that-is-a-person", "owl-disjoint-classes-violation"),
                                           ("owl-nothing-member", "owl-nothing-member-violation")])
def test_the_consistency_check_rejects_contradictions(fixture, rule, rejected):
    path = str(FIXTURES / "invalid" / f"{fixture}.ttl")
    kinds = {(v["kind"], v["source"]) for v in rejected["violations"] if path in v["files"]}
    assert kinds == {("consistency", rule)}


def test_a_rejected_file_gets_one_line_per_violation():
    path = FIXTURES / "invalid" / "gb-identifier-on-recommended-standard.ttl"
    result = validate("--data", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    who = ("GB 99905-2025 Cybersecurity technology—Test standard "
           "<https://w3id.org/aigraph/id/test/gb-identifier-on-recommended-standard> dcterms:identifier: ")
    assert lines[:2] == [
        who + 'A recommended national standard\'s identifier reads "GB/T <number>-<year>", with an optional '
              f'part number (for example "GB/T 45288.1-2025"). ({path})',
        who + "The identifier GB 99905-2025 names a mandatory national standard (GB), so the standard must "
              f"be an aig:MandatoryNationalStandard. ({path})"]
    assert re.match(r"^\d+ shapes, \d+ focus nodes, \d+ consistency rules, \d+ integrity checks: 2 violations$",
                    lines[2])
    assert len(lines) == 3


def test_the_turtle_format_is_a_standard_shacl_report():
    path = FIXTURES / "invalid" / "event-that-is-a-person.ttl"
    result = validate("--format", "turtle", "--data", str(path))
    assert result.exit_code == 1
    report = rdflib.Graph().parse(data=result.output, format="turtle")
    node = report.value(None, rdflib.RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == rdflib.Literal(False)
    entity = rdflib.URIRef("https://w3id.org/aigraph/id/test/event-that-is-a-person")
    results = list(report.objects(node, SH.result))
    assert [report.value(r, SH.focusNode) for r in results] == [entity]
    assert "aig:Event and a aig:Person, which are disjoint" in str(report.value(results[0], SH.resultMessage))


def test_a_malformed_data_file_exits_2_naming_file_and_line(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n')
    result = validate("--data", str(broken))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {broken}:2:")
    assert len(result.output.strip().splitlines()) == 1


def test_a_missing_data_file_exits_2(tmp_path):
    result = validate("--data", str(tmp_path / "none.ttl"))
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'none.ttl'}: no such data file\n"


def test_validation_refuses_a_home_without_shapes(home):
    result = CliRunner().invoke(cli, ["--home", str(home), "validate"])
    assert result.exit_code == 2
    assert result.output == f"Error: {home / 'shapes'}: no SHACL shapes found; validation would check nothing\n"


def test_shapes_are_counted_and_an_empty_shapes_graph_has_none(shapes_graph):
    assert shapes.count(shapes_graph) > 40
    assert shapes.count(rdflib.Graph()) == 0


def test_pyshacl_finds_nothing_when_the_shapes_never_reach_it(shapes_graph):
    """Why the guard exists: a misspelt keyword leaves pySHACL with no shapes, and it conforms."""
    import pyshacl

    data = ox.Store()
    data.load(path=str(FIXTURES / "invalid" / "standard-without-status.ttl"), format=ox.RdfFormat.TURTLE)
    for path in sorted(HOME.ontology.rglob("*.ttl")):
        data.load(path=str(path), format=ox.RdfFormat.TURTLE)
    conforms, _, _ = pyshacl.validate(data, shape_graph=shapes_graph, inference="none")
    assert conforms
    found = validation.shape_violations(validation.run_shapes(data, shapes_graph))
    assert SHAPES + "StandardHasStatus" in {v.source for v in found}


def test_the_shapes_pass_meta_shacl(shapes_graph):
    import pyshacl

    shapes.check(shapes_graph, HOME.shapes)
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes_graph, ont_graph=None,
                                         meta_shacl=True, inference="none", do_owl_imports=False)
    assert conforms, text


def test_shapes_that_are_not_valid_shacl_are_refused(tmp_path):
    home = tmp_path / "home"
    shutil.copytree(HOME.root / "shapes", home / "shapes")
    for folder in ("ontology", "data", "queries"):
        (home / folder).mkdir()
    (home / "shapes" / "broken.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://example.org/BrokenShape> a sh:NodeShape ; sh:minCount \"one\" .\n")
    result = CliRunner().invoke(cli, ["--home", str(home), "validate"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {home / 'shapes'}: not valid SHACL: https://example.org/BrokenShape: ")
    assert len(result.output.splitlines()) == 1


def test_class_targets_reach_subclass_instances_without_inference(shapes_graph):
    """A standard typed only aig:MandatoryNationalStandard is still a focus node of aig:Standard's shape,
    whether the ontology is in the data (as `validate` does) or mixed in as pySHACL's ont_graph."""
    import pyshacl

    standard = "https://w3id.org/aigraph/id/test/subclass-only"
    data = rdflib.Graph().parse(data=f"""
        @prefix aig: <https://w3id.org/aigraph/ontology#> .
        <{standard}> a aig:MandatoryNationalStandard ; aig:supports <{standard}> .""", format="turtle")
    ontology = rdflib.Graph()
    for path in sorted(HOME.ontology.rglob("*.ttl")):
        ontology.parse(path)
    used = [SHAPES + name for name in ("StandardShape", "StandardHasStatus", "StandardSupportsInstrument")]
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none",
                                    do_owl_imports=False, use_shapes=used)
    assert {str(s) for s in report.objects(None, SH.sourceShape)} == set(used[1:])


def test_validation_never_reaches_the_network(home, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("validation tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    shutil.copytree(HOME.shapes, home / "shapes", dirs_exist_ok=True)
    (home / "shapes" / "imports.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/shapes> a owl:Ontology ; owl:imports <https://example.org/remote-shapes> .\n")
    importing = tmp_path / "imports.ttl"
    importing.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                         "<https://example.org/mine> a owl:Ontology ; owl:imports <https://example.org/remote> .\n")
    result = CliRunner().invoke(cli, ["--home", str(home), "validate", "--data", str(importing)])
    assert result.exit_code == 1, result.output  # the small home's data lacks sources and statuses
    assert result.output.endswith("violations\n")


@pytest.mark.parametrize("check", checks.load(HOME.queries), ids=lambda check: check.name)
def test_each_check_is_well_formed_and_finds_nothing_in_the_bundled_graph(check):
    assert check.name.endswith("-violation") and check.summary
    assert checks.run(Aigraph().graph, [check]) == []


def test_checks_are_not_stored_queries():
    names = set(catalog.names(HOME.queries))
    assert not names & {check.name for check in checks.load(HOME.queries)}


def owl_rules(graph, asserted: bool = False):
    rules = [check for check in checks.load(HOME.queries) if checks.kind(check) == "consistency"]
    return checks.run(graph, rules, asserted)


def test_the_disjointness_rule_reads_all_disjoint_classes_lists(tmp_path):
    """owl:AllDisjointClasses makes each two of its members disjoint: an individual in the first
    and the last is caught, one in a single member is not."""
    data = tmp_path / "all-disjoint.ttl"
    data.write_text("""@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .
[] a owl:AllDisjointClasses ; owl:members ( ex:Lake ex:River ex:Sea ) .
ex:lake-sea a ex:Lake , ex:Sea ; rdfs:label "both a lake and a sea" .
ex:river a ex:River ; rdfs:label "a river" .
""", encoding="utf-8")
    found = owl_rules(Aigraph(data=[data]).graph)
    assert [(v.source, v.entity) for v in found] == [("owl-disjoint-classes-violation", "https://example.org/lake-sea")]
    assert "is both a <https://example.org/Lake> and a <https://example.org/Sea>" in found[0].message


def test_consistency_and_integrity_see_the_asserted_triples_only_with_asserted():
    path = FIXTURES / "invalid" / "event-that-is-a-person.ttl"
    graph = Aigraph(data=[path]).graph
    assert [v.source for v in owl_rules(graph, asserted=True)] == ["owl-disjoint-classes-violation"]
    legal = FIXTURES / "invalid" / "legal-basis-not-a-law.ttl"
    graph = Aigraph(data=[legal]).graph
    assert owl_rules(graph, asserted=True) == []
    assert [v.source for v in owl_rules(graph)] == ["owl-disjoint-classes-violation"]


def test_pyshacl_finds_its_constraint_parameters_in_a_set(monkeypatch):
    """pySHACL tests each shape's predicates against the list validation.py gives it, which
    answers from a set; the broken example is rejected as before."""
    asked = []
    contains_before = validation._Parameters.__contains__

    def contains(self, parameter):
        asked.append(parameter)
        return contains_before(self, parameter)

    monkeypatch.setattr(validation._Parameters, "__contains__", contains)
    result = validate("--data", str(FIXTURES / "invalid" / "event-that-is-a-person.ttl"))
    assert result.exit_code == 1
    assert SH["class"] in asked and SH.datatype in asked


def test_the_set_backed_parameters_behave_as_pyshacls_list():
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS

    parameters = validation._Parameters(ALL_CONSTRAINT_PARAMETERS)
    assert list(parameters) == ALL_CONSTRAINT_PARAMETERS and parameters.copy() == ALL_CONSTRAINT_PARAMETERS
    assert all(parameter in parameters for parameter in ALL_CONSTRAINT_PARAMETERS)
    assert SH.targetClass not in parameters and rdflib.Literal("sh:class") not in parameters
