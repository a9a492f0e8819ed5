"""Building a large graph straight into its cache entry: an Oxigraph store on disk.

The inputs are bulk loaded into a fresh folder of the cache, the closure is reasoned inside the
store (reasoning/bulk.py), the store is closed and moved into place, and the name index is built
from it while the store's files are checksummed (cache.commit_store). Nothing is copied from
memory to disk, and the graph never has to fit in memory. A build that fails leaves no entry: its
folder is removed here, or by the next build once its process is gone.
"""

from __future__ import annotations

import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from aigraph import __version__, cache
from aigraph.progress import Progress


def build_on_disk(cls, key: str, inputs: list[tuple[str, Path]], progress: Progress,
                  warn: Callable[[str], None]):
    """The graph, built into the cache under `key` and opened from there; None, with a warning,
    when the cache cannot be written (the caller builds in memory)."""
    from aigraph.build.graph import cannot_cache

    try:
        temp = cache.new_store(key)
    except OSError as error:
        warn(cannot_cache(error))
        return None
    try:
        files, quads = _fill(cls, temp, inputs, progress)
        progress.step("caching")
        cache.commit_store(key, temp, {"version": __version__, "quads": quads, "files": files},
                           alongside=lambda folder: _index(folder, key))
    except OSError as error:
        warn(cannot_cache(error))
        return None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    entry = cache.load(key)
    if entry is None or entry[0] is None:
        return None  # removed meanwhile by a concurrent build's pruning: built again in memory
    return cls(entry[0], entry[1]["files"], key=key)


def _fill(cls, temp: Path, inputs, progress: Progress) -> tuple[list[dict], int]:
    """Build into a store in `temp` and close it; the files' records and the quad count."""
    store = ox.Store(str(temp))
    try:
        graph = cls.build(inputs, progress, store)
    except BaseException as error:  # the store closed before its folder goes, not when collected
        traceback.clear_frames(error.__traceback__)
        del store
        raise
    files, quads = graph.files, len(store)
    store.flush()
    del graph, store  # closed: only then may its folder move
    return files, quads


def _index(folder: Path, key: str) -> None:
    """The name and text index (find/index.py), from the store in its place; a failure only leaves
    the index to be built when first needed."""
    import contextlib

    from aigraph.find.index import file_for, save

    with contextlib.suppress(Exception):  # whatever went wrong happens again, visibly, on first use
        save(ox.Store.read_only(str(folder)), file_for(key))
