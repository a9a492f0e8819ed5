"""`aigraph export`: every format round-trips, checked by rdflib and by an independent parser."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from aigraph import export
from aigraph.api import Aigraph
from aigraph.build.graph import ASSERTED, INFERRED
from aigraph.build.rdflib_bridge import to_rdflib
from aigraph.cli import cli
from aigraph.errors import AigraphError
from aigraph.namespaces import PREFIXES
from aigraph.registry import EXPORT_FORMATS

pytestmark = pytest.mark.slow  # real servers, pySHACL or owlrl: see `pytest -m "not slow"`

ROOT = Path(__file__).resolve().parents[1]
TRICKY = Path(__file__).parent / "fixtures" / "export" / "tricky.ttl"
SUFFIX = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "nq": ".nq", "trig": ".trig", "xml": ".rdf"}
RDFLIB_FORMAT = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "nq": "nquads", "trig": "trig",
                 "xml": "xml"}
OXIGRAPH_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD,
                   "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                   "xml": ox.RdfFormat.RDF_XML}


@pytest.fixture(scope="module")
def source():
    """The bundled graph plus a file of hard-to-keep terms (blank nodes, lists, escapes, datatypes)."""
    return Aigraph(ROOT, data=[TRICKY]).graph


def export_file(tmp_path, fmt, *extra) -> Path:
    target = tmp_path / f"graph{SUFFIX[fmt]}"
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "--data", str(TRICKY),
                                      "--format", fmt, "-o", str(target), *extra])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    return target


def flat(quads) -> rdflib.Graph:
    """A dataset as one graph whose predicates also name the quad's graph, so that isomorphism
    compares graph membership and blank nodes shared across graphs at once."""
    graph = rdflib.Graph()
    for s, p, o, g in quads:
        graph.add((s, rdflib.URIRef(f"urn:quad:{quote(str(g), safe='')}:{quote(str(p), safe='')}"), o))
    return graph


def expected(source, fmt, with_inferred=True):
    chosen = export.quads(source, with_inferred)
    if fmt in export.DATASET_FORMATS:
        return flat((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object),
                     to_rdflib(q.graph_name)) for q in chosen)
    graph = rdflib.Graph()
    for quad in chosen:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def parsed_by_rdflib(path: Path, fmt: str):
    if fmt in export.DATASET_FORMATS:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=RDFLIB_FORMAT[fmt])
        return flat(dataset.quads((None, None, None, None)))
    return rdflib.Graph().parse(path, format=RDFLIB_FORMAT[fmt])


def parsed_by_oxigraph(path: Path, fmt: str):
    quads = list(ox.parse(path=str(path), format=OXIGRAPH_FORMAT[fmt]))
    if fmt in export.DATASET_FORMATS:
        return flat((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object),
                     to_rdflib(q.graph_name)) for q in quads)
    graph = rdflib.Graph()
    for q in quads:
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


def refuse_remote_documents(url, options=None):
    raise AssertionError(f"pyld tried to fetch {url}")


def parsed_by_pyld(path: Path):
    from pyld import jsonld

    document = json.loads(path.read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads",
                                      "documentLoader": refuse_remote_documents})
    return rdflib.Graph().parse(data=nquads, format="nt")


def test_the_cli_offers_exactly_the_registered_formats():
    choices = next(p for p in cli.commands["export"].params if p.name == "fmt").type.choices
    assert tuple(choices) == EXPORT_FORMATS.names()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS.names())
def test_every_format_round_trips_through_rdflib(tmp_path, source, fmt):
    path = export_file(tmp_path, fmt)
    assert isomorphic(parsed_by_rdflib(path, fmt), expected(source, fmt))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS.names())
def test_every_format_round_trips_through_oxigraph(tmp_path, source, fmt):
    path = export_file(tmp_path, fmt)
    assert isomorphic(parsed_by_oxigraph(path, fmt), expected(source, fmt))


def test_json_ld_expands_with_pyld_without_fetching_anything(tmp_path, source):
    path = export_file(tmp_path, "json-ld")
    assert isomorphic(parsed_by_pyld(path), expected(source, "json-ld"))


def test_json_ld_embeds_the_project_prefixes_as_its_context(tmp_path):
    document = json.loads(export_file(tmp_path, "json-ld").read_text(encoding="utf-8"))
    assert document["@context"] == PREFIXES
    text = json.dumps(document["@graph"])
    assert '"aig:' in text and '"@context"' not in text


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_turtle_uses_only_project_prefixes(tmp_path, fmt):
    text = export_file(tmp_path, fmt).read_text(encoding="utf-8")
    declared = dict(re.findall(r"^@prefix (\w*): <([^>]*)> \.$", text, re.MULTILINE))
    assert declared and all(PREFIXES.get(name) == namespace for name, namespace in declared.items())
    assert {"aig", "aigd", "rdfs", "owl"} <= set(declared)
    assert not re.search(r"\bns\d+:", text)


@pytest.mark.parametrize("fmt", export.DATASET_FORMATS)
def test_dataset_formats_keep_the_named_graphs_apart(tmp_path, source, fmt):
    path = export_file(tmp_path, fmt)
    dataset = rdflib.Dataset()
    dataset.parse(path, format=RDFLIB_FORMAT[fmt])
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {str(g.value) for g in (*ASSERTED, INFERRED)}
    for name in (*ASSERTED, INFERRED):
        assert len(dataset.graph(rdflib.URIRef(name.value))) == source.count(name.value)


@pytest.mark.parametrize("fmt", ["nq", "turtle"])
def test_asserted_leaves_the_closure_out(tmp_path, source, fmt):
    path = export_file(tmp_path, fmt, "--asserted")
    graph = parsed_by_rdflib(path, fmt)
    assert isomorphic(graph, expected(source, fmt, with_inferred=False))
    assert f"<{INFERRED.value}>" not in path.read_text(encoding="utf-8")


def test_the_closure_is_exported_by_default_and_with_inferred(tmp_path):
    plain = export_file(tmp_path, "nq").read_bytes()
    spelled = export_file(tmp_path, "nq", "--with-inferred").read_bytes()
    assert plain == spelled and INFERRED.value.encode() in plain


@pytest.mark.parametrize("fmt", EXPORT_FORMATS.names())
def test_exports_never_hold_literal_subjects(tmp_path, fmt):
    graph = parsed_by_rdflib(export_file(tmp_path, fmt), fmt)
    assert not [s for s in graph.subjects() if isinstance(s, rdflib.Literal)]


def test_standard_output_gets_the_same_bytes_as_the_file_every_time(tmp_path):
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "--data", str(TRICKY),
                                      "--format", "nt", "--no-cache"])
    assert result.exit_code == 0
    assert b"_:c14n0 " in result.stdout_bytes  # blank nodes labelled canonically, not at random
    assert result.stdout_bytes == export_file(tmp_path, "nt").read_bytes()


def test_the_format_follows_the_file_extension(tmp_path):
    target = tmp_path / "graph.nq"
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "-o", str(target)])
    assert result.exit_code == 0
    assert ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS)
    assert re.match(rb"^\S+ \S+ .+ <https://w3id.org/aigraph/graph/\w+> \.$",
                    target.read_bytes().splitlines()[0])


def test_a_failing_serializer_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("precious\n")

    def broken(*args, **kwargs):
        raise AigraphError("cannot write turtle: the serializer broke")

    monkeypatch.setattr(export, "serialize", broken)
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output == "Error: cannot write turtle: the serializer broke\n"
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_a_write_that_fails_part_way_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "graph.nt"
    target.write_text("precious\n")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output == f"Error: {target}: cannot write (No space left on device)\n"
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt"]


def test_an_interrupted_write_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "graph.nt"
    target.write_text("precious\n")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        export.write(target, b"<urn:a> <urn:b> <urn:c> .\n")
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt"]


def test_a_written_file_gets_ordinary_permissions(tmp_path):
    target = tmp_path / "graph.nt"
    export.write(target, b"")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_folder_as_output_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: Invalid value for '-o' / '--output': "
                                  f"File '{tmp_path}' is a directory.\n")


def test_a_missing_folder_is_a_one_line_error(tmp_path):
    target = tmp_path / "missing" / "graph.ttl"
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output == f"Error: {target}: no such folder {str(target.parent)!r}\n"


def test_an_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "--format", "n3"])
    assert result.exit_code == 2


@pytest.mark.parametrize("predicate", ["https://example.org/terms/", "https://example.org/terms/42"])
def test_a_predicate_rdf_xml_cannot_name_is_a_one_line_error_and_no_file(tmp_path, predicate):
    data = tmp_path / "odd.ttl"
    data.write_text(f"<https://example.org/a> <{predicate}> \"x\" .\n", encoding="utf-8")
    target = tmp_path / "graph.rdf"
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "--data", str(data), "--format", "xml",
                                      "-o", str(target)])
    assert (result.exit_code, result.output) == (
        1, f"Error: cannot write RDF/XML: the predicate <{predicate}> does not end in a name an XML element "
           "can have; export Turtle or N-Triples instead\n")
    assert not target.exists()


def test_rdf_xml_names_the_project_prefixes_and_reads_back_whole(tmp_path):
    target = tmp_path / "graph.rdf"
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "--format", "xml", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert f'xmlns:aig="{PREFIXES["aig"]}"' in text
    back = {t for t in ox.parse(path=str(target), format=ox.RdfFormat.RDF_XML)}
    expected = {quad.triple for quad in ox.parse(export.n_triples(Aigraph(ROOT).graph), format=ox.RdfFormat.N_TRIPLES)}
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in back} == expected


def test_json_ld_read_from_each_graph_states_a_restated_triple_once(tmp_path):
    """Without blank nodes JSON-LD is built from each graph's own N-Triples: the same document as
    the careful way builds from the merged set of triples, a triple stated in two graphs once."""
    restated = tmp_path / "restated.ttl"
    restated.write_text('<https://w3id.org/aigraph/id/authority/cac> '
                        '<http://www.w3.org/2000/01/rdf-schema#label> "Cyberspace Administration of China"@en .\n',
                        encoding="utf-8")
    target = tmp_path / "graph.jsonld"
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "export", "--data", str(restated), "-o", str(target)])
    assert result.exit_code == 0, result.output
    graph = Aigraph(ROOT, data=[restated]).graph
    careful = export.jsonld({quad.triple for quad in export.quads(graph)})
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document == careful
    cac = next(node for node in document["@graph"] if node["@id"] == "aigd:authority/cac")
    assert cac["rdfs:label"] == [{"@value": "Cyberspace Administration of China", "@language": "en"},
                                 {"@value": "国家互联网信息办公室", "@language": "zh"}]
    assert isomorphic(parsed_by_pyld(target), expected(graph, "json-ld"))
