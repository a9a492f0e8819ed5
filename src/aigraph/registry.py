"""The extension points: each name a user can choose, mapped to the function that does it.

A function is named as "module:attribute" and imported when first used, so click builds its choices
from these names without importing anything heavy, and no list of names is kept twice (the idea of
rdflib's plugin.register, without the machinery).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from aigraph.errors import BadOption

if TYPE_CHECKING:
    from aigraph.stores.kinds import StoreKind

T = TypeVar("T")


class Registry(Generic[T]):
    """The named implementations of one extension point."""

    def __init__(self, what: str, entries: dict[str, str]):
        self.what = what
        self._entries = entries

    def names(self) -> tuple[str, ...]:
        """Every name, in the order given."""
        return tuple(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def get(self, name: str) -> T:
        """The implementation of a name; an unknown name is a one-line error listing the others."""
        if name not in self._entries:
            raise BadOption(f"unknown {self.what} {name!r} (use one of {', '.join(self._entries)})")
        module, _, attribute = self._entries[name].partition(":")
        return cast(T, getattr(import_module(module), attribute))


ROW_FORMATS: Registry[Callable[..., str]] = Registry("output format", {
    "table": "aigraph.render.terminal:text_table",
    "record": "aigraph.render.terminal:record",
    "csv": "aigraph.render.output:csv_table",
    "tsv": "aigraph.render.output:tsv_table",
    "json": "aigraph.render.output:json_table",
    "md": "aigraph.render.output:markdown_table",
})

EXPORT_FORMATS: Registry[Callable[[Any, bool], bytes]] = Registry("export format", {
    "turtle": "aigraph.export:turtle",
    "json-ld": "aigraph.export:json_ld",
    "nt": "aigraph.export:n_triples",
    "nq": "aigraph.export:n_quads",
    "trig": "aigraph.export:trig",
    "xml": "aigraph.export:rdf_xml",
})

REPORT_FORMATS: Registry[Callable[[Any], str]] = Registry("report format", {
    "text": "aigraph.render.validation_output:text",
    "json": "aigraph.render.validation_output:json_report",
    "turtle": "aigraph.render.validation_output:turtle",
})

STORE_KINDS: Registry[StoreKind] = Registry("store kind", {
    "oxigraph": "aigraph.stores.kinds:OXIGRAPH",
    "fuseki": "aigraph.stores.kinds:FUSEKI",
    "graphdb": "aigraph.stores.kinds:GRAPHDB",
    "virtuoso": "aigraph.stores.kinds:VIRTUOSO",
})


def default_row_format(rows: int | None = None) -> str:
    """A table for a person at a terminal (a record for a single row), CSV for a program reading a pipe."""
    if not on_terminal():
        return "csv"
    return "record" if rows == 1 else "table"


def on_terminal() -> bool:
    """True when standard output is a terminal (a person reads it), False for a pipe or a file."""
    return sys.stdout.isatty()
