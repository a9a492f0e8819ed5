"""Boolean columns read true/false whichever store answered (Virtuoso 7.2 sends 1 and 0)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from aigraph.queries import catalog
from aigraph.queries.booleans import BOOLEAN, as_booleans, boolean_columns
from aigraph.queries.table import Table

ROOT = Path(__file__).resolve().parents[1]
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def test_the_columns_bound_to_a_test_are_found():
    text = ("SELECT ?a (EXISTS { ?s ?p ?o } AS ?x) (NOT EXISTS { ?a ?b ?c } AS ?y) (COUNT(?a) AS ?n) "
            "WHERE { BIND(IF(EXISTS { ?a ?b ?c }, 1, 0) AS ?z) BIND(EXISTS { ?a ?b ?d } AS ?w) }")
    assert boolean_columns(text) == {"x", "y", "w"}


def test_the_stored_query_with_a_boolean_column_is_seen():
    found = {name: boolean_columns(catalog.load(ROOT / "queries", name).text)
             for name in catalog.names(ROOT / "queries")}
    assert found["standards-supporting-instrument"] == {"mandatory"}
    assert not found["standards"]


def test_one_and_zero_read_as_true_and_false_in_a_boolean_column_only():
    table = Table(["flag", "count"], [
        {"flag": ox.Literal("1", datatype=INTEGER), "count": ox.Literal("1", datatype=INTEGER)},
        {"flag": ox.Literal("0", datatype=INTEGER)},
        {"flag": ox.Literal(True)},
        {"flag": ox.Literal("2", datatype=INTEGER)},
        {},
    ])
    rows = as_booleans(table, frozenset({"flag"})).rows
    assert [row.get("flag") for row in rows] == [
        ox.Literal("true", datatype=BOOLEAN), ox.Literal("false", datatype=BOOLEAN), ox.Literal(True),
        ox.Literal("2", datatype=INTEGER), None]
    assert rows[0]["count"] == ox.Literal("1", datatype=INTEGER)
