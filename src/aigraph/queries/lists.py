"""The " | " lists that stored queries build with GROUP_CONCAT, put in one defined order.

SPARQL 1.1 leaves the order of GROUP_CONCAT's parts to the engine: Oxigraph follows its store's
order (which differs between a freshly built graph and one read back from the cache), Virtuoso
sorts, Comunica follows its own evaluation order. So the parts of every list a stored query
returns are sorted here (by code point), and a stored query answers the same text everywhere.

An empty list (GROUP_CONCAT over no parts gives "") is left unbound, as it was before Virtuoso
ruled out `IF(COUNT(?x) > 0, GROUP_CONCAT(...), ...)`: it cannot compile an expression over an
aggregate in a query with two OPTIONALs.

A list variable is one bound to an expression with `GROUP_CONCAT(...; separator=" | ")`, or to an
expression over such a variable (`BIND(COALESCE(?cited, ?own) AS ?source)`).
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from aigraph.queries.sparql_text import tokens

SEPARATOR = " | "
_SEPARATOR_TOKENS = {f'"{SEPARATOR}"', f"'{SEPARATOR}'"}


@lru_cache(maxsize=256)
def list_columns(text: str) -> frozenset[str]:
    """The variables the query binds to " | " lists (remembered per query text)."""
    found: set[str] = set()
    while True:
        before = len(found)
        _scan(text, found)
        if len(found) == before:
            return frozenset(found)


def _scan(text: str, found: set[str]) -> None:
    frames: list[dict] = []  # one per open parenthesis: does it join a list, which vars it reads
    pending_as = False
    for kind, value, _ in tokens(text):
        if kind == "comment" or value.isspace():
            continue
        if kind == "other" and value == "(":
            frames.append({"concat": False, "separator": False, "lists": False})
        elif kind == "other" and value == ")":
            if frames:
                frames.pop()
        elif kind == "word" and value.upper() == "GROUP_CONCAT":
            for frame in frames:
                frame["concat"] = True
        elif kind == "string" and value in _SEPARATOR_TOKENS:
            for frame in frames:
                frame["separator"] = True
        elif kind == "word" and value.upper() == "AS":
            pending_as = True
            continue
        elif kind == "var":
            if pending_as and frames:
                frame = frames[-1]
                if (frame["concat"] and frame["separator"]) or frame["lists"]:
                    found.add(value[1:])
            elif value[1:] in found:
                for frame in frames:
                    frame["lists"] = True
        pending_as = False


def in_order(table, columns: frozenset[str]):
    """The table with the parts of each list cell sorted, and empty lists unbound; other results
    unchanged."""
    names = [name for name in getattr(table, "variables", ()) if name in columns]
    if not names:
        return table
    for row in table.rows:
        for name in names:
            value = row.get(name)
            if isinstance(value, ox.Literal):
                if not value.value:
                    del row[name]
                elif SEPARATOR in value.value:
                    row[name] = _sorted(value)
    return table


def _sorted(literal: ox.Literal) -> ox.Literal:
    text = SEPARATOR.join(sorted(literal.value.split(SEPARATOR)))
    if literal.language:
        return ox.Literal(text, language=literal.language)
    return ox.Literal(text, datatype=literal.datatype)
