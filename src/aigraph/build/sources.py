"""Reading RDF files safely: format chosen by extension, no network, errors naming file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from aigraph.errors import AigraphError

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

_POSITION = re.compile(r"^Parser error (?:at|between) line (\d+) column (\d+)(?: and line \d+ column \d+)?: ")


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax a file's extension names."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise AigraphError(f"{path}: unknown RDF file extension {path.suffix!r} (use one of {known})") from None


def _one_line(path: Path, error: Exception) -> str:
    message = " ".join(str(error).split())
    found = _POSITION.match(message)
    if found:
        return f"{path}:{found.group(1)}:{found.group(2)}: {message[found.end():]}"
    if "LoadDocumentCallback" in message or "remote context" in message.lower():
        return f"{path}: a remote JSON-LD @context is refused (aigraph never fetches from the network)"
    return f"{path}: {message}"


def read_quads(path: Path, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """Every triple of the file, placed in `graph` (datasets are flattened into it)."""
    fmt = rdf_format(path)
    try:
        data = path.read_bytes()
        parsed = ox.parse(data, format=fmt, base_iri=path.resolve().as_uri())
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
    except OSError as error:
        raise AigraphError(f"{path}: cannot read ({error.strerror or error})") from None
    except (SyntaxError, ValueError) as error:
        raise AigraphError(_one_line(path, error)) from None


def load_file(store: ox.Store, path: Path, graph: ox.NamedNode) -> int:
    """Load the file's triples into `graph` of the store (parsed in Rust, never as Python objects,
    except datasets, which are flattened); the number of triples not already there."""
    fmt = rdf_format(path)
    before = len(store)
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        store.extend(read_quads(path, graph))
        return len(store) - before
    try:
        store.load(path.read_bytes(), format=fmt, base_iri=path.resolve().as_uri(), to_graph=graph)
    except OSError as error:
        raise AigraphError(f"{path}: cannot read ({error.strerror or error})") from None
    except (SyntaxError, ValueError) as error:
        raise AigraphError(_one_line(path, error)) from None
    return len(store) - before


def turtle_files(folder: Path) -> list[Path]:
    """The folder's Turtle files, recursively, in a stable order."""
    return sorted(folder.rglob("*.ttl")) if folder.is_dir() else []
