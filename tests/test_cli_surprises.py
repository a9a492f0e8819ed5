"""Help per stored query, and what used to surprise a user: each is now the right behaviour or a
one-line error (exit code and message asserted)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from aigraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def run(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args] if home else list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def last_line(result) -> str:
    return result.output.rstrip("\n").splitlines()[-1]


def test_query_name_help_shows_the_catalog_entry(home):
    result = run(home, "query", "supporters", "--help")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Usage: aigraph query supporters [OPTIONS] -p instrument=NAME\n")
    assert "Standards that support an instrument" in out
    assert "Parameters:\n  instrument  iri, required" in out
    assert "The instrument, as IRI, CURIE or name" in out
    assert "Examples:\n  aigraph query supporters -p instrument=NAME\n" in out


def test_query_help_shows_types_defaults_and_a_class(home):
    out = run(home, "query", "effective-after", "-h").output
    assert "from  date, optional, default 2025-01-01. The earliest effective date" in out
    assert "note  string, optional. A string echoed back in every row" in out
    bundled = run(None, "query", "committee-profile", "--help").output
    assert "committee  iri, required, a aig:StandardsOrganization." in bundled
    assert "Tags:\n  committees" in bundled


def test_query_help_for_an_unknown_query_is_one_line(home):
    result = run(home, "query", "supporter", "--help")
    assert result.exit_code == 1
    assert result.output == "Error: unknown query 'supporter'; did you mean supporters?\n"


def test_the_generic_query_help_is_unchanged(home):
    out = run(home, "query", "--help").output
    assert out.startswith("Usage: aigraph query [OPTIONS] NAME")


def test_stats_asserted_reports_no_inferred_triples(home):
    figures = json.loads(run(home, "stats", "--json", "--asserted").output)
    assert "inferred" not in figures["triples"]
    closed = json.loads(run(home, "stats", "--json").output)
    assert closed["triples"]["inferred"] > 0
    assert figures["classes"] != closed["classes"]  # superclasses come from the closure only


def test_fmt_check_checks_the_checkout_you_stand_in(tmp_path, monkeypatch):
    checkout = tmp_path / "checkout"
    for folder in ("ontology", "shapes", "data", "queries"):
        (checkout / folder).mkdir(parents=True)
    (checkout / "pyproject.toml").write_text('[project]\nname = "aigraph"\n')
    (checkout / "data" / "bad.ttl").write_text("<http://x/a>   <http://x/b> <http://x/c>.\n")
    monkeypatch.delenv("AIGRAPH_HOME", raising=False)
    monkeypatch.chdir(checkout / "data")
    result = run(None, "fmt", "--check")
    assert result.exit_code == 1
    assert result.output == f"Error: not in canonical form (run `aigraph fmt`): {checkout / 'data' / 'bad.ttl'}\n"
    assert run(None, "fmt").output == f"reformatted 1 of 1 Turtle file(s) in checkout {checkout}\n"
    monkeypatch.chdir(tmp_path)
    bundled = run(None, "fmt", "--check")
    assert bundled.exit_code == 0
    assert " in bundled home " in bundled.output


def test_export_to_a_file_of_no_rdf_extension_needs_a_format(home, tmp_path):
    target = tmp_path / "out.csv"
    result = run(home, "export", "-o", str(target))
    assert result.exit_code == 2
    assert last_line(result) == (f"Error: -o {target}: no RDF format goes by '.csv'; "
                                 "give --format (turtle, json-ld, nt, nq, trig, xml)")
    assert not target.exists()
    assert run(home, "export", "-o", str(target), "--format", "nt").exit_code == 0
    assert target.read_text().startswith("<")


def test_construct_as_json_is_json_ld(home):
    out = run(home, "sparql", "CONSTRUCT WHERE { ?s aig:acronym ?a }", "--format", "json").output
    document = json.loads(out)
    nodes = {node["@id"]: node for node in document["@graph"]}
    assert nodes["aigd:authority/cac"]["aig:acronym"] == "CAC"
    table = run(home, "sparql", "CONSTRUCT WHERE { ?s aig:acronym ?a }", "--format", "csv")
    assert table.exit_code == 2
    assert last_line(table) == ("Error: --format csv: a CONSTRUCT or DESCRIBE answer is a graph; "
                                "use --format json (JSON-LD) or no --format (Turtle)")


def test_sparql_and_load_without_arguments_say_what_is_missing(home):
    sparql = run(home, "sparql")
    assert sparql.exit_code == 2
    assert last_line(sparql) == "Error: no query: give it as an argument or with --file FILE"
    load = run(home, "load")
    assert load.exit_code == 2
    assert last_line(load) == "Error: no store: give --store URL (its Graph Store Protocol URL), or --kind with --base"


def test_an_unknown_prefix_is_named(home):
    result = run(home, "sparql", "SELECT ?s WHERE {\n ?s foo:bar ?o }")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("Error: query: unknown prefix foo: (line 2); declare it with PREFIX or use one of aig, ")
    declared = run(home, "sparql", "PREFIX foo: <http://x/> SELECT ?s WHERE { ?s foo:bar ?o }", "--format", "csv")
    assert declared.output.splitlines() == ["s"]


def test_updates_are_refused_in_words(home):
    for text, verb in (("PREFIX x: <http://x/> # a comment\nINSERT DATA { x:a x:b x:c }", "INSERT"),
                       ("DELETE WHERE { ?s ?p ?o }", "DELETE"), ("CLEAR ALL", "CLEAR")):
        result = run(home, "sparql", text)
        assert result.exit_code == 1
        assert result.output == (f"Error: query: SPARQL updates ({verb}) are not supported; "
                                 "aigraph answers SELECT, ASK, CONSTRUCT and DESCRIBE queries\n")


@pytest.mark.slow  # pySHACL on the bundled graph
def test_validate_blames_the_users_file_for_a_clash_it_caused(home, tmp_path):
    mine = tmp_path / "mine.ttl"
    mine.write_text('<https://w3id.org/aigraph/id/authority/cac> '
                    '<http://www.w3.org/2000/01/rdf-schema#label> "Another name"@en .\n')
    result = run(None, "validate", "--data", str(mine), "--no-cache", "--format", "json")
    assert result.exit_code == 1
    violations = json.loads(result.output)["violations"]
    clash = [v for v in violations if v["entity"].endswith("authority/cac")]
    assert clash and all(v["files"] == [str(mine)] for v in clash)


def test_requires_python_is_the_readmes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["requires-python"] == ">=3.11"
    assert "Python 3.11" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_help_names_the_program_aigraph():
    assert CliRunner().invoke(cli, ["--help"]).output.startswith("Usage: aigraph [OPTIONS] COMMAND")
