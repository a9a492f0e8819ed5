"""Validation reports remembered by the content of everything they depend on.

A report is kept as JSON in the cache folder (`validation/KEY.json`), keyed by the package version,
the reasoner, the --asserted choice and the content of every input: the ontology, the bundled data,
the user's files, the shapes and the integrity checks. Validating unchanged inputs again reads it
back instead of building the graph and running the shapes. A corrupt or unreadable entry is ignored;
a cache that cannot be written is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import __version__, cache, integrity
from .graph import input_files
from .reasoning import reasoner
from .sources import turtle_files

KEEP = 8  # reports kept; older ones are removed when a new one is written


def key(aigraph) -> str:
    """The hash of what a validation of this Aigraph depends on."""
    home = aigraph.home
    inputs = input_files(home, aigraph.data)
    inputs += [("shapes", path) for path in turtle_files(home.shapes)]
    inputs += [("check", path) for path in sorted(integrity.folder(home.queries).glob("*-violation.rq"))]
    return cache.input_key(f"{__version__} {reasoner()} validate asserted={aigraph.asserted}", inputs)


def load(entry_key: str) -> dict | None:
    """The remembered report record, or None."""
    try:
        record = json.loads(_path(entry_key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def save(entry_key: str, record: dict) -> None:
    """Remember a report record; silently skipped when the cache cannot be written."""
    from .atomic import write_bytes

    path = _path(entry_key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, json.dumps(record).encode())
        for stale in sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def _path(entry_key: str) -> Path:
    return cache.cache_dir() / "validation" / f"{entry_key}.json"
