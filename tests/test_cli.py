"""The commands, their output formats and their --help, run through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from aigraph import __version__
from aigraph.cli import cli

STANDARD = "https://w3id.org/aigraph/id/standard/gb-45438-2025"


def run(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_version_comes_from_the_package_metadata():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"aigraph, version {__version__}"


def test_queries_lists_names_summaries_and_parameters(home):
    table = run(home, "queries", "--format", "table").output
    assert "supporters" in table and "instrument (iri)" in table
    listed = json.loads(run(home, "queries", "--format", "json").output)
    assert [q["name"] for q in listed] == ["effective-after", "supporters"]
    assert listed[1]["params"][0] == {"name": "instrument", "type": "iri", "required": True,
                                      "doc": "The instrument, as IRI, CURIE or name", "default": None}
    md = run(home, "queries", "--format", "md").output
    assert md.splitlines()[0] == "| query | summary | parameters |"


def supporters(home, *extra):
    return run(home, "query", "supporters", "-p", "instrument=aigd:instrument/labeling-measures", *extra)


def test_json_output_is_the_w3c_results_format(home):
    result = supporters(home, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["head"] == {"vars": ["standard", "identifier", "label"]}
    (binding,) = document["results"]["bindings"]
    assert binding["standard"] == {"type": "uri", "value": STANDARD}
    assert binding["identifier"] == {"type": "literal", "value": "GB 45438-2025"}
    assert binding["label"]["xml:lang"] == "en"


def test_csv_and_tsv_follow_the_w3c_csv_tsv_formats(home):
    rows = list(csv.reader(io.StringIO(supporters(home, "--format", "csv").output)))
    assert rows[0] == ["standard", "identifier", "label"]
    assert rows[1][:2] == [STANDARD, "GB 45438-2025"]
    tsv = supporters(home, "--format", "tsv").output.splitlines()
    assert tsv[0] == "?standard\t?identifier\t?label"
    assert tsv[1].split("\t")[:2] == [f"<{STANDARD}>", '"GB 45438-2025"']


def test_table_and_markdown_show_curies(home):
    table = supporters(home, "--format", "table", "--wide").output
    assert "aigd:standard/gb-45438-2025" in table and "(1 row)" in table
    md = supporters(home, "--format", "md").output.splitlines()
    assert md[0] == "| standard | identifier | label |"
    assert md[2].startswith("| aigd:standard/gb-45438-2025 | GB 45438-2025 |")


def test_lang_chooses_the_label(home):
    zh = run(home, "query", "effective-after", "--format", "csv")  # no ?lang: unaffected
    assert zh.exit_code == 0
    run(home, "fmt")  # harmless on the fixture home
    english = run(home, "describe", "aigd:instrument/labeling-measures", "--format", "csv").output
    chinese = run(home, "describe", "aigd:instrument/labeling-measures", "--format", "csv",
                  "--lang", "zh").output
    assert "Cyberspace Administration of China" in english
    assert "人工智能生成合成内容标识办法" in chinese


def test_asserted_skips_the_owl_rl_closure(home):
    # the query asks for aig:supportedBy, which only the inverse-property rule produces
    assert "GB 45438-2025" in supporters(home, "--format", "csv").output
    asserted = supporters(home, "--format", "csv", "--asserted").output
    assert asserted.splitlines() == ["standard,identifier,label"]


def test_sparql_runs_select_ask_and_construct(home):
    select = run(home, "sparql", "SELECT ?s WHERE { ?s a aig:Authority } ORDER BY ?s", "--format", "csv")
    assert select.output.splitlines()[1:] == ["https://w3id.org/aigraph/id/authority/cac",
                                              "https://w3id.org/aigraph/id/authority/miit"]
    ask = run(home, "sparql", "ASK { ?s aig:acronym 'CAC' }", "--format", "json")
    assert json.loads(ask.output) == {"head": {}, "boolean": True}
    construct = run(home, "sparql", "CONSTRUCT WHERE { ?s aig:acronym ?a }")
    assert '"CAC"' in construct.output and "@prefix aig:" in construct.output


def test_sparql_reads_a_query_file(home, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s aig:acronym ?a }")
    assert run(home, "sparql", "--file", str(query), "--format", "csv").output.splitlines() == ["n", "2"]


def test_describe_shows_both_directions_with_labels(home):
    result = run(home, "describe", "CAC", "--format", "csv")
    assert result.stderr == "→ CAC, Cyberspace Administration of China (authority)\n"  # what the name meant
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    outgoing = {(r["property"], r["value"]) for r in rows if r["direction"] == "out"}
    incoming = {(r["property"], r["valueLabel"]) for r in rows if r["direction"] == "in"}
    assert ("https://w3id.org/aigraph/ontology#acronym", "CAC") in outgoing
    assert ("https://w3id.org/aigraph/ontology#issuedBy",
            "Measures for the Labeling of Content Generated by Artificial Intelligence") in incoming


def test_stats_counts_triples_classes_and_files(home):
    figures = json.loads(run(home, "stats", "--json").output)
    assert figures["triples"]["data"] == 20
    assert figures["triples"]["inferred"] > 0
    assert figures["classes"]["https://w3id.org/aigraph/ontology#Authority"] == 2
    assert [f["role"] for f in figures["files"]] == ["ontology", "data"]
    assert "entities per class:" in run(home, "stats").output


def test_extra_data_files_are_queried(home, tmp_path):
    extra = tmp_path / "extra.nt"
    extra.write_text('<https://w3id.org/aigraph/id/authority/sac> '
                     '<https://w3id.org/aigraph/ontology#acronym> "SAC" .\n')
    out = run(home, "sparql", "SELECT ?a WHERE { ?s aig:acronym ?a } ORDER BY ?a", "--data", str(extra),
              "--format", "csv").output
    assert out.splitlines()[1:] == ["CAC", "MIIT", "SAC"]


def test_home_from_the_environment(home, monkeypatch):
    monkeypatch.setenv("AIGRAPH_HOME", str(home))
    result = CliRunner().invoke(cli, ["queries", "--format", "json"])
    assert [q["name"] for q in json.loads(result.output)] == ["effective-after", "supporters"]


def test_fmt_check_fails_then_fmt_fixes(home):
    messy = home / "data" / "mini.ttl"
    messy.write_text(messy.read_text() + "\n\n# a trailing comment\n")
    check = run(home, "fmt", "--check")
    assert check.exit_code == 1 and "mini.ttl" in check.output
    assert "reformatted 1 of 2" in run(home, "fmt").output
    assert run(home, "fmt", "--check").exit_code == 0


def test_fmt_is_stable_with_blank_nodes(home):
    shapes = home / "data" / "blank.ttl"
    shapes.write_text('@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://example.org/a> sh:declare '
                      '[ sh:prefix "b" ], [ sh:prefix "a" ], [ sh:prefix "c" ; sh:namespace "x" ] .\n')
    run(home, "fmt")
    first = shapes.read_text()
    for _ in range(3):  # each parse mints new blank-node ids; the text must not move
        assert run(home, "fmt", "--check").exit_code == 0
        assert shapes.read_text() == first


def test_the_bundled_turtle_is_canonical():
    result = CliRunner().invoke(cli, ["fmt", "--check"])
    assert result.exit_code == 0, result.output
