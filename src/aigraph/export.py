"""Exporting the graph as RDF: six syntaxes, lossless, written atomically.

TriG and N-Quads keep the named graphs apart (ontology, data, user data, the dataset description,
the inferred closure); Turtle, N-Triples, RDF/XML and JSON-LD merge the chosen graphs. JSON-LD
carries its own @context (the project's prefixes), so reading it never needs the network. Every
literal keeps its exact lexical form (pyoxigraph writes the Turtle family; rdflib's Turtle writer
would turn "50"^^xsd:decimal into 50.0).

A graph without blank nodes is written by Oxigraph straight from its store, in the store's order
(a function of the terms alone, so the same graph always gives the same bytes): N-Triples,
N-Quads, Turtle, TriG and RDF/XML; JSON-LD is compacted in Python from each graph's N-Triples,
which Oxigraph writes two graphs at a time (a triple in two graphs is written once). A graph with
blank nodes goes through Python, their labels made canonical (canonical.py, within a
bound on the work) and the triples sorted.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from aigraph.build.graph import KnowledgeGraph
from aigraph.errors import AigraphError
from aigraph.namespaces import PREFIXES, RDF_TYPE, XSD, shorten
from aigraph.registry import EXPORT_FORMATS

DATASET_FORMATS = ("nq", "trig")  # the formats that keep the named graphs apart
EXTENSIONS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt",
              ".nq": "nq", ".trig": "trig", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def format_for(path: Path | None) -> str:
    """The format a file name's extension implies; Turtle when there is none to go by."""
    return EXTENSIONS.get(path.suffix.lower(), "turtle") if path else "turtle"


def quads(graph: KnowledgeGraph, with_inferred: bool = True) -> list[ox.Quad]:
    """The quads of the chosen named graphs (the asserted ones, and the closure unless excluded),
    blank nodes labelled canonically (RDFC-1.0, within canonical.limit()) so that the same graph
    always exports the same."""
    from aigraph.canonical import canonicalized

    chosen = [quad for name in graph.default_graphs(asserted=not with_inferred)
              for quad in graph.store.quads_for_pattern(None, None, None, name)]
    return canonicalized(chosen)


def triples(graph: KnowledgeGraph, with_inferred: bool = True) -> list[ox.Triple]:
    """The chosen graphs merged into one set of triples, in a stable order."""
    return sorted({quad.triple for quad in quads(graph, with_inferred)}, key=str)


def _native(graph: KnowledgeGraph, fmt: str, with_inferred: bool) -> bytes | None:
    """The chosen graphs as Oxigraph writes them straight from its store (no Python object per
    triple), in the store's order, which follows from the terms alone; None when the output may
    hold blank nodes, whose labels only canonicalization makes stable. Turtle is each graph's
    Turtle in turn, so a triple stated in two graphs is written twice (the same graph, read back)."""
    store, names = graph.store, graph.default_graphs(asserted=not with_inferred)
    if fmt in ("nt", "xml"):
        body = merged(graph, ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.RDF_XML, with_inferred)
    elif fmt == "nq":  # a graph's N-Triples lines end " .\n" (a newline in a literal is escaped)
        body = b"".join(_dumped(store, name, ox.RdfFormat.N_TRIPLES).replace(b" .\n", f" {name} .\n".encode())
                        for name in names)
    else:
        prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items()).encode()
        parts = [(name, _without_prefixes(_dumped(store, name, ox.RdfFormat.TURTLE))) for name in names]
        if fmt == "turtle":
            body = prefixes + b"".join(part for _, part in parts)
        else:
            body = prefixes + b"".join(f"{name} {{\n".encode() + part + b"}\n" for name, part in parts if part)
    assert body is not None  # no output file was given: pyoxigraph returns the bytes
    blank = b'rdf:nodeID="' if fmt == "xml" else b"_:"
    return None if blank in body else body  # maybe only in a literal: then the careful way


def merged_ntriples(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """The chosen graphs merged, each triple once, in N-Triples as Oxigraph writes them straight
    from its store (blank nodes keep the store's labels)."""
    return merged(graph, ox.RdfFormat.N_TRIPLES, with_inferred)


def merged(graph: KnowledgeGraph, fmt: ox.RdfFormat, with_inferred: bool = True) -> bytes:
    """The chosen graphs merged, each triple once, as Oxigraph writes them in `fmt` straight from
    its store (blank nodes keep the store's labels); with the project's prefixes in a syntax that
    uses them (then each triple passes through Python, which only ox.serialize lets name them)."""
    answer = _merged_answer(graph, with_inferred)
    if fmt == ox.RdfFormat.N_TRIPLES:
        body = answer.serialize(format=fmt)
    else:
        body = ox.serialize(answer, format=fmt, prefixes=PREFIXES)
    assert body is not None  # no output file was given: pyoxigraph returns the bytes
    return body


def _dumped(store: ox.Store, name, fmt: ox.RdfFormat) -> bytes:
    written = store.dump(format=fmt, from_graph=name, prefixes=PREFIXES)
    assert written is not None  # no output file was given: pyoxigraph returns the bytes
    return written


def _without_prefixes(turtle: bytes) -> bytes:
    start = 0
    while turtle.startswith(b"@prefix ", start):
        start = turtle.index(b"\n", start) + 1
    return turtle[start:]


def serialize(graph: KnowledgeGraph, fmt: str, with_inferred: bool = True) -> bytes:
    """The chosen graphs in one RDF syntax (a name in registry.EXPORT_FORMATS), in a stable order."""
    return EXPORT_FORMATS.get(fmt)(graph, with_inferred)


def turtle(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """Turtle, the chosen graphs merged."""
    return _native(graph, "turtle", with_inferred) or _serialized(triples(graph, with_inferred), ox.RdfFormat.TURTLE)


def n_triples(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """N-Triples, the chosen graphs merged."""
    return _native(graph, "nt", with_inferred) or _serialized(triples(graph, with_inferred), ox.RdfFormat.N_TRIPLES)


def json_ld(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """JSON-LD with the project's prefixes as its own @context, the chosen graphs merged: one node
    object a line (written by json's C encoder, which an indented document would not use)."""
    try:  # the store's triples as they are, unless they hold a blank node
        document = jsonld(_each_graphs_triples(graph, with_inferred), blank_nodes=False)
    except _BlankNodeMet:
        document = jsonld({quad.triple for quad in quads(graph, with_inferred)})
    context = json.dumps(document["@context"], ensure_ascii=False, indent=1)
    nodes = ",\n".join(json.dumps(node, ensure_ascii=False) for node in document["@graph"])
    return f'{{"@context": {context},\n"@graph": [\n{nodes}\n]}}\n'.encode()


def _each_graphs_triples(graph: KnowledgeGraph, with_inferred: bool) -> Iterator[ox.Quad]:
    """The chosen graphs' triples as quads of the default graph (one stated in two graphs comes
    twice), each graph written as N-Triples by Oxigraph in a thread (which frees the GIL: two
    cores read the store at once, the slow part on disk) and parsed back in the order they finish."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    pool = ThreadPoolExecutor(max_workers=2)
    try:
        dumps = [pool.submit(_dumped, graph.store, name, ox.RdfFormat.N_TRIPLES)
                 for name in graph.default_graphs(asserted=not with_inferred)]
        for dump in as_completed(dumps):
            yield from ox.parse(dump.result(), format=ox.RdfFormat.N_TRIPLES)
    finally:
        pool.shutdown(cancel_futures=True)


def _merged_answer(graph: KnowledgeGraph, with_inferred: bool) -> ox.QueryTriples:
    """The chosen graphs merged, each triple once, as the store's answer (no Python object yet)."""
    answer = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", asserted=not with_inferred)
    assert isinstance(answer, ox.QueryTriples)
    return answer


def trig(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """TriG, the named graphs kept apart."""
    return _native(graph, "trig", with_inferred) or _serialized(_sorted_quads(graph, with_inferred), ox.RdfFormat.TRIG)


def n_quads(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """N-Quads, the named graphs kept apart."""
    return _native(graph, "nq", with_inferred) or _serialized(_sorted_quads(graph, with_inferred), ox.RdfFormat.N_QUADS)


def rdf_xml(graph: KnowledgeGraph, with_inferred: bool = True) -> bytes:
    """RDF/XML, the chosen graphs merged, written by Oxigraph once every predicate can be an
    element name."""
    _check_element_names(graph, with_inferred)
    return _native(graph, "xml", with_inferred) or _serialized(triples(graph, with_inferred), ox.RdfFormat.RDF_XML)


def _sorted_quads(graph: KnowledgeGraph, with_inferred: bool) -> list[ox.Quad]:
    return sorted(quads(graph, with_inferred), key=lambda q: (str(q.graph_name), str(q.triple)))


def _serialized(terms: list[ox.Triple] | list[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    written = ox.serialize(terms, format=fmt, prefixes=PREFIXES)
    assert written is not None  # no output file was given: pyoxigraph returns the bytes
    return written


def write(path: Path, content: bytes) -> None:
    """Replace the file atomically: a failed write leaves whatever was there before."""
    from aigraph.atomic import write_bytes

    path = Path(path)
    if path.is_dir():
        raise AigraphError(f"{path}: is a folder, not a file")
    if not path.parent.is_dir():
        raise AigraphError(f"{path}: no such folder {str(path.parent)!r}")
    try:
        write_bytes(path, content)
    except OSError as error:
        raise AigraphError(f"{path}: cannot write ({error.strerror or error})") from None


class _BlankNodeMet(Exception):
    """A blank node among triples read with the store's labels, which only canonicalization makes stable."""


def jsonld(merged: Iterable[ox.Triple] | Iterable[ox.Quad], blank_nodes: bool = True) -> dict:
    """A JSON-LD document: one node object per subject, IRIs compacted with the project prefixes,
    nodes and values in a stable order. Without `blank_nodes`, one raises _BlankNodeMet."""
    compact = functools.lru_cache(maxsize=None)(_compact)  # a graph names few namespaces many times
    xsd_string = XSD + "string"

    def node_id(term) -> str:
        if type(term) is ox.NamedNode:
            return compact(term.value)
        if type(term) is ox.BlankNode and blank_nodes:
            return f"_:{term.value}"
        raise _BlankNodeMet if type(term) is ox.BlankNode else AigraphError(f"JSON-LD cannot write {term}")

    nodes: dict[str, dict[str, list]] = {}
    for subject, predicate, value, *_ in merged:  # a few lookups each: 1.8M of them at 1M triples
        key = node_id(subject)
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = {}
        name = predicate.value
        if type(value) is ox.Literal:
            language = value.language
            if language:
                value = {"@value": value.value, "@language": language}
            elif value.datatype.value == xsd_string:
                value = value.value
            else:
                value = {"@value": value.value, "@type": compact(value.datatype.value)}
            name = compact(name)
        elif name == RDF_TYPE:
            name, value = "@type", node_id(value)
        else:
            name, value = compact(name), {"@id": node_id(value)}
        values = node.get(name)
        if values is None:
            node[name] = [value]
        else:
            values.append(value)
    graph = []
    for key in sorted(nodes):
        written: dict = {"@id": key}
        for name, values in sorted(nodes[key].items()):
            written[name] = values[0] if len(values) == 1 else _distinct(sorted(values, key=_value_order))
        graph.append(written)
    return {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}


def _distinct(values: list) -> list | str | dict:
    """Sorted values without repeats (a triple stated in two graphs); one value alone."""
    kept = [value for i, value in enumerate(values) if not i or value != values[i - 1]]
    return kept[0] if len(kept) == 1 else kept


def _value_order(value) -> tuple[str, ...]:
    """A value's place among its node's values: strings first, then by identifier or value."""
    if isinstance(value, str):
        return ("", value)
    return ("1", value.get("@id", ""), value.get("@value", ""), value.get("@language", ""), value.get("@type", ""))


def _compact(iri: str) -> str:
    curie = shorten(iri)
    return iri if curie.partition(":")[2].startswith("//") else curie


def _check_element_names(graph: KnowledgeGraph, with_inferred: bool) -> None:
    """RDF/XML writes a predicate as an element, named by a namespace and a local name that
    starts with a letter or "_": a predicate IRI that ends in no such name cannot be written."""
    import re

    ending = re.compile(r"[^\W\d][\w.\-]*$")
    answer = graph.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }", asserted=not with_inferred)
    assert isinstance(answer, ox.QuerySolutions)
    for (predicate,) in answer:
        if not ending.search(predicate.value):
            raise AigraphError(f"cannot write RDF/XML: the predicate <{predicate.value}> does not end in "
                               "a name an XML element can have; export Turtle or N-Triples instead")
