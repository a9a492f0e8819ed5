"""`aigraph load` into a store that applies a request whole (Oxigraph): one PUT, no temporary graph.

The chunked path through a temporary graph (and its failures) is tested in test_store.py.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from store_servers import Front

from aigraph import export
from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.stores import store_load
from aigraph.stores.http_client import Client
from aigraph.stores.payload import Payload

pytestmark = pytest.mark.slow  # a real Oxigraph server

ROOT = Path(__file__).resolve().parents[1]
TRICKY = Path(__file__).parent / "fixtures" / "export" / "tricky.ttl"
FOREIGN = b"<urn:test:s> <urn:test:p> \"kept as it was\" .\n"


def invoke(*args):
    return CliRunner().invoke(cli, ["--home", str(ROOT), *args])


def put(server, graph: str | None, body: bytes = FOREIGN) -> None:
    Client().request("PUT", store_load.graph_url(f"{server.base}/store", graph), body,
                     {"Content-Type": "application/n-triples"})


def test_a_load_into_oxigraph_is_one_put_and_nothing_else_changes_the_store(oxigraph):
    graph = "https://example.org/aigraph/whole"
    put(oxigraph, graph)
    n = len(export.triples(Aigraph(ROOT).graph))
    with Front(oxigraph.base) as front:
        result = invoke("load", "--store", f"{front.base}/store", "--graph", graph)
    assert result.exit_code == 0, result.output
    assert result.output == (f"replaced graph <{graph}> of {front.base}/store: {n} triples sent; "
                             f"the store reports {n} triples there\n")
    changing = [(method, path.split("?")[0]) for method, path, _ in front.requests
                if method in ("PUT", "POST") and not path.startswith("/query")]
    assert changing == [("PUT", "/store")]
    assert oxigraph.count(graph) == n
    assert not [g for g in oxigraph.named_graphs() if g.startswith("urn:uuid:")]


def test_an_append_is_one_post(oxigraph):
    graph = "https://example.org/aigraph/whole-append"
    put(oxigraph, graph)
    n = len(export.triples(Aigraph(ROOT).graph))
    with Front(oxigraph.base) as front:
        result = invoke("load", "--store", f"{front.base}/store", "--graph", graph, "--append")
    assert result.exit_code == 0, result.output
    assert [(m, p.split("?")[0]) for m, p, _ in front.requests if m in ("PUT", "POST")
            and not p.startswith("/query")] == [("POST", "/store")]
    assert oxigraph.count(graph) == n + 1


def test_a_put_cut_off_mid_upload_leaves_the_target_as_it_was(oxigraph):
    graph = "https://example.org/aigraph/whole-cut"
    put(oxigraph, graph)
    with Front(oxigraph.base, cut_after=0) as front:
        result = invoke("load", "--store", f"{front.base}/store", "--graph", graph)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: PUT {front.base}/store: the connection was dropped (")
    assert result.output.endswith("; the store takes a request whole or not at all: the target holds 1 triples now\n")
    assert oxigraph.ntriples(graph) == FOREIGN


def test_blank_nodes_arrive_whole_in_one_put(oxigraph):
    graph = "https://example.org/aigraph/whole-tricky"
    result = invoke("load", "--data", str(TRICKY), "--kind", "oxigraph", "--base", oxigraph.base, "--graph", graph)
    assert result.exit_code == 0, result.output
    sent = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in export.triples(Aigraph(ROOT, data=[TRICKY]).graph))
    held = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object)
                      for q in ox.parse(oxigraph.ntriples(graph), format=ox.RdfFormat.N_TRIPLES))
    for dataset in (sent, held):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert len(held) == len(sent) and held == sent


def test_parts_split_at_line_ends_and_keep_blank_nodes_together():
    lines = [f"<urn:s{i}> <urn:p> \"v {i} .\\n\" .\n".encode() for i in range(1000)]
    plain = Payload.of_ntriples(b"".join(lines))
    parts = plain.parts(100)
    assert b"".join(parts) == plain.body and all(part.endswith(b"\n") for part in parts)
    assert 8 <= len(parts) <= 12 and sum(part.count(b"\n") for part in parts) == 1000
    assert plain.parts(5000) == [plain.body]
    blank = Payload.of_ntriples(b"".join(lines[:50]) + b"_:b <urn:p> _:c .\n_:c <urn:p> \"x\" .\n" + b"".join(lines[50:99]))
    chunks = blank.parts(10)
    together = [part for part in chunks if b"_:" in part]
    assert len(together) == 1 and together[0].count(b"_:") == 3
    assert sum(part.count(b"\n") for part in chunks) == 101
