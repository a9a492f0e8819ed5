"""Helpers several test modules share."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import pytest
from rdflib import Graph

from aigraph.namespaces import sparql_prologue

SPARQL_PREFIXES = sparql_prologue()  # PREFIX lines for every project prefix


def parsed(paths: Iterable[Path]) -> Graph:
    """One rdflib graph of the Turtle files."""
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def missing(reason: str) -> NoReturn:
    """A real component (or the deck) a test needs is not here: fail in CI, which must provide it
    (.ci/run installs it), else skip."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI must provide it: see .ci/run)")
    pytest.skip(reason)


def replace_block(text: str, marker: str, body: str) -> str:
    """The text with what stands between <!-- marker:start --> and <!-- marker:end --> replaced."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    before, rest = text.split(start, 1)
    return f"{before}{start}\n{body}{end}{rest.split(end, 1)[1]}"
