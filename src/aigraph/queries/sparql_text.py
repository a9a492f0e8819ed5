"""Lexical checks on SPARQL text: refuse SERVICE, and join parameter VALUES into the WHERE group.

Parameters never enter a query as pasted text: each value is serialized as an RDF term (N-Triples
syntax, escaped by pyoxigraph) inside a VALUES block placed first in the WHERE group (and in each
subquery that projects the variable), so the same text runs unchanged here and on any SPARQL 1.1
store. `with_term` writes a term in a variable's place, escaped the same way, for an internal query
whose engine would not see the variable there (describe.py's language).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

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


_KEPT_LENGTH = 100_000  # characters: the tokens of a shorter text are kept for the next check


def tokens(text: str) -> Iterable[tuple[str, str, int]]:
    """(kind, text, offset) of each token: comment, string, iri, word, var, brace (`{`) or other.
    A query's text is read by a dozen checks in turn: the tokens of the latest texts are kept."""
    return _kept_tokens(text) if len(text) <= _KEPT_LENGTH else _scan(text)


@functools.lru_cache(maxsize=16)
def _kept_tokens(text: str) -> tuple[tuple[str, str, int], ...]:
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        yield match.lastgroup or "", match.group(), match.start()


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
    """The query with a one-row VALUES block (terms in N-Triples syntax, None as UNDEF) first in
    WHERE, and each bound variable's value also first in every subquery that projects it (as
    rdflib's initBindings binds it): the same answer, but an engine such as Oxigraph then evaluates
    a subquery for the one value instead of for every value before the join selects one."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join("UNDEF" if term is None else term for term in bindings.values())
    inserts = [(where_group_start(text), f"\n  VALUES ({names}) {{ ({row}) }}\n")]
    for subquery in subqueries(text):
        bound = [(name, term) for name, term in bindings.items() if term is not None and subquery.binds(name)]
        if bound:
            inserts.append((subquery.where, "".join(f"\n  VALUES ?{name} {{ {term} }}" for name, term in bound)))
    for at, block in sorted(inserts, reverse=True):
        text = f"{text[:at]}{block}{text[at:]}"
    return text


def with_term(text: str, name: str, term: str) -> str:
    """The text with each use of ?name replaced by an RDF term in N-Triples syntax (escaped by
    pyoxigraph): for a variable an engine does not see where the text compares it."""
    uses = [start for kind, value, start in tokens(text) if kind == "var" and value[1:] == name]
    for start in reversed(uses):
        text = f"{text[:start]}{term}{text[start + len(name) + 1:]}"
    return text


class Subquery(NamedTuple):
    """A nested SELECT: where its WHERE group opens, the variables it projects, whether a LIMIT or
    OFFSET cuts it, and the subquery it is nested in."""

    where: int  # offset just after the `{` of its WHERE group
    projects: frozenset[str]
    cut: bool
    parent: Subquery | None

    def binds(self, name: str) -> bool:
        """True when a value of ?name bound outside may be joined first inside it (and in every
        subquery around it) without changing the answer."""
        return name in self.projects and not self.cut and (self.parent is None or self.parent.binds(name))


def subqueries(text: str) -> list[Subquery]:
    """The query's nested SELECTs, outermost first (`SELECT *` ones and ones with an expression
    for a projected variable are left out of `projects`)."""
    found = [token for token in tokens(text) if token[0] != "comment" and not token[1].isspace()]
    closing, open_at = {}, []
    for i, (kind, value, _) in enumerate(found):
        if kind == "brace":
            open_at.append(i)
        elif value == "}" and open_at:
            closing[open_at.pop()] = i
    spans: list[tuple[int, int, Subquery]] = []
    for i, (kind, value, _) in enumerate(found):
        if not (kind == "word" and value.upper() == "SELECT" and i and found[i - 1][0] == "brace"):
            continue
        wrapper_end = closing.get(i - 1, len(found))
        projects, depth, j = set(), 0, i + 1
        while j < len(found) and not (depth == 0 and (found[j][0] == "brace" or found[j][1].upper() == "WHERE")):
            depth += {"(": 1, ")": -1}.get(found[j][1], 0)
            if found[j][0] == "var" and depth == 0:
                projects.add(found[j][1][1:])
            j += 1
        while j < len(found) and found[j][0] != "brace":
            j += 1
        if j >= len(found):
            continue
        modifiers = found[closing.get(j, wrapper_end) + 1:wrapper_end]
        cut = any(kind == "word" and value.upper() in ("LIMIT", "OFFSET") for kind, value, _ in modifiers)
        parent = next((sub for start, end, sub in reversed(spans) if start < i < end), None)
        spans.append((i, wrapper_end, Subquery(found[j][2] + 1, frozenset(projects), cut, parent)))
    return [sub for _, _, sub in spans]


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
