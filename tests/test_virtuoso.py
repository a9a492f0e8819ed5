"""aigraph against a real Virtuoso (7.2, the Debian package): loads into the default and a named
graph, replacing and appending, with HTTP Digest; every stored query and `describe` answering the
rows the local graph gives; the store's errors as one line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from test_store import FOREIGN, LANG_NAMES, OPTIONAL_IDS, OPTIONAL_VALUES, parameter_values, rows
from virtuoso_server import LOADER, VirtuosoServer

from aigraph import export
from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.queries import catalog
from aigraph.stores.http_client import Client, Credentials
from aigraph.stores.remote import RemoteGraph
from aigraph.stores.store_load import VIRTUOSO_DEFAULT_GRAPH

ROOT = Path(__file__).resolve().parents[1]
CLOSED_GRAPH = "https://example.org/aigraph/virtuoso/closed"
ASSERTED_GRAPH = "https://example.org/aigraph/virtuoso/asserted"
PASSWORD_ENV = {"AIGRAPH_TEST_PASSWORD": LOADER[1]}
AS_LOADER = ["--user", LOADER[0], "--password-env", "AIGRAPH_TEST_PASSWORD"]


def invoke(*args, env=None):
    return CliRunner().invoke(cli, ["--home", str(ROOT), *args], env=env)


def local(asserted=False) -> Aigraph:
    return Aigraph(ROOT, asserted=asserted)


def put(server, graph: str, body: bytes = FOREIGN) -> None:
    """Write a graph straight into the store with the Graph Store Protocol (Digest), bypassing aigraph's
    loader."""
    client = Client(credentials=Credentials(*LOADER))
    client.request("PUT", f"{server.base}/sparql-graph-crud-auth?graph={graph}", body,
                   {"Content-Type": "application/n-triples"})


@pytest.fixture(scope="module")
def loaded(virtuoso):
    """The closed graph and the asserted graph, each in a named graph of the session's Virtuoso."""
    for graph, extra in ((CLOSED_GRAPH, []), (ASSERTED_GRAPH, ["--asserted", "--chunk-size", "1000"])):
        result = invoke("load", "--kind", "virtuoso", "--base", virtuoso.base, "--graph", graph,
                        *AS_LOADER, *extra, env=PASSWORD_ENV)
        assert result.exit_code == 0, result.output
    return virtuoso


# -- loading --

@pytest.mark.parametrize("target", ["default", "named"])
@pytest.mark.parametrize("mode", ["--replace", "--append"])
def test_load_into_virtuoso(virtuoso, target, mode):
    graph = VIRTUOSO_DEFAULT_GRAPH if target == "default" else f"https://example.org/aigraph/v-{mode[2:]}"
    put(virtuoso, graph)  # something there before
    n = len(export.triples(local().graph))
    where = [] if target == "default" else ["--graph", graph]
    result = invoke("load", "--kind", "virtuoso", "--base", virtuoso.base, *where, mode, *AS_LOADER,
                    "--chunk-size", "2000", env=PASSWORD_ENV)
    assert result.exit_code == 0, result.output
    expected = n if mode == "--replace" else n + 1
    named = "the default graph (graph <https://w3id.org/aigraph/graph/default>, which queries see " \
            "with every other)" if target == "default" else f"graph <{graph}>"
    verb = "replaced" if mode == "--replace" else "appended to"
    assert result.output == (f"{verb} {named} of {virtuoso.base}/sparql-graph-crud-auth: {n} triples "
                             f"sent; the store reports {expected} triples there\n")
    assert virtuoso.count(graph) == expected
    assert not [g for g in virtuoso.named_graphs() if g.startswith("urn:uuid:")]
    if target == "default":  # a query without --graph sees it
        ask = "ASK { <https://w3id.org/aigraph/id/standard/gb-45438-2025> a aig:MandatoryNationalStandard }"
        answer = invoke("sparql", ask, "--endpoint", f"{virtuoso.base}/sparql")
        assert answer.output == "true\n"
        put(virtuoso, graph, b"")  # empty again: the default graph is every graph's union


def test_the_loaded_triples_are_the_local_ones(loaded):
    here = {line for line in export.serialize(local(asserted=True).graph, "nt", with_inferred=False)
            .decode().splitlines() if line and "_:" not in line}
    there = set(loaded.ntriples(ASSERTED_GRAPH).splitlines())
    assert here <= there and len(there) == len(export.triples(local(asserted=True).graph, False))


def test_loading_without_credentials_is_a_clear_error(virtuoso):
    result = invoke("load", "--kind", "virtuoso", "--base", virtuoso.base, "--graph", "urn:test:never")
    assert result.exit_code == 1
    assert result.output == (f"Error: PUT {virtuoso.base}/sparql-graph-crud-auth answered 401 "
                             "Unauthorized: check --user and --password-env; the target graph is unchanged\n")


def test_a_wrong_password_is_refused_and_never_shown(virtuoso):
    """Virtuoso sometimes hangs up mid-upload on a wrong Digest password instead of answering 401,
    which reads as a dropped connection: the clear 401 message must come within three tries, and
    no try may show the password, write more than one line, or change the target."""
    wrong = "not-the-password-3141"
    outputs = []
    for _ in range(3):
        result = invoke("load", "--kind", "virtuoso", "--base", virtuoso.base, "--graph", "urn:test:never",
                        *AS_LOADER, env={"AIGRAPH_TEST_PASSWORD": wrong})
        assert result.exit_code == 1
        assert wrong not in result.output and len(result.output.splitlines()) == 1
        assert virtuoso.count("urn:test:never") == 0
        outputs.append(result.output)
        if "answered 401 Unauthorized: check --user and --password-env" in result.output:
            break
    assert "answered 401 Unauthorized: check --user and --password-env" in outputs[-1], outputs


def test_an_anonymous_update_is_refused_with_the_store_s_own_line(virtuoso):
    result = invoke("load", "--store", f"{virtuoso.base}/sparql-graph-crud", "--graph", "urn:test:never")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: PUT {virtuoso.base}/sparql-graph-crud answered ")
    assert "<" not in result.output and len(result.output.splitlines()) == 1


def test_a_query_virtuoso_rejects_is_its_own_first_line(loaded):
    result = invoke("sparql", "SELECT ?s WHERE { ?s ?p }", "--endpoint", f"{loaded.base}/sparql")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: POST {loaded.base}/sparql answered 400 Bad Request: the "
                                    "store rejected the request (Virtuoso 37000 Error SP030: SPARQL compiler")
    assert len(result.output.splitlines()) == 1


# -- querying --

def assert_same_on_virtuoso(server, name: str, values: dict[str, str], asserted: bool, lang: str = "en"):
    here = local(asserted).run(name, values, lang)
    endpoint = RemoteGraph(f"{server.base}/sparql", Client(timeout=60, attempts=1),
                           graph=ASSERTED_GRAPH if asserted else CLOSED_GRAPH)
    there = Aigraph(ROOT, endpoint=endpoint).run(name, values, lang)
    assert here.variables == there.variables
    assert rows(here) == rows(there)


@pytest.mark.parametrize("asserted", [False, True], ids=["closed", "asserted"])
@pytest.mark.parametrize("name", catalog.names(ROOT / "queries"))
def test_every_stored_query_answers_the_same_on_virtuoso(loaded, name, asserted):
    assert_same_on_virtuoso(loaded, name, parameter_values(local().stored(name)), asserted)


@pytest.mark.parametrize("asserted", [False, True], ids=["closed", "asserted"])
@pytest.mark.parametrize("name, values", OPTIONAL_VALUES, ids=OPTIONAL_IDS)
def test_optional_parameters_answer_the_same_on_virtuoso(loaded, request, name, values, asserted):
    if asserted and name == "committee-statistics":  # README, "Portability": strict, so a fix shows
        request.applymarker(pytest.mark.xfail(strict=True, reason="Virtuoso 7.2 answers too few rows when "
                                              "a subclass path and the committee's path meet on a row"))
    assert_same_on_virtuoso(loaded, name, values, asserted)


# Virtuoso 7.2 does not see a VALUES-bound variable inside an OPTIONAL's FILTER: each
# `OPTIONAL { ?x rdfs:label ?name FILTER(LANG(?name) = ?lang) }` binds nothing there, and the
# English label stands in. Where that shows, on both graphs (README, "Portability"): strict, so a
# fix shows.
ENGLISH_ON_VIRTUOSO = {"authorities", "instruments", "instruments-issued-by", "issuers-of-instrument",
                       "people-and-roles", "targets"}


@pytest.mark.parametrize("asserted", [False, True], ids=["closed", "asserted"])
@pytest.mark.parametrize("name", LANG_NAMES)
def test_chinese_labels_answer_the_same_on_virtuoso(loaded, request, name, asserted):
    if name in ENGLISH_ON_VIRTUOSO:
        request.applymarker(pytest.mark.xfail(strict=True, reason="Virtuoso 7.2 ignores ?lang inside an OPTIONAL"))
    assert_same_on_virtuoso(loaded, name, parameter_values(local().stored(name)), asserted, "zh")


@pytest.mark.parametrize("name, lang", [("GB 45438-2025", "en"), ("CAC", "zh"), ("CAC", "en")])
def test_describe_on_virtuoso_lists_the_same_facts(loaded, name, lang):
    here = local().describe(name, lang)
    endpoint = RemoteGraph(f"{loaded.base}/sparql", graph=CLOSED_GRAPH)
    there = Aigraph(ROOT, endpoint=endpoint).describe(name, lang)
    strip = [name for name in here.variables if name != "origin"]
    assert Counter(tuple(str(r.get(n)) for n in strip) for r in here.rows) == \
           Counter(tuple(str(r.get(n)) for n in strip) for r in there.rows)


def test_a_boolean_column_reads_true_and_false_from_virtuoso(loaded, home):
    """Virtuoso answers EXISTS with 1 and 0; a stored query's boolean column reads true/false."""
    (home / "queries" / "mandatory-flags.rq").write_text(
        "#+ summary: Whether two standards are mandatory\n"
        "PREFIX aig: <https://w3id.org/aigraph/ontology#>\n"
        "SELECT ?standard ?mandatory WHERE {\n"
        "  VALUES ?standard { <https://w3id.org/aigraph/id/standard/gb-45438-2025>\n"
        "                     <https://w3id.org/aigraph/id/standard/tc260-pg-20252a> }\n"
        "  BIND(EXISTS { ?standard a aig:MandatoryNationalStandard } AS ?mandatory)\n"
        "}\n", encoding="utf-8")
    endpoint = RemoteGraph(f"{loaded.base}/sparql", graph=CLOSED_GRAPH)
    raw = endpoint.query((home / "queries" / "mandatory-flags.rq").read_text(encoding="utf-8"))
    assert {str(row["mandatory"].value) for row in raw} == {"1", "0"}  # what Virtuoso sends
    table = Aigraph(home, endpoint=endpoint).run("mandatory-flags")
    assert {row["standard"].value.rsplit("/", 1)[1]: row["mandatory"] for row in table.rows} == {
        "gb-45438-2025": ox.Literal(True), "tc260-pg-20252a": ox.Literal(False)}


# -- answers the store cuts short --

@pytest.fixture(scope="module")
def row_limited(tmp_path_factory):
    """A Virtuoso of its own whose answers stop at 5 rows (ResultSetMaxRows), holding the graph."""
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso-limited") / "db", {"ResultSetMaxRows": 5})
    try:
        server.start()
        result = invoke("load", "--kind", "virtuoso", "--base", server.base, *AS_LOADER, env=PASSWORD_ENV)
        assert result.exit_code == 0, result.output
        yield server
    finally:
        server.stop()


def test_an_answer_cut_at_the_store_s_row_limit_is_an_error_not_a_short_table(row_limited):
    endpoint = f"{row_limited.base}/sparql"
    result = invoke("sparql", "SELECT ?s WHERE { ?s a ?type }", "--endpoint", endpoint)
    assert result.exit_code == 1
    assert result.output == (f"Error: POST {endpoint}: the store cut the answer at its limit of 5 rows "
                             "(Virtuoso's ResultSetMaxRows); raise the limit in the store's configuration, "
                             "or narrow the query\n")
    stored = invoke("query", "standards", "--endpoint", endpoint)
    assert stored.exit_code == 1 and "limit of 5 rows" in stored.output


def test_an_answer_within_the_store_s_row_limit_is_whole(row_limited):
    result = invoke("sparql", "SELECT DISTINCT ?s WHERE { ?s a ?type } ORDER BY ?s LIMIT 4", "--format", "csv",
                    "--endpoint", f"{row_limited.base}/sparql")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 1 + 4
