"""SPARQL 1.1 Protocol details: which result format a client asked for, writing it, refusing updates.

SELECT and ASK answers go out as SPARQL Results JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE
answers as Turtle, N-Triples or JSON-LD; the Accept header chooses (or `format=` in the URL).
"""

from __future__ import annotations

import json
import re
from xml.sax import saxutils

import pyoxigraph as ox

from aigraph.namespaces import PREFIXES, XSD
from aigraph.queries.sparql_text import tokens

# name -> media type; the first of each list is the default
RESULT_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json"}
_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
            "application/x-turtle": "turtle", "text/plain": "nt"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an XML element: escaped, and the control characters XML 1.0 cannot carry replaced
    by U+FFFD (the JSON, CSV and RDF answers keep them)."""
    return saxutils.escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(_NOT_XML.sub("\ufffd", text))


class NotAcceptable(Exception):
    """None of the media types the client accepts can carry this kind of answer."""


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query (by its first keyword)."""
    for kind, value, _ in tokens(text):
        if kind == "word" and value.upper() in _QUERY_WORDS:
            return False
        if kind == "word" and value.upper() in _UPDATE_WORDS:
            return True
    return False


def choose(accept: str | None, formats: dict[str, str], override: str | None = None) -> str:
    """The format name to answer in: `format=` if given, else the best match of the Accept header."""
    if override:
        if override in formats:
            return override
        raise NotAcceptable(f"format {override[:40]!r} is not available here (use one of {', '.join(formats)})")
    if not accept:
        return next(iter(formats))
    by_type = {media: name for name, media in formats.items()}
    offers = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offers.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(offers):
        if negative_quality >= 0:
            break
        if media in by_type:
            return by_type[media]
        if _ALIASES.get(media) in formats:
            return _ALIASES[media]
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(formats))
    raise NotAcceptable(f"cannot answer in any of the accepted types {accept[:80]!r} "
                        f"(available: {', '.join(formats.values())})")


def write_table(table, fmt: str) -> str:
    """A SELECT answer in one of RESULT_FORMATS."""
    from aigraph.render.output import render, w3c_json

    if fmt == "json":
        return json.dumps(w3c_json(table), ensure_ascii=False)
    if fmt == "xml":
        return _xml_table(table)
    return render(table, fmt)


def write_boolean(value: bool, fmt: str) -> str:
    """An ASK answer; CSV and TSV carry it as the single word true or false."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value})
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n")
    return f"{str(value).lower()}\n"


def write_triples(triples: list, fmt: str) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in one of GRAPH_FORMATS."""
    if fmt in ("turtle", "nt"):
        written = ox.serialize(triples, format=ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES,
                               prefixes=PREFIXES if fmt == "turtle" else None)
        assert written is not None  # no output file was given: pyoxigraph returns the bytes
        return written
    from aigraph.export import jsonld

    return json.dumps(jsonld(sorted(triples, key=str)), ensure_ascii=False, indent=1).encode() + b"\n"


def _xml_table(table) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(name)}/>" for name in table.variables]
    out.append("</head>\n<results>")
    for row in table.rows:
        out.append("<result>")
        for name, term in row.items():
            out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value == XSD + "string":
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
