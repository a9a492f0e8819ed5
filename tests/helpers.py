"""Helpers several test modules share."""

from __future__ import annotations

from aigraph.namespaces import sparql_prologue

SPARQL_PREFIXES = sparql_prologue()  # PREFIX lines for every project prefix


def replace_block(text: str, marker: str, body: str) -> str:
    """The text with what stands between <!-- marker:start --> and <!-- marker:end --> replaced."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    before, rest = text.split(start, 1)
    return f"{before}{start}\n{body}{end}{rest.split(end, 1)[1]}"
