"""Bad input gets a one-line message naming the file, line, query or value, and a non-zero exit."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aigraph.cli import cli


def invoke(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), "traceback"
    return result


def one_line_error(result, code: int = 1) -> str:
    assert result.exit_code == code
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_malformed_turtle_names_file_and_line(home, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    message = one_line_error(invoke(home, "query", "supporters", "-p", "instrument=CAC", "--data", str(broken)), 2)
    assert message.startswith(f"Error: {broken}:3:")


def test_malformed_bundled_data_is_reported_too(home):
    (home / "data" / "bad.ttl").write_text("<http://example.org/a> <http://example.org/b> .\n")
    assert f"{home / 'data' / 'bad.ttl'}:1:" in one_line_error(invoke(home, "stats"), 2)


def test_an_error_between_two_columns_names_the_line_and_column_too(home, tmp_path):
    extra = tmp_path / "extra.nt"
    extra.write_text("<http://example.org/a> <http://example.org/b> <a:c> <a:d> .\n")
    message = one_line_error(invoke(home, "stats", "--data", str(extra)), 2)
    assert message.startswith(f"Error: {extra}:1:") and "Parser error" not in message


def test_unknown_extension_and_missing_file(home, tmp_path):
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n")
    assert "unknown RDF file extension '.csv'" in one_line_error(invoke(home, "stats", "--data", str(odd)), 2)
    assert "no such data file" in one_line_error(invoke(home, "stats", "--data", str(tmp_path / "none.ttl")), 2)


def test_remote_jsonld_context_is_refused(home, tmp_path):
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/a", "name": "x"}')
    assert "remote JSON-LD @context is refused" in one_line_error(invoke(home, "stats", "--data", str(doc)), 2)


def test_rdf_xml_entities_are_refused(home, tmp_path):
    doc = tmp_path / "entity.rdf"
    doc.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
                   '<rdf:Description rdf:about="http://e/a"><ex:p>&e;</ex:p></rdf:Description></rdf:RDF>')
    message = one_line_error(invoke(home, "stats", "--data", str(doc)), 2)
    assert message.startswith(f"Error: {doc}") and "root:" not in message


@pytest.mark.parametrize("header, complaint", [
    ("#+ description: no summary\n", "needs a `summary`"),
    ("#+ summary: [unclosed\n", "invalid #+ metadata"),
    ("#+ summary: s\n#+ params:\n#+   x: {type: float, doc: d}\n", "type must be one of"),
    ("#+ summary: s\n#+ params:\n#+   absent: {type: string, doc: d}\n", "must name a query variable"),
    ("#+ summary: s\n#+ colour: blue\n", "unknown metadata key"),
    ("#+ summary: s\n#+ params:\n#+   s: {type: string}\n", "needs a `doc` string"),
])
def test_broken_query_metadata_names_the_file(home, header, complaint):
    (home / "queries" / "broken.rq").write_text(header + "SELECT ?s WHERE { ?s ?p ?o }\n")
    message = one_line_error(invoke(home, "query", "broken"))
    assert str(home / "queries" / "broken.rq") in message and complaint in message
    assert "broken.rq" in one_line_error(invoke(home, "queries"))  # the catalog never skips it


def test_invalid_stored_sparql_names_the_file(home):
    (home / "queries" / "bad.rq").write_text("#+ summary: s\nSELECT ?s WHERE { ?s ?p }\n")
    message = one_line_error(invoke(home, "query", "bad"))
    assert f"{home / 'queries' / 'bad.rq'}: invalid SPARQL" in message


def test_stored_queries_may_not_use_service(home):
    (home / "queries" / "fed.rq").write_text(
        "#+ summary: s\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }\n")
    assert "may not use SERVICE" in one_line_error(invoke(home, "query", "fed"))


def test_unknown_query_suggests_close_names(home):
    message = one_line_error(invoke(home, "query", "suporters"))
    assert message == "Error: unknown query 'suporters'; did you mean supporters?"


def test_invalid_adhoc_sparql_is_one_line(home):
    message = one_line_error(invoke(home, "sparql", "SELECT ?s WHERE { ?s ?p }"))
    assert message.startswith("Error: query: invalid SPARQL:")


def test_adhoc_service_is_refused_unless_allowed(home):
    message = one_line_error(invoke(home, "sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    assert "SERVICE clauses reach the network and are refused" in message


def test_sparql_needs_exactly_one_query_source(home):
    assert invoke(home, "sparql").exit_code == 2


def test_a_folder_that_is_not_a_home(tmp_path):
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "queries"])
    assert result.exit_code == 1 and "not an aigraph home" in result.output


def test_a_param_class_must_be_a_curie(home):
    (home / "queries" / "cls.rq").write_text(
        "#+ summary: s\n#+ params:\n#+   s: {type: iri, doc: d, class: 'aig:X } ?s ?p ?o {'}\n"
        "SELECT ?s WHERE { ?s ?p ?o }\n")
    assert "`class` must be a CURIE" in one_line_error(invoke(home, "query", "cls", "-p", "s=x"))
