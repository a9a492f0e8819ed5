"""Large answers, exports and loads: the fast paths give what the careful ones give.

(Speed itself is measured by benchmarks/run.py, never asserted here.)
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
from click.testing import CliRunner

from aigraph.cli import cli
from aigraph.queries import notes
from aigraph.queries.table import Table, from_solutions
from aigraph.render import output

NOTE = "Release year only; the deck gives no day."


def test_notes_read_in_one_sweep_match_notes_looked_up_entity_by_entity(home, tmp_path, monkeypatch):
    extra = tmp_path / "notes.ttl"
    extra.write_text("<https://w3id.org/aigraph/id/standard/gb-45438-2025> "
                     f'<http://www.w3.org/2004/02/skos/core#editorialNote> "{NOTE}" .\n')

    def run():
        result = CliRunner().invoke(cli, ["--home", str(home), "query", "supporters", "-p",
                                          "instrument=aigd:instrument/labeling-measures", "--data", str(extra),
                                          "--format", "csv"])
        assert result.exit_code == 0, result.output
        return list(csv.DictReader(io.StringIO(result.output)))

    looked_up = run()
    monkeypatch.setattr(notes, "MANY", 0)  # every note read, the wanted ones kept
    swept = run()
    assert swept == looked_up
    assert [(r["identifier"], r["notes"]) for r in swept] == [("GB 45438-2025", NOTE)]


def _table() -> Table:
    store = ox.Store()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    for o in (ox.Literal("plain"), ox.Literal("=1+2"), ox.Literal("-5"), ox.Literal("bell\x07"),
              ox.Literal("zwei", language="de"), ox.Literal("2025-01-01", datatype=ox.NamedNode(
                  "http://www.w3.org/2001/XMLSchema#date")), ox.BlankNode("b0"), ox.NamedNode("http://example.org/o")):
        store.add(ox.Quad(s, p, o))
    solutions = store.query("SELECT ?s ?o ?missing WHERE { ?s ?p ?o } ORDER BY STR(?o)")
    assert isinstance(solutions, ox.QuerySolutions)
    return from_solutions(solutions)


def test_a_table_keeps_bound_terms_in_variable_order_and_leaves_unbound_out():
    table = _table()
    assert table.variables == ["s", "o", "missing"]
    assert len(table.rows) == 8
    assert all(list(row) == ["s", "o"] for row in table.rows)


def test_json_rows_are_the_w3c_results_whatever_the_layout():
    table = _table()
    assert json.loads(output.json_table(table)) == output.w3c_json(table)
    bindings = output.w3c_json(table)["results"]["bindings"]
    assert {"type": "literal", "value": "zwei", "xml:lang": "de"} in [b["o"] for b in bindings]
    assert {"type": "literal", "value": "plain"} in [b["o"] for b in bindings]
    empty = Table(["x"], [])
    assert json.loads(output.json_table(empty)) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}


def test_csv_makes_only_risky_cells_safe():
    cells = [row["o"] for row in csv.DictReader(io.StringIO(output.csv_table(_table())))]
    assert "'=1+2" in cells and "-5" in cells and "bell\\u0007" in cells  # a formula, a number, a control
    assert "plain" in cells and "_:b0" in cells and "http://example.org/o" in cells


# -- export: Oxigraph writes the graph straight from its store when there are no blank nodes --

def _plain_graph(home, tmp_path):
    from aigraph.api import Aigraph

    extra = tmp_path / "plain.ttl"
    extra.write_text('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A ;_ [x] .\\n" .\n')
    return Aigraph(home, data=[extra], use_cache=False).graph


def _read(body: bytes, fmt: str) -> set:
    formats = {"nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
               "trig": ox.RdfFormat.TRIG}
    return set(ox.parse(body, format=formats[fmt]))


def test_a_graph_without_blank_nodes_is_written_by_oxigraph_and_reads_back_the_same(home, tmp_path):
    from aigraph import export

    graph = _plain_graph(home, tmp_path)
    for with_inferred in (True, False):
        merged = {q.triple for q in export.quads(graph, with_inferred)}
        apart = set(export.quads(graph, with_inferred))
        for fmt in ("nt", "nq", "turtle", "trig"):
            native = export._native(graph, fmt, with_inferred)
            assert native is not None, fmt
            read = _read(native, fmt)
            if fmt in export.DATASET_FORMATS:
                assert read == apart, fmt
            else:
                assert {q.triple for q in read} == merged, fmt
            assert export.serialize(graph, fmt, with_inferred) == native  # the same bytes every time


def test_blank_nodes_take_the_canonical_way(home, tmp_path):
    from aigraph import export
    from aigraph.api import Aigraph

    extra = tmp_path / "blank.ttl"
    extra.write_text('<http://example.org/a> <http://example.org/p> [ <http://example.org/q> "x" ] .\n')
    graph = Aigraph(home, data=[extra], use_cache=False).graph
    for fmt in ("nt", "nq", "turtle", "trig"):
        assert export._native(graph, fmt, True) is None
        assert b"_:c14n0" in export.serialize(graph, fmt)


# -- canonical labels within a bound --

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _equal_list(n: int) -> str:
    return f'<http://example.org/s> <http://example.org/p> ({" ".join(chr(34) + "x" + chr(34) for _ in range(n))}) .\n'


def _list_quads(n: int) -> list[ox.Quad]:
    return list(ox.parse(_equal_list(n).encode(), format=ox.RdfFormat.TURTLE))


def test_look_alike_blank_nodes_past_the_limit_are_a_one_line_error():
    import pytest

    from aigraph.canonical import canonicalized, estimate
    from aigraph.errors import AigraphError

    assert estimate(_list_quads(30))[0] >= 28  # the middle of a list of equal items looks alike
    labelled = canonicalized(_list_quads(30))  # within the default limit
    assert {q.subject.value for q in labelled if isinstance(q.subject, ox.BlankNode)} == \
        {f"c14n{i}" for i in range(30)}
    with pytest.raises(AigraphError) as small:
        canonicalized(_list_quads(30), steps=100)
    assert "blank nodes look alike" in str(small.value) and "over the limit of 100" in str(small.value)
    with pytest.raises(AigraphError):  # the minute-long case of issue 18, refused at once
        canonicalized(_list_quads(1000))


def test_export_of_a_long_list_of_equal_values_stops_with_a_clear_error(home, tmp_path):
    extra = tmp_path / "list.ttl"
    extra.write_text(_equal_list(40))
    target = tmp_path / "out.nt"
    result = CliRunner().invoke(cli, ["--home", str(home), "export", "--data", str(extra), "-o", str(target)],
                                env={"AIGRAPH_CANONICAL_LIMIT": "50"})
    assert result.exit_code == 1
    assert result.output.startswith("Error: export: ") and "AIGRAPH_CANONICAL_LIMIT" in result.output
    assert result.output.count("\n") == 1 and not target.exists()
    fine = CliRunner().invoke(cli, ["--home", str(home), "export", "--data", str(extra), "-o", str(target)])
    assert fine.exit_code == 0, fine.output
    assert b"_:c14n0" in target.read_bytes()


# -- names in parameters: the index, never a scan of every name --

def test_every_named_parameter_is_resolved_by_the_index_also_from_the_cache(home, tmp_path, monkeypatch):
    from aigraph.api import Aigraph
    from aigraph.queries import params

    def scan(*args, **kwargs):
        raise AssertionError("a name was looked up by scanning the graph's names with SPARQL")

    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(params, "resolve", scan)
    monkeypatch.setattr(params, "_names", scan)
    named = {"supporters": {"instrument": "Measures for the Labeling of Content Generated by Artificial Intelligence"}}
    for from_cache in (False, True):
        graph = Aigraph(home)
        for name, values in named.items():
            table = graph.run(name, values)
            assert isinstance(table, Table) and table.rows, name
        assert graph.graph.from_cache is from_cache  # type: ignore[attr-defined]
        iri_params = [p for q in graph.queries() for p in q.params if p.type == "iri"]
        assert iri_params  # the fixture's queries do take names
