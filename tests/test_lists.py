"""The " | " lists of stored queries: found in the query text, sorted, empty ones unbound, and the
same text cold and cached."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from aigraph.api import Aigraph
from aigraph.queries import catalog
from aigraph.queries.lists import in_order, list_columns
from aigraph.queries.table import Table
from aigraph.stores.http_client import first_meaningful_line

ROOT = Path(__file__).resolve().parents[1]


def test_list_columns_follow_group_concat_and_what_is_bound_from_it():
    text = '''SELECT ?s (GROUP_CONCAT(DISTINCT STR(?x); separator=" | ") AS ?xs)
                     (GROUP_CONCAT(?y; separator=", ") AS ?ys) (COUNT(?z) AS ?n) ?source WHERE {
                { SELECT ?s (GROUP_CONCAT(?h; separator=" | ") AS ?cited) WHERE { ?s ?p ?h } GROUP BY ?s }
                BIND(COALESCE(?cited, ?own) AS ?source)  # "(GROUP_CONCAT ... AS ?comment)" is a comment
              } GROUP BY ?s ?source'''
    assert list_columns(text) == {"xs", "cited", "source"}


def test_list_cells_are_sorted_and_empty_lists_unbound():
    table = Table(["a", "b", "c"], [{"a": ox.Literal("b | a | c"), "b": ox.Literal(""), "c": ox.Literal("z | y")}])
    in_order(table, frozenset({"a", "b"}))
    assert table.rows == [{"a": ox.Literal("a | b | c"), "c": ox.Literal("z | y")}]


@pytest.mark.parametrize("name", ["authorities", "standards", "committee-profile"])
def test_lists_read_the_same_cold_and_cached(name):
    values = {"committee": "SAC/TC28/SC42"} if name == "committee-profile" else {}
    cold = Aigraph(ROOT, use_cache=False).run(name, values)
    Aigraph(ROOT).run(name, values)  # writes the cache
    cached = Aigraph(ROOT).run(name, values)
    assert cached.rows == cold.rows and any(" | " in str(v) for row in cold.rows for v in row.values())


def test_every_stored_query_declares_its_lists_with_the_separator():
    for query in catalog.load_all(ROOT / "queries"):
        if "GROUP_CONCAT" in query.text:
            assert list_columns(query.text), query.name


@pytest.mark.parametrize("body, line", [
    ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html>\n  <head>\n    <title>SPARQL Graph '
     'Protocol request failed</title>\n  </head>\n  <body>\n    <h1>HTTP/1.1 500 Request Failed</h1>\n'
     '    <h3>Error 22023</h3>\n<xmp>The request to SPARQL 1.1 Graph Store endpoint contains "default" param'
     '</xmp></body></html>', 'The request to SPARQL 1.1 Graph Store endpoint contains "default" param'),
    ("Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at '}'\n\nSPARQL query:\nSELECT",
     "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at '}'"),
    ("<html><body><h1>400 Bad Request</h1><p>Parse error at &lt;urn:x&gt;\x1b[31m</p></body></html>",
     "Parse error at <urn:x>\x1b[31m"),  # escaped for the terminal by the caller
    ("Bad Request\n", ""),
])
def test_a_store_s_error_body_is_cut_to_its_own_first_line(body, line):
    assert first_meaningful_line(body, 400, "Bad Request") == line
