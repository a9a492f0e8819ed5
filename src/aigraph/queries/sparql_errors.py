"""Plain words for the SPARQL a user cannot run here: updates, and prefixes nobody declared."""

from __future__ import annotations

import re

from aigraph.errors import AigraphError
from aigraph.namespaces import PREFIXES
from aigraph.queries.sparql_text import tokens

UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_PROLOGUE = ("PREFIX", "BASE")
_POSITION = re.compile(r"error at (\d+):(\d+)")


def refuse_update(text: str, where: str) -> None:
    """A SPARQL Update is a one-line error: the graph is read-only here."""
    significant = [(kind, value) for kind, value, _ in tokens(text) if kind != "comment" and not value.isspace()]
    i = 0
    while i < len(significant) and significant[i][1].upper() in _PROLOGUE:  # PREFIX p: <iri> / BASE <iri>
        i += 1
        while i < len(significant) and significant[i][0] != "iri":
            i += 1
        i += 1
    first = significant[i][1].upper() if i < len(significant) else None
    if first in UPDATES:
        raise AigraphError(f"{where}: SPARQL updates ({first}) are not supported; "
                           "aigraph answers SELECT, ASK, CONSTRUCT and DESCRIBE queries")


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes the text uses (`foo:bar`) that neither the project nor the text declares."""
    seen = list(tokens(text))
    declared = set(PREFIXES)
    used: list[str] = []
    for i, (kind, value, _) in enumerate(seen[:-1]):
        if kind == "word" and seen[i + 1][1] == ":":
            if i > 0 and seen[i - 1][0] == "word" and seen[i - 1][1].upper() == "PREFIX":
                declared.add(value)
            elif value not in used:
                used.append(value)
    return [name for name in used if name not in declared]


def explain(text: str, message: str, where: str) -> str:
    """A one-line message for a query that does not parse: the unknown prefix when that is the
    cause, else the parser's own words on one line."""
    if "Prefix not found" in message:
        unknown = undeclared_prefixes(text)
        if unknown:
            at = _POSITION.search(message)
            place = f" (line {at.group(1)})" if at else ""
            return (f"{where}: unknown prefix {unknown[0]}:{place}; declare it with PREFIX or use one of "
                    f"{', '.join(sorted(PREFIXES))}")
    return f"{where}: invalid SPARQL: {' '.join(message.split())}"
