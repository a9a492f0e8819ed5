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
