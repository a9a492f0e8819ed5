"""The SPARQL aigraph runs for itself (describe, lookups, the web pages), shipped as .rq files in the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent / "sparql"


@cache
def internal_query(name: str) -> str:
    """The text of sparql/NAME.rq."""
    return (FOLDER / f"{name}.rq").read_text(encoding="utf-8")
