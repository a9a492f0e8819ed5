"""Boolean columns read as true/false from every store.

A stored query may bind a variable to a test, `BIND(EXISTS { ... } AS ?mandatory)`. Oxigraph and
Comunica answer xsd:boolean true/false; Virtuoso 7.2 answers the integers 1 and 0. The columns a
query binds to an `EXISTS` or `NOT EXISTS` are found in its text, and a 1 or 0 there is read as
the boolean it stands for, so the rows are the same whichever store answered.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from aigraph.namespaces import XSD
from aigraph.queries.sparql_text import tokens

BOOLEAN = ox.NamedNode(f"{XSD}boolean")
_NUMBERS = {f"{XSD}{name}" for name in ("integer", "int", "long", "short", "byte", "decimal",
                                        "nonNegativeInteger", "unsignedInt")}


@lru_cache(maxsize=256)
def boolean_columns(text: str) -> frozenset[str]:
    """The variables the query binds to an EXISTS or NOT EXISTS test (remembered per query text)."""
    found: set[str] = set()
    frames: list[dict] = []  # one per open parenthesis: its first words, whether it is a test
    pending_as = False
    for kind, value, _ in tokens(text):
        if kind == "comment" or value.isspace():
            continue
        if kind == "other" and value == "(":
            frames.append({"words": [], "test": False})
        elif kind == "other" and value == ")":
            if frames:
                frames.pop()
        elif kind == "word" and value.upper() == "AS":
            pending_as = True
            continue
        elif kind == "var" and pending_as and frames and frames[-1]["test"]:
            found.add(value[1:])
        elif frames and len(frames[-1]["words"]) < 2:
            frame = frames[-1]
            frame["words"].append(value.upper())
            frame["test"] = frame["test"] or frame["words"] in (["EXISTS"], ["NOT", "EXISTS"])
        pending_as = False
    return frozenset(found)


def as_booleans(table, columns: frozenset[str]):
    """The table with a numeric 1 or 0 in a boolean column read as true or false; other results
    unchanged."""
    names = [name for name in getattr(table, "variables", ()) if name in columns]
    for row in table.rows if names else ():
        for name in names:
            value = row.get(name)
            if isinstance(value, ox.Literal) and value.datatype.value in _NUMBERS \
                    and value.value.strip() in ("0", "1"):
                row[name] = ox.Literal("true" if value.value.strip() == "1" else "false", datatype=BOOLEAN)
    return table
