"""Where the ontology, shapes, data and queries live: the installed package, a checkout, or --home."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from aigraph.errors import AigraphError

FOLDERS = ("ontology", "shapes", "data", "queries")


class Home(NamedTuple):
    """A tree with the four folders aigraph reads."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def queries(self) -> Path:
        return self.root / "queries"


def _bundled_root() -> Path:
    packaged = Path(__file__).parent / "home"
    if (packaged / "queries").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]  # a source checkout: src/aigraph/ -> repo root


def find_home(explicit: str | os.PathLike | None = None) -> Home:
    """The home named by the argument, else AIGRAPH_HOME, else the bundled one."""
    chosen = explicit or os.environ.get("AIGRAPH_HOME")
    root = Path(chosen).expanduser().resolve() if chosen else _bundled_root()
    missing = [name for name in FOLDERS if not (root / name).is_dir()]
    if missing:
        raise AigraphError(f"{root}: not an aigraph home (missing folder(s): {', '.join(missing)})")
    return Home(root)


def checkout_around(start: str | os.PathLike) -> Home | None:
    """The aigraph checkout holding `start` (it or a parent with pyproject.toml naming the project
    and the four folders), or None."""
    for folder in [Path(start).resolve(), *Path(start).resolve().parents]:
        project = folder / "pyproject.toml"
        if project.is_file() and all((folder / name).is_dir() for name in FOLDERS):
            try:
                text = project.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if 'name = "aigraph"' in text:
                return Home(folder)
    return None
