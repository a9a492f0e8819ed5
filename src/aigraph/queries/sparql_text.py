"""Lexical checks on SPARQL text: refuse SERVICE, and join parameter VALUES into the WHERE group.

Parameters never enter a query as pasted text: each value is serialized as an RDF term (N-Triples
syntax, escaped by pyoxigraph) inside a VALUES block placed first in the WHERE group, so the same
text runs unchanged here and on any SPARQL 1.1 store.
"""

from __future__ import annotations

import re

from aigraph.errors import AigraphError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<brace>\{)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(text: str):
    """(kind, text, offset) of each token: comment, string, iri, word, var, brace (`{`) or other."""
    for match in _TOKEN.finditer(text):
        yield match.lastgroup, match.group(), match.start()


def uses_service(text: str) -> bool:
    """True when the query has a SERVICE clause (outside strings, IRIs and comments)."""
    return any(kind == "word" and value.upper() == "SERVICE" for kind, value, _ in tokens(text))


def variables(text: str) -> set[str]:
    """The names of the variables the query mentions."""
    return {value[1:] for kind, value, _ in tokens(text) if kind == "var"}


def refuse_service(text: str, allow_service: bool, where: str = "query") -> None:
    """Stop a federated query unless the user asked for it explicitly."""
    if not allow_service and uses_service(text):
        raise AigraphError(f"{where}: SERVICE clauses reach the network and are refused; "
                           "pass --allow-service to permit them")


MAX_DEPTH = 256  # nested (), [] and {}: Oxigraph's parser recurses, and deep nesting overflows its stack
_OPEN, _CLOSE = "({[", ")}]"


def refuse_deep_nesting(text: str, where: str = "query") -> None:
    """Refuse a query nested deeper than MAX_DEPTH, before any parser sees it."""
    depth = 0
    for kind, value, start in tokens(text):
        if kind in ("brace", "other"):
            if value in _OPEN:
                depth += 1
                if depth > MAX_DEPTH:
                    line = text.count("\n", 0, start) + 1
                    raise AigraphError(f"{where}: line {line}: brackets nested more than {MAX_DEPTH} deep")
            elif value in _CLOSE:
                depth -= 1


def where_group_start(text: str) -> int:
    """Offset just after the `{` that opens the query's WHERE group."""
    seen_where = False
    first_brace = None
    for kind, value, start in tokens(text):
        if kind == "word" and value.upper() == "WHERE":
            seen_where = True
        elif kind == "brace":
            if seen_where:
                return start + 1
            if first_brace is None:
                first_brace = start + 1
    if first_brace is None:
        raise AigraphError("query has no WHERE group to bind parameters in")
    return first_brace


def with_values(text: str, bindings: dict[str, str | None]) -> str:
    """The query with a one-row VALUES block (terms in N-Triples syntax, None as UNDEF) first in WHERE."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join("UNDEF" if term is None else term for term in bindings.values())
    at = where_group_start(text)
    return f"{text[:at]}\n  VALUES ({names}) {{ ({row}) }}\n{text[at:]}"


def with_rows(text: str, variable: str, terms: list[str]) -> str:
    """The query with `VALUES ?variable { ... }` (terms in N-Triples syntax) first in WHERE."""
    at = where_group_start(text)
    return f"{text[:at]}\n  VALUES ?{variable} {{ {' '.join(terms)} }}\n{text[at:]}"


def paged(text: str, limit: int | None, offset: int, where: str = "query") -> str:
    """The query with LIMIT and OFFSET appended (one page of its answer); an error when it has a
    LIMIT or OFFSET of its own after its last group."""
    if limit is None and not offset:
        return text
    found = list(tokens(text))
    last_group = max((i for i, (_, value, _) in enumerate(found) if value == "}"), default=-1)
    if any(kind == "word" and value.upper() in ("LIMIT", "OFFSET") for kind, value, _ in found[last_group + 1:]):
        raise AigraphError(f"{where}: it has a LIMIT or OFFSET of its own; --limit and --offset cannot be added")
    return text.rstrip() + (f"\nLIMIT {limit}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
