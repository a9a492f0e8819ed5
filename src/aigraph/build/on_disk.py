"""Caching a large graph as an Oxigraph store on disk, streamed there without a copy in Python.

The graph is built and reasoned in memory (reasoning/bulk.py: inside Oxigraph, no term of the
data becomes a Python object), then streamed by Oxigraph into a store in a fresh folder of the
cache (N-Quads through a file, bulk loaded: no Python object per quad, no second copy in memory),
which is closed and moved into place. The name index is built from the store in memory (reading
it there costs a fifth of reading it from disk) while Oxigraph writes the N-Quads, and moved into
place with the store. A build that fails leaves no entry: its files are removed here, or by the
next build once its process is gone.
"""

from __future__ import annotations

import contextlib
import shutil
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
    index = temp.parent / f"{temp.name}.index.part"
    try:
        files, quads = _fill(cls, temp, index, inputs, progress)
        progress.step("caching")
        cache.commit_store(key, temp, {"version": __version__, "quads": quads, "files": files},
                           alongside=lambda folder: _place_index(index, key))
    except OSError as error:
        warn(cannot_cache(error))
        return None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        index.unlink(missing_ok=True)
    entry = cache.load(key)
    if entry is None or entry[0] is None:
        return None  # removed meanwhile by a concurrent build's pruning: built again in memory
    return cls(entry[0], entry[1]["files"], key=key)


def _fill(cls, temp: Path, index: Path, inputs, progress: Progress) -> tuple[list[dict], int]:
    """Build in memory (Oxigraph queries a store in memory several times faster than one on disk,
    and the closure is many queries), index it into the file `index` while it is dumped, then
    stream it, as N-Quads through a file, into a store on disk in `temp`, which is closed; the
    files' records and the quad count."""
    import os

    from aigraph.build.graph import index_beside

    graph = cls.build(inputs, progress)
    files, quads = graph.files, len(graph.store)
    _trim()  # what reasoning freed, before the index adds to the store in memory
    dump = temp.parent / f"{temp.name}.nq.part"
    try:
        indexing = index_beside(graph.store, index)
        try:
            graph.store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        finally:
            indexing.join()
        del graph  # the store in memory is freed before the one on disk fills
        _trim()
        store = ox.Store(str(temp))
        _write(store, dump)
        store.flush()
        del store  # closed: only then may its folder move
    finally:
        with contextlib.suppress(OSError):
            os.unlink(dump)
    return files, quads


# bytes of N-Quads per bulk load: at 1M triples, 128 MB loads peak at 1.1 GB and 64 MB loads at 0.9 GB
# in the same wall time (with 6% more CPU: each load after the first is ingested into a non-empty
# store); 32 MB loads peak at 0.3 GB and take 2x as long
CHUNK = 64 << 20


def _trim() -> None:
    """Give the memory the freed store held back to the system (glibc keeps it otherwise, and the
    bulk loads would add to it)."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _write(store: ox.Store, dump: Path) -> None:
    """Bulk load the N-Quads file a chunk at a time, the quads with a blank node in one load of their
    own (each load names blank nodes afresh: one node must not become two)."""
    blank: list[bytes] = []
    chunk: list[bytes] = []
    size = 0
    with dump.open("rb") as lines:
        for line in lines:
            if b"_:" in line:
                blank.append(line)
                continue
            chunk.append(line)
            size += len(line)
            if size >= CHUNK:
                store.bulk_load(b"".join(chunk), format=ox.RdfFormat.N_QUADS)
                chunk, size = [], 0
    for part in (chunk, blank):
        if part:
            store.bulk_load(b"".join(part), format=ox.RdfFormat.N_QUADS)


def _place_index(index: Path, key: str) -> None:
    """Move the index built beside the store into place, once the store is in place."""
    import os

    from aigraph.find.index import file_for

    with contextlib.suppress(FileNotFoundError):  # not built: it is built when first needed
        os.replace(index, file_for(key))
