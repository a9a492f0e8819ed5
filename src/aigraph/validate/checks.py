"""Checks: `queries/checks/*-violation.rq`, queries whose every row is a problem.

Each row names the ?entity at fault and a ?message explaining the problem, optionally with the
?property and ?value involved. The `owl-*` checks are OWL consistency rules (owlrl only notes an
inconsistency in blank-node error messages, which reasoning drops); the others are integrity checks.
Both run over the OWL RL closure (or the asserted triples with --asserted). Checks are not stored
queries: `aigraph queries` does not list them; `aigraph validate` runs them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from aigraph.errors import AigraphError
from aigraph.namespaces import shorten
from aigraph.queries import catalog
from aigraph.queries.sparql_text import variables
from aigraph.validate.violation import Violation

REQUIRED = ("entity", "message")
_IRI = re.compile(r"<([^<>\s]+)>")
CONSISTENCY_PREFIX = "owl-"


def folder(queries: Path) -> Path:
    """Where a home's checks live."""
    return queries / "checks"


def files(queries: Path) -> list[Path]:
    """The home's check files, sorted."""
    return sorted(folder(queries).glob("*-violation.rq"))


def load(queries: Path) -> list[catalog.StoredQuery]:
    """Every check of the home, parsed and checked."""
    checks = [catalog.parse(path) for path in files(queries)]
    for check in checks:
        missing = [name for name in REQUIRED if name not in variables(check.text)]
        if missing:
            raise AigraphError(f"{check.path}: a check must select "
                               f"{' and '.join('?' + name for name in missing)}")
    return checks


def kind(check: catalog.StoredQuery) -> str:
    """'consistency' for an OWL rule, 'integrity' for any other check."""
    return "consistency" if check.name.startswith(CONSISTENCY_PREFIX) else "integrity"


def run(graph, checks: list[catalog.StoredQuery], asserted: bool = False) -> list[Violation]:
    """The rows of every check, as violations."""
    found = []
    for check in checks:
        try:
            solutions = graph.query(check.text, asserted)
        except OSError as error:
            raise AigraphError(f"{check.path}: {' '.join(str(error).split())}") from None
        assert isinstance(solutions, ox.QuerySolutions), check.path  # load() saw the ?entity column
        names = {variable.value for variable in solutions.variables}
        for row in solutions:
            optional = {name: term.value for name in ("property", "value")
                        if name in names and (term := row[name]) is not None}
            entity, message = row["entity"], row["message"]
            if entity is None or message is None:
                raise AigraphError(f"{check.path}: a row leaves ?entity or ?message unbound")
            found.append(Violation(kind(check), entity.value, _curies(message.value), check.name, **optional))
    return found


def _curies(message: str) -> str:
    """The message with each <IRI> that has a project prefix written as a CURIE."""
    return _IRI.sub(lambda found: curie if (curie := shorten(found[1])) != found[1] else found[0], message)
