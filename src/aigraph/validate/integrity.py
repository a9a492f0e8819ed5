"""Integrity checks: `queries/checks/*-violation.rq`, queries that return no rows on a sound graph.

Each row names the ?entity at fault and a ?message explaining the problem, optionally with the
?property and ?value involved. The checks are not stored queries: `aigraph queries` does not list
them; `aigraph validate` runs them.
"""

from __future__ import annotations

from pathlib import Path

from aigraph.errors import AigraphError
from aigraph.queries import catalog
from aigraph.queries.sparql_text import variables
from aigraph.validate.violation import Violation

REQUIRED = ("entity", "message")


def folder(queries: Path) -> Path:
    """Where a home's integrity checks live."""
    return queries / "checks"


def load(queries: Path) -> list[catalog.StoredQuery]:
    """Every integrity check of the home, parsed and checked."""
    checks = [catalog.parse(path) for path in sorted(folder(queries).glob("*-violation.rq"))]
    for check in checks:
        missing = [name for name in REQUIRED if name not in variables(check.text)]
        if missing:
            raise AigraphError(f"{check.path}: an integrity check must select "
                               f"{' and '.join('?' + name for name in missing)}")
    return checks


def run(graph, checks: list[catalog.StoredQuery], asserted: bool = False) -> list[Violation]:
    """The rows of every check, as violations."""
    found = []
    for check in checks:
        try:
            solutions = graph.query(check.text, asserted)
        except OSError as error:
            raise AigraphError(f"{check.path}: {' '.join(str(error).split())}") from None
        names = {variable.value for variable in solutions.variables}
        for row in solutions:
            optional = {name: row[name].value for name in ("property", "value")
                        if name in names and row[name] is not None}
            found.append(Violation("integrity", row["entity"].value, row["message"].value,
                                   check.name, **optional))
    return found

