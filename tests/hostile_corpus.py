"""The hostile-input corpus: every file of issue 16, generated small at test time (never committed).

Each case is a name, a function that writes the file into a folder and returns its path, and the
exact message (after the path) that every command must print for it, with exit code 2.
"""

from __future__ import annotations

import os
from pathlib import Path

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'
DTD_REFUSED = (":1: a document type declaration (<!DOCTYPE or <!ENTITY) is refused in RDF/XML: "
               "entities could expand without bound or read local files")


def _write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def billion_laughs(folder: Path) -> Path:
    """989 bytes that would expand to a 3 GB literal: ten entities, each ten of the one before."""
    entities = '<!ENTITY e0 "lol">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    return _write(folder, "billion-laughs.rdf", f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><rdf:RDF {RDF}>'
                  '<rdf:Description rdf:about="http://example.org/a"><ex:p>&e9;</ex:p>'
                  "</rdf:Description></rdf:RDF>")


def external_entity(folder: Path) -> Path:
    return _write(folder, "external-entity.rdf", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM '
                  f'"file:///etc/passwd">]><rdf:RDF {RDF}><rdf:Description rdf:about="http://example.org/a">'
                  "<ex:p>&e;</ex:p></rdf:Description></rdf:RDF>")


def empty_rdf_xml(folder: Path) -> Path:
    return _write(folder, "empty.rdf", "")


def deep_json_ld(folder: Path) -> Path:
    """5,000 nested node objects: Oxigraph's JSON-LD parser overflows its stack (rc 139)."""
    return _write(folder, "deep.jsonld", '{"@id": "http://example.org/a", "http://example.org/p": ' * 5000
                  + "1" + "}" * 5000)


def huge_literal_turtle(folder: Path) -> Path:
    return _write(folder, "huge-literal.ttl", '<http://example.org/a> <http://example.org/p> "'
                  + "x" * 1_000_001 + '" .\n')


def huge_literal_ntriples(folder: Path) -> Path:
    """Among short lines, as a long literal in a large file would be."""
    short = '<http://example.org/b> <http://example.org/p> "short" .\n' * 20_000
    return _write(folder, "huge-literal.nt", short + '<http://example.org/a> <http://example.org/p> "'
                  + "\u00e9" * 1_000_001 + '" .\n' + short)


def huge_literal_nquads(folder: Path) -> Path:
    return _write(folder, "huge-literal.nq", '<http://example.org/a> <http://example.org/p> "'
                  + "y" * 1_500_000 + '" <http://example.org/g> .\n')


def huge_token(folder: Path) -> Path:
    """Past Oxigraph's 16 MiB token buffer (a MemoryError from the parser); 17 MB is enough to show it."""
    return _write(folder, "huge-token.ttl", '<http://example.org/a> <http://example.org/p> "'
                  + "z" * 17_000_000 + '" .\n')


def latin1_turtle(folder: Path) -> Path:
    return _write(folder, "latin1.ttl", '@prefix ex: <http://example.org/> .\nex:a ex:b "caf\xe9" .\n'.encode("latin-1"))


def fifo(folder: Path) -> Path:
    path = folder / "fifo.ttl"
    os.mkfifo(path)
    return path


def device(folder: Path) -> Path:
    return Path("/dev/zero")


def missing(folder: Path) -> Path:
    return folder / "missing.ttl"


CASES = [
    ("billion-laughs", billion_laughs, DTD_REFUSED),
    ("external-entity", external_entity, DTD_REFUSED),
    ("empty-rdf-xml", empty_rdf_xml, ": empty RDF/XML document (an rdf:RDF element is expected)"),
    ("deep-json-ld", deep_json_ld, ": JSON nested 5000 levels deep; the limit is 256"),
    ("huge-literal-turtle", huge_literal_turtle,
     ": a literal of 1,000,001 characters (on <http://example.org/a>) is over the limit of 1,000,000"),
    ("huge-literal-ntriples", huge_literal_ntriples,
     ": a literal of 1,000,001 characters (on <http://example.org/a>) is over the limit of 1,000,000"),
    ("huge-literal-nquads", huge_literal_nquads,
     ": a literal of 1,500,000 characters (on <http://example.org/a>) is over the limit of 1,000,000"),
    ("huge-token", huge_token,
     ": a term is over the parser's 16 MiB buffer (literals are limited to 1,000,000 characters)"),
    ("latin1-turtle", latin1_turtle, ":2:15: Invalid UTF-8: incomplete utf-8 byte sequence from index 3 (line 2)"),
    ("fifo", fifo, ": is a FIFO (named pipe), not an RDF file"),
    ("device", device, ": is a character device, not an RDF file"),
    ("missing", missing, ": no such data file"),
]
