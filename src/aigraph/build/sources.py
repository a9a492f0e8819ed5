"""Reading RDF files safely: format chosen by extension, no network, errors naming file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from aigraph.build.input_limits import MAX_LITERAL, check_bytes, check_quads, check_regular, check_store, lines_within_limit
from aigraph.errors import InputError

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}

_POSITION = re.compile(r"^Parser error (?:at|between) line (\d+) column (\d+)(?: and line \d+ column \d+)?: "
                       r"|^Parser error at line (\d+) between columns (\d+) and \d+: ")


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax a file's extension names."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown RDF file extension {path.suffix!r} (use one of {known})") from None


def _one_line(path: Path, error: Exception) -> str:
    message = " ".join(str(error).split()).replace(f"({path.name}, line ", "(line ")  # read from the path
    found = _POSITION.match(message)
    if found:
        line, column = (group for group in found.groups() if group is not None)
        return f"{path}:{line}:{column}: {message[found.end():]}"
    if "LoadDocumentCallback" in message or "remote context" in message.lower():
        return f"{path}: a remote JSON-LD @context is refused (aigraph never fetches from the network)"
    return f"{path}: {message}"


def _too_big(path: Path) -> str:
    """Oxigraph's parsers hold one token at most 16 MiB long, and say so with a MemoryError."""
    return (f"{path}: a term is over the parser's 16 MiB buffer (literals are limited to "
            f"{MAX_LITERAL:,} characters)")


def read_bytes(path: Path, fmt: ox.RdfFormat) -> bytes:
    """The file's content, once it is known to be a regular file the parsers may safely see."""
    check_regular(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    check_bytes(path, data, fmt)
    return data


def read_quads(path: Path, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """Every triple of the file, placed in `graph` (datasets are flattened into it)."""
    fmt = rdf_format(path)
    data = read_bytes(path, fmt)
    with _parse_errors(path):
        parsed = ox.parse(data, format=fmt, base_iri=path.resolve().as_uri())
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
    if len(data) > MAX_LITERAL:
        check_quads(path, quads)
    return quads


@contextmanager
def _parse_errors(path: Path) -> Iterator[None]:
    """Whatever parsing the file raises, as one InputError line naming the file."""
    try:
        yield
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    except (SyntaxError, ValueError) as error:
        raise InputError(_one_line(path, error)) from None
    except MemoryError:
        raise InputError(_too_big(path)) from None


def load_file(store: ox.Store, path: Path, graph: ox.NamedNode) -> int:
    """Load the file's triples into `graph` of the store (parsed in Rust, never as Python objects,
    except datasets, which are flattened); the number of triples not already there. A file in a
    syntax whose bytes need no check first (all but RDF/XML and JSON-LD) is streamed from disk,
    never held whole in memory."""
    fmt = rdf_format(path)
    before = graph_size(store, graph)
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        store.extend(read_quads(path, graph))
        return graph_size(store, graph) - before
    if fmt in (ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD):
        data = read_bytes(path, fmt)
        with _parse_errors(path):
            store.load(data, format=fmt, base_iri=path.resolve().as_uri(), to_graph=graph)
    else:
        check_regular(path)
        with _parse_errors(path):
            store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri(), to_graph=graph)
    if path.stat().st_size > MAX_LITERAL and not (fmt == ox.RdfFormat.N_TRIPLES and lines_within_limit(path)):
        check_store(path, store, graph)
    return graph_size(store, graph) - before


def graph_size(store: ox.Store, graph: ox.NamedNode) -> int:
    """The number of triples in one graph of the store (len(store) counts every quad: a small file
    read after a large one would pay for all of them)."""
    answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    assert isinstance(answer, ox.QuerySolutions)
    return int(next(answer)[0].value)


def turtle_files(folder: Path) -> list[Path]:
    """The folder's Turtle files, recursively, in a stable order."""
    return sorted(folder.rglob("*.ttl")) if folder.is_dir() else []
