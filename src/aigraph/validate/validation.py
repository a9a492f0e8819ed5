"""Validation: SHACL shapes over the asserted graph, OWL consistency over its closure, integrity checks.

The shapes see the asserted triples with no inference. The ontology goes into the same Oxigraph
store as the data instead of pySHACL's ont_graph: `sh:targetClass` still reaches instances of
subclasses through the ontology's rdfs:subClassOf triples, the SHACL-SPARQL constraints run in
Oxigraph (about ten times faster than in rdflib), and pySHACL 0.40 cannot mix an ont_graph into an
Oxigraph store (it fails on the ontology's RDF lists). Consistency rules and integrity checks see the
OWL RL closure. Nothing reaches the network: files are parsed by `sources`, and pySHACL is told not
to follow owl:imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.build.graph import ASSERTED_DATA, ONTOLOGY, USER_DATA, KnowledgeGraph
from aigraph.build.sources import read_quads
from aigraph.errors import AigraphError
from aigraph.home import Home
from aigraph.namespaces import PREFIXES, expand_curie
from aigraph.validate import checks, shape_prefilter, shapes
from aigraph.validate.shape_prefilter import TARGETS
from aigraph.validate.violation import Violation

if TYPE_CHECKING:
    import rdflib

_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
REPORTS = "validation"  # the cache folder of remembered reports


@dataclass
class Report:
    """What validation checked, and every violation it found."""

    shapes: int
    focus_nodes: int
    rules: int
    checks: int
    violations: list[Violation] = field(default_factory=list)
    shacl: rdflib.Graph | None = None  # pySHACL's validation report

    @property
    def conforms(self) -> bool:
        return not self.violations

    def as_record(self) -> dict:
        """The report as JSON-ready data, pySHACL's report graph as N-Triples."""
        return {"shapes": self.shapes, "focus_nodes": self.focus_nodes, "rules": self.rules,
                "checks": self.checks, "violations": [v.as_dict() for v in self.violations],
                "shacl": self.shacl.serialize(format="nt") if self.shacl is not None else ""}

    @classmethod
    def from_record(cls, record: dict) -> Report:
        """A report from `as_record`'s data."""
        import rdflib
        from rdflib.exceptions import ParserError

        violations = [Violation(**item) for item in record["violations"]]
        try:  # rdflib, not pyoxigraph: it keeps pySHACL's ^^xsd:string as written
            shacl = rdflib.Graph().parse(data=record["shacl"], format="nt")
        except ParserError as error:
            raise ValueError(f"damaged SHACL report: {error}") from None
        return cls(int(record["shapes"]), int(record["focus_nodes"]), int(record["rules"]),
                   int(record["checks"]), violations, shacl)

    def summary(self) -> str:
        """One line: what was checked, and the verdict."""
        checked = (f"{self.shapes} shapes, {self.focus_nodes} focus nodes, "
                   f"{self.rules} consistency rules, {self.checks} integrity checks")
        count = len(self.violations)
        return f"{checked}: " + ("conforms" if self.conforms else f"{count} violation{'s' * (count != 1)}")


@dataclass(frozen=True)
class Inputs:
    """What a validation reads: the home (ontology, data, shapes, checks), the user's files, and
    whether the checks see the asserted triples only."""

    home: Home
    data: tuple[Path, ...] = ()
    asserted: bool = False


def validate(inputs: Inputs, graph: Callable[[], KnowledgeGraph], use_cache: bool = True) -> Report:
    """Validate the home's graph and the user's files: shapes, consistency rules, integrity checks.

    `graph` builds (or opens) the graph of those inputs; it is not called when a report on
    unchanged inputs is remembered, under a key of the version, the reasoner, the --asserted choice
    and the content of every input (ontology, data, the user's files, shapes, checks)."""
    if not use_cache:
        return _validate(inputs, graph())
    from aigraph import cache

    key = cache_key(inputs)
    record = cache.recall(REPORTS, key)
    if record is not None:
        try:
            return Report.from_record(record)
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry: validate again and replace it
    report = _validate(inputs, graph())
    cache.remember(REPORTS, key, report.as_record(), keep=8)
    return report


def cache_key(inputs: Inputs) -> str:
    """The hash of what validating these inputs depends on."""
    from aigraph import __version__, cache
    from aigraph.build.graph import input_files
    from aigraph.build.sources import turtle_files
    from aigraph.reasoning import reasoner

    home = inputs.home
    files = input_files(home, inputs.data)
    files += [("shapes", path) for path in turtle_files(home.shapes)]
    files += [("check", path) for path in checks.files(home.queries)]
    return cache.input_key(f"{__version__} {reasoner()} validate asserted={inputs.asserted}", files)


def _validate(inputs: Inputs, graph: KnowledgeGraph) -> Report:
    shapes_graph = shapes.load(inputs.home.shapes)
    found_checks = checks.load(inputs.home.queries)
    data = asserted_store(graph)
    results = run_shapes(data, shapes_graph)
    violations = shape_violations(results)
    violations += checks.run(graph, found_checks, inputs.asserted)
    _annotate(violations, graph)
    violations.sort(key=lambda v: (v.files, v.entity, v.property or "", v.message))
    rules = sum(checks.kind(check) == "consistency" for check in found_checks)
    return Report(shapes.count(shapes_graph), len(focus_nodes(shapes_graph, data)),
                  rules, len(found_checks) - rules, violations, results)


def asserted_store(graph: KnowledgeGraph) -> ox.Store:
    """The ontology, the bundled data and the user's files, without the closure, in one default graph."""
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for name in (ONTOLOGY, ASSERTED_DATA, USER_DATA)
                 for q in graph.store.quads_for_pattern(None, None, None, name))
    return store


def run_shapes(data: ox.Store, shapes_graph):
    """pySHACL's report graph for the data (which holds the ontology), with no inference.

    SPARQL constraints that allow it run first once over the whole graph (`shape_prefilter`), and
    pySHACL checks them, in a second run, only on the focus nodes those queries suspect.
    """
    found = shape_prefilter.prefilters(shapes_graph)
    report = _pyshacl(data, _without_sparql(shapes_graph, [p.shape for p in found]))
    suspected = {p.shape: nodes for p in found if (nodes := shape_prefilter.suspects(data, p))}
    if suspected:
        _merge(report, _pyshacl(data, _retargeted(shapes_graph, suspected)))
    return report


def _pyshacl(data: ox.Store, shapes_graph):
    import pyshacl
    from pyshacl.errors import ValidationFailure

    _never_count_to_be_true()
    _look_parameters_up_by_hash()
    _, results, _ = pyshacl.validate(cast(Any, data), shacl_graph=shapes_graph, ont_graph=None, inference="none",
                                     advanced=False, do_owl_imports=False, allow_warnings=False)
    if isinstance(results, ValidationFailure):
        raise AigraphError(f"the shapes cannot be applied: {' '.join(results.message.split())}")
    return results


def _never_count_to_be_true() -> None:
    """Make pySHACL's Oxigraph data graph true without counting its triples.

    pySHACL writes `data_graph or shapes_graph` for every result it builds, the discarded ones too:
    each member of an sh:or that a value does not meet (an xsd:decimal against `[ sh:datatype xsd:integer ]`
    in aigsh:StatisticValueIsNumber), each sh:not that holds. Its Oxigraph wrapper has no __bool__, so Python
    calls __len__, a COUNT(DISTINCT ...) over every triple: the 100k catalog then took minutes where
    it takes seconds. The wrapper here always holds the ontology, so it is true.
    """
    from pyshacl import graph_abstraction

    wrapper = getattr(graph_abstraction, "OxigraphDataGraph", None)
    if wrapper is not None and "__bool__" not in vars(wrapper):
        wrapper.__bool__ = lambda self: True


class _Parameters(list):
    """pySHACL's list of constraint parameters, with a set for `in`."""

    def __init__(self, parameters):
        super().__init__(parameters)
        self._members = frozenset(parameters)

    def __contains__(self, parameter) -> bool:
        return parameter in self._members


def _look_parameters_up_by_hash() -> None:
    """Give pySHACL its constraint parameters as a list that answers `in` from a set.

    Each time pySHACL evaluates a shape (for every focus node, and again for every value a nested
    sh:node, sh:or or sh:property reaches: 302k times at 100k triples) it tests each of the
    shape's predicates for membership in the list of its 33 parameters, term by term with
    rdflib's equality in Python: 15% of the validation's time (at 100k triples 27.4 s, 23.3 s
    so). It keeps that list in `pyshacl.shape.CONSTRAINT_PARAMS`, made on first use; made here
    first, it is the same list with a set for `in` (a copy, which pySHACL takes with advanced
    features, is a plain list).
    """
    from pyshacl import shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    if not isinstance(getattr(shape, "CONSTRAINT_PARAMS", (None,))[0], _Parameters):
        shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]  # pySHACL sets it on first use
            _Parameters(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


def _without_sparql(shapes_graph, shapes: list):
    """A copy of the shapes graph in which the given shapes have no SPARQL constraints."""
    from rdflib.namespace import SH

    copy = _copy(shapes_graph)
    for shape in shapes:
        copy.remove((shape, SH.sparql, None))
    return copy


def _retargeted(shapes_graph, suspected: dict):
    """A copy in which only the suspected shapes' SPARQL constraints apply, to their suspects.

    A suspect that is a blank node cannot be named as a target, so such a shape keeps its targets.
    """
    from rdflib.namespace import SH

    from aigraph.build.rdflib_bridge import to_rdflib

    kept = {SH.sparql, SH.severity, SH.deactivated, SH.message}
    copy = _copy(shapes_graph)
    for target in TARGETS:
        copy.remove((None, SH[target], None))
    for shape, nodes in suspected.items():
        for _, predicate, value in shapes_graph.triples((shape, None, None)):
            if predicate.startswith(SH) and predicate not in kept:
                copy.remove((shape, predicate, value))
        if any(isinstance(node, ox.BlankNode) for node in nodes):
            for target in TARGETS:
                copy += shapes_graph.triples((shape, SH[target], None))
        else:
            for node in nodes:
                copy.add((shape, SH.targetNode, to_rdflib(node)))
    return copy


def _copy(graph):
    """A copy of a shapes graph, in rdflib's store without graph names: pySHACL looks the shapes
    up there for every shape it evaluates, and the default store's bookkeeping of the graphs of
    each triple cost 7% of the validation at 100k triples (22.7 s, 21.1 s so; medians of five)."""
    import rdflib

    copy = rdflib.Graph(store="SimpleMemory")
    copy += graph
    return copy


def _merge(report, extra) -> None:
    """Add the results of a second pySHACL report to the first."""
    import rdflib
    from rdflib.namespace import SH

    node = report.value(None, rdflib.RDF.type, SH.ValidationReport)
    other = extra.value(None, rdflib.RDF.type, SH.ValidationReport)
    for subject, predicate, value in extra:
        if subject != other:
            report.add((subject, predicate, value))
        elif predicate == SH.result:
            report.add((node, SH.result, value))
    if (other, SH.conforms, rdflib.Literal(False)) in extra:
        report.set((node, SH.conforms, rdflib.Literal(False)))


def shape_violations(results) -> list[Violation]:
    """The results of pySHACL's report as violations (their nested sh:detail results left out)."""
    from rdflib.namespace import SH

    def value(node, name):
        found = results.value(node, SH[name])
        return None if found is None else str(found)

    return [Violation("shape", value(node, "focusNode"), value(node, "resultMessage") or "",
                      value(node, "sourceConstraint") or value(node, "sourceShape"),
                      value(node, "resultPath"), value(node, "value"))
            for node in results.objects(None, SH.result)]


def focus_nodes(shapes_graph, data: ox.Store) -> set:
    """Every node some shape targets in the data."""
    pattern = shape_prefilter.targets(shapes_graph)
    if not pattern:
        return set()
    return {row["this"] for row in solutions(data.query(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}"))}


def _annotate(violations: list[Violation], graph: KnowledgeGraph) -> None:
    """Give each violation its entity's label and the input files to blame: those that state the
    entity's offending property (else any fact about the entity); when the user's --data files are
    among them, those files alone, since the bundled data conforms on its own."""
    if not violations:
        return
    where: dict[str, list[dict]] = {}
    stating: dict[tuple[str, str], list[dict]] = {}
    for entry in graph.files:
        quads = read_quads(Path(entry["path"]), ox.DefaultGraph())
        facts = {(q.subject.value, q.predicate.value) for q in quads if not isinstance(q.subject, ox.Triple)}
        for subject in {subject for subject, _ in facts}:
            where.setdefault(subject, []).append(entry)
        for fact in facts:
            stating.setdefault(fact, []).append(entry)
    for violation in violations:
        violation.label = _label(graph, violation.entity)
        prop = violation.property and (expand_curie(violation.property) or violation.property)
        entries = (prop and stating.get((violation.entity, prop))) or where.get(violation.entity, [])
        users = [entry for entry in entries if entry.get("role") == "user"]
        violation.files = [entry["path"] for entry in users or entries]


def _label(graph: KnowledgeGraph, iri: str) -> str | None:
    try:
        subject = ox.NamedNode(iri)
    except ValueError:  # a blank node
        return None
    labels = [q.object for q in graph.store.quads_for_pattern(subject, _LABEL, None)
              if isinstance(q.object, ox.Literal)]
    chosen = [label for label in labels if label.language == "en"] or labels
    return chosen[0].value if chosen else None
