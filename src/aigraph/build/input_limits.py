"""Limits on what an input file may hold, checked before and after parsing (see README, Limits).

- RDF/XML: no document type declaration at all (`<!DOCTYPE`, `<!ENTITY`): internal entities
  expand ("billion laughs") and external ones read files.
- JSON-LD: objects and arrays nested at most MAX_DEPTH deep (the parser recurses, and a deeper
  document overflows its stack).
- Every literal: at most MAX_LITERAL characters. With entities refused, no syntax can make a
  literal longer than its file, so only files larger than the limit are scanned; nor can an
  N-Triples literal be longer than its line, so a file whose lines are all shorter is not.
- Only regular files are read: a FIFO or a device would block or never end.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pyoxigraph as ox

from aigraph.backend import solutions
from aigraph.errors import InputError

MAX_LITERAL = 1_000_000  # characters
MAX_DEPTH = 256  # nested JSON-LD objects/arrays (and SPARQL groups, see queries/sparql_text.py)

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")  # the parser reads UTF-8 only, so bytes suffice
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def check_regular(path: Path, missing: str = "no such data file") -> None:
    """Refuse a path that is not a regular file, saying what it is."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: {missing}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise InputError(f"{path}: is {kind}, not an RDF file")


def check_bytes(path: Path, data: bytes, fmt: ox.RdfFormat) -> None:
    """Refuse what the parsers must never see: DTDs in RDF/XML, deep JSON-LD, an empty RDF/XML file."""
    if fmt == ox.RdfFormat.RDF_XML:
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            raise InputError(f"{path}: empty RDF/XML document (an rdf:RDF element is expected)")
        found = _DTD.search(data)
        if found:
            line = data.count(b"\n", 0, found.start()) + 1
            raise InputError(f"{path}:{line}: a document type declaration (<!DOCTYPE or <!ENTITY) is "
                             "refused in RDF/XML: entities could expand without bound or read local files")
    elif fmt == ox.RdfFormat.JSON_LD:
        depth = json_depth(data)
        if depth > MAX_DEPTH:
            raise InputError(f"{path}: JSON nested {depth} levels deep; the limit is {MAX_DEPTH}")


def json_depth(data: bytes) -> int:
    """The deepest nesting of objects and arrays in a JSON text (strings skipped)."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub(b"", data)):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_quads(path: Path, quads) -> None:
    """Refuse a literal over MAX_LITERAL characters among parsed quads."""
    for quad in quads:
        term = quad.object
        if isinstance(term, ox.Literal) and len(term.value) > MAX_LITERAL:
            raise _too_long(path, quad.subject, len(term.value))


def lines_within_limit(path: Path) -> bool:
    """Whether every line of the file is shorter than MAX_LITERAL bytes, as in N-Triples whose literals
    are all within the limit (none holds a line break, a character takes a byte at least): each aligned
    block of half that size holds a line break (a line that long would cover one). False may be wrong
    (a last block without a line break): the caller then looks at the literals themselves."""
    half = MAX_LITERAL // 2
    with path.open("rb") as data:
        while block := data.read(half):
            if b"\n" not in block:
                return False
    return True


def check_store(path: Path, store: ox.Store, graph: ox.NamedNode) -> None:
    """Refuse a literal over MAX_LITERAL characters in one graph of a store (the file just loaded)."""
    rows = list(solutions(store.query(f"SELECT ?s (STRLEN(?o) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o "
                            f"FILTER(isLiteral(?o) && STRLEN(?o) > {MAX_LITERAL}) }} }} LIMIT 1")))
    if rows:
        raise _too_long(path, rows[0]["s"], int(rows[0]["n"].value))


def _too_long(path: Path, subject, length: int) -> InputError:
    return InputError(f"{path}: a literal of {length:,} characters (on {str(subject)[:100]}) is over the "
                      f"limit of {MAX_LITERAL:,}")


def read_utf8(path: Path) -> str:
    """A text file's content (a query, a Turtle file to format): a regular file in UTF-8."""
    check_regular(path, "no such file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
                         "save the file as UTF-8") from None
